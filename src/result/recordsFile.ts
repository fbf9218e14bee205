// The records of a run's checks, as one file in the report directory: the engine writes it (in
// Playwright's runner process), Playwright's tests render it, certify composes the one result from
// it, and `merge` combines the shards' files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckRecord } from '../checks/types';
import type { Traffic } from './model';

export const RECORDS_JSON = 'check-records.json';

export interface RecordsFile {
  /** The engine's time from the first check's start to the last one's end (the benchmark's denominator). */
  casePhaseMs?: number;
  /** What the engine's pool saw (the check before judging's one request aside). */
  traffic?: Traffic;
  records: CheckRecord[];
}

export function writeRecordsFile(dir: string, file: RecordsFile): void {
  writeFileSync(join(dir, RECORDS_JSON), `${JSON.stringify(file, null, 2)}\n`);
}

export function readRecordsFile(dir: string): RecordsFile | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, RECORDS_JSON), 'utf8')) as RecordsFile;
  } catch {
    return undefined;
  }
}

/** The variable that carries the records of checks certify ran before Playwright (the check before judging) to the engine. */
export const EARLIER_RECORDS_VARIABLE = 'CONFORMANCE_RUN_EARLIER';
