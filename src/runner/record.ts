// Turns requests and outcomes into the report's evidence: text bodies cut to a readable size.
import { curlFor } from '../transport/curl';
import { urlFor, type HttpOutcome, type HttpRequest } from '../transport/types';
import type { Exchange, RecordedOutcome, RecordedRequest } from '../checks/types';

const SHOWN_BODY = 8 * 1024;

function shown(body: Buffer): string {
  const text = body.subarray(0, SHOWN_BODY).toString('utf8');
  return body.length > SHOWN_BODY ? `${text}… (${body.length} bytes in all)` : text;
}

export function recordRequest(target: URL, request: HttpRequest): RecordedRequest {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  return {
    method: request.method,
    url: urlFor(target, request.path).toString(),
    headers: { ...request.headers },
    body: body === undefined ? undefined : shown(body),
    bodyBytes: body?.length ?? 0,
  };
}

export function recordOutcome(outcome: HttpOutcome): RecordedOutcome {
  if (outcome.kind === 'no-answer') return { ...outcome };
  return {
    kind: 'response',
    status: outcome.status,
    headers: outcome.headers,
    body: shown(outcome.body),
    bodyBytes: outcome.body.length,
    durationMs: outcome.durationMs,
  };
}

export function exchange(target: URL, request: HttpRequest, outcome: HttpOutcome): Exchange {
  return { request: recordRequest(target, request), response: recordOutcome(outcome), curl: curlFor(target, request) };
}

/** "400", "200 with a 2-byte body", "no answer (timeout: …)". */
export function describeOutcome(outcome: HttpOutcome | RecordedOutcome): string {
  if (outcome.kind === 'no-answer') return `no answer (${outcome.message})`;
  const bytes = Buffer.isBuffer(outcome.body) ? outcome.body.length : (outcome as { bodyBytes: number }).bodyBytes;
  return bytes === 0 ? `${outcome.status} with an empty body` : `${outcome.status} with a ${bytes}-byte body`;
}
