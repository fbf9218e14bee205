// Writes the report files. The JSON is the contract; the HTML is rendered from it alone.
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CheckRecord, SessionMode } from '../checks/types';
import type { ConformanceReport, RunInfo } from './model';
import { renderHtml } from './html';

export const REPORT_JSON = 'conformance.json';
export const REPORT_HTML = 'conformance.html';
/** The raw check records, kept so shards can be merged into one report. */
export const RECORDS_JSON = 'check-records.json';

export function reportDir(env: NodeJS.ProcessEnv): string {
  return resolve(env.REPORT_DIR || 'reports');
}

export function suiteVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Run facts the CLI exported for the reporter (CONFORMANCE_* variables). */
export function runInfoFromEnv(env: NodeJS.ProcessEnv, durationMs: number): RunInfo {
  const startedAt = env.CONFORMANCE_STARTED_AT ?? new Date(Date.now() - durationMs).toISOString();
  return {
    target: env.TARGET_URL ?? '',
    seed: Number(env.CONFORMANCE_SEED ?? 0),
    suiteVersion: suiteVersion(),
    startedAt,
    durationMs: Date.now() - Date.parse(startedAt),
    sessionMode: (env.SESSION_MODE as SessionMode | undefined) ?? 'any',
    profile: (env.CONFORMANCE_PROFILE ?? '').split(',').filter(Boolean),
    strict: env.STRICT === '1' || env.STRICT === 'true',
    transport: env.TRANSPORT === 'playwright' ? 'playwright' : 'http',
    preflightRequests: Number(env.CONFORMANCE_PREFLIGHT_REQUESTS ?? 0),
  };
}

export function writeRecords(dir: string, records: CheckRecord[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, RECORDS_JSON), `${JSON.stringify(records, null, 2)}\n`);
}

export function writeReports(dir: string, report: ConformanceReport): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, REPORT_JSON), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, REPORT_HTML), renderHtml(report));
}

export function readReport(dir: string): ConformanceReport {
  return JSON.parse(readFileSync(join(dir, REPORT_JSON), 'utf8')) as ConformanceReport;
}
