// Secrets never reach a report file or the terminal. Evidence is redacted where it is recorded
// (exchange.ts) and once more before any report file is written, so a secret that slips past one
// layer (a target echoing a header back, a message built from a raw request) is still caught by
// the other. The policy is a value passed down from the run's settings, never module state.
//
// Redaction is by header name, not by who set the header: SigV4 signing (Authorization,
// X-Amz-Security-Token) is added to every request by the transport, whoever writes it. It is
// also by JSON member (sessionToken, in session mode "start", where it names a session the suite
// really started) and by value (the AWS secrets in the environment, and every value redacted
// above, wherever it shows up again).
import type { HttpRequest } from '../transport/types';

export const REDACTED = '[REDACTED]';

/**
 * Header names whose values are credentials, matched anywhere in the name: a proxy's
 * x-amzn-remapped-authorization or a target echoing x-echo-authorization carry the same value.
 */
const SECRET_HEADER_WORDS = 'authorization|security-token|session-token|cookie|api-key|secret-access-key';
const SECRET_HEADER_NAME = new RegExp(`(?:${SECRET_HEADER_WORDS})`, 'i');
/** Shorter values are not scrubbed as free text: removing every "1" or "abc" would mangle evidence. */
const MIN_SCRUBBED_LENGTH = 8;

export interface RedactionPolicy {
  /** Session mode "start": sessionToken values name sessions the suite started, so they are secrets. */
  sessionTokens: boolean;
  /** Literal values removed wherever they appear. */
  secrets: string[];
  /** Header names (lower case) whose values are secrets whatever they are called: the user's own -H headers. */
  secretHeaders: string[];
}

/**
 * A policy: session tokens in mode "start", the run's secret values (the AWS secret key and
 * session token), and the headers the user added (-H), which may carry an API key under any name.
 */
export function redactionPolicy(options: { sessionTokens?: boolean; secrets?: readonly (string | undefined)[]; headers?: Record<string, string> } = {}): RedactionPolicy {
  const headers = Object.entries(options.headers ?? {});
  const secrets = [...(options.secrets ?? []), ...headers.map(([, value]) => value)].filter(
    (v): v is string => v !== undefined && v.length >= MIN_SCRUBBED_LENGTH,
  );
  return { sessionTokens: options.sessionTokens ?? false, secrets, secretHeaders: headers.map(([name]) => name.toLowerCase()) };
}

/** No secrets known: header names and SigV4 material are still redacted. */
export const BASELINE_POLICY: RedactionPolicy = { sessionTokens: false, secrets: [], secretHeaders: [] };

export function isSecretHeader(name: string, policy: RedactionPolicy = BASELINE_POLICY): boolean {
  return SECRET_HEADER_NAME.test(name) || policy.secretHeaders.includes(name.toLowerCase());
}

/** Keeps an auth scheme ("AWS4-HMAC-SHA256", "Bearer") so the reader still sees the request was signed. */
export function redactHeaderValue(value: string): string {
  if (value.includes(REDACTED)) return value;
  const scheme = /^([A-Za-z0-9][A-Za-z0-9-]*) \S/.exec(value);
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

export function redactHeaders(headers: Record<string, string>, policy: RedactionPolicy = BASELINE_POLICY): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeader(name, policy) ? redactHeaderValue(value) : value;
  return out;
}

/**
 * A session token's shape without its value: hex digits become x (X in upper case), the rest
 * stays, so a case such as "sessionToken in upper case" or "with braces" still reads as one.
 */
export function maskSessionToken(value: string): string {
  if (value.startsWith('[REDACTED')) return value;
  return `[REDACTED:${value.replace(/[0-9a-f]/g, 'x').replace(/[A-F]/g, 'X')}]`;
}

