// The engine's place in Playwright: its global setup, in the runner process, before any test. It
// runs every selected check at once through one pool (one throttle gate for the run), prints each
// check's line as its record comes in, and writes the records for the tests to render. The tests
// then judge nothing: each shows one record (a Playwright worker restarts after a failed test, so
// nothing that must last the run may live in one).
import { runWideChecks, selectedCaseChecks } from '../checks';
import type { CheckRecord } from '../checks/types';
import { redactDeep } from '../evidence/redact';
import { paceLine, progressLine } from '../report/progress';
import { policyOf, recorderOf, settingsInChild, type Settings } from '../settings';
import { startRun } from './engine';
import { EARLIER_RECORDS_VARIABLE, writeRecordsFile, type RecordsFile } from '../result/recordsFile';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bulkTransport, fixtureTransport } from './transports';

function earlierRecords(env: NodeJS.ProcessEnv): CheckRecord[] {
  const text = env[EARLIER_RECORDS_VARIABLE];
  return text ? (JSON.parse(text) as CheckRecord[]) : [];
}

/**
 * Runs every selected check once, the check before judging's records (`earlier`) counted by the
 * run-wide checks, and returns the records, redacted; `say` gets each progress line as it comes.
 */
export async function runSelectedChecks(settings: Settings, earlier: CheckRecord[], say: (line: string) => void): Promise<RecordsFile> {
  const bulk = bulkTransport(settings);
  // Loaded here, not at the top: certify's own process imports this module without using Playwright.
  const { request } = await import('@playwright/test');
  const fixture = await fixtureTransport(settings, request, process.env);
  const started = Date.now();
  try {
    const run = startRun({
      settings,
      transports: { bulk, fixture },
      recorder: recorderOf(settings),
      checks: selectedCaseChecks(settings),
      runWide: runWideChecks,
      earlier,
      onRecord: (record, pace) => say(progressLine(record, settings.strict, pace)),
      onPace: (pace) => say(paceLine(pace)),
    });
    const records = await run.done;
    return { casePhaseMs: Date.now() - started, traffic: run.pool.stats(), records: redactDeep(records, policyOf(settings)) };
  } finally {
    await Promise.all([bulk.close(), fixture.close()]);
  }
}

export default async function globalSetup(): Promise<void> {
  const settings = settingsInChild(process.env);
  const file = await runSelectedChecks(settings, earlierRecords(process.env), (line) => process.stdout.write(`${line}\n`));
  writeRecordsFile(settings.reportDir, file);
  collectGarbage();
}

/**
 * A full collection once the engine is done. V8 collects lazily, so the runner would keep the
 * engine's garbage resident while the worker renders the records: the run's peak, when all three
 * processes are alive. Collecting here gives back about 30 MB of it (BENCHMARKS.md, the memory floor).
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
