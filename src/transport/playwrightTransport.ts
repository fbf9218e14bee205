// Sends through Playwright's APIRequestContext (the `request` fixture). Scenario checks use it;
// TRANSPORT=playwright routes every case through it, which is slower but shows that the verdicts
// do not depend on the client.
//
// It reads the wire as the lean client does. Playwright writes a body whole, and loses an answer a
// server sent before reading a large body as undici does, so bodies of 64 KiB and more
// go through the paced upload both clients share (pacedUpload.ts; behind a proxy, through
// Playwright). A request on a reused connection (retry.ts) that was
// closed before one byte of an answer came is sent once more on a fresh connection (a request
// context of its own). Playwright does not say which connection a request went out on, but its
// client is Node's http, in this process, and Node's diagnostics channels show every connection it
// opens (`net.client.socket`) and every answer it reads to the end (`http.client.response.finish`):
// a connection that ends while it carries a request, with not one byte read since its last answer,
// was reused and closed before answering that request. (Node's own request.start channel comes too
// late: a request written to a connection that had already been closed fails before it is published.)
import type { APIRequestContext } from '@playwright/test';
import { subscribe } from 'node:diagnostics_channel';
import type http from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { isLargeBody, pacedUpload } from './pacedUpload';
import { closedOnReuse, sendWithOneRetry, type Attempt } from './retry';
import { urlFor, type HttpOutcome, type HttpRequest, type SendOptions, type Transport } from './types';

/** What tells one request from another on the wire, as far as both sides can see it. */
function keyOf(method: string, host: string, path: string, bodyBytes: number): string {
  return `${method} ${host}${path} ${bodyBytes}`;
}

/** Requests Node sent on a reused connection that was closed before any byte of an answer, by key, with why. */
const droppedOnReuse = new Map<string, string[]>();

/** Per connection Node's http opened: answers read to the end on it, and its bytesRead after the last. */
const answersOn = new WeakMap<Socket, { answers: number; readAtLast: number }>();
/** Requests already counted as dropped (a connection's end, error and close each see it). */
const counted = new WeakSet<http.ClientRequest>();

subscribe('http.client.response.finish', (message) => {
  const socket = (message as { request: http.ClientRequest }).request.socket;
  const seen = socket ? answersOn.get(socket) : undefined;
  if (!socket || !seen) return;
  seen.answers++;
  seen.readAtLast = socket.bytesRead;
});

subscribe('net.client.socket', (message) => {
  const { socket } = message as { socket: Socket };
  answersOn.set(socket, { answers: 0, readAtLast: 0 });
  const ended = (why: string) => () => {
    // The request the connection carries now (Node's http sets it; other clients' connections have none).
    const request = (socket as Socket & { _httpMessage?: http.ClientRequest | null })._httpMessage;
    const seen = answersOn.get(socket);
    if (!request || counted.has(request) || !seen || seen.answers === 0 || socket.bytesRead !== seen.readAtLast) return;
    counted.add(request);
    const key = keyOf(request.method, String(request.getHeader('host') ?? ''), request.path, Number(request.getHeader('content-length') ?? 0));
    droppedOnReuse.set(key, [...(droppedOnReuse.get(key) ?? []), closedOnReuse(why)]);
  };
  socket.once('end', ended('the other side closed it'));
  socket.once('error', ended('it was reset'));
  socket.once('close', ended('it closed'));
});

/** Takes one record of a request dropped on reuse, if Node saw one for this key. */
function takeDroppedOnReuse(key: string): string | undefined {
  const seen = droppedOnReuse.get(key);
  const why = seen?.shift();
  if (seen?.length === 0) droppedOnReuse.delete(key);
  return why;
}

async function fetchOnce(context: APIRequestContext, target: URL, req: HttpRequest, timeoutMs: number): Promise<Attempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = urlFor(target, req.path);
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  try {
    const response = await context.fetch(url.toString(), {
      method: req.method,
      headers: req.headers,
      // A Buffer is sent as is; Playwright adds no content-type of its own to it.
      data: body,
      timeout: timeoutMs,
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    const headers: Record<string, string> = {};
    for (const { name, value } of response.headersArray()) {
      const key = name.toLowerCase();
      headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
    }
    return { outcome: { kind: 'response', status: response.status(), headers, body: await response.body(), durationMs: elapsed() } };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const reason = /timeout/i.test(message) ? 'timeout' : 'connection';
    const again = reason === 'connection' ? takeDroppedOnReuse(keyOf(req.method, url.host, `${url.pathname}${url.search}`, body?.length ?? 0)) : undefined;
    return { outcome: { kind: 'no-answer', reason, message, durationMs: elapsed() }, again };
  }
}

/** A request context with Playwright's defaults: where the caller gave `context` none of its own. */
async function defaultContext(): Promise<APIRequestContext> {
  const { request } = await import('@playwright/test');
  return request.newContext();
}

export interface PlaywrightTransportOptions {
  /** A new request context (connections of its own) for a second attempt, made with `context`'s options (default: Playwright's defaults). */
  fresh?: () => Promise<APIRequestContext>;
  /** TLS certificates are not verified (the context's ignoreHTTPSErrors), for the paced upload too. */
  insecure?: boolean;
  /** The context goes through a proxy: large bodies stay with it (the proxy reads a body whole before it answers). */
  proxied?: boolean;
}

export function playwrightTransport(target: URL, context: APIRequestContext, { fresh = defaultContext, insecure = false, proxied = false }: PlaywrightTransportOptions = {}): Transport {
  async function send(req: HttpRequest, { timeoutMs }: SendOptions): Promise<HttpOutcome> {
    // Certificate authorities of --ca-cert reach node:https here as they reach Playwright: NODE_EXTRA_CA_CERTS.
    if (!proxied && isLargeBody(req)) return pacedUpload(target, req, timeoutMs, { insecure });
    return sendWithOneRetry(timeoutMs, async (ms, again) => {
      if (!again) return fetchOnce(context, target, req, ms);
      const once = await fresh();
      try {
        return await fetchOnce(once, target, req, ms);
      } finally {
        await once.dispose();
      }
    });
  }
  return { name: 'playwright', send, close: async () => {} };
}
