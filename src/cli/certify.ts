// `npm run certify`: certifies TARGET_URL (or --target), or the bundled reference implementation
// when none is given. Exit 0 conformant, 1 non-conformant, 2 inconclusive.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { randomInt } from 'node:crypto';
import type http from 'node:http';
import dotenv from 'dotenv';
import { checkBudgetFor, UsageError } from '../runner/settings';
import type { Settings } from '../checks/types';
import { httpTransport } from '../transport/httpTransport';
import { signedIfConfigured } from '../transport/sigv4Transport';
import { signingFromEnv } from '../runner/credentials';
import { composeReport, type ConformanceReport, type RunInfo } from '../report/model';
import { readReport, REPORT_JSON, REPORT_HTML, REPORT_JUNIT, REPORT_PLAYWRIGHT, suiteVersion, writeRecords, writeReports } from '../report/write';
import { createReferenceServer, listen, close } from '../reference/server';
import { helpText, parseCertifyArgs, type CertifyOptions } from './args';
import { preflight } from './preflight';
import { replay } from './replay';
import { configureRedaction } from '../report/redact';

export const EXIT = { conformant: 0, 'non-conformant': 1, inconclusive: 2 } as const;
const packageRoot = resolve(__dirname, '..', '..');

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function settingsOf(options: CertifyOptions, target: URL, seed: number): Settings {
  return {
    target,
    seed,
    runs: options.runs,
    timeoutMs: options.timeoutMs,
    checkBudgetMs: checkBudgetFor(options.timeoutMs),
    strict: options.strict,
    sessionMode: options.sessionMode,
    allowEmptyObject: options.profile.includes('allow-empty-object'),
  };
}

function runInfo(options: CertifyOptions, settings: Settings, startedAt: Date, preflightRequests: number, inconclusiveReason?: string): RunInfo {
  return {
    target: settings.target.toString(),
    seed: settings.seed,
    suiteVersion: suiteVersion(),
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    sessionMode: settings.sessionMode,
    profile: options.profile,
    strict: options.strict,
    transport: options.transport,
    preflightRequests,
    inconclusiveReason,
  };
}

/** The --only list as a Playwright --grep over the tests' tags (@M3, @validRequestAccepted). */
function grepFor(only: string[]): string[] {
  if (only.length === 0) return [];
  const escaped = only.map((item) => `@${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`);
  return ['--grep', escaped.join('|')];
}

function runSuites(options: CertifyOptions, settings: Settings, reportDir: string, startedAt: Date, preflightRequests: number): Promise<number | null> {
  const cli = require.resolve('@playwright/test/cli');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TARGET_URL: settings.target.toString(),
    REPORT_DIR: reportDir,
    CONFORMANCE_SEED: String(settings.seed),
    CONFORMANCE_RUNS: String(settings.runs),
    CONFORMANCE_TIMEOUT_MS: String(settings.timeoutMs),
    CONFORMANCE_STARTED_AT: startedAt.toISOString(),
    CONFORMANCE_PREFLIGHT_REQUESTS: String(preflightRequests),
    CONFORMANCE_PROFILE: options.profile.join(','),
    STRICT: options.strict ? '1' : '0',
    SESSION_MODE: settings.sessionMode,
    TRANSPORT: options.transport,
    PROBE_THROTTLING: options.probeThrottling ? '1' : '0',
    // Playwright transpiles TypeScript except under node_modules; installed as a package, the
    // suite's own files are there, so its processes load tsx (a dependency) to read them.
    ...(packageRoot.split(sep).includes('node_modules') ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim() } : {}),
  };
  const shard = options.shard ? ['--shard', `${options.shard.index}/${options.shard.total}`] : [];
  if (options.shard) env.CONFORMANCE_SHARD = `${options.shard.index}/${options.shard.total}`;
  const args = [cli, 'test', '--config', join(packageRoot, 'playwright.config.ts'), ...grepFor(options.only), ...shard];
  return new Promise((resolveExit, reject) => {
    const child = spawn(process.execPath, args, { cwd: packageRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolveExit(code));
  });
}

