// One pool per run, shared by every check: whichever check sends, no more requests are in flight
// than the run's in-flight limit (limit.ts), which adapts to the target: it starts at 32 and grows
// while answers stay as fast as the fastest, shrinks when they slow down or the target throttles,
// sheds or drops, and never passes the ceiling (--concurrency). With --concurrency-mode fixed it
// stays at the ceiling but while the target throttles.
//
// The pool is also the run's one throttle gate:
// - A 429 pauses all new sending until its Retry-After has passed (1 s when the header is absent or
//   not whole seconds; S3 judges the header itself): a rate limit is about time, so no lane may
//   send into it. But one probe may learn sooner that capacity is back: a quarter of the way into
//   the pause one new request goes alone, and if it is answered the pause is over (a limit that
//   counts per wall-clock second refills before a Retry-After of whole seconds has passed); if it
//   is throttled too, the next probe waits twice as long. Sending resumes with half as many in
//   flight.
// - A 503 with Retry-After is a target shedding load (servlet containers, load balancers, worker
//   pools): the request that got it waits its Retry-After and then goes first, while the others go
//   on, fewer in flight than the level that shed (the limit learns where that is). Only when a
//   single request in flight is shed does all sending pause.
// Either way the request that got Retry-After waits it out alone and is never sent again sooner than
// it says; then it goes before any new request. The wait is
// bounded: when the target has answered nothing but throttling for longer than the patience, the
// run gives up, and every check still sending cannot judge (inconclusive).
import { isWholeSeconds } from '../checks/internal/errorType';
import { CannotJudge } from '../checks/types';
import { isLargeBody } from '../transport/pacedUpload';
import type { HttpOutcome, HttpRequest, Transport } from '../transport/types';
import type { Pace } from '../report/progress';
import type { Traffic } from '../result/model';
import type { ConcurrencyMode } from '../settings';
import { AdaptiveLimit, type LimitSample } from './limit';

export interface PoolOptions {
  /** The ceiling of requests in flight (fixed mode: the number in flight). */
  concurrency: number;
  mode?: ConcurrencyMode;
  /** Where an adaptive limit starts (default: DEFAULT_START, or the ceiling when lower). */
  initial?: number;
  /** How long throttling may go on with no other answer before the run gives up. */
  patienceMs?: number;
}

export interface PoolSendOptions {
  timeoutMs: number;
  /** 'return': a 429 comes back to the caller instead of being waited out (the throttling probe). */
  throttle?: 'wait' | 'return';
  /** Every answer as it comes, the waited-out ones included (`waitedOut`), for the caller's evidence. */
  onAnswer?(outcome: HttpOutcome, waitedOut: boolean): void;
}

/** Where an adaptive run starts: the fixed default the suite had before it adapted. */
export const DEFAULT_START = 32;
export const DEFAULT_PATIENCE_MS = 60_000;
/** The wait for a throttling answer whose Retry-After is absent or not whole seconds. */
export const DEFAULT_THROTTLE_WAIT_MS = 1_000;
/** The least time between a pause's start, or a throttled probe, and the next probe. */
const MIN_PROBE_GAP_MS = 100;
/** How many of the latest answers the answer rate is taken over. */
const RATE_WINDOW = 256;

/** A 429, or a 503 with Retry-After: how long to wait (ms), or undefined when the answer is not throttling. */
export function throttleWaitMs(outcome: HttpOutcome): number | undefined {
  if (outcome.kind !== 'response') return undefined;
  const header = outcome.headers['retry-after'];
  if (outcome.status !== 429 && !(outcome.status === 503 && header !== undefined)) return undefined;
  // What S3 judges whole seconds is what the gate waits for; anything else, the default wait.
  return header !== undefined && isWholeSeconds(header) ? Number(header.trim()) * 1000 : DEFAULT_THROTTLE_WAIT_MS;
}

/**
 * First in, first out, in constant time a step: every check's lanes wait here, thousands at once
 * when the ceiling is high, and Array.shift moves them all each time one goes.
 */
class Queue<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    // Drop what has gone once it is most of the array.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  drain(): T[] {
    const rest = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return rest;
  }
}

interface Waiter {
  /** `probe`: sent alone during a pause, to learn whether capacity is back. */
  resolve(probe: boolean): void;
  reject(error: Error): void;
}

/** The limit's reading of one outcome. */
function sampleOf(outcome: HttpOutcome, request: HttpRequest, inFlight: number, waited: boolean): LimitSample {
  if (outcome.kind === 'no-answer') return { kind: outcome.reason === 'timeout' ? 'timed-out' : 'dropped', latencyMs: outcome.durationMs, inFlight };
  if (waited) return { kind: outcome.status === 429 ? 'throttled' : 'shed', latencyMs: outcome.durationMs, inFlight };
  // A large body's answer is a kind of its own: an upload takes its time.
  return { kind: 'answered', latencyMs: outcome.durationMs, inFlight, kindOf: `${outcome.status} ${isLargeBody(request) ? 'large' : 'small'}` };
}

