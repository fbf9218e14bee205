// The user's own headers (-H), added to every request whichever client sends it, before signing
// so that a signed request signs them too. A request's own header of the same name wins.
import type { HttpRequest, Transport } from './types';

export function withHeaders(inner: Transport, headers: Record<string, string>): Transport {
  if (Object.keys(headers).length === 0) return inner;
  return {
    name: inner.name,
    send: (request: HttpRequest, options) => inner.send(addHeaders(request, headers), options),
    close: () => inner.close(),
  };
}

/** The request with `headers` added where it has none of the same name (any case). Symbols (asIs) are kept. */
export function addHeaders(request: HttpRequest, headers: Record<string, string>): HttpRequest {
  const own = new Set(Object.keys(request.headers).map((name) => name.toLowerCase()));
  const added = Object.fromEntries(Object.entries(headers).filter(([name]) => !own.has(name.toLowerCase())));
  return { ...request, headers: { ...added, ...request.headers } };
}

/** The proxy Playwright's request context should use for `target`, from HTTP(S)_PROXY and NO_PROXY. */
export function playwrightProxy(target: URL, env: NodeJS.ProcessEnv): { server: string; bypass?: string } | undefined {
  const server = target.protocol === 'https:' ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  if (!server) return undefined;
  const bypass = env.NO_PROXY ?? env.no_proxy;
  return { server, ...(bypass ? { bypass } : {}) };
}
