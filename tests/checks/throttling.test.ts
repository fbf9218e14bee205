// A 429 during a run is waited out (honouring Retry-After, bounded); a target that stays throttled
// makes the run inconclusive, in bounded time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelledError, referenceBehaviour, type Behaviour } from '../../src/reference/server';
import { certifyReference } from './certifyServer';

/** A route stage that refuses the requests `throttled` picks with 429 ThrottlingException. */
function throttling(throttled: (count: number) => boolean, headers: Record<string, string>): Behaviour['route'] {
  let count = 0;
  return (...args) =>
    throttled(++count) ? { answer: { ...modelledError('ThrottlingException', 429, 'Rate exceeded.'), headers } } : referenceBehaviour.route(...args);
}

test('a target that throttles once in a while (every 7th request, Retry-After: 0) is certified conformant', async () => {
  const route = throttling((count) => count % 7 === 0, { 'retry-after': '0' });
  const run = await certifyReference({ behaviour: { route } }, ['--only', 'M1,M3,S3,S4', '--runs', '60']);
  assert.equal(run.code, 0, run.output);
  assert.equal(run.report.verdict, 'conformant');
  assert.deepEqual(run.failedIds, []);
  // S3 sees the 429s as they come (the others wait them out), and their Retry-After passes.
  assert.equal(run.report.checks.find((c) => c.name === 'retryAfterWholeSeconds')?.status, 'passed');
});

test('a target that throttles every request after the first is inconclusive, in bounded time', async () => {
  // No Retry-After: the runner backs off on its own (100 ms doubling, six times) before giving up.
  const route = throttling((count) => count > 1, {});
  const run = await certifyReference({ behaviour: { route } }, ['--only', 'M1,M6']);
  assert.equal(run.code, 2, run.output);
  assert.equal(run.report.verdict, 'inconclusive');
  assert.match(run.report.summary, /kept answering 429/);
  assert.ok(run.durationMs < 90_000, `took ${run.durationMs} ms`);
});
