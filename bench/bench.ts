// `npm run bench`: how fast and how lean a certify run is, each figure against its target. A
// benchmark, not a test: nothing in `npm test` is timed. It prints a Markdown table on stdout
// (BENCHMARKS.md records it) and its progress on stderr. Run it on a quiet machine.
//
//   (a) default certify of the bundled reference (no --target: certify starts it in its own process)
//   (b) targets side by side, each certified with the adaptive in-flight limit and with a fixed 32,
//       each run as a ratio to its floor: the reference 150 ms away (REFERENCE_DELAY_MS=150), behind
//       a 100 requests/s limit (REFERENCE_RATE_LIMIT=100:1), Python's one-thread HTTP/1.0 server
//       with a listen backlog of 5, a pool of 8 workers of 20 ms each that sheds the rest with 503 +
//       Retry-After (REFERENCE_WORKERS=8:20:1), and the bundled reference
//   (d) how wall time and memory grow with --runs (300, 1000, 3000), bundled reference
//   (e) the ceiling: a bare undici keep-alive client with as many connections as the default pool
//
// Options: --quick (one repetition of each), --reps N (repetitions of (a) and of each pair in (b);
// default 3), --only a,b,d,e (sections), --targets far,rate,one-thread,shedding,local (the targets
// of (b)), --json FILE (every measurement, raw).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import fc from 'fast-check';
import { invalidStopRequest, validStopRequest } from '../src/generation';
import { defaults } from '../src/settings';
import { certifyRun, oneThreadTarget, ReferenceProcess, root, type CertifyOutcome } from './certifyRun';
import type { Role } from './procTree';

const targets = {
  verdictSeconds: 10,
  cases: 3000,
  peakMemoryMB: 500,
  peakMemoryGoalMB: 300,
  htmlMB: 2,
  farRatio: 0.6,
  rateRatio: 1.15,
  shedRatio: 2,
};
const DELAY_MS = 150;
const RATE = 100;

