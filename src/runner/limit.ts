// How many requests the run keeps in flight, learnt from the target as it answers. In the spirit of
// TCP Vegas and Netflix's concurrency-limits (VegasLimit, Gradient2Limit): the fastest answer seen
// is what the target takes with no queue; while recent answers stay about that fast, and nothing is
// throttled, shed, reset or timed out, more requests go at once; when answers slow down, or the
// target throttles, sheds or drops, fewer. A target far away (150 ms a round trip) is kept busy with
// hundreds in flight; one that queues (a single thread, a worker pool) is held where its answers
// stay fast, which is also where it answers most per second.
//
// Decisions are taken once a window: a window closes when as many answers have come as the limit
// allows in flight (one round trip's worth), and its median answer is compared with the fastest.
// Answers differ in what they cost the target (a 400 for a malformed body is quicker than a 200
// that does the work; a 4 MiB upload is slower than a 300-byte one), so each is compared with the
// fastest of its own kind (LimitSample.kindOf: its status and size). A drop (throttled, shed, reset,
// timed out), or one answer slower by far than its kind has been (a SYN the target's full listen
// queue dropped, retransmitted a second later), acts at once. As TCP cuts its window once a round
// trip, answers to requests sent before the last cut are not heard: the cut already answered what
// they met. Every change is kept with its reason, so the report can say why the run went as fast
// as it did.
//
// Parameters (AdaptiveLimitOptions):
// - initial: where the run starts (32, the suite's fixed default before it adapted);
// - max: the ceiling (--concurrency), min: the floor (1);
// - tolerance and slackMs: an answer is "as fast as the fastest" when its latency is within
//   tolerance × the fastest of its kind + slackMs (its fast level); the slack keeps a local target's
//   sub-millisecond noise from reading as a queue. A window whose median answer is within its fast
//   level, and whose queue at the target is short by Vegas's estimate (the limit × (1 − fastest ÷
//   latency) at most 3·log10 of the limit, 3 at least), grows the limit; past twice its fast
//   level, the window is slowing down and the limit shrinks in proportion (never below half of it
//   a window, and never below the start for latency alone: a target that only queues answers as
//   many a second with 32 in flight as with 4, while one that cannot take 32 says so by
//   throttling, shedding, dropping or stalling); an answer past ten times its fast level (and half
//   a second more) is a stall;
// - until the first sign of a queue or a drop the limit doubles a window (slow start), then grows
//   by √limit a window (congestion avoidance), and only while no request still in flight is
//   overdue (the answers that did not come back yet are not in the window);
// - a request shed (503 with Retry-After) at some level takes the limit just below it; a stall or a
//   drop (429, a reset, a timeout) halves it (a timeout not below the start: a target that hangs
//   on some input hangs at any load). After a shed, stall or 429, growth stops just below
//   the level that refused, and a probe past it is allowed only now and then (probeAfterMs,
//   doubling each time a probe fails), so a target at capacity is not pushed over it again and again.

import type { LimitChange, LimitReason } from '../result/model';

export type { LimitChange, LimitReason };

export interface AdaptiveLimitOptions {
  initial: number;
  max: number;
  min?: number;
  /** Within tolerance × the minimum latency (plus slackMs) is as fast as the fastest (default 1.5). */
  tolerance?: number;
  /** Default 5 ms. */
  slackMs?: number;
  /** How long after a shed or throttle the limit may probe past the level that shed (default 1000 ms). */
  probeAfterMs?: number;
  /** 'fixed': the limit never moves for latency; only throttling (429, 503 with Retry-After) halves it for a while. */
  mode?: 'adaptive' | 'fixed';
  now?: () => number;
  /**
   * How long the oldest small request still in flight has been out (ms), undefined when none is. A
   * window is heard only from the answers that came; the requests that did not come back yet (a SYN
   * a full listen queue dropped waits a second to be sent again) say more, so the limit grows only
   * while none is overdue: out longer than twice the fastest answer's fast level.
   */
  oldestInFlightMs?: () => number | undefined;
}

/** One answer as the limit reads it. */
export interface LimitSample {
  kind: 'answered' | 'shed' | 'throttled' | 'dropped' | 'timed-out';
  latencyMs: number;
  /** Requests in flight when this one was sent, itself included. */
  inFlight: number;
  /** What kind of answer it was, for comparing like with like ("200 small", "400 small", "413 large"). */
  kindOf?: string;
  /** When the request was sent (the limit's clock; default: now less its latency). */
  sentAt?: number;
}

