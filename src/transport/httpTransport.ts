// A lean keep-alive HTTP/1.1 client (undici). Bulk property cases go through it because
// Playwright's APIRequestContext costs about 5 ms a call inside the test runner, and node:http
// about five times what undici does per request (see BENCHMARKS.md). It sends any method, any
// body bytes and exactly the headers it is given. It goes through HTTP_PROXY / HTTPS_PROXY (with
// NO_PROXY) when they are set, and trusts an extra certificate authority, or none, when asked.
//
// It reads the wire as HTTP allows a client to:
// - An answer that arrives while the request is still being written is the answer. A server may
//   answer 400 or 413 before it has read a large body, then close (Fastify's bodyLimit, nginx's
//   client_max_body_size); the upload then ends in EPIPE or ECONNRESET after a complete answer.
//   undici drops what it had not yet parsed when the write fails first, so bodies of LARGE_BODY
//   bytes and more go through node:http, which reads while it writes, on a connection of their
//   own. (Behind a proxy they stay on undici: the proxy reads the whole body before it answers.)
// - A request on a reused connection that is closed before one byte of an answer came is sent once
//   more, on a fresh connection (retry.ts says why).
import { Agent, EnvHttpProxyAgent, errors, type Dispatcher } from 'undici';
import { subscribe } from 'node:diagnostics_channel';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { rootCertificates } from 'node:tls';
import { performance } from 'node:perf_hooks';
import { closedOnReuse, isConnectionClosed, sendWithOneRetry, type Attempt } from './retry';
import { urlFor, type HttpOutcome, type HttpRequest, type SendOptions, type Transport } from './types';

/** Bodies kept in memory are capped: evidence needs the start of a body, not 1 MiB of it. */
const MAX_KEPT_BODY = 256 * 1024;

/**
 * From this size a body goes through node:http. Below it the whole request fits the socket's send
 * buffer on any platform, so a server that answers early finds it written before it closes.
 */
export const LARGE_BODY = 64 * 1024;

export interface TlsOptions {
  /** PEM text of certificate authorities trusted besides the system's. */
  ca?: string;
  /** Certificates are not verified. */
  insecure?: boolean;
}

export interface HttpTransportOptions {
  connections?: number;
  tls?: TlsOptions;
  /** The environment the proxy variables are read from (default: the process's). */
  env?: NodeJS.ProcessEnv;
}

/** True when HTTP_PROXY or HTTPS_PROXY (either case) is set. */
export function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'].some((name) => (env[name] ?? '') !== '');
}

