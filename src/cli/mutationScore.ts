// `npm run mutation-score`: proves the checks. Every variant of the reference implementation
// (src/reference/variants) is served in this process on 127.0.0.1 and certified with one fixed
// seed: its options parsed as certify parses a user's, then certify's own flow (report directory,
// check before judging, every check, the one result, every output, the exit code). By default the
// checks run in this process rather than in Playwright's (a hundred runs' process start-up would be
// most of the time); `--cli` certifies each through the command line, Playwright and all. A faulty
// variant is caught when the requirement it violates is among the failed checks (MUST failures or
// SHOULD warnings); the reference and every conforming variant must come out conformant with no
// failed check at all and no hint that the target is the wrong one, or it is a false alarm; and
// every run's outputs must agree. Exit 0 only when every fault is caught, there is no false alarm
// and the outputs agree.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RequirementId } from '../checks/requirements';
import type { ConformanceReport } from '../result/model';
import { close, createReferenceServer, listen, type ReferenceOptions } from '../reference/server';
import { variants } from '../reference/variants';
import { isKnownSelector } from '../checks';
import { requirementRange } from '../checks/requirements';
import { optionSpecs, parseCertifyArgs, parseWholeNumber, sourcedEnv, UsageError } from '../settings';
import { certify as certifyFlow, inProcessHost } from './certify';
import { outputsDisagree } from './outputsAgree';
import { runNode, type NodeRun } from './runNode';
import { findingWithAnswer } from '../report/finding';

const packageRoot = resolve(__dirname, '..', '..');

/**
 * Defaults. The seed is fixed so that the score is the same on every run. With 100 property cases
 * per check every fault of the catalogue was caught at this seed and at seeds 1 and 2; with 30 it
 * already was at this seed, so 100 leaves a margin. More cases buy little: a run's time goes to
 * starting certify and Playwright and to shrinking failures, not to the cases themselves.
 */
const DEFAULTS = { seed: 20240917, runs: 100, jobs: 2, timeoutMs: 180_000 };

interface Options {
  seed: number;
  runs: number;
  jobs: number;
  only: string[];
  reportDir?: string;
  /** Each run through the command line and Playwright's processes, as a user runs certify. */
  cli: boolean;
}

interface Entry {
  name: string;
  kind: 'reference' | 'conforming' | 'faulty';
  violates?: RequirementId;
  options: ReferenceOptions;
  certifyArgs: string[];
  env: Record<string, string>;
}

interface Outcome {
  entry: Entry;
  verdict: ConformanceReport['verdict'] | 'no report';
  /** Requirement ids with a failed check (MUST failures and SHOULD warnings), in report order. */
  failedIds: RequirementId[];
  /** Checks that failed, for the evidence printed under the table. */
  failed: ConformanceReport['checks'];
  /** Checks that could not judge. */
  unjudged: ConformanceReport['checks'];
  /** The report's hint that the target may be the wrong one: on the reference or a conforming variant, a false alarm too. */
  targetHint?: string;
  durationMs: number;
  output: string;
  /** Where the outputs of the run (exit code, JSON, JUnit, HTML, Markdown) disagree; empty when they agree. */
  disagreements: string[];
  /** faulty: caught; reference and conforming: no false alarm; either way, outputs that agree. */
  ok: boolean;
}

const HELP = `Usage: npm run mutation-score -- [options]

Certifies the reference implementation and every variant of src/reference/variants with one fixed
seed, and scores the suite: a fault is caught when the requirement it violates fails; the reference
and the conforming variants must pass with no failed check.

  --seed N          the seed of every certify run (default ${DEFAULTS.seed})
  --runs N          property cases per check (default ${DEFAULTS.runs})
  --jobs N          certify runs at a time (default ${DEFAULTS.jobs}; 1 on a busy machine)
  --only NAME,…     only these variants ("reference" for the reference itself)
  --report-dir DIR  where each run's reports go, one folder per variant (default: a new temporary folder)
  --cli             certify each through the command line and Playwright's processes (slower)
  --help            print this help

Exit codes: 0 every fault caught and no false alarm, 1 otherwise, 2 a bad option.`;

