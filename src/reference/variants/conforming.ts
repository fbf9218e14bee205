// Conforming variants: each makes TOLERATED choices (CONFORMANCE-RULES T1–T10) other than the
// reference's, as real implementations do, and must be certified conformant with no failed check,
// not even a SHOULD warning. A check that fails one of them is a broken check.
import type http from 'node:http';
import { referenceBehaviour, STOP_PATH, START_PATH, type Answer, type Behaviour, type ErrorAnswer, type Route } from '../server';
import { duplicateKey, mapNumbers } from './jsonText';
import type { Variant } from './types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Null members removed at every depth: how Smithy's JSON deserialisers read null (as absent).
 * Walked with a stack, not recursion: an unknown member nested 10,000 deep must not crash it.
 */
function withoutNulls(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const root: Record<string, unknown> = {};
  const stack: Array<[Record<string, unknown>, Record<string, unknown>]> = [[value, root]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [from, to] = top;
    for (const [key, member] of Object.entries(from)) {
      if (member === null) continue;
      const copy = isRecord(member) ? {} : member;
      // defineProperty, as Object.fromEntries does: a member named __proto__ stays a member.
      Object.defineProperty(to, key, { value: copy, enumerable: true, writable: true, configurable: true });
      if (isRecord(member)) stack.push([member, copy as Record<string, unknown>]);
    }
  }
  return root;
}

/** A lone surrogate: with the u flag a surrogate matches only when it is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether any string or member name holds a lone surrogate; walked with a stack, so that deep nesting cannot overflow it. */
function hasLoneSurrogate(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) return true;
    } else if (Array.isArray(item)) for (const element of item) stack.push(element);
    else if (isRecord(item)) {
      if (Object.keys(item).some((key) => LONE_SURROGATE.test(key))) return true;
      for (const member of Object.values(item)) stack.push(member);
    }
  }
  return false;
}

/**
 * An integral number written with a fraction or exponent (1.0, 1e2) kept as a decimal literal
 * the validator takes for no integer, string or object: an array holding its text. So it is
 * refused wherever the model expects a value, and skipped in an unknown member, as Jackson does
 * with ACCEPT_FLOAT_AS_INT off. Other numbers are left alone (1.5 is refused by the schema anyway).
 */
function asDecimalLiteral(token: string): string {
  return /[.eE]/.test(token) && Number.isInteger(Number(token)) ? `[${JSON.stringify(token)}]` : token;
}

/** The methods an HTTP server framework knows; anything else it does not implement at all (T4: 501). */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

function notFoundRoute(method: string, path: string): Route {
  if (!KNOWN_METHODS.has(method)) {
    return { answer: { status: 501, type: 'NotImplementedException', body: { message: `Method ${method} is not implemented.` } } };
  }
  // A router that matches method and path together: a wrong method is just another unknown route (404, no Allow).
  if (method !== 'PUT' || (path !== STOP_PATH && path !== START_PATH)) {
    return { answer: { status: 404, type: 'UnknownOperationException', body: { message: `No route for ${method} ${path}.` } } };
  }
  return referenceBehaviour.route(method, path, {});
}

/** application/json, with or without parameters (S6: `; charset=utf-8` is accepted). */
function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.split(';')[0].trim().toLowerCase() === 'application/json';
}

function jsonOnlyRoute(method: string, path: string, headers: http.IncomingHttpHeaders): Route {
  const routed = referenceBehaviour.route(method, path, headers);
  if ('answer' in routed || isJsonMediaType(headers['content-type'])) return routed;
  return {
    answer: {
      status: 415,
      type: 'UnsupportedMediaTypeException',
      body: { message: `The body must be sent as application/json, not ${headers['content-type'] ?? 'without a Content-Type'}.` },
    },
  };
}

/** A respond stage that rewrites error answers and leaves successes alone. */
function errorsRewritten(rewrite: (error: ErrorAnswer) => ErrorAnswer): Behaviour['respond'] {
  return (res: http.ServerResponse, answer: Answer) => referenceBehaviour.respond(res, 'type' in answer ? rewrite(answer) : answer);
}

