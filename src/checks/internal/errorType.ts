// How a restJson1 client reads an error answer (S1, S2, T8–T10), so that the suite judges what a
// caller would see and nothing a caller would not. The reading follows the AWS SDKs' restJson1
// error deserializer (loadRestJsonErrorCode in @aws-sdk/core): the X-Amzn-Errortype header first,
// then the body's `code`, then its `__type`; the value is cut at ',' (repeated headers) and at ':'
// (Coral's `:http://…` suffix), and only what follows '#' (a Smithy namespace) is kept.
import { errorSchemas, errorStatus, validateErrorBody, type ErrorTypeName } from '../../schema';
import type { HttpOutcome, HttpResponse } from '../../transport/types';

export type ErrorTypeSource = 'X-Amzn-Errortype' | 'body code' | 'body __type';

export interface ErrorTypeReading {
  /** The type's name as a client reads it: `ValidationException`. */
  name: string;
  /** The value as it was sent: `com.amazonaws.inspector2#ValidationException`. */
  raw: string;
  source: ErrorTypeSource;
}

/** T8: every spelling of a type names the same type. */
export function sanitizeErrorType(raw: string): string {
  let value = raw;
  if (value.includes(',')) value = value.split(',')[0];
  if (value.includes(':')) value = value.split(':')[0];
  if (value.includes('#')) value = value.split('#')[1];
  return value.trim();
}

/** The body as a JSON object, or undefined when it is empty, not JSON, or not an object. */
export function jsonObjectBody(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The error type an answer names, or undefined when it names none. */
export function readErrorType(response: HttpResponse): ErrorTypeReading | undefined {
  const header = response.headers['x-amzn-errortype'];
  if (header !== undefined && sanitizeErrorType(header) !== '') {
    return { name: sanitizeErrorType(header), raw: header, source: 'X-Amzn-Errortype' };
  }
  const body = jsonObjectBody(response.body) ?? {};
  // The SDK finds `code` in any case (Code, CODE), then `__type`; a numeric value reads as its digits.
  const codeKey = Object.keys(body).find((key) => key.toLowerCase() === 'code');
  for (const [value, source] of [[codeKey === undefined ? undefined : body[codeKey], 'body code'], [body.__type, 'body __type']] as const) {
    const raw = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    if (raw !== undefined && sanitizeErrorType(raw) !== '') return { name: sanitizeErrorType(raw), raw, source };
  }
  return undefined;
}

export function describeErrorType(reading: ErrorTypeReading | undefined): string {
  if (!reading) return 'no error type (no X-Amzn-Errortype header, no body __type or code)';
  return reading.raw === reading.name ? `${reading.name} (${reading.source})` : `${reading.name} (${reading.source}: ${reading.raw})`;
}

/** Not one of the model's errors: what Smithy servers send for a body they cannot deserialize (T10). */
export const SERIALIZATION_EXCEPTION = 'SerializationException';

/**
 * S1: the names that fit a status, or undefined for a status S1 names no type for (413, 404…),
 * where any named type fits. `unparseable`: the body could not be deserialized, so a 400 may be
 * SerializationException too (T10).
 */
export function typesFittingStatus(status: number, unparseable: boolean): readonly string[] | undefined {
  const modelled = (Object.keys(errorStatus) as ErrorTypeName[]).filter((name) => errorStatus[name] === status);
  if (modelled.length === 0) return undefined;
  return status === 400 && unparseable ? [...modelled, SERIALIZATION_EXCEPTION] : modelled;
}

export function isModelledError(name: string): name is ErrorTypeName {
  return Object.prototype.hasOwnProperty.call(errorSchemas, name);
}

/** The modelled error a status stands for (400 → ValidationException), for an answer that names none. */
export function modelledErrorFor(status: number): ErrorTypeName | undefined {
  return (Object.keys(errorStatus) as ErrorTypeName[]).find((name) => errorStatus[name] === status);
}

/**
 * S2: what is wrong with an error body, or undefined when nothing is. A body is judged by the
 * shape of the type it names, or, when it names none (S1's business), of the type its status
 * stands for; a body of a type the model does not have must still be a JSON object.
 */
export function errorBodyProblem(response: HttpResponse, reading: ErrorTypeReading | undefined): string | undefined {
  const text = response.body.toString('utf8');
  const body = jsonObjectBody(response.body);
  const shape = reading && isModelledError(reading.name) ? reading.name : reading ? undefined : modelledErrorFor(response.status);
  if (shape === undefined) {
    // SerializationException (and other types the model does not have) carry no modelled shape:
    // smithy-rs sends `{}` with it, which restJson1 clients read without fault, so an empty body or
    // an object without a message passes; a message, when sent, is still a string.
    if (response.body.length === 0) return undefined;
    if (!body) return `the body is not a JSON object: ${excerpt(text)}`;
    for (const member of ['message', 'Message']) {
      if (member in body && typeof body[member] !== 'string') return `${member} is not a string`;
    }
    return undefined;
  }
  if (!body) return response.body.length === 0 ? `the ${shape} body is empty` : `the ${shape} body is not a JSON object: ${excerpt(text)}`;
  const verdict = validateErrorBody(shape, body);
  if (verdict.valid) return undefined;
  const problems = verdict.errors
    .filter((error) => error.keyword !== 'anyOf') // its branches say it better: "must have required property 'message'"
    .map((error) => `${error.instancePath || 'the body'} ${error.message ?? error.keyword}${error.keyword === 'enum' ? ` (${(error.params as { allowedValues: string[] }).allowedValues.join(', ')})` : ''}`);
  return `the ${shape} body does not match its modelled shape: ${[...new Set(problems)].join('; ')}`;
}

/** S3: a Retry-After of whole seconds (delta-seconds, RFC 9110 §10.2.3), not an HTTP date. */
export function isWholeSeconds(value: string): boolean {
  return /^\d+$/.test(value.trim());
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

/** The name of the error type an answer names; undefined when it names none or nothing came back. */
export function errorTypeOf(outcome: HttpOutcome): string | undefined {
  return outcome.kind === 'response' ? readErrorType(outcome)?.name : undefined;
}

/** "403 named AccessDeniedException", "200 with an empty body", for Received lines. */
export function describeErrorAnswer(outcome: HttpOutcome): string {
  if (outcome.kind !== 'response') return `no answer (${outcome.message})`;
  if (outcome.status < 300) return `${outcome.status}${outcome.body.length === 0 ? ' with an empty body' : ` with a ${outcome.body.length}-byte body`}`;
  const type = errorTypeOf(outcome);
  return `${outcome.status} ${type === undefined ? 'naming no error type' : `named ${type}`}`;
}
