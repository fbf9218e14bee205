// Sends through Playwright's APIRequestContext (the `request` fixture). Scenario checks use it;
// TRANSPORT=playwright routes every case through it, which is slower but shows that the verdicts
// do not depend on the client.
import type { APIRequestContext } from '@playwright/test';
import { performance } from 'node:perf_hooks';
import { urlFor, type HttpOutcome, type HttpRequest, type SendOptions, type Transport } from './types';

export function playwrightTransport(target: URL, request: APIRequestContext): Transport {
  async function send(req: HttpRequest, { timeoutMs }: SendOptions): Promise<HttpOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await request.fetch(urlFor(target, req.path).toString(), {
        method: req.method,
        headers: req.headers,
        // A Buffer is sent as is; Playwright adds no content-type of its own to it.
        data: req.body === undefined ? undefined : Buffer.from(req.body),
        timeout: timeoutMs,
        failOnStatusCode: false,
        maxRedirects: 0,
      });
      const headers: Record<string, string> = {};
      for (const { name, value } of response.headersArray()) {
        const key = name.toLowerCase();
        headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
      }
      return { kind: 'response', status: response.status(), headers, body: await response.body(), durationMs: elapsed() };
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      const reason = /timeout/i.test(message) ? 'timeout' : 'connection';
      return { kind: 'no-answer', reason, message, durationMs: elapsed() };
    }
  }
  return { name: 'playwright', send, close: async () => {} };
}