/** Answers of a kind before its own fastest is trusted. */
const TRUSTED_ANSWERS = 8;
/** Changes kept in full; past this many, only their counts. */
const KEPT_CHANGES = 200;

export class AdaptiveLimit {
  private current: number;
  private readonly initial: number;
  private readonly min: number;
  private readonly max: number;
  private readonly tolerance: number;
  private readonly slackMs: number;
  private readonly probeAfter: number;
  private readonly mode: 'adaptive' | 'fixed';
  private readonly now: () => number;
  private readonly oldestInFlightMs: () => number | undefined;
  private readonly started: number;

  /** The fastest answer of each kind, and how many of that kind came. */
  private readonly fastest = new Map<string, { ms: number; answers: number }>();
  /** The fastest answer of any kind. */
  private fastestOfAll = Infinity;
  /** The window's answers, each as a multiple of its kind's fast level, and of its kind's fastest. */
  private window: Array<{ level: number; fastest: number }> = [];
  /** When the limit was last cut: answers to requests sent before it speak of the old limit, and are not heard. */
  private cutAt = -Infinity;
  /** Fixed mode: answers since the limit last moved. */
  private answersSinceChange = 0;
  /** No queue or drop seen yet: the limit doubles a window. */
  private slowStart = true;
  /** The lowest level that shed or throttled, and when growth may next probe past it. */
  private ceilingSeen: number | undefined;
  private probeAt = 0;
  private probeWait: number;
  private probing = false;

  readonly changes: LimitChange[] = [];
  readonly counts: Partial<Record<LimitReason, number>> = {};
  private low: number;
  private high: number;

  constructor(options: AdaptiveLimitOptions) {
    this.min = options.min ?? 1;
    this.max = options.max;
    if (!Number.isInteger(this.max) || this.max < this.min) throw new RangeError(`the in-flight ceiling must be a whole number of at least ${this.min}, not ${options.max}`);
    this.current = Math.max(this.min, Math.min(this.max, Math.round(options.initial)));
    this.initial = this.current;
    this.tolerance = options.tolerance ?? 1.5;
    this.slackMs = options.slackMs ?? 5;
    this.probeAfter = options.probeAfterMs ?? 1000;
    this.probeWait = this.probeAfter;
    this.mode = options.mode ?? 'adaptive';
    this.now = options.now ?? Date.now;
    this.oldestInFlightMs = options.oldestInFlightMs ?? (() => undefined);
    this.started = this.now();
    this.low = this.current;
    this.high = this.current;
  }

  /** Requests that may be in flight now. */
  get value(): number {
    return this.current;
  }

  /** The lowest and highest the limit has been. */
  range(): { min: number; max: number } {
    return { min: this.low, max: this.high };
  }

  onAnswer(sample: LimitSample): void {
    // As TCP takes one cut a round trip: what a request sent before the last cut met, the cut has answered.
    const sentAt = sample.sentAt ?? this.now() - sample.latencyMs;
    if (this.mode === 'adaptive' && sentAt < this.cutAt && sample.kind !== 'shed') return;
    switch (sample.kind) {
      case 'answered':
        return this.answered(sample);
      case 'shed':
        return this.shed(sample.inFlight);
      case 'throttled':
        return this.drop('throttled');
      default:
        return this.mode === 'fixed' ? undefined : this.drop(sample.kind);
    }
  }