function parseOptions(argv: string[]): Options | 'help' {
  const options: Options = { seed: DEFAULTS.seed, runs: DEFAULTS.runs, jobs: DEFAULTS.jobs, only: [], cli: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help') return 'help';
    if (flag === '--cli') {
      options.cli = true;
      continue;
    }
    const value = argv[i + 1];
    if (!['--seed', '--runs', '--jobs', '--only', '--report-dir'].includes(flag)) throw new UsageError(`unknown option "${flag}"; see --help.`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
    i++;
    if (flag === '--seed') options.seed = parseWholeNumber('--seed', value, { min: 0, max: 2 ** 32 - 1 });
    else if (flag === '--runs') options.runs = parseWholeNumber('--runs', value, { min: 1, max: 100_000 });
    else if (flag === '--jobs') options.jobs = parseWholeNumber('--jobs', value, { min: 1, max: 8 });
    else if (flag === '--only') options.only = value.split(',').map((s) => s.trim()).filter(Boolean);
    else options.reportDir = value;
  }
  return options;
}

function entries(only: string[]): Entry[] {
  const all: Entry[] = [
    { name: 'reference', kind: 'reference', options: {}, certifyArgs: [], env: {} },
    ...variants.map((v) => ({ name: v.name, kind: v.kind, violates: v.violates, options: v.options, certifyArgs: v.certifyArgs ?? [], env: v.env ?? {} })),
  ];
  const unknown = only.filter((name) => !all.some((e) => e.name === name));
  if (unknown.length > 0) throw new UsageError(`--only: no variant named ${unknown.join(', ')}; known: ${all.map((e) => e.name).join(', ')}.`);
  return only.length === 0 ? all : all.filter((e) => only.includes(e.name));
}

/**
 * Settings a user may have exported (or put in .env, which certify loads without overriding what
 * is set) would change what is certified, and credentials would make certify sign every request:
 * they are set empty, which certify reads as unset, so that only the flags and a variant's own
 * environment count.
 */
const CLEARED_ENV = [
  ...optionSpecs.flatMap((spec) => (spec.env ? [spec.env] : [])),
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
];

function certifyEnv(variantEnv: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...Object.fromEntries(CLEARED_ENV.map((name) => [name, ''])),
    CI: '1',
    ...variantEnv,
  };
}

/** Runs certify as a user does, through the command line and Playwright; resolves to its exit code and output. */
function certifyCli(args: string[], env: Record<string, string>, timeoutMs: number): Promise<NodeRun> {
  return runNode(['--import', 'tsx', join(packageRoot, 'src', 'cli', 'main.ts'), 'certify', ...args], { cwd: packageRoot, env: certifyEnv(env), timeoutMs });
}

/** certify's flow in this process: the arguments parsed as the command line parses them, only the variant's own environment. */
async function certifyInProcess(args: string[], env: Record<string, string>): Promise<NodeRun> {
  const lines: string[] = [];
  const request = parseCertifyArgs(args, sourcedEnv(env), { isKnownSelector, selectorsHint: requirementRange() }, 'npx stop-cis-session-conformance certify');
  if (request.kind !== 'certify') throw new Error(`mutation score: "${args.join(' ')}" is not a certify run`);
  const code = await certifyFlow(request.settings, { say: (line) => lines.push(line), env }, inProcessHost);
  return { code, output: lines.join('\n') };
}

async function score(entry: Entry, options: Options, reportRoot: string): Promise<Outcome> {
  const started = performance.now();
  const reportDir = join(reportRoot, entry.name);
  mkdirSync(reportDir, { recursive: true });
  const server = createReferenceServer(entry.options);
  let run: { code: number | null; output: string };
  try {
    const target = await listen(server);
    const args = ['--target', target.toString(), '--seed', String(options.seed), '--runs', String(options.runs), '--report-dir', reportDir, ...entry.certifyArgs];
    run = options.cli ? await certifyCli(args, entry.env, DEFAULTS.timeoutMs) : await certifyInProcess(args, entry.env);
  } finally {
    await close(server);
  }
  const reportPath = join(reportDir, 'conformance.json');
  const report = existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as ConformanceReport) : undefined;
  const failed = report?.checks.filter((c) => c.status === 'failed') ?? [];
  const unjudged = report?.checks.filter((c) => c.status === 'could-not-judge') ?? [];
  const failedIds = [...new Set(failed.map((c) => c.id))];
  const verdict = report?.verdict ?? 'no report';
  const disagreements = report ? outputsDisagree(reportDir, run.code) : [];
  const judgedRight =
    entry.kind === 'faulty'
      ? entry.violates !== undefined && failedIds.includes(entry.violates)
      : verdict === 'conformant' && failed.length === 0 && unjudged.length === 0 && report?.targetHint === undefined;
  return { entry, verdict, failedIds, failed, unjudged, targetHint: report?.targetHint, disagreements, durationMs: performance.now() - started, output: run.output, ok: judgedRight && disagreements.length === 0 };
}