export class SendPool {
  private readonly limit: AdaptiveLimit;
  private readonly mode: ConcurrencyMode;
  private readonly ceiling: number;
  private readonly start: number;
  private readonly patienceMs: number;
  private inFlight = 0;
  private peak = 0;
  private readonly waiting = new Queue<Waiter>();
  /** Requests that waited out a Retry-After, sent first when there is room. */
  private readonly retrying = new Queue<Waiter>();
  private pausedUntil = 0;
  /** During a pause: when the next probe may go, how long after it the one after, and whether one is out. */
  private probeAt = 0;
  private probeGap = 0;
  private probeOut = false;
  private timer: NodeJS.Timeout | undefined;
  /** When throttling began with no other answer since; undefined while the target answers. */
  private stalledSince: number | undefined;
  private givenUp: string | undefined;
  private readonly facts = { requests: 0, retries: 0, throttled: 0, pausedMs: 0, timedOut: 0, dropped: 0 };
  private readonly sleeping = new Set<NodeJS.Timeout>();
  /** When each small request in flight was sent. */
  private readonly out = new Set<{ sentAt: number }>();
  /** When the last answers came (a ring), for the answer rate. */
  private readonly answeredAt: number[] = [];
  private answered = 0;

  constructor(options: PoolOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, not ${options.concurrency}`);
    this.mode = options.mode ?? 'adaptive';
    this.ceiling = options.concurrency;
    this.start = this.mode === 'fixed' ? this.ceiling : Math.min(this.ceiling, options.initial ?? DEFAULT_START);
    this.limit = new AdaptiveLimit({ initial: this.start, max: this.ceiling, mode: this.mode, oldestInFlightMs: () => this.oldestInFlightMs() });
    this.patienceMs = options.patienceMs ?? DEFAULT_PATIENCE_MS;
  }

  /** How many may be in flight now. */
  limitNow(): number {
    return this.limit.value;
  }

  /** Requests in flight now, the limit, answers so far, and answers a second over the last RATE_WINDOW answers. */
  pace(): Pace {
    const now = Date.now();
    const oldest = this.answeredAt.length === RATE_WINDOW ? this.answeredAt[this.answered % RATE_WINDOW] : this.answeredAt[0];
    const span = oldest === undefined ? 0 : now - oldest;
    return { inFlight: this.inFlight, limit: this.limit.value, answered: this.answered, perSecond: span > 0 ? Math.round((1000 * this.answeredAt.length) / span) : 0 };
  }

  stats(): Traffic {
    const range = this.limit.range();
    return {
      ...this.facts,
      inFlight: { mode: this.mode, ceiling: this.ceiling, start: this.start, min: range.min, max: range.max, end: this.limit.value, peak: this.peak, reasons: { ...this.limit.counts }, changes: [...this.limit.changes] },
    };
  }

  /** Sends `request` through `transport` once there is room; a throttling answer is waited out and the request sent again. */
  async send(transport: Transport, request: HttpRequest, options: PoolSendOptions): Promise<HttpOutcome> {
    for (let again = false; ; again = true) {
      const probe = await this.acquire(again);
      const inFlight = this.inFlight;
      const sentAt = Date.now();
      const sending = { sentAt };
      // Small requests only: an upload takes its time, and says nothing of a queue.
      if (!isLargeBody(request)) this.out.add(sending);
      let outcome: HttpOutcome;
      try {
        outcome = await transport.send(request, { timeoutMs: options.timeoutMs });
      } catch (error) {
        this.out.delete(sending);
        this.inFlight--;
        if (probe) this.probed(false);
        this.pump();
        throw error;
      }
      this.out.delete(sending);
      this.facts.requests += outcome.retried === undefined ? 1 : 2;
      if (outcome.retried !== undefined) this.facts.retries++;
      if (outcome.kind === 'no-answer') this.facts[outcome.reason === 'timeout' ? 'timedOut' : 'dropped']++;
      const wait = options.throttle === 'return' ? undefined : throttleWaitMs(outcome);
      options.onAnswer?.(outcome, wait !== undefined);
      this.inFlight--;
      this.answeredAt[this.answered++ % RATE_WINDOW] = Date.now();
      const sample = { ...sampleOf(outcome, request, inFlight, wait !== undefined), sentAt };
      if (probe) this.probed(wait === undefined && outcome.kind === 'response');
      if (wait === undefined) {
        this.stalledSince = undefined;
        this.limit.onAnswer(sample);
        this.pump();
        return outcome;
      }
      this.facts.throttled++;
      // A probe that was throttled too leaves the pause as it was; its request waits like any other.
      if (!probe) this.throttled(sample, wait);
      this.pump();
      if (this.givenUp !== undefined) throw new CannotJudge(this.givenUp);
      // This request waits out its own Retry-After, whatever the others do.
      await this.sleep(wait);
    }
  }

  /** A throttling answer, to be waited out `wait` ms: a 429 (or a 503 with Retry-After in fixed mode, or to the one request in flight) pauses all new sending. */
  private throttled(sample: LimitSample, wait: number): void {
    const now = Date.now();
    this.stalledSince ??= now;
    if (now + wait - this.stalledSince > this.patienceMs) {
      const asked = wait > this.patienceMs ? `asked to wait ${Math.round(wait / 1000)} s` : `answered nothing but throttling (429, or 503 with Retry-After) for ${Math.round((now - this.stalledSince) / 1000)} s`;
      return this.giveUp(`the target ${asked}, past the ${Math.round(this.patienceMs / 1000)} s the suite waits: it stayed throttled, so the run could not judge; run again when it is less loaded, or with a lower --concurrency.`);
    }
    const pauseAll = sample.kind === 'throttled' || this.mode === 'fixed' || sample.inFlight <= 1;
    if (!pauseAll) return this.limit.onAnswer(sample);
    if (now >= this.pausedUntil) {
      // A new pause: fewer in flight once it is over, and a first probe a quarter of the way in.
      this.limit.onAnswer({ ...sample, kind: 'throttled' });
      this.probeGap = Math.max(MIN_PROBE_GAP_MS, wait / 4);
      this.probeAt = now + this.probeGap;
    }
    const until = now + wait;
    if (until > this.pausedUntil) {
      this.facts.pausedMs += until - Math.max(this.pausedUntil, now);
      this.pausedUntil = until;
    }
  }

  /** A probe came back: answered, the pause is over; else the next probe waits twice as long. */
  private probed(answered: boolean): void {
    this.probeOut = false;
    const now = Date.now();
    if (answered && now < this.pausedUntil) {
      this.facts.pausedMs -= this.pausedUntil - now;
      this.pausedUntil = now;
      return;
    }
    this.probeGap *= 2;
    this.probeAt = now + this.probeGap;
  }

  /** `priority`: a request that waited out a Retry-After, sent again before any new one. Resolves to whether it goes as a probe. */
  private acquire(priority: boolean): Promise<boolean> {
    if (this.givenUp !== undefined) return Promise.reject(new CannotJudge(this.givenUp));
    if (this.inFlight < this.limit.value && Date.now() >= this.pausedUntil && this.waiting.length === 0 && this.retrying.length === 0) {
      this.take();
      return Promise.resolve(false);
    }
    return new Promise((resolve, reject) => {
      (priority ? this.retrying : this.waiting).push({ resolve, reject });
      this.pump();
    });
  }

  private oldestInFlightMs(): number | undefined {
    let oldest: number | undefined;
    for (const { sentAt } of this.out) oldest = oldest === undefined ? sentAt : Math.min(oldest, sentAt);
    return oldest === undefined ? undefined : Date.now() - oldest;
  }

  private take(): void {
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
  }

  private pump(): void {
    const now = Date.now();
    if (now < this.pausedUntil) {
      // Paused: one new request may go alone as a probe once its time has come.
      if (!this.probeOut && now >= this.probeAt && this.inFlight < this.limit.value) {
        const next = this.waiting.shift();
        if (next) {
          this.probeOut = true;
          this.take();
          next.resolve(true);
        }
      }
      const wake = this.probeOut || now >= this.probeAt ? this.pausedUntil : Math.min(this.pausedUntil, this.probeAt);
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wake - now);
      return;
    }
    while (this.inFlight < this.limit.value) {
      const next = this.retrying.shift() ?? this.waiting.shift();
      if (!next) return;
      this.take();
      next.resolve(false);
    }
  }

  /** Waits `ms` (a Retry-After); the timer is kept so that close() can stop it. A run that gave up meanwhile refuses the request when it asks to go again. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleeping.delete(timer);
        resolve();
      }, ms);
      this.sleeping.add(timer);
    });
  }

  private giveUp(reason: string): void {
    this.givenUp = reason;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of [...this.retrying.drain(), ...this.waiting.drain()]) waiter.reject(new CannotJudge(reason));
  }

  /** Stops the pause timers (the run is over). */
  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const timer of this.sleeping) clearTimeout(timer);
    this.sleeping.clear();
  }
}
