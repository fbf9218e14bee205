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
//   bytes and more go through the paced upload (pacedUpload.ts), on a connection of their own.
//   (Behind a proxy they stay on undici: the proxy reads the whole body before it answers.)
// - A request on a reused connection that is closed before one byte of an answer came is sent once
//   more, on a fresh connection (retry.ts says why).
import { Agent, EnvHttpProxyAgent, errors, type Dispatcher } from 'undici';
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { causeOf, Collected, flattenHeaders, noAnswer, timeoutOutcome } from './outcome';
import { isLargeBody, pacedUpload, tlsConnectOptions, type TlsOptions } from './pacedUpload';
import { closedOnReuse, isConnectionClosed, sendWithOneRetry, type Attempt } from './retry';
import { urlFor, type HttpOutcome, type HttpRequest, type SendOptions, type Transport } from './types';

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

export function httpTransport(target: URL, options: HttpTransportOptions = {}): Transport {
  const pool = dispatcherFor(options);
  const tls = options.tls ?? {};
  const proxied = proxyConfigured(options.env ?? process.env);

  async function send(request: HttpRequest, { timeoutMs }: SendOptions): Promise<HttpOutcome> {
    if (!proxied && isLargeBody(request)) return pacedUpload(target, request, timeoutMs, tls);
    return sendWithOneRetry(timeoutMs, async (ms, fresh) => {
      if (!fresh) return undiciAttempt(pool, target, request, ms);
      // A dispatcher of one connection for the second attempt: nothing kept alive can be stale.
      const once = dispatcherFor({ ...options, connections: 1 });
      try {
        return await undiciAttempt(once, target, request, ms);
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
