// A lean keep-alive HTTP/1.1 client (undici). Bulk property cases go through it because
// Playwright's APIRequestContext costs about 5 ms a call inside the test runner, and node:http
// about five times what undici does per request (see BENCHMARKS.md). It sends any method, any
// body bytes and exactly the headers it is given. It goes through HTTP_PROXY / HTTPS_PROXY (with
// NO_PROXY) when they are set, and trusts an extra certificate authority, or none, when asked.
import { Agent, EnvHttpProxyAgent, errors, type Dispatcher } from 'undici';
import { rootCertificates } from 'node:tls';
import { performance } from 'node:perf_hooks';
import { urlFor, type HttpOutcome, type HttpRequest, type SendOptions, type Transport } from './types';

/** Bodies kept in memory are capped: evidence needs the start of a body, not 1 MiB of it. */
const MAX_KEPT_BODY = 256 * 1024;

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

function dispatcherFor({ connections = 16, tls = {}, env = process.env }: HttpTransportOptions): Dispatcher {
  const connect = {
    ...(tls.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
    ...(tls.insecure ? { rejectUnauthorized: false } : {}),
  };
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

export function httpTransport(target: URL, options: HttpTransportOptions = {}): Transport {
  const pool = dispatcherFor(options);

  async function send(request: HttpRequest, { timeoutMs }: SendOptions): Promise<HttpOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const url = urlFor(target, request.path);
    try {
      const response = await pool.request({
        origin: target.origin,
        method: request.method,
        path: `${url.pathname}${url.search}`,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const chunks: Buffer[] = [];
      let kept = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        if (kept < MAX_KEPT_BODY) chunks.push(chunk);
        kept += chunk.length;
      }
      return {
        kind: 'response',
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: Buffer.concat(chunks).subarray(0, MAX_KEPT_BODY),
        durationMs: elapsed(),
      };
    } catch (error) {
      return noAnswer(error, timeoutMs, elapsed());
    }
  }

  return {
    name: 'http',
    send,
    async close() {
      await pool.destroy();
    },
  };
}

function noAnswer(error: unknown, timeoutMs: number, durationMs: number): HttpOutcome {
  const timedOut =
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
  if (timedOut) return { kind: 'no-answer', reason: 'timeout', message: `no answer within ${timeoutMs} ms`, durationMs };
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return { kind: 'no-answer', reason: 'connection', message: describeSocketError(cause as NodeJS.ErrnoException), durationMs };
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
