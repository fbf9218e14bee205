// A lean keep-alive HTTP/1.1 client on node:http. Bulk property cases go through it because
// Playwright's APIRequestContext costs about 5 ms a call inside the test runner (see BENCHMARKS.md);
// it sends any method, any body bytes and exactly the headers it is given.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { urlFor, type HttpOutcome, type HttpRequest, type SendOptions, type Transport } from './types';

/** Bodies kept in memory are capped: evidence needs the start of a body, not 1 MiB of it. */
const MAX_KEPT_BODY = 256 * 1024;

export function httpTransport(target: URL, { maxSockets = 4 }: { maxSockets?: number } = {}): Transport {
  const secure = target.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets })
    : new http.Agent({ keepAlive: true, maxSockets });
  const requestFn = secure ? https.request : http.request;

  function send(request: HttpRequest, { timeoutMs }: SendOptions): Promise<HttpOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise<HttpOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: HttpOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const body = request.body === undefined ? undefined : Buffer.from(request.body);
      const headers: Record<string, string> = { ...request.headers };
      if (body !== undefined && !hasHeader(headers, 'content-length')) headers['content-length'] = String(body.length);
      const req = requestFn(urlFor(target, request.path), { method: request.method, headers, agent });
      const timer = setTimeout(() => {
        finish({ kind: 'no-answer', reason: 'timeout', message: `no answer within ${timeoutMs} ms`, durationMs: elapsed() });
        req.destroy();
      }, timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => {
        finish({ kind: 'no-answer', reason: 'connection', message: describeSocketError(error), durationMs: elapsed() });
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < MAX_KEPT_BODY) chunks.push(chunk);
          kept += chunk.length;
        });
        res.on('error', (error: NodeJS.ErrnoException) => {
          finish({ kind: 'no-answer', reason: 'connection', message: describeSocketError(error), durationMs: elapsed() });
        });
        res.on('end', () => {
          finish({
            kind: 'response',
            status: res.statusCode ?? 0,
            headers: flattenHeaders(res.headers),
            body: Buffer.concat(chunks).subarray(0, MAX_KEPT_BODY),
            durationMs: elapsed(),
          });
        });
      });
      req.end(body);
    });
  }

  return {
    name: 'http',
    send,
    async close() {
      agent.destroy();
    },
  };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

export function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
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
      return 'the connection was reset before an answer came';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable';
    default:
      return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}