function tlsConnectOptions(tls: TlsOptions): { ca?: string[]; rejectUnauthorized?: boolean } {
  return {
    ...(tls.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
    ...(tls.insecure ? { rejectUnauthorized: false } : {}),
  };
}

function dispatcherFor({ connections = 16, tls = {}, env = process.env }: HttpTransportOptions): Dispatcher {
  const connect = tlsConnectOptions(tls);
  if (!proxyConfigured(env)) return new Agent({ connections, pipelining: 1, connect });
  return new EnvHttpProxyAgent({
    connections,
    pipelining: 1,
    connect,
    requestTls: connect,
    httpProxy: env.HTTP_PROXY ?? env.http_proxy,
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  });
}

// ——— which connection a request went out on ———

/** The connection one attempt was written to, as undici reported it when it wrote the request. */
interface Connection {
  method: string;
  path: string;
  socket?: Socket;
  /** The socket had carried an earlier request. */
  reused: boolean;
  /** The socket's bytesRead when this request was written: any more, and some of an answer came. */
  readBefore: number;
}

/** Sockets that have carried a request. */
const usedSockets = new WeakSet<Socket>();
/**
 * The attempt undici is writing now. undici calls a handler's onRequestStart and then publishes
 * `undici:client:sendHeaders` (with the socket) in one synchronous step of writing a request, so
 * the socket published is the one this attempt goes out on.
 */
let writing: Connection | undefined;

subscribe('undici:client:sendHeaders', (message) => {
  const { request, socket } = message as { request: { method: string; path: string }; socket: Socket };
  const connection = writing;
  writing = undefined;
  if (!connection || connection.method !== request.method || connection.path !== request.path) return;
  connection.socket = socket;
  connection.reused = usedSockets.has(socket);
  connection.readBefore = socket.bytesRead;
  usedSockets.add(socket);
});

/**
 * Why an attempt that ended with `error` may be made again, or undefined: the request was never
 * written (queued for a connection that was closed first), or it went out on a connection that had
 * carried an earlier request, which was closed before one byte of this answer came.
 */
function mayGoAgain(connection: Connection, error: Error): string | undefined {
  if (!isConnectionClosed(error)) return undefined;
  const cause = causeOf(error);
  const detail = cause.code ? `${cause.code}: ${cause.message}` : cause.message;
  if (connection.socket === undefined) return `the first attempt was queued for a kept-alive connection that was closed before the request was written (${detail})`;
  return connection.reused && connection.socket.bytesRead === connection.readBefore ? closedOnReuse(detail) : undefined;
}

// ——— one attempt ———

class Collected {
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

function timeoutOutcome(timeoutMs: number, durationMs: number): HttpOutcome {
  return { kind: 'no-answer', reason: 'timeout', message: `no answer within ${timeoutMs} ms`, durationMs };
}

/** One attempt through undici, on one of `dispatcher`'s connections. */
function undiciAttempt(dispatcher: Dispatcher, target: URL, request: HttpRequest, timeoutMs: number): Promise<Attempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = urlFor(target, request.path);
  const path = `${url.pathname}${url.search}`;
  const connection: Connection = { method: request.method, path, reused: false, readBefore: 0 };
  return new Promise((resolve) => {
    let settled = false;
    let abort: ((reason: Error) => void) | undefined;
    let status = 0;
    let headers: Record<string, string> = {};
    const body = new Collected();
    const settle = (attempt: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(attempt);
    };
    // The whole attempt, waiting for a free connection included, is bounded by the timeout.
    const timer = setTimeout(() => {
      settle({ outcome: timeoutOutcome(timeoutMs, elapsed()) });
      abort?.(new errors.RequestAbortedError('timed out'));
    }, timeoutMs);
    dispatcher.dispatch(
      { origin: target.origin, method: request.method, path, headers: request.headers, body: request.body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs },
      {
        onRequestStart(controller) {
          if (settled) return controller.abort(new errors.RequestAbortedError('timed out'));
          abort = (reason) => controller.abort(reason);
          writing = connection;
        },
        onResponseStart(_controller, statusCode, responseHeaders) {
          status = statusCode;
          headers = flattenHeaders(responseHeaders);
        },
        onResponseData(_controller, chunk) {
          body.add(chunk);
        },
        onResponseEnd() {
          settle({ outcome: { kind: 'response', status, headers, body: body.body(), durationMs: elapsed() } });
        },
        onResponseError(_controller, error) {
          if (writing === connection) writing = undefined;
          settle({ outcome: noAnswer(error, timeoutMs, elapsed()), again: mayGoAgain(connection, error) });
        },
      },
    );
  });
}

/** The first part of a large body, sent with the headers; the rest waits for a pause in which an early answer can come. */
const FIRST_PART = 16 * 1024;
/** The rest goes in parts this size, the event loop let through between them, so an answer is read as soon as it comes. */
const PART = 64 * 1024;
/** The pause after the first part: twice the connection's round trip (its connect time), at least this. */
const MIN_PAUSE_MS = 100;

/**
 * One attempt through node:http on a connection of its own (a large body), written the way HTTP
 * asks of a client that sends a body (RFC 9112 §9.5: it watches for an answer while it sends, and
 * stops sending when one comes). The headers go with the first 16 KiB; then a pause of twice the
 * round trip, as a client that sent `Expect: 100-continue` waits, in which a server that refuses
 * by Content-Length answers; then the rest, a part at a time, until it is written or an answer
 * comes. Written all at once, the body fills the socket, the server that answered and closed resets
 * the connection with the body still unread, and the answer is lost to EPIPE about one time in four
 * (curl loses it as often). An error after the whole answer came leaves the answer.
 */
function nodeAttempt(target: URL, request: HttpRequest, timeoutMs: number, tls: TlsOptions): Promise<Attempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = urlFor(target, request.path);
  const client = url.protocol === 'https:' ? https : http;
  const body = Buffer.from(request.body ?? '');
  const headers = Object.keys(request.headers).some((name) => name.toLowerCase() === 'content-length') ? request.headers : { ...request.headers, 'content-length': String(body.length) };
  return new Promise((resolve) => {
    let settled = false;
    let answered = false;
    let timer: NodeJS.Timeout | undefined;
    let req: http.ClientRequest | undefined;
    let wake: (() => void) | undefined;
    const settle = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Whatever of the body is unsent stays unsent: the attempt is over.
      req?.destroy();
      resolve({ outcome });
    };
    const onAnswer = (res: http.IncomingMessage) => {
      answered = true;
      wake?.();
      const kept = new Collected();
      res.on('data', (chunk: Buffer) => kept.add(chunk));
      res.on('end', () => settle({ kind: 'response', status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body: kept.body(), durationMs: elapsed() }));
      // Closed before the whole answer came: a partial answer is no answer.
      res.on('close', () => {
        if (!res.complete) settle({ kind: 'no-answer', reason: 'connection', message: 'the connection was closed before the whole answer came', durationMs: elapsed() });
      });
    };
    try {
      req = client.request(url, { method: request.method, headers, agent: false, ...tlsConnectOptions(tls) }, onAnswer);
    } catch (error) {
      // A header node:http refuses to send (undici refuses the same ones).
      return settle(noAnswer(error, timeoutMs, elapsed()));
    }
    const sending = req;
    timer = setTimeout(() => settle(timeoutOutcome(timeoutMs, elapsed())), timeoutMs);
    // Before an answer, an error is what came of the request; after one, the answer's own events decide.
    sending.on('error', (error) => {
      if (!answered) settle(noAnswer(error, timeoutMs, elapsed()));
    });
    let connectedAt = 0;
    sending.on('socket', (socket) => socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => (connectedAt = performance.now())));
    const until = (ms: number) =>
      new Promise<void>((done) => {
        const pause = setTimeout(done, ms);
        wake = () => {
          clearTimeout(pause);
          done();
        };
      });
    const stopped = () => answered || settled;
    /** Resolves when `start` calls back, or when the request closes first. */
    const either = (start: (go: () => void) => void) =>
      new Promise<void>((done) => {
        const go = () => {
          sending.off('close', go);
          done();
        };
        sending.once('close', go);
        start(go);
      });
    const drained = (go: () => void) => sending.once('drain', go);
    void (async () => {
      // The first part handed to the connection (so it is open: its connect time is known), then the pause.
      await either((go) => sending.write(body.subarray(0, FIRST_PART), go));
      if (stopped()) return;
      await until(Math.max(MIN_PAUSE_MS, 2 * (connectedAt - started)));
      for (let at = FIRST_PART; at < body.length; at += PART) {
        if (stopped()) return;
        if (!sending.write(body.subarray(at, at + PART))) await either(drained);
        await new Promise<void>((next) => setImmediate(next));
      }
      if (!stopped()) sending.end();
    })();
  });
}