/** A JSON member sessionToken with a string value, closed or cut short (truncated bodies are sent too). */
const SESSION_TOKEN_MEMBER = /("sessionToken"\s*:\s*")((?:[^"\\]|\\.)*)/g;
/** The same member inside JSON that is itself a JSON string (`\"sessionToken\":\"…\"`): the value ends at the first backslash. */
const ESCAPED_SESSION_TOKEN_MEMBER = /(\\+"sessionToken\\+"\s*:\s*\\+")([^"\\]*)/g;
/** A header line as it appears in a curl -H argument, a request dump, or a JSON header map. */
const SECRET_HEADER_LINE = new RegExp(`\\b([\\w-]*(?:${SECRET_HEADER_WORDS}))("?\\s*:\\s*"?)([^'"\\r\\n]*)`, 'gi');
/**
 * SigV4 material wherever it shows up, whatever carries it: a signature (header or presigned
 * query) and a query-string security token. The signature is per request, but it is the
 * Authorization value the rules say is never written.
 */
const SIGV4_SIGNATURE = /\b((?:X-Amz-)?Signature=)[0-9a-f]{64}\b/gi;
const QUERY_SECURITY_TOKEN = /\b(X-Amz-Security-Token=)[^&\s"'<>]+/gi;

export function sessionTokensIn(text: string): string[] {
  return [...text.matchAll(SESSION_TOKEN_MEMBER), ...text.matchAll(ESCAPED_SESSION_TOKEN_MEMBER)].map((m) => m[2]).filter((v) => v !== '' && !v.startsWith('[REDACTED'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Redacts one piece of text; `also` are values seen elsewhere in the same evidence (echoes). */
export function redactText(text: string, policy: RedactionPolicy, also: readonly string[] = []): string {
  let out = text
    .replace(SECRET_HEADER_LINE, (_m, name: string, sep: string, value: string) => `${name}${sep}${redactHeaderValue(value)}`)
    .replace(SIGV4_SIGNATURE, `$1${REDACTED}`)
    .replace(QUERY_SECURITY_TOKEN, `$1${REDACTED}`);
  if (policy.sessionTokens) {
    const mask = (_m: string, head: string, value: string) => `${head}${maskSessionToken(value)}`;
    out = out.replace(SESSION_TOKEN_MEMBER, mask).replace(ESCAPED_SESSION_TOKEN_MEMBER, mask);
  }
  const literal = [...policy.secrets, ...also].filter((v) => v.length >= MIN_SCRUBBED_LENGTH && !v.includes(REDACTED));
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...new Set(literal)].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
  }
  return out;
}

/** The secret values a request carries, to be scrubbed from whatever else is recorded with it. */
export function secretsOf(request: Pick<HttpRequest, 'headers' | 'body'>, policy: RedactionPolicy): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (!isSecretHeader(name, policy)) continue;
    values.push(value);
    // A SigV4 Authorization value's parts: a target may echo the signature alone.
    for (const part of value.split(/[\s,=]+/)) if (part.length >= 16) values.push(part);
  }
  if (policy.sessionTokens && request.body !== undefined) {
    values.push(...sessionTokensIn(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : request.body));
  }
  return values.filter((v) => v.length >= MIN_SCRUBBED_LENGTH);
}

/** A request safe to record or print: secret headers masked, session tokens (mode "start") masked. */
export function redactRequest(request: HttpRequest, policy: RedactionPolicy): HttpRequest {
  const headers = redactHeaders(request.headers, policy);
  if (request.body === undefined) return { ...request, headers };
  const text = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : request.body;
  const redacted = redactText(text, policy, secretsOf(request, policy));
  // Unchanged bodies keep their bytes: a Buffer that is not UTF-8 must not be re-encoded.
  return { ...request, headers, body: redacted === text ? request.body : redacted };
}

/** True when recorded evidence had something removed (it cannot be resent byte for byte). */
export function wasRedacted(text: string): boolean {
  return text.includes('[REDACTED');
}

/**
 * Redacts every string of JSON-like data: header maps by key, all text by redactText. Values
 * found in header maps and request bodies anywhere in it are scrubbed everywhere in it.
 */
