// SigV4 signing as a transport wrapper: whichever client sends (the lean http one or Playwright's
// request fixture), the bytes it sends are the bytes that were signed. The signature comes from
// @smithy/signature-v4 with @smithy/hash-node, the signer the AWS SDK itself uses: no crypto here.
import { Hash } from '@smithy/hash-node';
import { HttpRequest as SmithyRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { urlFor, type HttpOutcome, type HttpRequest, type SendOptions, type Transport } from './types';

/** The SigV4 service name of Amazon Inspector (model metadata `signingName`). */
export const SIGNING_SERVICE = 'inspector2';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigningConfig {
  credentials: AwsCredentials;
  region: string;
}

/** Headers the signer computes; a request's own copies would be stale or forged. */
const GENERATED = new Set(['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'host']);

const SEND_AS_IS = Symbol('send as is');

/**
 * Marks a request the signing wrapper must leave alone: S7 sends unsigned requests and requests
 * signed with wrong credentials, and the real-client check sends what the AWS SDK signed itself.
 */
export function asIs(request: HttpRequest): HttpRequest {
  return Object.assign({ ...request }, { [SEND_AS_IS]: true as const });
}

/** True for a request the signing wrapper leaves alone (made unsigned or signed on purpose). */
export function isAsIs(request: HttpRequest): boolean {
  return SEND_AS_IS in request;
}

function signerFor(credentials: AwsCredentials, region: string): SignatureV4 {
  // applyChecksum (x-amz-content-sha256) as the AWS SDK sends it, so a target sees what SDK callers send.
  return new SignatureV4({ credentials, region, service: SIGNING_SERVICE, sha256: Hash.bind(null, 'sha256'), applyChecksum: true });
}

/** Signs the request exactly as it will be sent to `target`: its body bytes, the host, the path and query. */
export async function signRequest(request: HttpRequest, target: URL, credentials: AwsCredentials, region: string, signingDate = new Date()): Promise<HttpRequest> {
  const url = urlFor(target, request.path);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!GENERATED.has(name.toLowerCase())) headers[name] = value;
  }
  headers.host = url.host;
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  const unsigned = new SmithyRequest({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port === '' ? undefined : Number(url.port),
    // The path as the transports send it (urlFor normalises it), so the canonical request matches the wire.
    path: url.pathname,
    query,
    headers,
    body,
  });
  const signed = await signerFor(credentials, region).sign(unsigned, { signingDate });
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) sent[name] = String(value);
  return { ...request, headers: sent, body };
}

/** Every request `inner` sends is signed first, unless it was marked `asIs`. */
export function signing(inner: Transport, credentials: AwsCredentials, region: string, target: URL): Transport {
  async function send(request: HttpRequest, options: SendOptions): Promise<HttpOutcome> {
    if (isAsIs(request)) return inner.send(request, options);
    // Signed at each send, so a request the runner resends after a 429 carries a fresh x-amz-date.
    return inner.send(await signRequest(request, target, credentials, region), options);
  }
  return { name: inner.name, send, close: () => inner.close() };
}

/** The transport as configured: signed when credentials are set (SigV4), as is otherwise. */
export function signedIfConfigured(inner: Transport, target: URL, config: SigningConfig | undefined): Transport {
  return config ? signing(inner, config.credentials, config.region, target) : inner;
}
