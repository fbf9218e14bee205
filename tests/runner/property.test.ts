// forAll, the property runner every bulk check uses: the first pass finds what fc.check finds,
// a failure is shrunk, and a slow target cannot run a check past its budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { forAll, type CaseRunner } from '../../src/checks/internal/property';
import type { CheckContext, Settings } from '../../src/checks/types';
import type { HttpOutcome, HttpRequest } from '../../src/transport/types';
import { exchange } from '../../src/runner/record';

function fakeContext(answer: (request: HttpRequest) => Promise<HttpOutcome>, budgetMs = 60_000): CheckContext & { sent: () => number } {
  const settings: Settings = {
    target: new URL('http://127.0.0.1:9'),
    seed: 1,
    runs: 200,
    timeoutMs: 1_000,
    checkBudgetMs: budgetMs,
    strict: false,
    sessionMode: 'any',
    allowEmptyObject: false,
  };
  let sent = 0;
  return {
    settings,
    seed: 99,
    replay: 'replay',
    send: async (request) => {
      sent++;
      return answer(request);
    },
    startSession: async () => {},
    record: (request, outcome) => exchange(settings.target, request, outcome),
    sent: () => sent,
  };
}

const ok = (status: number): HttpOutcome => ({ kind: 'response', status, headers: {}, body: Buffer.alloc(0), durationMs: 1 });

/** Cases are numbers; the "target" answers 500 to any number of 1000 or more. */
const runner: CaseRunner<number> = {
  toRequest: (n) => ({ method: 'PUT', path: '/cissession/stop', headers: {}, body: String(n) }),
  judge: (_n, outcome) => (outcome.kind === 'response' && outcome.status === 200 ? undefined : { title: 'bad', expected: '200', received: 'not 200' }),
  describe: (n) => `the number ${n}`,
};
const answerBelow1000 = async (request: HttpRequest) => ok(Number(request.body) >= 1000 ? 500 : 200);

test('a passing property sends each case once', async () => {
  const ctx = fakeContext(async () => ok(200));
  const result = await forAll(ctx, fc.integer({ min: 0, max: 10 }), runner, { runs: 150 });
  assert.equal(result.status, 'passed');
  assert.equal(result.cases, 150);
  assert.equal(ctx.sent(), 150);
});

test('a failure is shrunk to the smallest failing case', async () => {
  const ctx = fakeContext(answerBelow1000);
  const result = await forAll(ctx, fc.integer({ min: 0, max: 1_000_000 }), runner, { runs: 200 });
  assert.equal(result.status, 'failed');
  assert.equal(result.failure?.caseDescription, 'the number 1000');
  assert.ok((result.failure?.shrinks ?? 0) > 0);
  assert.equal(result.failure?.seed, 99);
});

test('the same seed finds the same failure', async () => {
  const first = await forAll(fakeContext(answerBelow1000), fc.integer({ min: 0, max: 1_000_000 }), runner, { runs: 200 });
  const second = await forAll(fakeContext(answerBelow1000), fc.integer({ min: 0, max: 1_000_000 }), runner, { runs: 200 });
  assert.deepEqual(first.failure?.request, second.failure?.request);
  assert.equal(first.failure?.path, second.failure?.path);
});

test('a slow target cannot hold a check past its budget', async () => {
  const ctx = fakeContext(async () => {
    await sleep(50);
    return ok(200);
  }, 400);
  const started = Date.now();
  const result = await forAll(ctx, fc.integer(), runner, { runs: 10_000 });
  assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  assert.equal(result.status, 'passed');
  assert.ok(result.cases < 10_000);
  assert.match(result.note ?? '', /time budget/);
});
