// `npm run bench`: how fast and how lean a certify run is, each figure against its target. A
// benchmark, not a test: nothing in `npm test` is timed. It prints a Markdown table on stdout
// (BENCHMARKS.md records it) and its progress on stderr. Run it on a quiet machine.
//
//   (a) default certify of the bundled reference (no --target: certify starts it in its own process)
//   (b) the reference in a process of its own, each answer 150 ms late (REFERENCE_DELAY_MS=150),
//       certified with default settings; and at --concurrency 16, 32, 64
//   (c) the reference in a process of its own, rate-limited to 100 requests/s (REFERENCE_RATE_LIMIT=100:1)
//   (d) how wall time and memory grow with --runs (300, 1000, 3000), bundled reference
//   (e) the ceiling: a bare undici keep-alive client with as many connections as the default pool
//
// Options: --quick (one repetition of each, no concurrency sweep), --reps N (repetitions of (a)
// and (c); default 3), --only a,b,c,d,e (sections), --json FILE (every measurement, raw).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import fc from 'fast-check';
import { invalidStopRequest, validStopRequest } from '../src/generation';
import { defaults } from '../src/settings';
import { certifyRun, ReferenceProcess, root, type CertifyOutcome } from './certifyRun';
import type { Role } from './procTree';

const targets = {
  verdictSeconds: 10,
  cases: 3000,
  peakMemoryMB: 500,
  peakMemoryGoalMB: 300,
  htmlMB: 2,
  delayRatio: 1.3,
  rateRatio: 1.2,
};
const DELAY_MS = 150;
const RATE = 100;

interface Options {
  quick: boolean;
  reps: number;
  only: Set<string>;
  json?: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { quick: false, reps: 3, only: new Set(['a', 'b', 'c', 'd', 'e']) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--reps') options.reps = Number(argv[++i]);
    else if (arg === '--only') options.only = new Set(argv[++i].split(',').map((s) => s.trim()));
    else if (arg === '--json') options.json = argv[++i];
    else throw new Error(`unknown option ${arg}; options: --quick, --reps N, --only a,b,c,d,e, --json FILE`);
  }
  if (options.quick) options.reps = 1;
  if (!Number.isInteger(options.reps) || options.reps < 1) throw new Error('--reps takes a whole number of at least 1');
  return options;
}

// ——— formatting ———

