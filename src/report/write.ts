// Writes the report files. The JSON is the contract; the HTML is rendered from it alone.
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CheckRecord, SessionMode } from '../checks/types';
import type { ConformanceReport, RunInfo } from './model';
import { renderHtml } from './html';
import { redactDeep, redactionPolicy } from './redact';

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

/** Written by Playwright's junit reporter (playwright.config.ts), each test's requirement and level as properties. */
export const REPORT_JUNIT = 'junit.xml';
/** Playwright's own HTML report. */
export const REPORT_PLAYWRIGHT = 'playwright';

// Evidence is redacted where it is recorded; this second pass catches whatever was built from
// raw text elsewhere (messages, received answers) before it reaches a file.
export function writeRecords(dir: string, records: CheckRecord[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, RECORDS_JSON), `${JSON.stringify(redactDeep(records, redactionPolicy()), null, 2)}\n`);
}

export function writeReports(dir: string, raw: ConformanceReport): void {
  mkdirSync(dir, { recursive: true });
  const report = redactDeep(raw, redactionPolicy({ sessionMode: raw.sessionMode }));
  writeFileSync(join(dir, REPORT_JSON), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, REPORT_HTML), renderHtml(report, { reportJson: join(dir, REPORT_JSON) }));
}

export function readReport(dir: string): ConformanceReport {
  return JSON.parse(readFileSync(join(dir, REPORT_JSON), 'utf8')) as ConformanceReport;
}