/** Runs `work` over `items`, `jobs` at a time, keeping the items' order in the results. */
async function pool<T, R>(items: readonly T[], jobs: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col])).join('  ').trimEnd()).join('\n');
}

function expectedOf(entry: Entry): string {
  return entry.kind === 'faulty' ? `fails ${entry.violates}` : 'conformant, 0 failed';
}

function resultOf(outcome: Outcome): string {
  if (outcome.disagreements.length > 0) return 'OUTPUTS DISAGREE';
  if (outcome.entry.kind === 'faulty') return outcome.ok ? 'caught' : 'MISSED';
  return outcome.ok ? 'ok' : 'FALSE ALARM';
}

/** What went wrong for a missed fault or a false alarm, with the evidence certify wrote. */
function explain(outcome: Outcome, reportRoot: string): string[] {
  const lines = [`${resultOf(outcome)} ${outcome.entry.name} (${outcome.entry.kind}${outcome.entry.violates ? `, violates ${outcome.entry.violates}` : ''}): verdict ${outcome.verdict}; reports in ${join(reportRoot, outcome.entry.name)}`];
  for (const check of outcome.failed) {
    const f = check.failure;
    lines.push(`  ${check.level === 'MUST' ? 'FAIL' : 'WARN'} ${check.id} ${check.name}: ${f ? findingWithAnswer(f) : 'failed'}`);
  }
  for (const check of outcome.unjudged) lines.push(`  COULD NOT JUDGE ${check.id} ${check.name}: ${check.error}`);
  if (outcome.targetHint !== undefined) lines.push(`  WRONG-TARGET HINT: ${outcome.targetHint}`);
  for (const problem of outcome.disagreements) lines.push(`  OUTPUTS DISAGREE: ${problem}`);
  if (outcome.verdict === 'no report') lines.push(`  certify wrote no report; its output ended:\n${outcome.output.split('\n').slice(-15).join('\n')}`);
  return lines;
}

export async function mutationScore(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv);
  if (parsed === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const options = parsed;
  const list = entries(options.only);
  const reportRoot = resolve(options.reportDir ?? mkdtempSync(join(tmpdir(), 'mutation-score-')));
  const started = performance.now();
  process.stderr.write(`Certifying ${list.length} implementations (seed ${options.seed}, --runs ${options.runs}, ${options.jobs} at a time); reports in ${reportRoot}\n`);
  let done = 0;
  const outcomes = await pool(list, options.jobs, async (entry) => {
    const outcome = await score(entry, options, reportRoot);
    process.stderr.write(`[${++done}/${list.length}] ${entry.name}: ${outcome.verdict}, ${resultOf(outcome)} (${(outcome.durationMs / 1000).toFixed(1)} s)\n`);
    return outcome;
  });

  const rows = [['variant', 'expected', 'verdict', 'failing', 'caught?']];
  for (const o of outcomes) rows.push([o.entry.name, expectedOf(o.entry), o.verdict, o.failedIds.join(',') || '-', resultOf(o)]);
  const faults = outcomes.filter((o) => o.entry.kind === 'faulty');
  const clean = outcomes.filter((o) => o.entry.kind !== 'faulty');
  const caught = faults.filter((o) => o.ok).length;
  const falseAlarms = clean.filter((o) => !o.ok).length;
  const say = (line = '') => process.stdout.write(`${line}\n`);
  say(table(rows));
  const problems = outcomes.filter((o) => !o.ok);
  if (problems.length > 0) {
    say();
    for (const o of problems) for (const line of explain(o, reportRoot)) say(line);
  }
  say();
  say(`${outcomes.length} certify runs in ${((performance.now() - started) / 1000).toFixed(1)} s; reports in ${reportRoot}`);
  say(`outputs agree (exit code, conformance.json, junit.xml, conformance.html, summary.md) in ${outcomes.filter((o) => o.disagreements.length === 0).length}/${outcomes.length} runs`);
  say(`caught ${caught}/${faults.length} faults, false alarms ${falseAlarms}/${clean.length}`);
  return caught === faults.length && falseAlarms === 0 ? 0 : 1;
}

if (require.main === module) {
  mutationScore(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`mutation-score: ${error.message}\n`);
        process.exit(2);
      }
      process.stderr.write(`mutation-score: internal error:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(2);
    },
  );
}
