// Turns requests and outcomes into the report's evidence: text bodies cut to a readable size,
// secrets redacted (src/report/redact.ts) before anything is kept, attached or printed.
import { curlFor } from '../transport/curl';
import { redactionPolicy, redactHeaders, redactRequest, redactText, secretsOf } from '../report/redact';
import { urlFor, type HttpOutcome, type HttpRequest } from '../transport/types';
import type { Exchange, RecordedOutcome, RecordedRequest } from '../checks/types';

const SHOWN_BODY = 8 * 1024;

function shown(body: Buffer, total = body.length): string {
  const text = body.subarray(0, SHOWN_BODY).toString('utf8');
  return body.length > SHOWN_BODY ? `${text}… (${total} bytes in all)` : text;
}

export function recordRequest(target: URL, raw: HttpRequest): RecordedRequest {
  const request = redactRequest(raw, redactionPolicy());
  const body = raw.body === undefined ? undefined : Buffer.from(raw.body);
  return {
    method: request.method,
    url: urlFor(target, request.path).toString(),
    headers: { ...request.headers },
    // Shown from the redacted text, counted from the bytes that were sent.
    body: request.body === undefined ? undefined : shown(Buffer.from(request.body), body?.length),
    bodyBytes: body?.length ?? 0,
  };
}

/** `echoes`: secret values of the request, scrubbed should the target send them back. */
export function recordOutcome(outcome: HttpOutcome, echoes: readonly string[] = []): RecordedOutcome {
  const policy = redactionPolicy();
  if (outcome.kind === 'no-answer') return { ...outcome, message: redactText(outcome.message, policy, echoes) };
  return {
    kind: 'response',
    status: outcome.status,
    headers: Object.fromEntries(Object.entries(redactHeaders(outcome.headers)).map(([k, v]) => [k, redactText(v, policy, echoes)])),
    body: redactText(shown(outcome.body), policy, echoes),
    bodyBytes: outcome.body.length,
    durationMs: outcome.durationMs,
  };
}

export function exchange(target: URL, request: HttpRequest, outcome: HttpOutcome): Exchange {
  const policy = redactionPolicy();
  return {
    request: recordRequest(target, request),
    response: recordOutcome(outcome, secretsOf(request, policy)),
    curl: curlFor(target, redactRequest(request, policy)),
  };
}

/** "400", "200 with a 2-byte body", "no answer (timeout: …)". */
export function describeOutcome(outcome: HttpOutcome | RecordedOutcome): string {
  if (outcome.kind === 'no-answer') return `no answer (${outcome.message})`;
  const bytes = Buffer.isBuffer(outcome.body) ? outcome.body.length : (outcome as { bodyBytes: number }).bodyBytes;
  return bytes === 0 ? `${outcome.status} with an empty body` : `${outcome.status} with a ${bytes}-byte body`;
}