interface Options {
  quick: boolean;
  reps: number;
  only: Set<string>;
  targets: Set<string>;
  json?: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { quick: false, reps: 3, only: new Set(['a', 'b', 'd', 'e']), targets: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--reps') options.reps = Number(argv[++i]);
    else if (arg === '--only') options.only = new Set(argv[++i].split(',').map((s) => s.trim()));
    else if (arg === '--targets') options.targets = new Set(argv[++i].split(',').map((s) => s.trim()));
    else if (arg === '--json') options.json = argv[++i];
    else throw new Error(`unknown option ${arg}; options: --quick, --reps N, --only a,b,d,e, --targets far,rate,one-thread,shedding,local, --json FILE`);
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

// ——— (b) targets side by side: adaptive in-flight against a fixed 32 ———

/** One run's figures on a target, in one mode. */
interface SideRun {
  mode: 'adaptive' | 'fixed';
  run: CertifyOutcome;
  floorMs: number;
  ratio: number;
}

interface SideTarget {
  key: string;
  label: string;
  /** What the floor is, in words. */
  floorWords: string;
  /** The issue's goal for the adaptive run, on its ratio to the floor; undefined: a figure to compare only. */
  goal?: { ratio: number; words: string };
  start(): Promise<{ url?: string; stop(): Promise<void>; floorMs(run: CertifyOutcome): Promise<number> }>;
}

const timedOutCount = (run: CertifyOutcome) => run.report.traffic?.timedOut ?? 0;
const inFlightRange = (run: CertifyOutcome) => {
  const f = run.report.traffic?.inFlight;
  return f ? `${f.min}–${f.max} (peak ${f.peak}, end ${f.end})` : 'n/a';
};

/** Requests per second a bare client gets from `url` one at a time, for `seconds`: the one-thread target's service rate. */
async function sequentialRate(url: string, seconds: number): Promise<number> {
  const pool = new Pool(url, { connections: 1, pipelining: 1 });
  const body = fc.sample(validStopRequest(), { seed: 3, numRuns: 1 })[0].text;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let done = 0;
  while (performance.now() < deadline) {
    const { body: answer } = await pool.request({ method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body });
    await answer.dump();
    done++;
  }
  const rate = done / ((performance.now() - started) / 1000);
  await pool.close();
  return rate;
}

const WORKERS = 8;
const SERVICE_MS = 20;

const sideTargets: SideTarget[] = [
  {
    key: 'far',
    label: `${DELAY_MS} ms per answer`,
    floorWords: `requests × ${DELAY_MS} ms ÷ 32 (the fixed default's floor)`,
    goal: { ratio: targets.farRatio, words: `≤ ${targets.farRatio} × the 32-in-flight floor` },
    async start() {
      const reference = await ReferenceProcess.start({ REFERENCE_DELAY_MS: String(DELAY_MS) });
      return { url: reference.url, stop: () => reference.stop(), floorMs: async (run) => (run.report.requests * DELAY_MS) / 32 };
    },
  },
  {
    key: 'rate',
    label: `${RATE} requests/s`,
    floorWords: `admitted answers ÷ ${RATE}/s`,
    goal: { ratio: targets.rateRatio, words: `≤ ${targets.rateRatio} × floor, conformant` },
    async start() {
      const reference = await ReferenceProcess.start({ REFERENCE_RATE_LIMIT: `${RATE}:1` });
      let before = { answers: 0, throttled: 0 };
      return {
        url: reference.url,
        stop: () => reference.stop(),
        floorMs: async () => {
          const stats = await reference.stats();
          const throttled = stats.byStatus['429'] ?? 0;
          const admitted = stats.answers - before.answers - (throttled - before.throttled) - (stats.byStatus.unanswered ?? 0);
          before = { answers: stats.answers, throttled };
          return (admitted / RATE) * 1000;
        },
      };
    },
  },
  {
    key: 'one-thread',
    label: 'one-thread HTTP/1.0 server, listen backlog 5 (Python http.server)',
    floorWords: 'requests ÷ its rate one request at a time',
    goal: { ratio: Infinity, words: 'conformant, no request timed out' },
    async start() {
      const target = await oneThreadTarget();
      const rate = await sequentialRate(target.url, 3);
      raw.oneThreadRate = rate;
      return { url: target.url, stop: () => target.stop(), floorMs: async (run) => (run.report.requests / rate) * 1000 };
    },
  },
  {
    key: 'shedding',
    label: `${WORKERS} workers, ${SERVICE_MS} ms a request, 503 + Retry-After: 1 past them`,
    floorWords: `answered requests × ${SERVICE_MS} ms ÷ ${WORKERS} workers (its capacity)`,
    goal: { ratio: targets.shedRatio, words: `≤ ${targets.shedRatio} × capacity floor, conformant, no timeout` },
    async start() {
      const reference = await ReferenceProcess.start({ REFERENCE_WORKERS: `${WORKERS}:${SERVICE_MS}:1` });
      return {
        url: reference.url,
        stop: () => reference.stop(),
        floorMs: async (run) => (((run.report.traffic?.requests ?? run.report.requests) - (run.report.traffic?.throttled ?? 0)) * SERVICE_MS) / WORKERS,
      };
    },
  },
  {
    key: 'local',
    label: 'the bundled reference (certify starts it)',
    floorWords: "the fixed 32's own time",
    async start() {
      let fixedMs = 0;
      return {
        stop: async () => {},
        // The fixed run goes first in each pair: the adaptive one is compared with it.
        floorMs: async (run) => {
          if (run.report.traffic?.inFlight.mode === 'fixed') fixedMs = run.wallMs;
          return fixedMs || run.wallMs;
        },
      };
    },
  },
];

async function sideBySide(reps: number, only: Set<string>): Promise<void> {
  const results: Record<string, unknown>[] = [];
  for (const target of sideTargets.filter((t) => only.size === 0 || only.has(t.key))) {
    const served = await target.start();
    const runs: SideRun[] = [];
    try {
      for (let i = 0; i < reps; i++) {
        for (const mode of ['fixed', 'adaptive'] as const) {
          progress(`(b) ${target.label}, ${mode === 'fixed' ? 'fixed 32' : 'adaptive'}, run ${i + 1} of ${reps}`);
          const run = await certifyRun({ target: served.url, concurrencyMode: mode });
          const floorMs = await served.floorMs(run);
          runs.push({ mode, run, floorMs, ratio: run.wallMs / floorMs });
          results.push({ target: target.key, mode, floorMs, ratio: run.wallMs / floorMs, timedOut: timedOutCount(run), traffic: run.report.traffic && { ...run.report.traffic, inFlight: { ...run.report.traffic.inFlight, changes: run.report.traffic.inFlight.changes.length } }, ...summary(run) });
        }
      }
    } finally {
      await served.stop();
    }
    for (const mode of ['fixed', 'adaptive'] as const) {
      const mine = runs.filter((r) => r.mode === mode);
      const ratios = mine.map((r) => r.ratio);
      const verdicts = [...new Set(mine.map((r) => r.run.report.verdict))].join('/');
      const timeouts = mine.reduce((n, r) => n + timedOutCount(r.run), 0);
      const walls = mine.map((r) => r.run.wallMs);
      const peaks = mine.map((r) => mb(r.run.memory.peakBytes));
      const measured = `${spread(walls, s)}; ratio ${spread(ratios, (v) => v.toFixed(2))} to ${s(median(mine.map((r) => r.floorMs)))}; ${verdicts}; timeouts ${timeouts}; in flight ${inFlightRange(mine[mine.length - 1].run)}; peak ${spread(peaks, (v) => `${v.toFixed(0)} MB`)}`;
      const goal = mode === 'adaptive' ? target.goal : undefined;
      const met = goal === undefined ? undefined : Math.max(...ratios) <= goal.ratio && mine.every((r) => r.run.report.verdict === 'conformant') && timeouts === 0;
      row('b', `${target.label}: ${mode === 'fixed' ? 'fixed 32' : 'adaptive'} (floor: ${target.floorWords})`, measured, goal?.words ?? (mode === 'adaptive' && target.key === 'local' ? 'no slower than fixed 32 (median ratio ≤ 1.05: a local run varies by ±10 %)' : ''), mode === 'adaptive' && target.key === 'local' ? median(ratios) <= 1.05 : met);
    }
    const sameVerdicts = runs.every((r) => r.run.report.verdict === runs[0].run.report.verdict);
    // Where they differ, say whether a fixed 32 failed only for the timeouts it caused itself.
    const fixedTimedOut = runs.some((r) => r.mode === 'fixed' && timedOutCount(r.run) > 0);
    const adaptiveClean = runs.filter((r) => r.mode === 'adaptive').every((r) => timedOutCount(r.run) === 0);
    const verdicts = runs.map((r) => `${r.mode} ${r.run.report.verdict}${timedOutCount(r.run) > 0 ? ` (${timedOutCount(r.run)} timed out)` : ''}`).join(', ');
    row(
      'b',
      `${target.label}: same verdict in both modes`,
      sameVerdicts ? `yes (${runs[0].run.report.verdict})` : `${verdicts}${fixedTimedOut && adaptiveClean ? ': the fixed 32 overloaded a conforming target into timeouts (M7); adaptive did not' : ''}`,
      'yes, or fixed 32 failed only on the timeouts it caused',
      sameVerdicts || (fixedTimedOut && adaptiveClean && runs.every((r) => r.mode === 'adaptive' ? r.run.report.verdict === 'conformant' : r.run.report.failed.every((name) => name.startsWith('everyRequestAnswered') || name.startsWith('oversized')))),
    );
  }
  raw.b = results;
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
  progress(`(e) ceiling: bare undici client, ${defaults.fixedConcurrency} connections`);
  const reference = await ReferenceProcess.start();
  let bare: number;
  try {
    const bodies = sampleBodies();
    await ceiling(reference.url, bodies, 1, defaults.fixedConcurrency); // warm-up
    bare = await ceiling(reference.url, bodies, 4, defaults.fixedConcurrency);
  } finally {
    await reference.stop();
  }
  raw.e = { connections: defaults.fixedConcurrency, requestsPerSecond: bare };
  row('e', `ceiling: bare undici keep-alive client, ${defaults.fixedConcurrency} connections, reference in its own process`, `${bare.toFixed(0)} requests/s`);
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
  if (options.only.has('b')) await sideBySide(options.reps, options.targets);
  if (options.only.has('d')) {
    const walls = defaultRunsDone.map((r) => r.wallMs);
    await runsGrowth(defaultRunsDone[walls.indexOf(median(walls))]);
  }
  if (options.only.has('e')) await ceilingRows(defaultRunsDone);

  const loadAfter = loadavg();
  const lines = [
    `machine: ${machine}; commit ${commit}; ${new Date().toISOString()}; bench took ${((performance.now() - started) / 60_000).toFixed(1)} min`,
    `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}; in flight ${defaults.concurrencyMode} from 32 up to ${defaults.concurrency}, runs ${defaults.runs}`,
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
