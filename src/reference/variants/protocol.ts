// Faulty variants for M2, M5, M6, M7 and S1–S6: the protocol around the request schema. Each
// replaces one stage of the reference (route, readBody, validate, act or respond) with a mistake an
// implementer ships: a newline leaked ahead of every answer, a crash on an input nobody tried, a
// router that takes POST for PUT, a body reader that stops at its limit and forgets to answer,
// error answers that clients cannot read, a stop that is not idempotent, a validator that refuses
// unknown members, a Content-Type compared as a whole string.
import type http from 'node:http';
import { stopRequestSchema } from '../../schema';
import { modelledError, referenceBehaviour, type Answer, type Behaviour, type ErrorAnswer, type Operation, type SessionStore } from '../server';
import { PHP_DEFAULT_HEADERS } from './conforming';
import type { Variant } from './types';

/** Error answers go through `respond` with a `type`; a 200 has none. */
function isError(answer: Answer): answer is ErrorAnswer {
  return 'type' in answer;
}

/** An error answer written as the reference writes it, with its headers and body changed. */
function writeError(res: http.ServerResponse, answer: ErrorAnswer, headers: Record<string, string>, body: string): void {
  res.writeHead(answer.status, { 'content-length': Buffer.byteLength(body), ...headers, ...answer.headers });
  res.end(body);
}

interface StopBody {
  scanJobId: string;
  message: { progress: Record<string, number>; reason?: string };
}

/** M5: defaults progress.totalChecks before validating, so a body without a message (or progress) object throws. */
const crashOnMissingMessage: Behaviour['validate'] = (operation, value) => {
  if (operation === 'StopCisSession') (value as StopBody).message.progress.totalChecks ??= 0;
  return referenceBehaviour.validate(operation, value);
};

/** M5: logs the reason URL-encoded; encodeURIComponent throws on a lone surrogate (T3), and the throw becomes a 500. */
const crashOnLoneSurrogate: Behaviour['act'] = (operation, value, sessions) => {
  if (operation === 'StopCisSession') encodeURIComponent((value as StopBody).message.reason ?? '');
  return referenceBehaviour.act(operation, value, sessions);
};

/** M6: one handler for every "write" method. */
const postAsPut: Behaviour['route'] = (method, ...rest) => referenceBehaviour.route(method === 'POST' ? 'PUT' : method, ...rest);

/** M7: buffers up to the limit, then stops reading and never answers (the 413 branch was forgotten). */
const hangOnLargeBody: Behaviour['readBody'] = (req, limitBytes) =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size > limitBytes) req.pause(); // and nothing else: no 413, no end
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** S1: error bodies as the reference sends them, but no X-Amzn-Errortype (nor __type, nor code). */
const noErrorType: Behaviour['respond'] = (res, answer) => {
  if (!isError(answer)) return referenceBehaviour.respond(res, answer);
  writeError(res, answer, { 'content-type': 'application/json' }, JSON.stringify(answer.body));
};

/** S1: API Gateway's name for a 400, BadRequestException, where restJson1 clients expect ValidationException. */
const badRequestException: Behaviour['respond'] = (res, answer) =>
  referenceBehaviour.respond(res, isError(answer) && answer.status === 400 ? { ...answer, type: 'BadRequestException' } : answer);

/** S2: the error's message as plain text, the type still in X-Amzn-Errortype. */
const plainTextErrorBody: Behaviour['respond'] = (res, answer) => {
  if (!isError(answer)) return referenceBehaviour.respond(res, answer);
  writeError(res, answer, { 'content-type': 'text/plain; charset=utf-8', 'x-amzn-errortype': answer.type }, String(answer.body.message));
};

/** S2: ValidationException.fields as an object keyed by member, not the modelled list of {name, message}. */
const fieldsAsObject: Behaviour['respond'] = (res, answer) => {
  const fields = isError(answer) ? answer.body.fields : undefined;
  if (!isError(answer) || !Array.isArray(fields)) return referenceBehaviour.respond(res, answer);
  const byName = Object.fromEntries((fields as Array<{ name: string; message: string }>).map((field) => [field.name, field.message]));
  referenceBehaviour.respond(res, { ...answer, body: { ...answer.body, fields: byName } });
};

/** S2: the 409 for a session never started says so in its message only, without resourceId and resourceType. */
const conflictWithoutResource: Behaviour['act'] = (operation, value, sessions) => {
  const answer = referenceBehaviour.act(operation, value, sessions);
  if (!isError(answer) || answer.status !== 409) return answer;
  return { ...answer, body: { message: answer.body.message } };
};

/** S1: the 409 for an unknown session named after what the implementer thought happened. */
const conflictNamedNotFound: Behaviour['act'] = (operation, value, sessions) => {
  const answer = referenceBehaviour.act(operation, value, sessions);
  if (!isError(answer) || answer.status !== 409) return answer;
  return { ...answer, type: 'ResourceNotFoundException' };
};

