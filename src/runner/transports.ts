// The clients of a run, as its settings ask: the lean client (or Playwright's request fixture),
// the user's headers added, every request signed when credentials are configured, TLS and proxy
// as configured.
import { readFileSync } from 'node:fs';
import type { APIRequest } from '@playwright/test';
import type { Settings } from '../settings';
import { playwrightProxy, withHeaders } from '../transport/headers';
import { httpTransport } from '../transport/httpTransport';
import { playwrightTransport } from '../transport/playwrightTransport';
import { signedIfConfigured } from '../transport/sigv4Transport';
import type { Transport } from '../transport/types';

function dressed(settings: Settings, inner: Transport): Transport {
  return withHeaders(signedIfConfigured(inner, settings.target, settings.signing), settings.headers);
}

export function bulkTransport(settings: Settings, connections = settings.concurrency): Transport {
  const ca = settings.caCertFile ? readFileSync(settings.caCertFile, 'utf8') : undefined;
  return dressed(settings, httpTransport(settings.target, { connections, tls: { ca, insecure: settings.insecure } }));
}

/** Playwright's request context for the run; its CA file comes through NODE_EXTRA_CA_CERTS, which certify sets. */
export async function fixtureTransport(settings: Settings, request: APIRequest, env: NodeJS.ProcessEnv): Promise<Transport> {
  const proxy = playwrightProxy(settings.target, env);
  const options = { ignoreHTTPSErrors: settings.insecure, ...(proxy ? { proxy } : {}) };
  const context = await request.newContext(options);
  const inner = playwrightTransport(settings.target, context, { fresh: () => request.newContext(options), insecure: settings.insecure, proxied: proxy !== undefined });
  return dressed(settings, { ...inner, close: () => context.dispose() });
}
