// forAll and forEachCase, the runners every case check uses: the first pass finds what fc.check
// finds, a failure is shrunk, cases that cannot be judged are counted and never make a pass, and a
// slow target cannot run a check past the run's time budget. No server: a fake context answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { forAll, forEachCase, observeEach, type CaseRunner } from '../../src/checks/internal/property';
import type { HttpRequest } from '../../src/transport/types';
import { answered, fakeContext } from '../support/fakeContext';

/** Cases are numbers, each expected to be answered 200. */
const runner: CaseRunner<number> = {
  request: (n) => ({ method: 'PUT', path: '/cissession/stop', headers: {}, body: String(n) }),
  expect: () => ({ kind: 'status', statuses: [200], title: 'bad', expected: '200' }),
  describe: (n) => `the number ${n}`,
};
/** The "target" answers 500 to any number of 1000 or more. */
const answerBelow1000 = async (request: HttpRequest) => answered(Number(request.body) >= 1000 ? 500 : 200);

test('a passing property sends each case once and counts every one judged', async () => {
  const ctx = fakeContext(async () => answered(200));
  const result = await forAll(ctx, fc.integer({ min: 0, max: 10 }), runner, { runs: 150 });
  assert.equal(result.status, 'passed');
  assert.equal(result.cases, 150);
  assert.equal(result.judged, 150);
  assert.equal(ctx.sent(), 150);
});

test('the first pass sends, case for case, the sample fast-check draws for the seed (drawn a chunk at a time)', async () => {
  const sent: string[] = [];
  const ctx = fakeContext(async (request) => {
    sent.push(String(request.body));
    return answered(200);
  });
  const arbitrary = fc.integer({ min: 0, max: 1_000_000 });
  // 300 runs cross several chunks, the last one short.
  const result = await forAll(ctx, arbitrary, runner, { runs: 300 });
  assert.equal(result.status, 'passed');
  assert.deepEqual(sent, fc.sample(arbitrary, { seed: 99, numRuns: 300 }).map(String));
});

test('a failure is shrunk to the smallest failing case, with its expectation as data', async () => {
  const ctx = fakeContext(answerBelow1000);
  const result = await forAll(ctx, fc.integer({ min: 0, max: 1_000_000 }), runner, { runs: 200 });
  assert.equal(result.status, 'failed');
  assert.equal(result.failure?.caseDescription, 'the number 1000');
  assert.ok((result.failure?.shrinks ?? 0) > 0);
  assert.equal(result.failure?.seed, 99);
  assert.deepEqual(result.failure?.expectation, { kind: 'status', statuses: [200], title: 'bad', expected: '200' });
});

test('the same seed finds the same failure', async () => {
  const first = await forAll(fakeContext(answerBelow1000), fc.integer({ min: 0, max: 1_000_000 }), runner, { runs: 200 });
  const second = await forAll(fakeContext(answerBelow1000), fc.integer({ min: 0, max: 1_000_000 }), runner, { runs: 200 });
  assert.deepEqual(first.failure?.request, second.failure?.request);
  assert.equal(first.failure?.path, second.failure?.path);
});

test('a check that judged nothing is not-judged with the reason, never passed', async () => {
  // Every answer missing: a status expectation leaves missing answers to M7.
  const silent = fakeContext(async () => ({ kind: 'no-answer', reason: 'timeout', message: 'no answer within 1000 ms', durationMs: 1000 }));
  const result = await forAll(silent, fc.integer(), runner, { runs: 20 });
  assert.equal(result.status, 'not-judged');
  assert.equal(result.judged, 0);
  assert.match(result.reason ?? '', /none of 20 cases could be judged: no answer came in time/);
  // A control that is never accepted (S4–S6): nothing to judge either.
  const controlled: CaseRunner<number> = { ...runner, control: (n) => ({ request: runner.request(n) }) };
  const refused = await forEachCase(fakeContext(async () => answered(404)), [1, 2, 3], controlled);
  assert.equal(refused.status, 'not-judged');
  assert.match(refused.reason ?? '', /control request .* was not answered 200/);
});

test('fixed cases are all sent, as many at a time as the pool allows, and the earliest failure is the failure', async () => {
  const ctx = fakeContext(async (request) => answered(Number(request.body) % 2 === 0 ? 200 : 400));
  const result = await forEachCase(ctx, [2, 4, 5, 6, 7], runner);
  assert.equal(result.status, 'failed');
  assert.equal(result.cases, 5);
  assert.equal(result.failure?.caseDescription, 'the number 5');
});

test('TOLERATED cases are shown in order, never judged as failures', async () => {
  const ctx = fakeContext(async (request) => answered(request.path.endsWith('a') ? 200 : 400));
  const result = await observeEach(ctx, [
    { description: 'first', request: { method: 'PUT', path: '/a', headers: {} } },
    { description: 'second', request: { method: 'PUT', path: '/b', headers: {} } },
  ], (o) => (o.kind === 'response' ? String(o.status) : 'none'));
  assert.equal(result.status, 'passed');
  assert.deepEqual(result.observations, [{ description: 'first', answer: '200' }, { description: 'second', answer: '400' }]);
});

test('a slow target cannot hold a check past the run\'s time budget', async () => {
  const ctx = fakeContext(async () => {
    await sleep(50);
    return answered(200);
  }, 400);
  const started = Date.now();
  const result = await forAll(ctx, fc.integer(), runner, { runs: 10_000 });
  assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  assert.equal(result.status, 'passed');
  assert.ok(result.cases < 10_000);
  assert.match(result.note ?? '', /time budget/);
});
