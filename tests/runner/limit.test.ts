// The in-flight limit against simulated servers, in virtual time: requests go out as the limit
// allows, each answered after the time the server's model gives for the load it found, and the
// limit hears every answer. What it must do: keep a far target busy up to the ceiling, leave a
// target that only queues where it started, settle just under a worker pool's size and probe past
// it rarely, back off a listen queue that drops SYNs, hold a fixed number, and say why it moved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveLimit, type AdaptiveLimitOptions, type LimitSample } from '../../src/runner/limit';

/** What a simulated server does with a request that finds `inFlight` in flight (itself included). */
type Model = (inFlight: number) => { latencyMs: number; kind?: LimitSample['kind'] };

interface Simulated {
  limit: AdaptiveLimit;
  /** Virtual time the requests took, start to last answer. */
  elapsedMs: number;
  peak: number;
  /** Answers of each kind. */
  kinds: Record<string, number>;
  /** Every answer's latency. */
  latencies: number[];
}

/** Sends `requests` through the limit against `model`; a shed request goes again 1 s later (its Retry-After). */
function simulate(model: Model, requests: number, options: Partial<AdaptiveLimitOptions> = {}): Simulated {
  let clock = 0;
  const out = new Set<{ sentAt: number }>();
  const oldestInFlightMs = () => (out.size === 0 ? undefined : clock - Math.min(...[...out].map((o) => o.sentAt)));
  const limit = new AdaptiveLimit({ initial: 32, max: 256, now: () => clock, oldestInFlightMs, ...options });
  const due: Array<{ at: number; sample: LimitSample; again: boolean; sending: { sentAt: number } }> = [];
  let inFlight = 0;
  let waiting = requests;
  let peak = 0;
  const retryAt: number[] = [];
  const kinds: Record<string, number> = {};
  const latencies: number[] = [];
  const send = () => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    const answer = model(inFlight);
    const sample: LimitSample = { kind: answer.kind ?? 'answered', latencyMs: answer.latencyMs, inFlight, kindOf: '200 small', sentAt: clock };
    const sending = { sentAt: clock };
    out.add(sending);
    due.push({ at: clock + answer.latencyMs, sample, again: sample.kind === 'shed', sending });
    due.sort((a, b) => a.at - b.at);
  };
  const fill = () => {
    while (inFlight < limit.value) {
      const ready = retryAt.findIndex((at) => at <= clock);
      if (ready >= 0) retryAt.splice(ready, 1);
      else if (waiting > 0) waiting--;
      else return;
      send();
    }
  };
  fill();
  while (due.length > 0 || retryAt.length > 0) {
    const next = due.shift();
    if (!next) {
      clock = Math.min(...retryAt);
      fill();
      continue;
    }
    clock = next.at;
    inFlight--;
    out.delete(next.sending);
    kinds[next.sample.kind] = (kinds[next.sample.kind] ?? 0) + 1;
    latencies.push(next.sample.latencyMs);
    limit.onAnswer(next.sample);
    if (next.again) retryAt.push(clock + 1000);
    fill();
  }
  return { limit, elapsedMs: clock, peak, kinds, latencies };
}

test('a far target (150 ms, whatever the load) is kept busy up to the ceiling, near its floor at 256 in flight', () => {
  const run = simulate(() => ({ latencyMs: 150 }), 6000);
  assert.equal(run.limit.value, 256);
  assert.equal(run.peak, 256);
  const floor = (6000 * 150) / 256;
  assert.ok(run.elapsedMs < 1.3 * floor, `${run.elapsedMs} ms against a floor of ${floor}`);
  assert.ok((run.limit.counts.fast ?? 0) >= 3, 'it grew, window after window');
  assert.deepEqual(run.limit.changes.slice(0, 3).map((c) => `${c.from}>${c.to} ${c.why}`), ['32>64 fast', '64>128 fast', '128>256 fast']);
});

