// One more attempt, where HTTP lets a client make it. Servers close kept-alive connections that sit
// idle, most without announcing it in a Keep-Alive header (gunicorn after 2 s, Node's http after
// 5 s, many proxies sooner), and a request written just as the server closes finds the connection
// ended before one byte of an answer. RFC 9112 §9.3.1 lets a client open a new connection and send
// the request again then; browsers, undici's RetryAgent and the AWS SDKs do. Both clients of the
// suite do it the same way: once, on a fresh connection, only when the connection had carried an
// earlier request (a fresh connection closed without an answer is the target's doing, judged M7) and
// not one byte of this answer had come (a partial answer is judged as it is), or when the request
// was never written at all (undici fails the requests queued for a connection that is reset while
// idle, before it writes them). The answer to the
// second attempt is the one judged; the record says a second attempt was made, and why.
//
// Every request the suite sends is safe to send twice: a PUT of StopCisSession is idempotent (S4),
// and the other methods are probes whose answer must not be 2xx (M6). A server that closed the
// connection before answering did not answer; Chromium resends any method in this case, on the
// same reasoning.
import { performance } from 'node:perf_hooks';
import type { HttpOutcome } from './types';

export interface Attempt {
  outcome: HttpOutcome;
  /** Set when the attempt may be made again: what ended it, in words ("the reused connection was closed …"). */
  again?: string;
}

/** Why a first attempt may be made again: the connection it went out on had carried an earlier request and was closed before any byte of the answer. */
export function closedOnReuse(detail: string): string {
  return `the first attempt went out on a reused connection, which was closed before any byte of an answer came (${detail})`;
}

/** What a retried outcome says of the first attempt. */
export function retryNote(again: string): string {
  return `${again}; the request was sent again on a fresh connection`;
}

/**
 * Runs `attempt` (fresh: false, on the client's kept-alive connections) and, when it says it may,
 * once more on a fresh connection with what is left of the timeout. The outcome is the second
 * attempt's, marked `retried`, its time the two attempts' together.
 */
export async function sendWithOneRetry(timeoutMs: number, attempt: (timeoutMs: number, fresh: boolean) => Promise<Attempt>): Promise<HttpOutcome> {
  const started = performance.now();
  const first = await attempt(timeoutMs, false);
  if (first.again === undefined) return first.outcome;
  const rest = Math.max(1, Math.round(timeoutMs - (performance.now() - started)));
  const second = await attempt(rest, true);
  return { ...second.outcome, durationMs: first.outcome.durationMs + second.outcome.durationMs, retried: retryNote(first.again) };
}

/** Error codes of a connection that ended: closed by the other side, reset, or broken while writing. */
const CLOSED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Whether `error` (or its cause) says the connection ended, as opposed to a timeout, a refusal or a TLS failure. */
export function isConnectionClosed(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (CLOSED.has((e as NodeJS.ErrnoException).code ?? '')) return true;
  }
  return false;
}
