// The bundled reference implementation of PUT /cissession/stop: what the suite certifies when no
// target is given, and the base the faulty variants of the self-tests deviate from.
//
// It is written as a pipeline of small stages (route → read → parse → validate → act → respond).
// A variant replaces one stage, so each fault is one realistic deviation and nothing else.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ErrorObject } from 'ajv';
import { validateStartRequest, validateStopRequest, type ErrorTypeName } from '../schema';
import { createRateLimiter, type RateLimitOptions } from './rateLimit';
import { verifySigV4, type ReceivedRequest, type SigV4Options } from './sigv4';

export type Operation = 'StopCisSession' | 'StartCisSession';

export interface ErrorAnswer {
  status: number;
  /** Sent in X-Amzn-Errortype; restJson1 clients read the error type there. */
  type: string;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export type Answer = { status: 200; body?: string; headers?: Record<string, string> } | ErrorAnswer;

export type Route = { operation: Operation } | { answer: ErrorAnswer };

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

export interface FieldIssue {
  /** JSON pointer of the member ("/message/status"). */
  name: string;
  message: string;
}

export interface SessionStore {
  start(scanJobId: string, sessionToken: string): void;
  /** True when the pair names a session that was started. */
  knows(scanJobId: string, sessionToken: string): boolean;
}

export interface Behaviour {
  /** `headers` lets a variant route on the request's headers (a 415 for a non-JSON Content-Type); the reference ignores them. */
  route(method: string, path: string, headers: http.IncomingHttpHeaders): Route;
  /** Reads the body; 'too-large' past the limit (answered 413). */
  readBody(req: http.IncomingMessage, limitBytes: number): Promise<Buffer | 'too-large'>;
  parse(body: Buffer): Parsed;
  validate(operation: Operation, value: unknown): FieldIssue[];
  /** Acts on a valid request. */
  act(operation: Operation, value: unknown, sessions: SessionStore | undefined): Answer;
  respond(res: http.ServerResponse, answer: Answer): void;
  /** SigV4 mode only (options.sigv4), before routing: undefined lets the request through, else the 403 to send. */
  authenticate?(request: ReceivedRequest, body: Buffer, sigv4: SigV4Options): Promise<ErrorAnswer | undefined>;
  /** Rate-limit mode only (options.rateLimit): the 429 a request over the limit is answered. */
  throttle?(retryAfterSeconds: number): ErrorAnswer;
}

export interface ReferenceOptions {
  /** Stages to replace (the faulty and alternative variants). */
  behaviour?: Partial<Behaviour>;
  /** Session-aware mode: a stop must name a session started with PUT /cissession/start (else 409). */
  sessions?: boolean;
  /** Bodies over this are answered 413 (M7). */
  maxBodyBytes?: number;
  /** SigV4 mode: every request must be signed with these credentials, else 403 AccessDeniedException (S7). */
  sigv4?: SigV4Options;
  /** Rate-limit mode: past `perSecond` requests in a second, 429 ThrottlingException with Retry-After. */
  rateLimit?: RateLimitOptions;
  /** Latency mode: every answer waits this long first, as a target across a network does (the benchmark's far target). */
  delayMs?: number;
  /** Worker-pool mode: `count` requests are worked on at once, each for `serviceMs`; one more is shed with 503 and Retry-After, as a servlet container or a worker pool behind a load balancer sheds. */
  workers?: WorkerPoolOptions;
  /** HTTPS with this certificate and key (PEM), as a deployment behind TLS. */
  tls?: { cert: string; key: string };
}

export interface WorkerPoolOptions {
  count: number;
  serviceMs: number;
  /** The Retry-After of a shed request, whole seconds (default 1). */
  retryAfterSeconds?: number;
}

export const STOP_PATH = '/cissession/stop';
export const START_PATH = '/cissession/start';
const DEFAULT_MAX_BODY = 256 * 1024;
/** Past this, the body is not even drained: the connection is closed after the 413. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

export function validationError(message: string, reason: 'CANNOT_PARSE' | 'FIELD_VALIDATION_FAILED' | 'OTHER', fields?: FieldIssue[]): ErrorAnswer {
  return { status: 400, type: 'ValidationException', body: { message, reason, ...(fields ? { fields } : {}) } };
}

export function modelledError(type: ErrorTypeName, status: number, message: string, extra: Record<string, unknown> = {}): ErrorAnswer {
  return { status, type, body: { message, ...extra } };
}

function route(method: string, path: string): Route {
  const operation = path === STOP_PATH ? 'StopCisSession' : path === START_PATH ? 'StartCisSession' : undefined;
  if (operation === undefined) {
    return { answer: { status: 404, type: 'UnknownOperationException', body: { message: `No operation at ${path}.` } } };
  }
  if (method !== 'PUT') {
    return {
      answer: {
        status: 405,
        type: 'UnknownOperationException',
        body: { message: `${operation} is PUT ${path}; ${method} is not supported.` },
        headers: { allow: 'PUT' },
      },
    };
  }
  return { operation };
}

function readBody(req: http.IncomingMessage, limitBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
      // Past the limit the rest is drained and dropped so the client reads the 413 cleanly.
      else if (size > DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => resolve(size > limitBytes ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parse(body: Buffer): Parsed {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export function issuesOf(errors: ErrorObject[]): FieldIssue[] {
  return errors.map((error) => ({
    name: error.keyword === 'required' ? `${error.instancePath}/${String(error.params.missingProperty)}` : error.instancePath || '/',
    message: error.message ?? error.keyword,
  }));
}

function validate(operation: Operation, value: unknown): FieldIssue[] {
  const verdict = operation === 'StopCisSession' ? validateStopRequest(value) : validateStartRequest(value);
  return issuesOf(verdict.errors);
}

interface SessionIds {
  scanJobId: string;
  sessionToken: string;
}

function idsOf(operation: Operation, value: unknown): SessionIds {
  const body = value as { scanJobId: string; sessionToken?: string; message: { sessionToken?: string } };
  return { scanJobId: body.scanJobId, sessionToken: operation === 'StopCisSession' ? String(body.sessionToken) : String(body.message.sessionToken) };
}

function act(operation: Operation, value: unknown, sessions: SessionStore | undefined): Answer {
  if (!sessions) return { status: 200 };
  const { scanJobId, sessionToken } = idsOf(operation, value);
  if (operation === 'StartCisSession') {
    sessions.start(scanJobId, sessionToken);
    return { status: 200 };
  }
  if (!sessions.knows(scanJobId, sessionToken)) {
    return modelledError('ConflictException', 409, `No CIS session ${scanJobId} was started with this session token.`, {
      resourceId: scanJobId,
      resourceType: 'CisSession',
    });
  }
  return { status: 200 }; // stopping a stopped session again is fine: the operation is idempotent (S4)
}

function respond(res: http.ServerResponse, answer: Answer): void {
  if (answer.status === 200 && !('type' in answer)) {
    res.writeHead(200, { 'content-length': Buffer.byteLength(answer.body ?? ''), ...answer.headers });
    res.end(answer.body ?? '');
    return;
  }
  const error = answer as ErrorAnswer;
  const body = JSON.stringify(error.body);
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': error.type,
    ...error.headers,
  });
  res.end(body);
}

async function authenticate(request: ReceivedRequest, body: Buffer, sigv4: SigV4Options): Promise<ErrorAnswer | undefined> {
  const reason = await verifySigV4(request, body, sigv4);
  return reason === undefined ? undefined : modelledError('AccessDeniedException', 403, reason);
}

function throttle(retryAfterSeconds: number): ErrorAnswer {
  return { ...modelledError('ThrottlingException', 429, 'Rate exceeded.'), headers: { 'retry-after': String(retryAfterSeconds) } };
}

export const referenceBehaviour: Behaviour = { route, readBody, parse, validate, act, respond, authenticate, throttle };

function memorySessions(): SessionStore {
  const started = new Map<string, string>();
  return {
    start: (scanJobId, sessionToken) => void started.set(scanJobId, sessionToken),
    knows: (scanJobId, sessionToken) => started.get(scanJobId) === sessionToken,
  };
}

export function createReferenceServer(options: ReferenceOptions = {}): http.Server {
  const stages: Behaviour = { ...referenceBehaviour, ...options.behaviour };
  const sessions = options.sessions ? memorySessions() : undefined;
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined;

  /** The opt-in gates, both off by default: SigV4 first (an unsigned request spends no quota), then the rate limit. */
  async function gate(req: http.IncomingMessage, body: Buffer | 'too-large'): Promise<ErrorAnswer | undefined> {
    if (options.sigv4 && stages.authenticate && body !== 'too-large') {
      const denied = await stages.authenticate({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, body, options.sigv4);
      if (denied) return denied;
    }
    if (limiter && stages.throttle && !limiter.admit(Date.now())) return stages.throttle(limiter.retryAfterSeconds);
    return undefined;
  }

  let busy = 0;
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const workers = options.workers;
    if (!workers) return work(req, res);
    // Each request holds a worker from its first byte to its answer; none free: shed.
    if (busy >= workers.count) {
      req.resume();
      return stages.respond(res, { status: 503, type: 'ServiceUnavailableException', body: { message: 'All workers are busy.' }, headers: { 'retry-after': String(workers.retryAfterSeconds ?? 1) } });
    }
    busy++;
    try {
      await new Promise((resolve) => setTimeout(resolve, workers.serviceMs));
      await work(req, res);
    } finally {
      busy--;
    }
  }

