// Runs checks as certify does (the check before judging, then every selected check at once through
// one pool, then the run-wide checks, then the verdict), in this process and without Playwright:
// how the self-tests prove what a check judges against a server, in seconds.
import type { CheckRecord } from '../../src/checks/types';
import { preflightCheck, runWideChecks, selectedCaseChecks } from '../../src/checks';
import { composeReport } from '../../src/result/compose';
import type { ConformanceReport } from '../../src/result/model';
import { runCaseCheck, startRun } from '../../src/runner/engine';
import { SendPool } from '../../src/runner/pool';
import { bulkTransport } from '../../src/runner/transports';
import { defaults, recorderOf, type Settings } from '../../src/settings';
import type { Transport } from '../../src/transport/types';

export function settingsFor(target: URL, overrides: Partial<Settings> = {}): Settings {
  return {
    target,
    referenceTarget: false,
    seed: 424242,
    runs: 60,
    timeoutMs: defaults.timeoutMs,
    concurrency: defaults.concurrency,
    concurrencyMode: defaults.concurrencyMode,
    maxDurationMs: 120_000,
    throttlePatienceMs: 60_000,
    strict: false,
    sessionMode: 'any',
    profile: [],
    transport: 'http',
    only: [],
    probeThrottling: false,
    headers: {},
    insecure: false,
    reportDir: '/nonexistent-report-dir',
    command: 'npx stop-cis-session-conformance certify',
    ...overrides,
  };
}

export interface EngineRun {
  report: ConformanceReport;
  records: CheckRecord[];
  durationMs: number;
  /** Requirement ids with a failed check (MUST failures and SHOULD warnings). */
  failedIds: string[];
  record(name: string): CheckRecord;
}

export async function runEngine(target: URL, overrides: Partial<Settings> = {}, fixture?: Transport): Promise<EngineRun> {
  const settings = settingsFor(target, overrides);
  const started = Date.now();
  const bulk = bulkTransport(settings);
  const recorder = recorderOf(settings);
  let records: CheckRecord[];
  try {
    const before = await runCaseCheck(preflightCheck, { settings, transports: { bulk }, recorder, runWide: runWideChecks, pool: new SendPool({ concurrency: 1, mode: 'fixed', patienceMs: settings.throttlePatienceMs }), deadline: Date.now() + settings.maxDurationMs });
    records = before.stopsRun ? [before] : [before, ...(await startRun({ settings, transports: { bulk, fixture }, recorder, checks: selectedCaseChecks(settings), runWide: runWideChecks, earlier: [before] }).done)];
  } finally {
    await bulk.close();
  }
  const durationMs = Date.now() - started;
  const report = composeReport(records, settings, { suiteVersion: 'test', startedAt: new Date(started), durationMs });
  return {
    report,
    records,
    durationMs,
    failedIds: [...new Set(report.checks.filter((c) => c.status === 'failed').map((c) => c.id))],
    record(name) {
      const found = records.find((r) => r.name === name);
      if (!found) throw new Error(`no record of ${name}; records: ${records.map((r) => r.name).join(', ')}`);
      return found;
    },
  };
}
