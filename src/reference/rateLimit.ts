// The reference implementation's opt-in rate limit, for the throttling probe's self-test: at most
// `perSecond` requests in each one-second window; past it, 429 ThrottlingException with a
// Retry-After of `retryAfterSeconds`, after which a new window has begun and requests pass again.

export interface RateLimitOptions {
  /** Requests admitted per one-second window. */
  perSecond: number;
  /** The Retry-After sent with a 429 (whole seconds, S3). Default 1. */
  retryAfterSeconds?: number;
}

export interface RateLimiter {
  /** True when a request arriving at `now` (ms) is admitted. */
  admit(now: number): boolean;
  readonly retryAfterSeconds: number;
}

export function createRateLimiter({ perSecond, retryAfterSeconds = 1 }: RateLimitOptions): RateLimiter {
  if (!Number.isInteger(perSecond) || perSecond < 1) throw new Error(`rateLimit.perSecond must be a whole number of at least 1, not ${perSecond}`);
  if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 1) throw new Error(`rateLimit.retryAfterSeconds must be a whole number of at least 1, not ${retryAfterSeconds}`);
  let window = -1;
  let admitted = 0;
  return {
    retryAfterSeconds,
    admit(now) {
      const current = Math.floor(now / 1000);
      if (current !== window) {
        window = current;
        admitted = 0;
      }
      if (admitted >= perSecond) return false;
      admitted++;
      return true;
    },
  };
}

/** REFERENCE_RATE_LIMIT=<per second>[:<retry-after seconds>], e.g. 20 or 20:1. */
export function parseRateLimit(raw: string): RateLimitOptions {
  const match = /^(\d+)(?::(\d+))?$/.exec(raw.trim());
  if (!match || Number(match[1]) < 1 || (match[2] !== undefined && Number(match[2]) < 1)) {
    throw new Error(`REFERENCE_RATE_LIMIT must be <requests per second>[:<retry-after seconds>], such as 20 or 20:1, not "${raw}".`);
  }
  return { perSecond: Number(match[1]), ...(match[2] !== undefined ? { retryAfterSeconds: Number(match[2]) } : {}) };
}