export function httpTransport(target: URL, options: HttpTransportOptions = {}): Transport {
  const pool = dispatcherFor(options);
  const tls = options.tls ?? {};
  const viaNode = !proxyConfigured(options.env ?? process.env);

  async function send(request: HttpRequest, { timeoutMs }: SendOptions): Promise<HttpOutcome> {
    const size = request.body === undefined ? 0 : Buffer.byteLength(request.body);
    if (viaNode && size >= LARGE_BODY) return (await nodeAttempt(target, request, timeoutMs, tls)).outcome;
    const started = performance.now();
    return sendWithOneRetry(async (fresh) => {
      if (!fresh) return undiciAttempt(pool, target, request, timeoutMs);
      // A dispatcher of one connection for the second attempt: nothing kept alive can be stale.
      const once = dispatcherFor({ ...options, connections: 1 });
      try {
        const rest = Math.max(1, Math.round(timeoutMs - (performance.now() - started)));
        return { outcome: (await undiciAttempt(once, target, request, rest)).outcome };
      } finally {
        await once.destroy();
      }
    });
  }

  return {
    name: 'http',
    send,
    async close() {
      await pool.destroy();
    },
  };
}

function causeOf(error: unknown): NodeJS.ErrnoException {
  return (error instanceof Error && error.cause instanceof Error ? error.cause : error) as NodeJS.ErrnoException;
}

function noAnswer(error: unknown, timeoutMs: number, durationMs: number): HttpOutcome {
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