  private answered({ latencyMs, kindOf = '' }: LimitSample): void {
    if (this.mode === 'fixed') {
      // The gate of a fixed run: after throttling, one more per limit's worth of answers, back to the ceiling.
      if (++this.answersSinceChange >= this.current && this.current < this.max) this.set(this.current + 1, 'fast');
      return;
    }
    const seen = this.fastest.get(kindOf) ?? { ms: Infinity, answers: 0 };
    seen.ms = Math.min(seen.ms, latencyMs);
    seen.answers++;
    this.fastest.set(kindOf, seen);
    this.fastestOfAll = Math.min(this.fastestOfAll, latencyMs);
    // A kind's own fastest once it has come a few times; before, its first answers may all have
    // stalled, and the fastest of any kind is the better guess.
    const fastest = seen.answers >= TRUSTED_ANSWERS ? seen.ms : Math.min(seen.ms, this.fastestOfAll);
    const fastLevel = fastest * this.tolerance + this.slackMs;
    if (latencyMs > Math.max(10 * fastLevel, fastLevel + 500)) return this.drop('stalled');
    this.window.push({ level: latencyMs / fastLevel, fastest: latencyMs / Math.max(fastest, 0.01) });
    if (this.window.length < Math.max(4, this.current)) return;
    const median = medianOf(this.window.map((w) => w.level));
    // Vegas's estimate of the requests queued at the target: the limit × (1 − fastest ÷ latency).
    const queued = this.current * (1 - 1 / Math.max(1, medianOf(this.window.map((w) => w.fastest))));
    this.window = [];
    // A window gone by with no refusal since a probe: the probe held, and the next waits the base time again.
    if (this.probing) {
      this.probing = false;
      this.probeWait = this.probeAfter;
    }
    // Faster than its fast level and a short queue: more would be answered as fast. (A local target
    // answers within the slack at any load, but with a queue as long as the limit: more in flight
    // would only wait longer.)
    if (median <= 1) return queued <= Math.max(3, 3 * Math.log10(this.current)) ? this.grow() : undefined;
    this.slowStart = false;
    // Shrink in proportion to how far past its fast level the window was, at most by half, and not
    // below the start for latency alone: a target that queues without dropping anything (any target
    // on this machine, sharing its cores) answers as many a second with 32 in flight as with 4.
    const floor = Math.min(this.initial, this.current);
    if (median > 2) this.set(Math.max(floor, Math.floor(this.current * Math.max(0.5, 2 / median))), 'slowing');
  }

  private grow(): void {
    if (this.current >= this.max) return;
    // A small request out longer than twice the fastest answer's fast level is overdue.
    const oldest = this.oldestInFlightMs();
    if (oldest !== undefined && oldest > 2 * (this.fastestOfAll * this.tolerance + this.slackMs)) return;
    let next = this.slowStart ? this.current * 2 : this.current + Math.max(1, Math.floor(Math.sqrt(this.current)));
    let why: LimitReason = 'fast';
    if (this.ceilingSeen !== undefined && next >= this.ceilingSeen) {
      if (this.now() < this.probeAt) next = this.ceilingSeen - 1;
      else {
        // A probe: one past the level that shed; if it sheds again, the next waits twice as long.
        next = this.ceilingSeen;
        why = 'probe';
        this.probing = true;
        this.ceilingSeen = undefined;
      }
    }
    next = Math.min(this.max, next);
    if (next > this.current) this.set(next, why);
  }

  /** A request sent at `inFlight` was shed (503 with Retry-After): the target holds fewer than that at once. */
  private shed(inFlight: number): void {
    if (this.mode === 'fixed') return this.drop('shed');
    this.slowStart = false;
    const level = Math.max(this.min, Math.min(this.current, inFlight - 1));
    this.remember(level + 1);
    if (level < this.current) this.set(level, 'shed');
  }

  private drop(why: Extract<LimitReason, 'throttled' | 'dropped' | 'timed-out' | 'shed' | 'stalled'>): void {
    this.slowStart = false;
    if (why === 'throttled' || why === 'shed' || why === 'stalled') this.remember(this.current);
    // A timeout alone does not say the target is loaded (a target that hangs on some input hangs
    // at any load, and fewer in flight would only queue the hangs one after another); a loaded one
    // also stalls, sheds or drops, and those take the limit lower.
    const floor = why === 'timed-out' ? Math.min(this.initial, this.current) : this.min;
    this.set(Math.max(floor, Math.floor(this.current / 2)), why);
  }

  /** A level the target refused at: growth stops below it until the next probe. */
  private remember(level: number): void {
    this.ceilingSeen = Math.min(this.ceilingSeen ?? Infinity, level);
    // A probe that failed waits twice as long for the next; a first refusal, the base wait.
    this.probeWait = this.probing ? Math.min(this.probeWait * 2, 30_000) : this.probeAfter;
    this.probing = false;
    this.probeAt = this.now() + this.probeWait;
  }

  private set(to: number, why: LimitReason): void {
    if (to === this.current) return;
    if (to < this.current) {
      this.cutAt = this.now();
      this.window = [];
    }
    this.answersSinceChange = 0;
    const change: LimitChange = { atMs: this.now() - this.started, from: this.current, to, why };
    this.current = to;
    this.low = Math.min(this.low, to);
    this.high = Math.max(this.high, to);
    this.counts[why] = (this.counts[why] ?? 0) + 1;
    if (this.changes.length < KEPT_CHANGES) this.changes.push(change);
  }
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