  async function work(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const routed = stages.route(req.method ?? 'GET', path, req.headers);
    const body = await stages.readBody(req, limit);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const refused = await gate(req, body);
    if (refused) return stages.respond(res, refused);
    if ('answer' in routed) return stages.respond(res, routed.answer);
    if (body === 'too-large') {
      return stages.respond(res, { status: 413, type: 'ValidationException', body: { message: `The body is over ${limit} bytes.`, reason: 'OTHER' } });
    }
    const parsed = stages.parse(body);
    if (!parsed.ok) return stages.respond(res, validationError(`The body is not JSON: ${parsed.message}`, 'CANNOT_PARSE'));
    const issues = stages.validate(routed.operation, parsed.value);
    if (issues.length > 0) {
      return stages.respond(res, validationError(`${issues.length} member(s) failed validation.`, 'FIELD_VALIDATION_FAILED', issues));
    }
    stages.respond(res, stages.act(routed.operation, parsed.value, sessions));
  }

  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      // The reference answers every request; an exception here is a bug in it, reported as 500.
      if (!res.headersSent) {
        respond(res, modelledError('InternalServerException', 500, error instanceof Error ? error.message : String(error)));
      } else res.destroy();
    });
  };
  return options.tls ? https.createServer(options.tls, serve) : http.createServer(serve);
}

/** Listens on 127.0.0.1 (port 0: a free one) and resolves to the base URL. */
export async function listen(server: http.Server, port = 0): Promise<URL> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return new URL(`${server instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${bound}`);
}

export async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
