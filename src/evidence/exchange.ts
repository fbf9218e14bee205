// The report's evidence: a request and what came of it, with text bodies cut to a readable size,
// secrets redacted before anything is kept, and a curl line that sends the request again. This
// layer sits at the bottom: it knows requests and answers, not checks, runs or reports.
import { isUtf8 } from 'node:buffer';
import { curlFor, type CurlSigning } from './curl';
import { redactHeaders, redactRequest, redactText, secretsOf, type RedactionPolicy } from './redact';
import { addHeaders } from '../transport/headers';
import { isAsIs } from '../transport/sigv4Transport';
import { urlFor, type HttpOutcome, type HttpRequest } from '../transport/types';

/** A request as the report shows it: the body as text, cut when long. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  bodyBytes: number;
  /** Set when the body is not UTF-8 (or holds bytes text cannot show): the exact bytes, base64, for a resend. */
  bodyBase64?: string;
}

/** `retried`: the request was sent a second time (a reused connection closed before any answer), and this is what came of that. */
export type RecordedOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string; bodyBytes: number; durationMs: number; retried?: string }
  | { kind: 'no-answer'; reason: 'timeout' | 'connection'; message: string; durationMs: number; retried?: string };

/** One request and what came of it, with a curl line that sends it again. */
export interface Exchange {
  request: RecordedRequest;
  response: RecordedOutcome;
  curl: string;
}

/** What recording needs to know of the run: where requests go, what is secret, and how the run signed. */
export interface Recorder {
  target: URL;
  policy: RedactionPolicy;
  signing?: CurlSigning;
  /** Headers the transport adds to every request (-H): shown, redacted, in the evidence too. */
  headers?: Record<string, string>;
}

const SHOWN_BODY = 8 * 1024;

function shown(body: Buffer, total = body.length): string {
  const text = body.subarray(0, SHOWN_BODY).toString('utf8');
  return body.length > SHOWN_BODY ? `${text}… (${total} bytes in all)` : text;
}

export function recordRequest(recorder: Recorder, raw: HttpRequest): RecordedRequest {
  const request = redactRequest(raw, recorder.policy);
  const bytes = raw.body === undefined ? undefined : Buffer.from(raw.body);
  // Bytes text cannot carry (invalid UTF-8) are kept exactly when short, so a replay sends what was sent.
  const exact = bytes !== undefined && !isUtf8(bytes) && bytes.length <= SHOWN_BODY && request.body === raw.body ? bytes.toString('base64') : undefined;
  return {
    method: request.method,
    url: urlFor(recorder.target, request.path).toString(),
    headers: { ...request.headers },
    // Shown from the redacted text, counted from the bytes that were sent.
    body: request.body === undefined ? undefined : shown(Buffer.from(request.body), bytes?.length),
    bodyBytes: bytes?.length ?? 0,
    ...(exact ? { bodyBase64: exact } : {}),
  };
}

/** `echoes`: secret values of the request, scrubbed should the target send them back. */
export function recordOutcome(outcome: HttpOutcome, policy: RedactionPolicy, echoes: readonly string[] = []): RecordedOutcome {
  if (outcome.kind === 'no-answer') return { ...outcome, message: redactText(outcome.message, policy, echoes) };
  return {
    kind: 'response',
    status: outcome.status,
    headers: Object.fromEntries(Object.entries(redactHeaders(outcome.headers, policy)).map(([k, v]) => [k, redactText(v, policy, echoes)])),
    body: redactText(shown(outcome.body), policy, echoes),
    bodyBytes: outcome.body.length,
    durationMs: outcome.durationMs,
    ...(outcome.retried !== undefined ? { retried: outcome.retried } : {}),
  };
}

export function exchange(recorder: Recorder, sent: HttpRequest, outcome: HttpOutcome): Exchange {
  const request = recorder.headers ? addHeaders(sent, recorder.headers) : sent;
  return {
    request: recordRequest(recorder, request),
    response: recordOutcome(outcome, recorder.policy, secretsOf(request, recorder.policy)),
    // A request sent as is (unsigned, or signed with other credentials on purpose) is reproduced as is.
    curl: curlFor(recorder.target, redactRequest(request, recorder.policy), isAsIs(request) ? undefined : recorder.signing),
  };
}

/** The body a recorded request sends again, when the record holds it whole; undefined when it does not. */
export function recordedBody(request: RecordedRequest): string | Buffer | undefined {
  if (request.bodyBase64 !== undefined) return Buffer.from(request.bodyBase64, 'base64');
  return request.body;
}

/** "400", "200 with a 2-byte body", "no answer (timeout: …)". */
export function describeOutcome(outcome: HttpOutcome | RecordedOutcome): string {
  if (outcome.kind === 'no-answer') return `no answer (${outcome.message})`;
  const bytes = Buffer.isBuffer(outcome.body) ? outcome.body.length : (outcome as { bodyBytes: number }).bodyBytes;
  return bytes === 0 ? `${outcome.status} with an empty body` : `${outcome.status} with a ${bytes}-byte body`;
}
