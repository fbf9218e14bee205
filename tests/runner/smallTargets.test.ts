// The adaptive in-flight limit is never harder on a small target than it showed it takes: a
// one-thread HTTP/1.0 server with a listen backlog of 5 (Python's standard library) and a worker
// pool of 8 that sheds the rest with 503 and Retry-After are conformant, with no request timed out
// and none judged on a 503; and on every kind of target the verdict is the one a fixed 32 in
// flight reaches, with the same seed and the same cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createReferenceServer, type ReferenceOptions } from '../../src/reference/server';
import { variantNamed } from '../../src/reference/variants';
import type { ConformanceReport } from '../../src/result/model';
import { certify, serving } from '../checks/certifyServer';
import { runEngine } from '../support/engine';

/** Python's one-thread server (tests/support/one_thread_target.py), for the length of `body`. */
async function withOneThreadTarget(body: (url: URL) => Promise<void>): Promise<void> {
  const child = spawn('python3', [join(__dirname, '..', 'support', 'one_thread_target.py')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    await body(new URL(line));
  } finally {
    child.kill();
  }
}

function timedOut(report: ConformanceReport): number {
  return report.traffic?.inFlight.reasons['timed-out'] ?? 0;
}

test('a one-thread HTTP/1.0 server with a listen backlog of 5 is conformant, no request timed out, the limit below its start', async () => {
  await withOneThreadTarget(async (url) => {
    const run = await certify(url, ['--runs', '100']);
    assert.equal(run.code, 0, run.output);
    assert.equal(timedOut(run.report), 0, `timeouts: ${JSON.stringify(run.report.traffic)}`);
    assert.equal(run.report.checks.find((c) => c.name === 'everyRequestAnsweredInRun')?.status, 'passed');
  });
});

test('a worker pool of 8 that sheds with 503 and Retry-After is conformant, no request timed out or judged on a 503, the limit just under the pool', async () => {
  await serving(createReferenceServer({ workers: { count: 8, serviceMs: 20 } }), async (url) => {
    const run = await certify(url, ['--runs', '100']);
    assert.equal(run.code, 0, run.output);
    const traffic = run.report.traffic;
    assert.ok(traffic && traffic.throttled > 0, 'it shed');
    assert.equal(timedOut(run.report), 0);
    assert.equal(run.report.checks.find((c) => c.name === 'noServerErrorInRun')?.status, 'passed', 'no 503 was judged as an answer');
    assert.ok(traffic.inFlight.end <= 9, `the limit ended at ${traffic.inFlight.end}`);
    // Shed requests wait their Retry-After alone: all sending paused only if one in flight was shed.
    assert.ok(traffic.pausedMs < 3000, `paused ${traffic.pausedMs} ms`);
  });
});

/** The ids that failed, and the verdict, in one mode. */
async function verdictOf(options: ReferenceOptions, mode: 'adaptive' | 'fixed'): Promise<string> {
  return serving(createReferenceServer(options), async (url) => {
    const run = await runEngine(url, { seed: 20240917, runs: 30, concurrencyMode: mode, concurrency: mode === 'fixed' ? 32 : 256 });
    return `${run.report.verdict}: ${[...run.failedIds].sort().join(',')}`;
  });
}

test('the verdict is the one a fixed 32 in flight reaches: the reference, far, throttling and shedding targets, and faulty variants', async () => {
  const cases: Array<[string, ReferenceOptions]> = [
    ['reference', {}],
    ['far (40 ms)', { delayMs: 40 }],
    ['rate-limited (500/s)', { rateLimit: { perSecond: 500 } }],
    // Retry-After: 0, so that the fixed run, which pauses all sending for every shed, ends soon too.
    ['shedding past 8', { workers: { count: 8, serviceMs: 5, retryAfterSeconds: 0 } }],
  ];
  for (const name of ['uuid-pattern-unanchored', 'length-in-utf16-units', 'success-body-empty-object', 'json-nan-infinity-accepted', 'crash-on-missing-message', 'large-body-connection-dropped']) {
    const variant = variantNamed(name);
    assert.ok(variant, `variant ${name}`);
    cases.push([name, variant.options]);
  }
  for (const [name, options] of cases) {
    const [adaptive, fixed] = [await verdictOf(options, 'adaptive'), await verdictOf(options, 'fixed')];
    assert.equal(adaptive, fixed, `${name}: adaptive ${adaptive}, fixed 32 ${fixed}`);
  }
});