/** S3: throttling answers whose Retry-After is not whole seconds, which restJson1 clients (reading retryAfterSeconds, an Integer) cannot use. */
function throttleWith(retryAfter: (seconds: number) => string): Behaviour['throttle'] {
  return (seconds) => ({ ...modelledError('ThrottlingException', 429, 'Rate exceeded.'), headers: { 'retry-after': retryAfter(seconds) } });
}

/** A rate limit every run meets (a run sends well over 300 requests a second on one machine), not one that holds it up for minutes. */
const BRISK_RATE_LIMIT = { perSecond: 300, retryAfterSeconds: 1 };

/** M7: past the body limit the connection is closed without an answer, as a proxy that resets oversized uploads does. */
const dropLargeBody: Behaviour['readBody'] = async (req, limitBytes) => {
  const body = await new Promise<Buffer | 'too-large'>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.socket.destroy();
        resolve('too-large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
  // The socket is gone: nothing will be written on it.
  return body === 'too-large' ? new Promise<never>(() => {}) : body;
};

/** M7: the body parser's size error is not caught, so an oversized body is answered 500 (express without an error handler for PayloadTooLargeError). */
const crashOnLargeBody: Behaviour['readBody'] = async (req, limitBytes) => {
  const body = await referenceBehaviour.readBody(req, limitBytes);
  if (body === 'too-large') throw Object.assign(new Error('request entity too large'), { type: 'entity.too.large' });
  return body;
};

/** S4: remembers stopped sessions and refuses a second stop of one as a conflict, as if stop were not idempotent. */
function conflictOnRepeatedStop(): Behaviour['act'] {
  const stopped = new Set<string>();
  return (operation: Operation, value: unknown, sessions: SessionStore | undefined) => {
    const answer = referenceBehaviour.act(operation, value, sessions);
    if (operation !== 'StopCisSession' || isError(answer)) return answer;
    const { scanJobId } = value as StopBody;
    if (!stopped.has(scanJobId)) {
      stopped.add(scanJobId);
      return answer;
    }
    return modelledError('ConflictException', 409, `CIS session ${scanJobId} is already stopped.`, { resourceId: scanJobId, resourceType: 'CisSession' });
  };
}

/** S5: additionalProperties: false at the top level, so an unknown member is a validation error. */
const rejectUnknownMembers: Behaviour['validate'] = (operation, value) => {
  const issues = referenceBehaviour.validate(operation, value);
  if (operation !== 'StopCisSession' || issues.length > 0 || value === null || typeof value !== 'object') return issues;
  const known = new Set(Object.keys(stopRequestSchema.properties));
  return Object.keys(value)
    .filter((name) => !known.has(name))
    .map((name) => ({ name: `/${name}`, message: 'is not a member of StopCisSessionRequest' }));
};

/** S6: reads the body only when Content-Type is exactly application/json; otherwise it reads as empty, and is answered 400. */
const exactContentType: Behaviour['readBody'] = async (req, limitBytes) => {
  const body = await referenceBehaviour.readBody(req, limitBytes);
  return body === 'too-large' || req.headers['content-type'] === 'application/json' ? body : Buffer.alloc(0);
};

/**
 * M2: a PHP file that ends in "?>" and a newline, included before the handler runs: PHP writes
 * the newline out ahead of every answer, under its default Content-Type. The 200 is one byte, and
 * an error's JSON has a newline before it (still JSON: clients read it).
 */
const leakedNewline: Behaviour['respond'] = (res, answer) => {
  if (!isError(answer)) return referenceBehaviour.respond(res, { ...answer, body: `\n${answer.body ?? ''}`, headers: { ...answer.headers, ...PHP_DEFAULT_HEADERS } });
  writeError(res, answer, { ...PHP_DEFAULT_HEADERS, 'x-amzn-errortype': answer.type }, `\n${JSON.stringify(answer.body)}`);
};

export const protocolVariants: Variant[] = [
  {
    name: 'crash-on-missing-message',
    kind: 'faulty',
    violates: 'M5',
    description: 'validate defaults message.progress.totalChecks to 0 first, so a body without a message (or progress) object throws and is answered 500',
    options: { behaviour: { validate: crashOnMissingMessage } },
  },
  {
    name: 'crash-on-lone-surrogate',
    kind: 'faulty',
    violates: 'M5',
    description: 'act logs the reason with encodeURIComponent, which throws on a lone surrogate (T3): 500',
    options: { behaviour: { act: crashOnLoneSurrogate } },
  },
  {
    name: 'php-leaked-newline',
    kind: 'faulty',
    violates: 'M2',
    description: 'respond writes the newline after an included file\'s closing ?> ahead of every answer, under PHP\'s default Content-Type: text/html; charset=UTF-8, so a valid stop is answered 200 with a 1-byte body',
    options: { behaviour: { respond: leakedNewline } },
  },
  {
    name: 'post-as-put',
    kind: 'faulty',
    violates: 'M6',
    description: 'route sends POST to the PUT handler, so a POST with a valid body is answered 200',
    options: { behaviour: { route: postAsPut } },
  },
  {
    name: 'hang-on-large-body',
    kind: 'faulty',
    violates: 'M7',
    description: 'readBody stops reading at its 256 KiB limit and never answers (no 413)',
    options: { behaviour: { readBody: hangOnLargeBody } },
    // A short timeout keeps the hang cheap; the reference answers in milliseconds.
    certifyArgs: ['--timeout', '3000'],
  },
  {
    name: 'no-error-type',
    kind: 'faulty',
    violates: 'S1',
    description: 'respond sends error bodies without X-Amzn-Errortype (and the body has no __type or code)',
    options: { behaviour: { respond: noErrorType } },
  },
  {
    name: 'bad-request-exception',
    kind: 'faulty',
    violates: 'S1',
    description: 'respond names every 400 BadRequestException, an error type that does not fit restJson1 clients\' ValidationException',
    options: { behaviour: { respond: badRequestException } },
  },
  {
    name: 'plain-text-error-body',
    kind: 'faulty',
    violates: 'S2',
    description: 'respond writes an error\'s message as text/plain instead of a JSON object',
    options: { behaviour: { respond: plainTextErrorBody } },
  },
  {
    name: 'fields-as-object',
    kind: 'faulty',
    violates: 'S2',
    description: 'respond sends ValidationException.fields as an object keyed by member instead of a list of {name, message}',
    options: { behaviour: { respond: fieldsAsObject } },
  },
  {
    name: 'conflict-without-resource',
    kind: 'faulty',
    violates: 'S2',
    description: 'act (session-aware) answers a stop of a session never started 409 ConflictException without resourceId and resourceType',
    options: { sessions: true, behaviour: { act: conflictWithoutResource } },
    certifyArgs: ['--session-mode', 'start'],
  },
  {
    name: 'conflict-named-not-found',
    kind: 'faulty',
    violates: 'S1',
    description: 'act (session-aware) answers a stop of a session never started 409 but names it ResourceNotFoundException, a type the status does not carry',
    options: { sessions: true, behaviour: { act: conflictNamedNotFound } },
    certifyArgs: ['--session-mode', 'start'],
  },
  {
    name: 'large-body-connection-dropped',
    kind: 'faulty',
    violates: 'M7',
    description: 'readBody closes the connection once a body passes its 256 KiB limit, with no answer (a proxy that resets oversized uploads)',
    options: { behaviour: { readBody: dropLargeBody } },
  },
  {
    name: 'large-body-crash',
    kind: 'faulty',
    violates: 'M7',
    description: 'readBody throws on a body past its limit and nothing catches it: an oversized body is answered 500',
    options: { behaviour: { readBody: crashOnLargeBody } },
  },
  {
    name: 'retry-after-http-date',
    kind: 'faulty',
    violates: 'S3',
    description: 'a rate limit (300 requests a second) answers 429 ThrottlingException with a Retry-After written as an HTTP date',
    options: { rateLimit: BRISK_RATE_LIMIT, behaviour: { throttle: throttleWith((seconds) => new Date(Date.now() + seconds * 1000).toUTCString()) } },
  },
  {
    name: 'retry-after-with-unit',
    kind: 'faulty',
    violates: 'S3',
    description: 'a rate limit (300 requests a second) answers 429 ThrottlingException with Retry-After: 1s, a unit clients cannot read; the run waits 1 s and goes on',
    options: { rateLimit: BRISK_RATE_LIMIT, behaviour: { throttle: throttleWith((seconds) => `${seconds}s`) } },
  },
  {
    name: 'repeat-stop-conflict',
    kind: 'faulty',
    violates: 'S4',
    description: 'act remembers stopped sessions and answers a repeated stop 409 ConflictException, as if StopCisSession were not idempotent',
    options: { behaviour: { act: conflictOnRepeatedStop() } },
  },
  {
    name: 'unknown-members-rejected',
    kind: 'faulty',
    violates: 'S5',
    description: 'validate refuses members the model does not have at the top level (additionalProperties: false): 400',
    options: { behaviour: { validate: rejectUnknownMembers } },
  },
  {
    name: 'charset-not-parsed',
    kind: 'faulty',
    violates: 'S6',
    description: 'readBody reads the body only when Content-Type is exactly application/json, so "application/json; charset=utf-8" reads as empty: 400',
    options: { behaviour: { readBody: exactContentType } },
  },
];
