// certify: the report directory first, then the check before judging, then every other check in
// Playwright's processes, then the one result, composed once and rendered to every output, and
// its verdict as the exit code: 0 conformant, 1 non-conformant, 2 inconclusive.
import { spawn } from 'node:child_process';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type http from 'node:http';
import { preflightCheck, runWideChecks } from '../checks';
import type { CheckRecord } from '../checks/types';
import { close, createReferenceServer, listen } from '../reference/server';
import { compareWithBaseline, readBaseline } from '../result/baseline';
import { composeReport } from '../result/compose';
import type { ConformanceReport } from '../result/model';
import { existsSync } from 'node:fs';
import { REPORT_HTML, REPORT_JSON, REPORT_JUNIT, REPORT_MARKDOWN, REPORT_PLAYWRIGHT, prepareReportDir, writeOutputs } from '../report/write';
import { EARLIER_RECORDS_VARIABLE, readRecordsFile, writeRecordsFile, type RecordsFile } from '../result/recordsFile';
import { runSelectedChecks } from '../runner/globalSetup';
import { redactDeep, redactText } from '../evidence/redact';
import { hintLines, summaryLines, wrap } from '../report/terminal';
import { runCaseCheck } from '../runner/engine';
import { SendPool } from '../runner/pool';
import { bulkTransport } from '../runner/transports';
import { policyOf, recorderOf, SETTINGS_VARIABLE, settingsForChild, type Settings, type SettingsDraft } from '../settings';
import { publishToGithub } from './github';
import { playwrightConfig, packageRoot, suiteVersion } from './paths';

export const EXIT = { conformant: 0, 'non-conformant': 1, inconclusive: 2 } as const;

export interface Io {
  say(line: string): void;
  env: NodeJS.ProcessEnv;
}

async function runPreflight(settings: Settings): Promise<CheckRecord> {
  const transport = bulkTransport(settings, 1);
  try {
    const pool = new SendPool({ concurrency: 1, mode: 'fixed', patienceMs: settings.throttlePatienceMs });
    return await runCaseCheck(preflightCheck, {
      settings,
      transports: { bulk: transport },
      recorder: recorderOf(settings),
      runWide: runWideChecks,
      pool,
      deadline: Date.now() + settings.maxDurationMs,
    });
  } finally {
    await transport.close();
  }
}

/**
 * Where the checks after the check before judging run: Playwright's processes, as a user's certify
 * runs them, or this process (the mutation score certifies a hundred implementations, and the
 * processes' start-up would be most of its time). Either way the engine is the same, and so is
 * everything certify does before and after.
 */
export interface Host {
  run(settings: Settings, earlier: CheckRecord[], io: Io): Promise<{ file?: RecordsFile; failure?: string }>;
}

export const playwrightHost: Host = {
  async run(settings, earlier, io) {
    const exit = await runPlaywright(settings, earlier, io.env);
    const file = readRecordsFile(resolve(settings.reportDir));
    if (file) return { file };
    const why = exit.signal ? `were stopped (${exit.signal})` : `exited ${exit.code} without writing their records`;
    return { failure: `The suite's Playwright processes ${why}, so the run could not judge the target; the output above says why.` };
  },
};

export const inProcessHost: Host = {
  async run(settings, earlier, io) {
    return { file: await runSelectedChecks(settings, earlier, io.say) };
  },
};

/** Runs the suite's Playwright processes; resolves when they are done, with why they broke off if they did. */
function runPlaywright(settings: Settings, earlier: CheckRecord[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const cli = require.resolve('@playwright/test/cli');
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    [SETTINGS_VARIABLE]: settingsForChild(settings),
    [EARLIER_RECORDS_VARIABLE]: JSON.stringify(earlier),
    // Playwright's request context trusts the system's authorities and these (--ca-cert).
    ...(settings.caCertFile ? { NODE_EXTRA_CA_CERTS: resolve(settings.caCertFile) } : {}),
    // Two malloc arenas, not one per thread: −24 MB at the run's peak, at no cost in time.
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
  };
  return new Promise((done, fail) => {
    // A young generation of 4 MB a semi-space (the worker inherits it): −52 MB at the run's peak,
    // in time within the run-to-run spread (BENCHMARKS.md, the memory floor).
    const child = spawn(process.execPath, ['--max-semi-space-size=4', cli, 'test', '--config', playwrightConfig()], { cwd: packageRoot(), env: childEnv, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code, signal) => done({ code, signal }));
  });
}

