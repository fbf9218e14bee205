// The run's one pool and throttle gate: bounded in flight, every lane paused by one 429, fewer lanes
// after it and more as answers come, the throttled request first, and a bounded wait. A fake
// transport answers; the times are real but short.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { SendPool, throttleWaitMs } from '../../src/runner/pool';
import { CannotJudge } from '../../src/checks/types';
import type { HttpOutcome, HttpRequest, Transport } from '../../src/transport/types';

const answer = (status: number, headers: Record<string, string> = {}): HttpOutcome => ({ kind: 'response', status, headers, body: Buffer.alloc(0), durationMs: 1 });
const request = (n: number): HttpRequest => ({ method: 'PUT', path: '/cissession/stop', headers: {}, body: String(n) });

/** A transport whose answer `respond` picks, taking `latencyMs`; it keeps when each request started. */
function fakeTransport(respond: (n: number, attempt: number) => HttpOutcome, latencyMs = 5): Transport & { starts: Array<{ n: number; at: number }>; maxInFlight: () => number } {
  const starts: Array<{ n: number; at: number }> = [];
  const attempts = new Map<number, number>();
  let inFlight = 0;
  let max = 0;
  return {
    name: 'fake',
    starts,
    maxInFlight: () => max,
    async send(req) {
      const n = Number(req.body);
      attempts.set(n, (attempts.get(n) ?? 0) + 1);
      starts.push({ n, at: Date.now() });
      max = Math.max(max, ++inFlight);
      await sleep(latencyMs);
      inFlight--;
      return respond(n, attempts.get(n) ?? 1);
    },
    close: async () => {},
  };
}

test('no more requests are in flight than the pool has lanes, whichever caller sends them', async () => {
  const pool = new SendPool({ concurrency: 4 });
  const transport = fakeTransport(() => answer(200));
  await Promise.all(Array.from({ length: 40 }, (_, n) => pool.send(transport, request(n), { timeoutMs: 1000 })));
  assert.equal(transport.maxInFlight(), 4);
  assert.equal(pool.stats().requests, 40);
});

test('a 429 pauses every lane until Retry-After has passed, then the throttled request goes first, with fewer lanes', async () => {
  const pool = new SendPool({ concurrency: 8 });
  let throttledAt = 0;
  const transport = fakeTransport((n, attempt) => {
    if (n === 5 && attempt === 1) {
      throttledAt = Date.now();
      return answer(429, { 'retry-after': '1' });
    }
    return answer(200);
  }, 20);
  const seen: HttpOutcome[] = [];
  const outcomes = await Promise.all(Array.from({ length: 60 }, (_, n) => pool.send(transport, request(n), { timeoutMs: 1000, onAnswer: (o) => seen.push(o) })));
  assert.ok(outcomes.every((o) => o.kind === 'response' && o.status === 200), 'the 429 was waited out and sent again');
  assert.equal(seen.filter((o) => o.kind === 'response' && o.status === 429).length, 1, 'the caller saw the 429 as evidence');
  const duringPause = transport.starts.filter((s) => s.at > throttledAt + 5 && s.at < throttledAt + 950);
  assert.deepEqual(duringPause, [], 'nothing was sent during the pause');
  const afterPause = transport.starts.filter((s) => s.at >= throttledAt + 950);
  assert.equal(afterPause[0]?.n, 5, 'the throttled request went first');
  assert.ok(pool.stats().inFlight.end < 8 || pool.stats().pausedMs >= 900, JSON.stringify(pool.stats()));
  assert.equal(pool.stats().throttled, 1);
});

test('a 503 with Retry-After is load shedding, waited out; a 503 without it, and any 5xx, come back as answers', async () => {
  assert.equal(throttleWaitMs(answer(503, { 'retry-after': '2' })), 2000);
  assert.equal(throttleWaitMs(answer(503)), undefined);
  assert.equal(throttleWaitMs(answer(500, { 'retry-after': '1' })), undefined);
  // Not whole seconds (S3 judges the header): the wait is 1 s.
  assert.equal(throttleWaitMs(answer(429, { 'retry-after': '1s' })), 1000);
  assert.equal(throttleWaitMs(answer(429, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' })), 1000);
  assert.equal(throttleWaitMs(answer(429)), 1000);
  const pool = new SendPool({ concurrency: 2 });
  const transport = fakeTransport((_n, attempt) => (attempt === 1 ? answer(503, { 'retry-after': '0' }) : answer(200)));
  const outcome = await pool.send(transport, request(1), { timeoutMs: 1000 });
  assert.equal(outcome.kind === 'response' && outcome.status, 200);
});

test('a caller that judges throttling itself gets the 429 back', async () => {
  const pool = new SendPool({ concurrency: 2 });
  const outcome = await pool.send(fakeTransport(() => answer(429)), request(1), { timeoutMs: 1000, throttle: 'return' });
  assert.equal(outcome.kind === 'response' && outcome.status, 429);
});

test('a target that answers nothing but 429 past the patience makes every sender unable to judge, in bounded time', async () => {
  const pool = new SendPool({ concurrency: 4, patienceMs: 1500 });
  const transport = fakeTransport(() => answer(429));
  const started = Date.now();
  const results = await Promise.allSettled(Array.from({ length: 10 }, (_, n) => pool.send(transport, request(n), { timeoutMs: 1000 })));
  assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof CannotJudge), 'every sender cannot judge');
  const reason = (results[0] as PromiseRejectedResult).reason as Error;
  assert.match(reason.message, /answered nothing but throttling .* past the 2 s the suite waits|past the 2 s/);
  assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
  // The next request does not even start.
  await assert.rejects(pool.send(transport, request(99), { timeoutMs: 1000 }), CannotJudge);
});

test('a rate-limited target keeps making progress, so the run never gives up on it', async () => {
  // 20 requests per 200 ms window, Retry-After 0: the gate paces itself at the rate allowed.
  let window = 0;
  let used = 0;
  const transport = fakeTransport(() => {
    const now = Math.floor(Date.now() / 200);
    if (now !== window) [window, used] = [now, 0];
    return ++used > 20 ? answer(429, { 'retry-after': '0' }) : answer(200);
  }, 2);
  const pool = new SendPool({ concurrency: 16, patienceMs: 1000 });
  const outcomes = await Promise.all(Array.from({ length: 300 }, (_, n) => pool.send(transport, request(n), { timeoutMs: 1000 })));
  assert.ok(outcomes.every((o) => o.kind === 'response' && o.status === 200));
  assert.ok(pool.stats().throttled > 0, 'the target did throttle');
});