let requestCount = 0;

const CORAL_NAMESPACE = 'com.amazonaws.inspector2';

/** The wording AWS's Coral services use: "1 validation error detected: Value at 'x' failed to satisfy constraint: …". */
function coralMessage(error: ErrorAnswer): string {
  const fields = Array.isArray(error.body.fields) ? (error.body.fields as Array<{ name: string; message: string }>) : [];
  if (fields.length === 0) return String(error.body.message);
  const detail = fields.map((f) => `Value at '${f.name.replace(/^\//, '').replace(/\//g, '.')}' failed to satisfy constraint: Member ${f.message}`);
  return `${fields.length} validation error${fields.length === 1 ? '' : 's'} detected: ${detail.join('; ')}`;
}

/** What PHP sends as Content-Type when the script sets none (default_mimetype and default_charset of php.ini). */
export const PHP_DEFAULT_CONTENT_TYPE = 'text/html; charset=UTF-8';

/** The headers PHP adds to every answer of a script that sets no Content-Type of its own. */
export const PHP_DEFAULT_HEADERS: Record<string, string> = { 'content-type': PHP_DEFAULT_CONTENT_TYPE, 'x-powered-by': 'PHP/8.3.6' };

/**
 * T11 and M7: a body over the limit refused by its Content-Length, before one byte of it is read,
 * and the connection closed once the 413 is out, as Fastify's bodyLimit and nginx's
 * client_max_body_size do. The body still in flight makes the closing side reset the connection:
 * a client that writes the whole body before it reads meets EPIPE and may lose the answer.
 */
const refusedByContentLength: Behaviour['readBody'] = (req, limitBytes) =>
  Number(req.headers['content-length'] ?? 0) > limitBytes ? Promise.resolve('too-large') : referenceBehaviour.readBody(req, limitBytes);

function closedAfterTooLarge(res: http.ServerResponse, answer: Answer): void {
  referenceBehaviour.respond(res, answer.status === 413 ? { ...answer, headers: { ...answer.headers, connection: 'close' } } : answer);
}

function conforming(name: string, description: string, options: Variant['options'], certifyArgs?: string[]): Variant {
  return { name, kind: 'conforming', description, options, ...(certifyArgs ? { certifyArgs } : {}) };
}

