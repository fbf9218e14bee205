// One bounded pool of lanes per run, shared by every check: at most `concurrency` requests are in
// flight, whichever check sends them. It is also the run's one throttle gate: a 429 (or a 503 that
// carries Retry-After: load shedding) pauses ALL sending until its Retry-After has passed (1 s when
// the header is absent or not whole seconds; S3 judges the header itself), then sending resumes
// with half the lanes and grows back one lane at a time (additive increase, multiplicative
// decrease, as TCP does), so a rate-limited target is certified at about the rate it allows. The
// request that was throttled goes first when sending resumes, so no request loses the race for
// ever. The wait is bounded: when the target has answered nothing but throttling for longer than
// the patience, the run gives up, and every check still sending cannot judge (inconclusive).
import { isWholeSeconds } from '../checks/internal/errorType';
import { CannotJudge } from '../checks/types';
import type { HttpOutcome, HttpRequest, Transport } from '../transport/types';

export interface PoolOptions {
  concurrency: number;
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

export interface PoolFacts {
  /** Requests sent, retries included. */
  requests: number;
  /** Answers waited out (429, or 503 with Retry-After). */
  throttled: number;
  /** Time all sending was paused, in total. */
  pausedMs: number;
  /** Lanes open now (after throttling, fewer than `concurrency`). */
  lanes: number;
}

export const DEFAULT_PATIENCE_MS = 60_000;
/** The wait for a throttling answer whose Retry-After is absent or not whole seconds. */
export const DEFAULT_THROTTLE_WAIT_MS = 1_000;

/** A 429, or a 503 with Retry-After: how long to wait (ms), or undefined when the answer is not throttling. */
export function throttleWaitMs(outcome: HttpOutcome): number | undefined {
  if (outcome.kind !== 'response') return undefined;
  const header = outcome.headers['retry-after'];
  if (outcome.status !== 429 && !(outcome.status === 503 && header !== undefined)) return undefined;
  // What S3 judges whole seconds is what the gate waits for; anything else, the default wait.
  return header !== undefined && isWholeSeconds(header) ? Number(header.trim()) * 1000 : DEFAULT_THROTTLE_WAIT_MS;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export class SendPool {
  private readonly max: number;
  private readonly patienceMs: number;
  private lanes: number;
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];
  /** Throttled requests, sent first when sending resumes. */
  private readonly retrying: Waiter[] = [];
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private grown = 0;
  /** When throttling began with no other answer since; undefined while the target answers. */
  private stalledSince: number | undefined;
  private givenUp: string | undefined;
  private readonly facts = { requests: 0, throttled: 0, pausedMs: 0 };

  constructor(options: PoolOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, not ${options.concurrency}`);
    this.max = options.concurrency;
    this.lanes = options.concurrency;
    this.patienceMs = options.patienceMs ?? DEFAULT_PATIENCE_MS;
  }

  stats(): PoolFacts {
    return { ...this.facts, lanes: this.lanes };
  }

  /** Sends `request` through `transport` once a lane is free; a throttling answer is waited out and the request sent again. */
  async send(transport: Transport, request: HttpRequest, options: PoolSendOptions): Promise<HttpOutcome> {
    for (let retry = false; ; retry = true) {
      await this.acquire(retry);
      let outcome: HttpOutcome;
      try {
        this.facts.requests++;
        outcome = await transport.send(request, { timeoutMs: options.timeoutMs });
      } catch (error) {
        this.release(undefined);
        throw error;
      }
      const wait = options.throttle === 'return' ? undefined : throttleWaitMs(outcome);
      options.onAnswer?.(outcome, wait !== undefined);
      this.release(wait);
      if (wait === undefined) return outcome;
      this.facts.throttled++;
      if (this.givenUp !== undefined) throw new CannotJudge(this.givenUp);
    }
  }

  /** `priority`: a throttled request, sent again before any new one. */
  private acquire(priority: boolean): Promise<void> {
    if (this.givenUp !== undefined) return Promise.reject(new CannotJudge(this.givenUp));
    if (this.inFlight < this.lanes && Date.now() >= this.pausedUntil && this.waiting.length === 0 && this.retrying.length === 0) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      (priority ? this.retrying : this.waiting).push({ resolve, reject });
      this.pump();
    });
  }

  /** `throttledFor`: the answer was throttling, to be waited out this long (ms); undefined: any other answer. */
  private release(throttledFor: number | undefined): void {
    this.inFlight--;
    const now = Date.now();
    if (throttledFor === undefined) {
      this.stalledSince = undefined;
      if (this.lanes < this.max && ++this.grown >= this.lanes) {
        this.lanes++;
        this.grown = 0;
      }
    } else {
      this.stalledSince ??= now;
      const until = now + throttledFor;
      if (until - this.stalledSince > this.patienceMs) {
        const asked = throttledFor > this.patienceMs ? `asked to wait ${Math.round(throttledFor / 1000)} s` : `answered nothing but throttling (429, or 503 with Retry-After) for ${Math.round((now - this.stalledSince) / 1000)} s`;
        return this.giveUp(`the target ${asked}, past the ${Math.round(this.patienceMs / 1000)} s the suite waits: it stayed throttled, so the run could not judge; run again when it is less loaded, or with a lower --concurrency.`);
      }
      if (now >= this.pausedUntil) {
        // A new pause: fewer lanes once it is over.
        this.lanes = Math.max(1, Math.floor(this.lanes / 2));
        this.grown = 0;
      }
      if (until > this.pausedUntil) {
        this.facts.pausedMs += until - Math.max(this.pausedUntil, now);
        this.pausedUntil = until;
      }
    }
    this.pump();
  }

  private pump(): void {
    const now = Date.now();
    if (now < this.pausedUntil) {
      if (this.timer === undefined) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, this.pausedUntil - now);
      }
      return;
    }
    while (this.inFlight < this.lanes) {
      const next = this.retrying.shift() ?? this.waiting.shift();
      if (!next) return;
      this.inFlight++;
      next.resolve();
    }
  }

  private giveUp(reason: string): void {
    this.givenUp = reason;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of [...this.retrying.splice(0), ...this.waiting.splice(0)]) waiter.reject(new CannotJudge(reason));
  }

  /** Stops the pause timer (the run is over). */
  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
