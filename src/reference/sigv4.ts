// SigV4 verification for the reference implementation's opt-in SigV4 mode. It re-signs the
// received request with the known secret (@smithy/signature-v4, the signer the AWS SDK uses) and
// compares signatures, so the reference holds clients to what AWS would: no crypto of our own.
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { Hash } from '@smithy/hash-node';
import { HttpRequest as SmithyRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface SigV4Options {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** When set, requests must carry it in X-Amz-Security-Token (temporary credentials). */
  sessionToken?: string;
  /** Default inspector2. */
  service?: string;
}

/** What the verifier reads of a received request. */
export interface ReceivedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** AWS accepts a request signed up to 5 minutes before or after its own clock. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;._-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

async function payloadHash(body: Buffer): Promise<string> {
  const hash = new Hash('sha256');
  hash.update(body);
  return Buffer.from(await hash.digest()).toString('hex');
}

/** undefined when the request is signed with the configured credentials; otherwise why it is not. */
export async function verifySigV4(request: ReceivedRequest, body: Buffer, options: SigV4Options, now = Date.now()): Promise<string | undefined> {
  const service = options.service ?? 'inspector2';
  const authorization = header(request.headers, 'authorization');
  if (authorization === undefined) return 'Missing Authentication Token: the request is not signed (SigV4).';
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match) return 'The Authorization header is not a SigV4 (AWS4-HMAC-SHA256) signature.';
  const [, accessKeyId, scopeDate, region, scopeService, signedHeaderList, signature] = match;
  if (accessKeyId !== options.accessKeyId) return 'The security token included in the request is invalid: unknown access key.';
  if (region !== options.region || scopeService !== service) {
    return `Credential should be scoped to region ${options.region} and service ${service}.`;
  }
  const amzDate = header(request.headers, 'x-amz-date');
  const date = amzDate === undefined ? undefined : AMZ_DATE.exec(amzDate);
  if (!date || amzDate === undefined) return 'The request has no valid X-Amz-Date header (YYYYMMDDTHHMMSSZ).';
  const signingDate = new Date(Date.UTC(+date[1], +date[2] - 1, +date[3], +date[4], +date[5], +date[6]));
  if (amzDate.slice(0, 8) !== scopeDate) return 'The credential scope date does not match X-Amz-Date.';
  if (Math.abs(now - signingDate.getTime()) > CLOCK_SKEW_MS) return 'Signature expired: X-Amz-Date is more than 5 minutes from the server time.';

  const signedHeaders = signedHeaderList.split(';');
  for (const required of ['host', 'x-amz-date']) {
    if (!signedHeaders.includes(required)) return `The signed headers do not include ${required}.`;
  }
  if (options.sessionToken !== undefined) {
    const token = header(request.headers, 'x-amz-security-token');
    if (token !== options.sessionToken || !signedHeaders.includes('x-amz-security-token')) return 'The security token included in the request is invalid.';
  }
  // The signer trusts x-amz-content-sha256 as the payload hash; check it names these bytes.
  const contentSha = header(request.headers, 'x-amz-content-sha256');
  if (contentSha !== undefined && contentSha !== (await payloadHash(body))) return 'X-Amz-Content-Sha256 does not match the body.';

  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(request.headers, name);
    if (value === undefined) return `The signed header ${name} is not in the request.`;
    // The signer sets these itself; anything else is re-signed as received.
    if (name !== 'x-amz-date' && name !== 'authorization' && name !== 'date') headers[name] = value;
  }
  if (signedHeaders.includes('authorization') || signedHeaders.includes('date')) return 'The signed headers name a header SigV4 cannot sign (authorization, date).';
  const url = new URL(request.url, 'http://reference.invalid');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  const path = request.url.split('?')[0];
  const signer = new SignatureV4({
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    region: options.region,
    service,
    sha256: Hash.bind(null, 'sha256'),
    // The client's own x-amz-content-sha256, when it sent one, is among the signed headers already.
    applyChecksum: false,
  });
  const resigned = await signer.sign(
    new SmithyRequest({ method: request.method, protocol: 'http:', hostname: 'reference.invalid', path, query, headers, body }),
    // Exactly the headers the client signed: the signer's own skip list does not apply.
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const expected = AUTHORIZATION.exec(String(resigned.headers.authorization));
  if (!expected || expected[5] !== signedHeaderList) return 'The signed headers could not be re-signed as listed.';
  const same = timingSafeEqual(Buffer.from(expected[6], 'hex'), Buffer.from(signature, 'hex'));
  return same ? undefined : 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
}