export const conformingVariants: Variant[] = [
  conforming(
    'smithy-nulls-as-absent',
    'T1: null is read as absent, as Smithy\'s JSON deserialisers do: null for an optional member is answered 200, null for a required one 400 (missing).',
    { behaviour: { validate: (operation, value) => referenceBehaviour.validate(operation, withoutNulls(value)) } },
  ),
  conforming(
    'strict-integer-literals',
    'T2: integers must be written as integers (Jackson without ACCEPT_FLOAT_AS_INT): 1.0 and 1e2 are read as non-integers and refused with 400.',
    { behaviour: { parse: (body) => referenceBehaviour.parse(Buffer.from(mapNumbers(body.toString('utf8'), asDecimalLiteral), 'utf8')) } },
  ),
  conforming(
    'well-formed-strings-only',
    'T3: strings must be Unicode scalar values: a lone surrogate escape ("\\ud800") is refused with 400.',
    {
      behaviour: {
        validate: (operation, value) =>
          hasLoneSurrogate(value) ? [{ name: '/', message: 'a string holds a lone surrogate' }] : referenceBehaviour.validate(operation, value),
      },
    },
  ),
  conforming(
    'router-404-and-501',
    'T4: a router that matches method and path together: any other method or path is 404 without Allow, and a method the framework does not know is 501.',
    { behaviour: { route: notFoundRoute } },
  ),
  conforming(
    'json-content-type-required',
    'T5: a body without Content-Type application/json (parameters allowed) is refused with 415 UnsupportedMediaTypeException, as Smithy server SDKs do.',
    { behaviour: { route: jsonOnlyRoute } },
  ),
  conforming(
    'duplicate-keys-refused',
    'T6: a parser that refuses an object with a repeated key (Jackson STRICT_DUPLICATE_DETECTION) answers 400.',
    {
      behaviour: {
        parse: (body) => {
          const parsed = referenceBehaviour.parse(body);
          const repeated = parsed.ok ? duplicateKey(body.toString('utf8')) : undefined;
          return repeated === undefined ? parsed : { ok: false, message: `duplicate key ${JSON.stringify(repeated)}` };
        },
      },
    },
  ),
  conforming(
    'connection-close-extra-headers',
    'T7: every answer closes the connection and carries x-amzn-RequestId, x-amz-apigw-id and Server headers, as behind a load balancer.',
    {
      behaviour: {
        respond: (res, answer) => {
          res.setHeader('connection', 'close');
          res.setHeader('x-amzn-requestid', `00000000-0000-4000-8000-${String(++requestCount).padStart(12, '0')}`);
          res.setHeader('x-amz-apigw-id', 'Ab1Cd2Ef3Gh=');
          res.setHeader('server', 'Server');
          referenceBehaviour.respond(res, answer);
        },
      },
    },
  ),
  conforming(
    'php-default-content-type',
    'A PHP handler that sets no Content-Type: every answer, the empty 200 and the JSON errors alike, carries PHP\'s default "Content-Type: text/html; charset=UTF-8" (no requirement names a response\'s Content-Type) and X-Powered-By (T7).',
    { behaviour: { respond: (res, answer) => referenceBehaviour.respond(res, { ...answer, headers: { ...answer.headers, ...PHP_DEFAULT_HEADERS } }) } },
  ),
  conforming(
    'coral-error-spelling',
    'T8 and T9: errors as AWS\'s Coral services write them: X-Amzn-Errortype "ValidationException:http://internal.amazon.com/coral/com.amazonaws.inspector2/", a body __type "com.amazonaws.inspector2#ValidationException", and Coral\'s wording of the message.',
    {
      behaviour: {
        respond: errorsRewritten((error) => ({
          ...error,
          type: `${error.type}:http://internal.amazon.com/coral/${CORAL_NAMESPACE}/`,
          body: { __type: `${CORAL_NAMESPACE}#${error.type}`, ...error.body, message: coralMessage(error) },
        })),
      },
    },
  ),
  conforming(
    'serialization-exception',
    'T10: a body that cannot be parsed is answered 400 SerializationException (with only a message), as Smithy server SDKs do.',
    {
      behaviour: {
        respond: errorsRewritten((error) =>
          error.body.reason === 'CANNOT_PARSE' ? { status: 400, type: 'SerializationException', body: { message: String(error.body.message) } } : error,
        ),
      },
    },
  ),
  conforming(
    'large-body-accepted',
    'T11: no body limit below 8 MiB (the API reference sets no maximum): a 1 MiB body that is valid but for its size is answered 200; one invalid anyway, 400.',
    { maxBodyBytes: 8 * 1024 * 1024 },
  ),
  conforming(
    'early-413-then-close',
    'T11 and M7: a body whose Content-Length is over the 256 KiB limit is answered 413 at once, before any of it is read, and the connection is closed after the answer, as Fastify and nginx do; the client is still writing, so its upload ends in EPIPE or a reset after the answer came.',
    { behaviour: { readBody: refusedByContentLength, respond: closedAfterTooLarge } },
  ),
  conforming(
    'rate-limited-brisk',
    'Throttles past 500 requests a second with 429 ThrottlingException and Retry-After: 1, as a gateway in front of it would: the run waits and goes on.',
    { rateLimit: { perSecond: 500, retryAfterSeconds: 1 } },
  ),
  conforming(
    'session-aware',
    'A stop must name a session started with PUT /cissession/start (409 ConflictException otherwise), certified in session mode "start".',
    { sessions: true },
    ['--session-mode', 'start'],
  ),
];