export function redactDeep<T>(value: T, policy: RedactionPolicy): T {
  const seen: string[] = [];
  const collect = (node: unknown): void => {
    if (typeof node === 'string') {
      if (policy.sessionTokens) seen.push(...sessionTokensIn(node));
      return;
    }
    if (Array.isArray(node)) return node.forEach(collect);
    if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (typeof child === 'string' && isSecretHeader(key, policy) && !child.includes(REDACTED)) seen.push(...secretsOf({ headers: { [key]: child } }, policy));
        collect(child);
      }
    }
  };
  collect(value);
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') return key !== undefined && isSecretHeader(key, policy) ? redactHeaderValue(node) : redactText(node, policy, seen);
    if (Array.isArray(node)) return node.map((child) => walk(child));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, child]) => [k, walk(child, k)]));
    }
    return node;
  };
  return walk(value) as T;
}

/** The parts of Playwright's test data that reach its HTML report, junit.xml and test-results. */
interface PlaywrightError {
  message?: string;
  stack?: string;
  value?: string;
  snippet?: string;
  cause?: PlaywrightError;
}
interface PlaywrightStep {
  error?: PlaywrightError;
  steps: PlaywrightStep[];
}
interface PlaywrightResult {
  error?: PlaywrightError;
  errors: PlaywrightError[];
  annotations?: { type: string; description?: string }[];
  attachments: { name: string; contentType: string; path?: string; body?: Buffer }[];
  stdout: (string | Buffer)[];
  stderr: (string | Buffer)[];
  steps: PlaywrightStep[];
}

/** Text attachments are redacted; screenshots, traces and other binaries are left as they are. */
function isText(contentType: string): boolean {
  return /^text\/|[/+]json\b|[/+]xml\b|markdown/.test(contentType);
}

function redactError(error: PlaywrightError | undefined, policy: RedactionPolicy): void {
  if (!error) return;
  for (const key of ['message', 'stack', 'value', 'snippet'] as const) {
    const text = error[key];
    if (text !== undefined) error[key] = redactText(text, policy);
  }
  redactError(error.cause, policy);
}

/**
 * Redacts one test's result in place, before Playwright's HTML and junit reporters (listed after
 * the conformance reporter, which calls this in onTestEnd) read it. In place is the point: every
 * reporter of a run is handed the same objects. Text attachments on disk (error-context.md, which
 * the worker writes from the error message) are rewritten too.
 */
export function redactTestResult(test: { annotations: { type: string; description?: string }[] }, result: PlaywrightResult, policy: RedactionPolicy, readFile: (path: string) => string | undefined, writeFile: (path: string, text: string) => void): void {
  const errors = new Set([result.error, ...result.errors]);
  for (const error of errors) redactError(error, policy);
  const steps = [...result.steps];
  for (let step = steps.pop(); step; step = steps.pop()) {
    redactError(step.error, policy);
    steps.push(...step.steps);
  }
  for (const list of [test.annotations, result.annotations ?? []]) {
    for (const annotation of list) if (annotation.description !== undefined) annotation.description = redactText(annotation.description, policy);
  }
  for (const attachment of result.attachments) {
    if (!isText(attachment.contentType)) continue;
    if (attachment.body) {
      const text = attachment.body.toString('utf8');
      const redacted = attachment.contentType.includes('json') ? jsonRedacted(text, policy) : redactText(text, policy);
      if (redacted !== text) attachment.body = Buffer.from(redacted);
    } else if (attachment.path) {
      const text = readFile(attachment.path);
      if (text === undefined) continue;
      const redacted = redactText(text, policy);
      if (redacted !== text) writeFile(attachment.path, redacted);
    }
  }
  for (const stream of [result.stdout, result.stderr]) {
    stream.forEach((chunk, i) => {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const redacted = redactText(text, policy);
      if (redacted !== text) stream[i] = redacted;
    });
  }
}

/** JSON attachments (the check records) are redacted as data, so echoes anywhere in them go too. */
function jsonRedacted(text: string, policy: RedactionPolicy): string {
  try {
    return JSON.stringify(redactDeep(JSON.parse(text) as unknown, policy));
  } catch {
    return redactText(text, policy);
  }
}
