// Both of the suite's clients, one after the other, for self-tests that hold them to the same rule:
// the lean undici one and Playwright's request context.
import { request as playwrightRequest } from '@playwright/test';
import { httpTransport } from '../../src/transport/httpTransport';
import { playwrightTransport } from '../../src/transport/playwrightTransport';
import type { Transport } from '../../src/transport/types';

export type ClientName = 'http' | 'playwright';
export const CLIENTS: readonly ClientName[] = ['http', 'playwright'];

/** `body` with a transport of the client `name` for `url`, closed afterwards. */
export async function withClient(name: ClientName, url: URL, body: (transport: Transport) => Promise<void>, { connections = 4 }: { connections?: number } = {}): Promise<void> {
  if (name === 'http') {
    const lean = httpTransport(url, { connections });
    try {
      return await body(lean);
    } finally {
      await lean.close();
    }
  }
  const context = await playwrightRequest.newContext();
  try {
    await body(playwrightTransport(url, context));
  } finally {
    await context.dispose();
  }
}