function finish(report: ConformanceReport, settings: Settings, io: Io): number {
  const dir = resolve(settings.reportDir);
  const written = writeOutputs(dir, report, policyOf(settings));
  publishToGithub(written, join(dir, REPORT_JSON), io.env, io.say);
  // Paths as the user would type them: relative to where certify runs, when they are under it.
  const shown = (name: string) => {
    const path = relative(process.cwd(), join(dir, name));
    return path === '' || path.startsWith('..') || isAbsolute(path) ? join(dir, name) : path;
  };
  const paths = {
    json: shown(REPORT_JSON),
    html: shown(REPORT_HTML),
    junit: shown(REPORT_JUNIT),
    markdown: shown(REPORT_MARKDOWN),
    playwright: existsSync(join(dir, REPORT_PLAYWRIGHT, 'index.html')) ? shown(join(REPORT_PLAYWRIGHT, 'index.html')) : undefined,
  };
  for (const line of summaryLines(written, paths)) io.say(line);
  return written.baseline?.exitCode ?? EXIT[written.verdict];
}

export async function certify(draft: SettingsDraft, io: Io, host: Host = playwrightHost): Promise<number> {
  // What certify says in its own words is wrapped to 100 columns (the summary is laid out already).
  const tell = (line: string) => wrap(line, '').forEach((part) => io.say(part));
  const startedAt = new Date();
  // First of all: a report directory that cannot hold the reports, or a baseline that is not one,
  // is a sentence and exit 2 before any request.
  prepareReportDir(resolve(draft.reportDir), 'the report directory (--report-dir, REPORT_DIR)');
  const baseline = draft.baseline ? readBaseline(draft.baseline) : undefined;
  let reference: http.Server | undefined;
  let target = draft.target;
  if (!target) {
    // Configured credentials mean the target requires SigV4 (S7): the bundled reference verifies them.
    reference = createReferenceServer(draft.signing ? { sigv4: { ...draft.signing.credentials, region: draft.signing.region } } : {});
    target = await listen(reference);
    tell(`No target given (--target or TARGET_URL): certifying the bundled reference implementation at ${target.origin}.`);
  }
  try {
    // Paths as absolute ones: Playwright's processes run in the suite's own folder.
    const settings: Settings = {
      ...draft,
      target,
      referenceTarget: reference !== undefined,
      reportDir: resolve(draft.reportDir),
      ...(draft.caCertFile ? { caCertFile: resolve(draft.caCertFile) } : {}),
      ...(draft.baseline ? { baseline: resolve(draft.baseline) } : {}),
    };
    tell(`Certifying ${settings.target.toString()} with seed ${settings.seed} (runs ${settings.runs}); replay with --seed ${settings.seed}.`);
    if (settings.signing) tell(`Signing every request with SigV4 (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, region ${settings.signing.region}).`);
    if (settings.insecure) tell('warning: --insecure: TLS certificates are not verified.');
    const facts = (records: CheckRecord[], extra: { casePhaseMs?: number; traffic?: RecordsFile['traffic']; runFailure?: string } = {}) =>
      composeReport(records, settings, { suiteVersion: suiteVersion(), startedAt, durationMs: Date.now() - startedAt.getTime(), ...extra });
    const withBaseline = (report: ConformanceReport) => (baseline && settings.baseline ? compareWithBaseline(report, baseline, settings.baseline) : report);

    const dir = resolve(settings.reportDir);
    const before = await runPreflight(settings);
    // Said at once, not only in the summary: a user who gave the wrong URL can stop the run here.
    if (before.targetHint !== undefined) for (const line of hintLines(redactText(before.targetHint, policyOf(settings)))) io.say(line);
    if (before.stopsRun) {
      writeRecordsFile(dir, { records: redactDeep([before], policyOf(settings)) });
      return finish(withBaseline(facts([before])), settings, io);
    }

    const { file, failure } = await host.run(settings, [before], io);
    // The records file holds the whole run (merge reads it): the check before judging first.
    const records = [before, ...(file?.records ?? [])];
    writeRecordsFile(dir, { casePhaseMs: file?.casePhaseMs, traffic: file?.traffic, records: redactDeep(records, policyOf(settings)) });
    return finish(withBaseline(facts(records, { casePhaseMs: file?.casePhaseMs, traffic: file?.traffic, runFailure: failure })), settings, io);
  } finally {
    if (reference) await close(reference);
  }
}