test('a target that only queues (one worker, 1 ms a request) is left where the run started: more in flight would only wait longer', () => {
  const run = simulate((inFlight) => ({ latencyMs: inFlight }), 5000);
  assert.equal(run.limit.value, 32);
  assert.deepEqual(run.limit.range(), { min: 32, max: 32 });
});

test('a far target that saturates past 100 at once settles near 100, not at the ceiling', () => {
  const run = simulate((inFlight) => ({ latencyMs: inFlight <= 100 ? 150 : 150 + 6 * (inFlight - 100) * 4 }), 20000);
  assert.ok(run.limit.value >= 80 && run.limit.value <= 140, `ended at ${run.limit.value}`);
  assert.ok((run.limit.counts.slowing ?? 0) > 0, 'it backed off for slowing answers');
});

test('a worker pool of 8 that sheds the ninth settles just under its size and probes past it rarely, each failed probe waiting twice as long', () => {
  const run = simulate((inFlight) => (inFlight > 8 ? { latencyMs: 1, kind: 'shed' } : { latencyMs: 20 }), 6000);
  assert.ok(run.limit.value <= 9 && run.limit.value >= 7, `ended at ${run.limit.value}`);
  const capacityFloor = (6000 * 20) / 8;
  assert.ok(run.elapsedMs < 2 * capacityFloor, `${run.elapsedMs} ms against a capacity floor of ${capacityFloor}`);
  // 24 shed at the start (32 sent at once); afterwards only the probes.
  assert.ok((run.kinds.shed ?? 0) < 24 + 12, `${run.kinds.shed} shed`);
  const probes = run.limit.changes.filter((c) => c.why === 'probe').map((c) => c.atMs);
  const gaps = probes.slice(1).map((at, i) => at - probes[i]);
  assert.ok(gaps.every((gap, i) => i === 0 || gap >= gaps[i - 1] * 1.5), `probe gaps grow: ${gaps.join(', ')}`);
});

test('a listen queue that drops SYNs past 6 at once (a second to retransmit) is backed off: stalls stay rare', () => {
  const run = simulate((inFlight) => ({ latencyMs: inFlight <= 6 ? inFlight : 1000 }), 3000);
  assert.ok(run.limit.value <= 8, `ended at ${run.limit.value}`);
  assert.ok((run.limit.counts.stalled ?? 0) > 0, 'it backed off for stalls');
  const stalls = run.latencies.filter((ms) => ms >= 1000).length;
  // At a fixed 32, 26 of every 32 would stall.
  assert.ok(stalls < 0.03 * run.latencies.length, `${stalls} of ${run.latencies.length} answers stalled`);
});

test('fixed: the number holds whatever the latency; only throttling takes it down, and answers bring it back one at a time', () => {
  const slow = simulate((inFlight) => ({ latencyMs: inFlight * 10 }), 2000, { mode: 'fixed', initial: 32, max: 32 });
  assert.deepEqual(slow.limit.range(), { min: 32, max: 32 });
  const limit = new AdaptiveLimit({ initial: 32, max: 32, mode: 'fixed' });
  limit.onAnswer({ kind: 'throttled', latencyMs: 1, inFlight: 32 });
  assert.equal(limit.value, 16);
  for (let i = 0; i < 16; i++) limit.onAnswer({ kind: 'answered', latencyMs: 1, inFlight: 16 });
  assert.equal(limit.value, 17);
  assert.deepEqual(Object.keys(limit.counts).sort(), ['fast', 'throttled']);
});

test('a drop halves the limit once a window, however many requests it hit', () => {
  const limit = new AdaptiveLimit({ initial: 64, max: 256 });
  for (let i = 0; i < 10; i++) limit.onAnswer({ kind: 'dropped', latencyMs: 5, inFlight: 64 });
  assert.equal(limit.value, 32);
  assert.equal(limit.counts.dropped, 1);
  limit.onAnswer({ kind: 'timed-out', latencyMs: 10_000, inFlight: 32 });
  assert.equal(limit.value, 32, 'still the same window');
});
