// `npm run bench`: how fast a default certify reaches its verdict, against the ceiling of this
// machine. A benchmark, not a test: it prints figures and checks them against the targets of
// issue 8, and BENCHMARKS.md records them. Run it on a quiet machine.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import fc from 'fast-check';
import { invalidStopRequest, validStopRequest } from '../src/generation';
import type { ConformanceReport } from '../src/result/model';

const root = join(__dirname, '..');
const targets = { verdictSeconds: 10, ceilingShare: 0.25, peakMemoryMB: 300, htmlMB: 2, cases: 3000 };

/** Sum of the resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    try {
      const status = readFileSync(`/proc/${current}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+)/.exec(status);
      if (kb) total += Number(kb[1]) * 1024;
      const children = readFileSync(`/proc/${current}/task/${current}/children`, 'utf8').trim();
      if (children) stack.push(...children.split(/\s+/).map(Number));
    } catch {
      // the process ended between two reads
    }
  }
  return total;
}

async function defaultCertify(): Promise<{ wallMs: number; peakBytes: number; report: ConformanceReport; htmlBytes: number }> {
  const reportDir = mkdtempSync(join(tmpdir(), 'bench-certify-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'certify.ts'), '--seed', '1'], {
    cwd: root,
    env: { ...process.env, TARGET_URL: '', REPORT_DIR: reportDir, CI: '1' },
    stdio: 'ignore',
  });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid as number))), 25);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`certify of the reference exited ${code}; the benchmark needs a conformant run`);
  const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
  return { wallMs, peakBytes: peak, report, htmlBytes: statSync(join(reportDir, 'conformance.html')).size };
}

async function startReference(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'referenceProcess.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`reference exited ${code}`)));
  });
  return { child, url };
}

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
      const { body } = await pool.request({
        method: 'PUT',
        path: '/cissession/stop',
        headers: { 'content-type': 'application/json' },
        body: bodies[i % bodies.length],
      });
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

function row(name: string, value: string, target: string, ok: boolean): string {
  return `| ${name} | ${value} | ${target} | ${ok ? 'met' : 'MISSED'} |`;
}

async function main(): Promise<void> {
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();

  const run = await defaultCertify();
  const casePhaseSeconds = (run.report.casePhaseMs ?? run.report.durationMs) / 1000;
  const casesPerSecond = run.report.requests / casePhaseSeconds;

  const { child, url } = await startReference();
  let bare: number;
  let sequential: number;
  try {
    const bodies = sampleBodies();
    await ceiling(url, bodies, 1, 8); // warm-up
    bare = await ceiling(url, bodies, 4, 8);
    sequential = await ceiling(url, bodies, 3, 1);
  } finally {
    child.kill();
  }
  const ratio = casesPerSecond / bare;

  const lines = [
    `machine: ${machine}; commit ${commit}; ${new Date().toISOString()}`,
    '',
    '| figure | measured | target | |',
    '|---|---|---|---|',
    row('default certify: command to verdict', `${(run.wallMs / 1000).toFixed(2)} s`, `≤ ${targets.verdictSeconds} s`, run.wallMs / 1000 <= targets.verdictSeconds),
    row('cases sent', `${run.report.requests}`, `≥ ${targets.cases}`, run.report.requests >= targets.cases),
    row('case phase', `${casePhaseSeconds.toFixed(2)} s, ${casesPerSecond.toFixed(0)} cases/s`, '', true),
    row('ceiling: bare undici keep-alive client, 8 connections', `${bare.toFixed(0)} req/s`, '', true),
    row('bare undici client, 1 connection (sequential)', `${sequential.toFixed(0)} req/s`, '', true),
    row('ratio case phase / ceiling', `${(ratio * 100).toFixed(1)} %`, `≥ ${targets.ceilingShare * 100} %`, ratio >= targets.ceilingShare),
    row('peak memory of the whole run (all processes)', `${(run.peakBytes / 2 ** 20).toFixed(0)} MB`, `≤ ${targets.peakMemoryMB} MB`, run.peakBytes / 2 ** 20 <= targets.peakMemoryMB),
    row('conformance.html of a default run', `${(run.htmlBytes / 1024).toFixed(0)} KiB`, `≤ ${targets.htmlMB} MB`, run.htmlBytes / 2 ** 20 <= targets.htmlMB),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