const mb = (bytes: number) => bytes / 2 ** 20;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg()[0].toFixed(2);
function progress(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} load ${load()}] ${line}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "4.91 s" for one value; "4.91 s (4.80–5.20, 3 runs)" for several: the median and the spread. */
function spread(values: number[], format: (v: number) => string): string {
  if (values.length === 1) return format(values[0]);
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))}, ${values.length} runs)`;
}

interface Row {
  section: string;
  figure: string;
  measured: string;
  target: string;
  /** undefined: a figure with no target. */
  met?: boolean;
}

const rows: Row[] = [];
const raw: Record<string, unknown> = {};

function row(section: string, figure: string, measured: string, target = '', met?: boolean): void {
  rows.push({ section, figure, measured, target, met });
  progress(`${section} ${figure}: ${measured}${target ? ` (target ${target}: ${met ? 'met' : 'MISSED'})` : ''}`);
}

function byRole(facts: Partial<Record<Role, number>>): string {
  return (['certify', 'runner', 'worker', 'other'] as const)
    .filter((role) => (facts[role] ?? 0) >= 2 ** 20)
    .map((role) => `${role} ${mb(facts[role] as number).toFixed(0)}`)
    .join(' + ');
}

function summary(run: CertifyOutcome): Record<string, unknown> {
  return {
    wallMs: Math.round(run.wallMs),
    exitCode: run.exitCode,
    verdict: run.report.verdict,
    requests: run.report.requests,
    casePhaseMs: run.report.casePhaseMs,
    durationMs: run.report.durationMs,
    concurrency: run.report.concurrency,
    peakMB: Math.round(mb(run.memory.peakBytes)),
    peakPssMB: Math.round(mb(run.memory.peakPssBytes)),
    peakByRoleMB: Object.fromEntries(Object.entries(run.memory.peakByRole).map(([k, v]) => [k, Math.round(mb(v))])),
    atPeakByRoleMB: Object.fromEntries(Object.entries(run.memory.atPeakByRole).map(([k, v]) => [k, Math.round(mb(v))])),
    htmlBytes: run.htmlBytes,
    loadAfter: loadavg()[0],
  };
}

// ——— (a) default certify of the bundled reference ———

async function defaultRuns(reps: number): Promise<CertifyOutcome[]> {
  const runs: CertifyOutcome[] = [];
  for (let i = 0; i < reps; i++) {
    progress(`(a) default certify of the bundled reference, run ${i + 1} of ${reps}`);
    const run = await certifyRun();
    if (run.report.verdict !== 'conformant') throw new Error(`certify of the reference was ${run.report.verdict}; the benchmark needs a conformant run`);
    runs.push(run);
  }
  raw.a = runs.map(summary);
  const walls = runs.map((r) => r.wallMs);
  const phases = runs.map((r) => r.report.casePhaseMs ?? r.report.durationMs);
  const peaks = runs.map((r) => mb(r.memory.peakBytes));
  const pss = runs.map((r) => mb(r.memory.peakPssBytes));
  const requests = runs[0].report.requests;
  row('a', 'default certify, bundled reference: command to verdict', spread(walls, s), `≤ ${targets.verdictSeconds} s`, median(walls) / 1000 <= targets.verdictSeconds);
  row('a', 'requests sent', `${requests}`, `≥ ${targets.cases}`, requests >= targets.cases);
  row('a', 'case phase (engine in the runner: first check to last)', `${spread(phases, s)}, ${(requests / (median(phases) / 1000)).toFixed(0)} requests/s`);
  row('a', 'peak memory, whole process tree', spread(peaks, (v) => `${v.toFixed(0)} MB`), `≤ ${targets.peakMemoryMB} MB (goal ${targets.peakMemoryGoalMB})`, median(peaks) <= targets.peakMemoryMB);
  const middle = runs[walls.indexOf(median(walls))] ?? runs[0];
  row('a', 'peak memory, whole process tree, PSS (pages shared between the processes counted once)', spread(pss, (v) => `${v.toFixed(0)} MB`));
  row('a', 'at the peak, by process (MB)', byRole(middle.memory.atPeakByRole));
  row('a', 'each process at its own peak (MB)', byRole(middle.memory.peakByRole));
  row('a', 'conformance.html', `${(middle.htmlBytes / 1024).toFixed(0)} KiB`, `≤ ${targets.htmlMB} MB`, middle.htmlBytes / 2 ** 20 <= targets.htmlMB);
  return runs;
}

// ——— (b) a far target: every answer 150 ms late ———

async function delayRuns(quick: boolean): Promise<void> {
  const reference = await ReferenceProcess.start({ REFERENCE_DELAY_MS: String(DELAY_MS) });
  const results: Record<string, unknown>[] = [];
  try {
    const sweep = quick ? [] : [16, 32, 64].filter((c) => c !== defaults.concurrency);
    for (const concurrency of [undefined, ...sweep]) {
      const used = concurrency ?? defaults.concurrency;
      progress(`(b) reference ${DELAY_MS} ms per answer, ${concurrency === undefined ? `default settings (concurrency ${used})` : `--concurrency ${concurrency}`}`);
      const run = await certifyRun({ target: reference.url, concurrency });
      const floorMs = (run.report.requests * DELAY_MS) / used;
      const phase = run.report.casePhaseMs ?? run.report.durationMs;
      results.push({ concurrency: used, flag: concurrency !== undefined, floorMs, ...summary(run) });
      const label = concurrency === undefined ? `default (concurrency ${used})` : `--concurrency ${concurrency}`;
      const ratio = run.wallMs / floorMs;
      row('b', `${DELAY_MS} ms per answer, ${label}: command to verdict`, `${s(run.wallMs)}, ${run.report.requests} requests, floor ${s(floorMs)}, ratio ${ratio.toFixed(2)}`, concurrency === undefined ? `≤ ${targets.delayRatio} × floor` : '', concurrency === undefined ? ratio <= targets.delayRatio : undefined);
      row('b', `${DELAY_MS} ms per answer, ${label}: case phase`, `${s(phase)}, ratio ${(phase / floorMs).toFixed(2)}; verdict ${run.report.verdict}; peak ${mb(run.memory.peakBytes).toFixed(0)} MB`);
    }
  } finally {
    await reference.stop();
  }
  raw.b = results;
}

// ——— (c) a rate-limited target: 100 requests/s ———

async function rateRuns(reps: number): Promise<void> {
  const reference = await ReferenceProcess.start({ REFERENCE_RATE_LIMIT: `${RATE}:1` });
  const results: Record<string, unknown>[] = [];
  const ratios: number[] = [];
  const verdicts: string[] = [];
  try {
    for (let i = 0; i < reps; i++) {
      progress(`(c) reference rate-limited to ${RATE}/s, run ${i + 1} of ${reps} (about a minute)`);
      // A new one-second window for each run: the limit counts per wall-clock second.
      await reference.reset();
      const run = await certifyRun({ target: reference.url });
      const stats = await reference.stats();
      const throttled = stats.byStatus['429'] ?? 0;
      const admitted = stats.answers - throttled - (stats.byStatus.unanswered ?? 0);
      // The floor: the answers the limit let through, at its rate (throttled answers cost no quota).
      const floorMs = (admitted / RATE) * 1000;
      const ratio = run.wallMs / floorMs;
      ratios.push(ratio);
      verdicts.push(run.report.verdict);
      results.push({ admitted, throttled, answers: stats.answers, floorMs, ratio, ratioToRequests: run.wallMs / ((run.report.requests / RATE) * 1000), ...summary(run) });
      const phase = run.report.casePhaseMs ?? run.report.durationMs;
      row(
        'c',
        `${RATE} requests/s, run ${i + 1}: command to verdict`,
        `${s(run.wallMs)}; ${run.report.requests} requests (${admitted} admitted, ${throttled} answered 429); floor ${admitted} ÷ ${RATE}/s = ${s(floorMs)}; ratio ${ratio.toFixed(2)} (${(run.wallMs / ((run.report.requests / RATE) * 1000)).toFixed(2)} to all requests ÷ rate); case phase ${s(phase)}`,
        `≤ ${targets.rateRatio} × floor`,
        ratio <= targets.rateRatio,
      );
      row('c', `${RATE} requests/s, run ${i + 1}: verdict`, run.report.verdict, 'conformant', run.report.verdict === 'conformant');
    }
  } finally {
    await reference.stop();
  }
  raw.c = results;
  if (reps > 1) row('c', `${RATE} requests/s: ratio over ${reps} runs`, spread(ratios, (v) => v.toFixed(2)), `≤ ${targets.rateRatio}`, Math.max(...ratios) <= targets.rateRatio);
}

// ——— (d) growth with --runs ———

async function runsGrowth(atDefault: CertifyOutcome | undefined): Promise<void> {
  const results: Record<string, unknown>[] = [];
  for (const runs of [300, 1000, 3000]) {
    let run: CertifyOutcome;
    if (runs === defaults.runs && atDefault) run = atDefault;
    else {
      progress(`(d) certify of the bundled reference, --runs ${runs}`);
      run = await certifyRun({ runs });
    }
    results.push({ runs, ...summary(run) });
    const phase = run.report.casePhaseMs ?? run.report.durationMs;
    row(
      'd',
      `--runs ${runs}${runs === defaults.runs ? ' (default)' : ''}`,
      `${s(run.wallMs)} wall, ${run.report.requests} requests, case phase ${s(phase)} (${(run.report.requests / (phase / 1000)).toFixed(0)}/s), peak ${mb(run.memory.peakBytes).toFixed(0)} MB (${byRole(run.memory.atPeakByRole)}); ${run.report.verdict}`,
    );
  }
  raw.d = results;
}

// ——— (e) the ceiling ———

/** The same kinds of bodies certify sends: generated valid and invalid requests. */
function sampleBodies(): string[] {
  const valid = fc.sample(validStopRequest(), { seed: 1, numRuns: 500 }).map((c) => c.text);
  const invalid = fc.sample(invalidStopRequest(), { seed: 2, numRuns: 500 }).map((c) => c.text);
  return [...valid, ...invalid];
}

/** Requests per second a bare keep-alive client gets from the reference, for `seconds`. */
async function ceiling(url: string, bodies: string[], seconds: number, connections: number): Promise<number> {
  const pool = new Pool(url, { connections, pipelining: 1 });
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  async function lane(offset: number): Promise<void> {
    for (let i = offset; performance.now() < deadline; i += connections) {
      const { body } = await pool.request({ method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body: bodies[i % bodies.length] });
      await body.dump();
      done++;
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, (_, i) => lane(i)));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return done / elapsed;
}

async function ceilingRows(defaultRunsDone: CertifyOutcome[]): Promise<void> {
  progress(`(e) ceiling: bare undici client, ${defaults.concurrency} connections`);
  const reference = await ReferenceProcess.start();
  let bare: number;
  try {
    const bodies = sampleBodies();
    await ceiling(reference.url, bodies, 1, defaults.concurrency); // warm-up
    bare = await ceiling(reference.url, bodies, 4, defaults.concurrency);
  } finally {
    await reference.stop();
  }
  raw.e = { connections: defaults.concurrency, requestsPerSecond: bare };
  row('e', `ceiling: bare undici keep-alive client, ${defaults.concurrency} connections, reference in its own process`, `${bare.toFixed(0)} requests/s`);
  if (defaultRunsDone.length > 0) {
    const rate = median(defaultRunsDone.map((r) => r.report.requests / ((r.report.casePhaseMs ?? r.report.durationMs) / 1000)));
    row('e', 'case phase of (a) / ceiling', `${((rate / bare) * 100).toFixed(0)} %`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const loadBefore = loadavg();
  progress(`${machine}; commit ${commit}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}${loadBefore[0] > 0.5 ? ' — not a quiet machine: figures may be slower than they should' : ''}`);
  const started = performance.now();

  let defaultRunsDone: CertifyOutcome[] = [];
  if (options.only.has('a')) defaultRunsDone = await defaultRuns(options.reps);
  if (options.only.has('b')) await delayRuns(options.quick);
  if (options.only.has('c')) await rateRuns(options.reps);
  if (options.only.has('d')) {
    const walls = defaultRunsDone.map((r) => r.wallMs);
    await runsGrowth(defaultRunsDone[walls.indexOf(median(walls))]);
  }
  if (options.only.has('e')) await ceilingRows(defaultRunsDone);

  const loadAfter = loadavg();
  const lines = [
    `machine: ${machine}; commit ${commit}; ${new Date().toISOString()}; bench took ${((performance.now() - started) / 60_000).toFixed(1)} min`,
    `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}; default concurrency ${defaults.concurrency}, runs ${defaults.runs}`,
    '',
    '| | figure | measured | target | |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.section} | ${r.figure} | ${r.measured} | ${r.target} | ${r.met === undefined ? '' : r.met ? 'met' : '**MISSED**'} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (options.json) writeFileSync(options.json, `${JSON.stringify({ machine, commit, loadBefore, loadAfter, rows, raw }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
