// The error type of a response as restJson1 clients read it (CONFORMANCE-RULES.md, sources item 3):
// the X-Amzn-Errortype header, else a body `code` or `__type`; the value cut at ':' and ',', and
// only what follows '#' kept — the AWS SDK's own order and sanitising.
import type { HttpOutcome } from '../../transport/types';

export function sanitizeErrorType(raw: string): string {
  let value = raw.split(',')[0].split(':')[0];
  if (value.includes('#')) value = value.split('#')[1] ?? '';
  return value.trim();
}

/** undefined when the response names no error type (or there was no response). */
export function errorTypeOf(outcome: HttpOutcome): string | undefined {
  if (outcome.kind !== 'response') return undefined;
  const header = outcome.headers['x-amzn-errortype'];
  if (header !== undefined) return sanitizeErrorType(header);
  let body: unknown;
  try {
    body = JSON.parse(outcome.body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  // The SDK finds `code` in any case (Code, CODE), then `__type`.
  const codeKey = Object.keys(record).find((key) => key.toLowerCase() === 'code');
  const raw = codeKey !== undefined && record[codeKey] !== undefined ? record[codeKey] : record.__type;
  return typeof raw === 'string' || typeof raw === 'number' ? sanitizeErrorType(String(raw)) : undefined;
}

/** "403 AccessDeniedException", "200 with an empty body" style, for Received lines. */
export function describeErrorAnswer(outcome: HttpOutcome): string {
  if (outcome.kind !== 'response') return `no answer (${outcome.message})`;
  const type = errorTypeOf(outcome);
  if (outcome.status < 300) return `${outcome.status}${outcome.body.length === 0 ? ' with an empty body' : ` with a ${outcome.body.length}-byte body`}`;
  return `${outcome.status} ${type === undefined ? 'naming no error type' : `named ${type}`}`;
}