function printSummary(report: ConformanceReport, reportDir: string): void {
  say('');
  for (const check of report.checks.filter((c) => c.status === 'failed')) {
    const f = check.failure;
    say(`${check.level === 'MUST' ? 'FAIL' : 'WARN'} ${check.id} ${check.level} ${check.title}`);
    if (f) {
      say(`     ${f.title}${f.caseDescription ? ` (${f.caseDescription})` : ''}`);
      say(`     expected ${f.expected}; received ${f.received}`);
      say(`     ${f.curl.length > 600 ? `${f.curl.slice(0, 600)}…` : f.curl}`);
    }
  }
  for (const check of report.checks.filter((c) => c.error)) say(`COULD NOT JUDGE ${check.id} ${check.title}: ${check.error}`);
  say('');
  say(`verdict: ${report.verdict}. ${report.summary}`);
  say(`target ${report.target}, seed ${report.seed}, ${report.requests} requests, ${report.durationMs} ms`);
  say(`reports: ${join(reportDir, REPORT_JSON)}, ${join(reportDir, REPORT_HTML)}`);
  // Written by Playwright's reporters, so only when the checks ran (not after a failed preflight).
  const more = [REPORT_JUNIT, join(REPORT_PLAYWRIGHT, 'index.html')].map((name) => join(reportDir, name)).filter((path) => existsSync(path));
  if (more.length > 0) say(`         ${more.join(', ')}`);
  const failed = report.checks.filter((c) => c.status === 'failed' && c.failure);
  if (failed.length > 0) say(`replay a failure: npm run certify -- --replay ${join(reportDir, REPORT_JSON)} ${failed[0].name}`);
}

export async function certify(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const options = parseCertifyArgs(argv, env);
  if (options.help) {
    say(helpText());
    return 0;
  }
  if (options.replay) {
    return replay({ ...options.replay, target: options.target, timeoutMs: options.timeoutMs, env }, { say, rerun: (argv) => certify(argv, env) });
  }
  // Session tokens are secrets in mode "start"; what this process records is redacted accordingly.
  configureRedaction({ sessionMode: options.sessionMode });
  const startedAt = new Date();
  const reportDir = resolve(options.reportDir);
  const seed = options.seed ?? randomInt(2 ** 32);
  let reference: http.Server | undefined;
  let target = options.target;
  // Configured credentials mean the target requires SigV4 (S7): every request is signed, and the
  // bundled reference, when it is the target, verifies them.
  const signing = signingFromEnv(env);
  if (!target) {
    reference = createReferenceServer(signing ? { sigv4: { ...signing.credentials, region: signing.region } } : {});
    target = await listen(reference);
    say(`No target given (--target or TARGET_URL): certifying the bundled reference implementation at ${target.origin}.`);
  }
  try {
    const settings = settingsOf(options, target, seed);
    say(`Certifying ${settings.target.toString()} with seed ${seed} (replay with --seed ${seed}).`);
    for (const name of [REPORT_JSON, REPORT_HTML, REPORT_JUNIT]) rmSync(join(reportDir, name), { force: true });

    if (signing) say(`Signing every request with SigV4 (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, region ${signing.region}).`);
    const transport = signedIfConfigured(httpTransport(settings.target), settings.target, signing);
    const before = await preflight(settings, transport).finally(() => transport.close());
    if (before.kind !== 'go') {
      const records = before.kind === 'no-answer' ? [before.record] : [];
      const reason = before.kind === 'inconclusive' ? before.reason : undefined;
      const report = composeReport(records, runInfo(options, settings, startedAt, 0, reason));
      report.requests = before.requests;
      writeRecords(reportDir, records);
      writeReports(reportDir, report);
      if (before.kind === 'inconclusive') say(reason ?? '');
      printSummary(report, reportDir);
      return EXIT[report.verdict];
    }

    await runSuites(options, settings, reportDir, startedAt, before.requests);
    if (!existsSync(join(reportDir, REPORT_JSON))) {
      say(`The suite ended without writing ${join(reportDir, REPORT_JSON)}; see the output above. Verdict: inconclusive.`);
      return EXIT.inconclusive;
    }
    const report = readReport(reportDir);
    printSummary(report, reportDir);
    return EXIT[report.verdict];
  } finally {
    if (reference) await close(reference);
  }
}

if (require.main === module) {
  dotenv.config({ quiet: true });
  certify(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`certify: ${error.message}\n`);
        process.exit(EXIT.inconclusive);
      }
      process.stderr.write(`certify: internal error (a bug in the suite; please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(EXIT.inconclusive);
    },
  );
}
