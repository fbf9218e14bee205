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

test('a 429 pauses every new request until Retry-After has passed, but for one probe a quarter of the way in; the throttled request is never sent again sooner than its Retry-After', async () => {
  // Throttled once; the target is back at once (a limit that refills before Retry-After is up).
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
  const afterThrottle = transport.starts.filter((s) => s.at > throttledAt + 5);
  const probe = afterThrottle[0];
  assert.ok(probe && probe.at - throttledAt >= 240, `the first request after the 429 is the probe, a quarter of Retry-After later (${probe && probe.at - throttledAt} ms)`);
  assert.ok(afterThrottle.slice(1).every((s) => s.at >= probe.at + 15), 'nothing else went while the probe was out');
  const again = transport.starts.find((s) => s.n === 5 && s.at > throttledAt);
  assert.ok(again && again.at - throttledAt >= 995, `the throttled request waited its Retry-After (${again && again.at - throttledAt} ms)`);
  assert.ok(pool.stats().pausedMs < 500, `the answered probe ended the pause: paused ${pool.stats().pausedMs} ms`);
  assert.equal(pool.stats().throttled, 1);
});

test('a probe that is throttled too leaves the pause as it was, and the next waits twice as long', async () => {
  // Throttled for the first 900 ms of the run, whatever is sent.
  const pool = new SendPool({ concurrency: 4 });
  const started = Date.now();
  const transport = fakeTransport(() => (Date.now() - started < 900 ? answer(429, { 'retry-after': '1' }) : answer(200)), 5);
  await Promise.all(Array.from({ length: 12 }, (_, n) => pool.send(transport, request(n), { timeoutMs: 1000 })));
  const during = transport.starts.filter((s) => s.at - started > 10 && s.at - started < 1000).map((s) => s.at - started);
  // The first four went at once; then probes alone at ≈ 250 ms and ≈ 750 ms (250, then 500 later).
  assert.equal(during.length, 2, `probes during the pause at ${during.join(', ')} ms`);
  assert.ok(during[0] >= 240 && during[0] < 400 && during[1] - during[0] >= 480, `at ${during.join(', ')} ms`);
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
