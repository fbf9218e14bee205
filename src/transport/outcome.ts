// What the clients make of what came back: an answer's headers and body as the suite keeps them,
// and a missing answer in words (a timeout, a refused or closed connection).
import { errors } from 'undici';
import type { HttpOutcome } from './types';

/** Bodies kept in memory are capped: evidence needs the start of a body, not 1 MiB of it. */
const MAX_KEPT_BODY = 256 * 1024;

/** An answer's body as it comes, the first MAX_KEPT_BODY bytes kept. */
export class Collected {
  private readonly chunks: Buffer[] = [];
  private kept = 0;

  add(chunk: Buffer): void {
    if (this.kept < MAX_KEPT_BODY) this.chunks.push(chunk);
    this.kept += chunk.length;
  }

  body(): Buffer {
    return Buffer.concat(this.chunks).subarray(0, MAX_KEPT_BODY);
  }
}

export function timeoutOutcome(timeoutMs: number, durationMs: number): HttpOutcome {
  return { kind: 'no-answer', reason: 'timeout', message: `no answer within ${timeoutMs} ms`, durationMs };
}

export function causeOf(error: unknown): NodeJS.ErrnoException {
  return (error instanceof Error && error.cause instanceof Error ? error.cause : error) as NodeJS.ErrnoException;
}

export function noAnswer(error: unknown, timeoutMs: number, durationMs: number): HttpOutcome {
  const timedOut =
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
  if (timedOut) return timeoutOutcome(timeoutMs, durationMs);
  return { kind: 'no-answer', reason: 'connection', message: describeSocketError(causeOf(error)), durationMs };
}

export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

export function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused: nothing is listening there';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return 'the connection was closed before an answer came';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable';
    default:
      return error.code ? `${error.code}: ${error.message}` : String(error.message ?? error);
  }
}
