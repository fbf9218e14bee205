// The transport layer sends one HTTP request and reports what came back, or that nothing did.
// It knows nothing of checks or verdicts: judging happens in src/checks.

export interface HttpRequest {
  method: string;
  /** Path and query, joined to the target URL's origin and base path. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface HttpResponse {
  kind: 'response';
  status: number;
  /** Header names in lower case; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
  /** Set when this is the answer to a second attempt: what ended the first (see retry.ts). */
  retried?: string;
}

/** The target did not answer: the connection failed, was reset, or the timeout ran out. */
export interface NoAnswer {
  kind: 'no-answer';
  reason: 'timeout' | 'connection';
  message: string;
  durationMs: number;
  /** Set when this is what came of a second attempt: what ended the first (see retry.ts). */
  retried?: string;
}

export type HttpOutcome = HttpResponse | NoAnswer;

export interface SendOptions {
  timeoutMs: number;
}

export interface Transport {
  /** 'http' (a lean keep-alive client) or 'playwright' (Playwright's APIRequestContext). */
  readonly name: string;
  send(request: HttpRequest, options: SendOptions): Promise<HttpOutcome>;
  close(): Promise<void>;
}

/** Joins a request path to the target, keeping a base path the target URL may carry. */
export function urlFor(target: URL, path: string): URL {
  const base = target.pathname.endsWith('/') ? target.pathname.slice(0, -1) : target.pathname;
  return new URL(`${base}${path}`, target.origin);
}
