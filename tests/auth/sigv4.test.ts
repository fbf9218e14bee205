// SigV4 in-process: the signing transport (both clients) against the reference's verifier, the
// verifier's refusals, where credentials come from, and the reference's rate limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as playwrightRequest } from '@playwright/test';
import { createReferenceServer, listen, close } from '../../src/reference/server';
import { verifySigV4, type SigV4Options } from '../../src/reference/sigv4';
import { createRateLimiter, parseRateLimit } from '../../src/reference/rateLimit';
import { signingFromEnv, UsageError } from '../../src/settings';
import { httpTransport } from '../../src/transport/httpTransport';
import { playwrightTransport } from '../../src/transport/playwrightTransport';
import { asIs, signing, signRequest } from '../../src/transport/sigv4Transport';
import type { HttpOutcome, HttpRequest, Transport } from '../../src/transport/types';

const KEYS: SigV4Options = { accessKeyId: 'AKIDUNITTEST', secretAccessKey: 'unit-test-secret', region: 'eu-west-1', sessionToken: 'unit-test-token' };
const credentials = { accessKeyId: KEYS.accessKeyId, secretAccessKey: KEYS.secretAccessKey, sessionToken: KEYS.sessionToken };
const TARGET = new URL('http://127.0.0.1:8080/');
const body = JSON.stringify({ scanJobId: '0f0e0d0c-0b0a-4909-8807-060504030201', sessionToken: '0f0e0d0c-0b0a-4909-8807-060504030202', message: { status: 'SUCCESS', progress: {} } });
const stop: HttpRequest = { method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body };

/** What the server would read: lower-case header names, the path as sent. */
function received(request: HttpRequest): { method: string; url: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  return { method: request.method, url: request.path, headers };
}

const bytes = (request: HttpRequest) => Buffer.from(request.body ?? '');

test('a request signed by the transport verifies, and carries host, x-amz-date and the session token', async () => {
  const signed = await signRequest(stop, TARGET, credentials, KEYS.region);
  assert.equal(signed.headers.host, '127.0.0.1:8080');
  assert.match(signed.headers['x-amz-date'] ?? '', /^\d{8}T\d{6}Z$/);
  assert.equal(signed.headers['x-amz-security-token'], KEYS.sessionToken);
  assert.match(signed.headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDUNITTEST\/\d{8}\/eu-west-1\/inspector2\/aws4_request, SignedHeaders=[^,]*host[^,]*x-amz-date/);
  assert.equal(await verifySigV4(received(signed), bytes(signed), KEYS), undefined);
});

test('the verifier refuses what AWS refuses: no signature, other bytes, a wrong secret, an unknown key, an old date, no token', async () => {
  const signed = await signRequest(stop, TARGET, credentials, KEYS.region);
  const cases: Array<[string, Promise<string | undefined>]> = [
    ['unsigned', verifySigV4(received(stop), bytes(stop), KEYS)],
    ['body changed after signing', verifySigV4(received(signed), Buffer.from(body.replace('SUCCESS', 'FAILED')), KEYS)],
    ['wrong secret', signRequest(stop, TARGET, { ...credentials, secretAccessKey: 'wrong' }, KEYS.region).then((r) => verifySigV4(received(r), bytes(r), KEYS))],
    ['unknown key', signRequest(stop, TARGET, { ...credentials, accessKeyId: 'AKIDOTHER' }, KEYS.region).then((r) => verifySigV4(received(r), bytes(r), KEYS))],
    ['other region', signRequest(stop, TARGET, credentials, 'us-east-1').then((r) => verifySigV4(received(r), bytes(r), KEYS))],
    ['signed 10 minutes ago', signRequest(stop, TARGET, credentials, KEYS.region, new Date(Date.now() - 10 * 60_000)).then((r) => verifySigV4(received(r), bytes(r), KEYS))],
    ['no session token', signRequest(stop, TARGET, { accessKeyId: KEYS.accessKeyId, secretAccessKey: KEYS.secretAccessKey }, KEYS.region).then((r) => verifySigV4(received(r), bytes(r), KEYS))],
    ['path changed after signing', verifySigV4({ ...received(signed), url: '/cissession/start' }, bytes(signed), KEYS)],
  ];
  for (const [name, verdict] of cases) assert.equal(typeof (await verdict), 'string', `${name} is refused`);
  // Within the 5-minute window a skewed clock is fine.
  const skewed = await signRequest(stop, TARGET, credentials, KEYS.region, new Date(Date.now() - 2 * 60_000));
  assert.equal(await verifySigV4(received(skewed), bytes(skewed), KEYS), undefined);
});

async function withSigV4Reference(body: (url: URL) => Promise<void>): Promise<void> {
  const server = createReferenceServer({ sigv4: KEYS });
  const url = await listen(server);
  try {
    await body(url);
  } finally {
    await close(server);
  }
}

async function statusAndType(transport: Transport, request: HttpRequest): Promise<string> {
  const outcome: HttpOutcome = await transport.send(request, { timeoutMs: 10_000 });
  return outcome.kind === 'response' ? `${outcome.status} ${outcome.headers['x-amzn-errortype'] ?? ''}`.trim() : outcome.message;
}

test('both transports sign through the wrapper: the SigV4 reference answers 200 signed and 403 unsigned', async () => {
  await withSigV4Reference(async (url) => {
    const context = await playwrightRequest.newContext();
    try {
      for (const inner of [httpTransport(url), playwrightTransport(url, context)]) {
        const signed = signing(inner, credentials, KEYS.region, url);
        assert.equal(await statusAndType(signed, stop), '200', `${inner.name}: signed`);
        assert.equal(await statusAndType(signed, asIs(stop)), '403 AccessDeniedException', `${inner.name}: left unsigned`);
        assert.equal(await statusAndType(inner, stop), '403 AccessDeniedException', `${inner.name}: no wrapper`);
        await signed.close();
      }
    } finally {
      await context.dispose();
    }
  });
});

test('credentials come from AWS_* variables, both or neither, region us-east-1 by default', () => {
  assert.equal(signingFromEnv({}), undefined);
  assert.equal(signingFromEnv({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: ' ' }), undefined);
  assert.deepEqual(signingFromEnv({ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 's' }), { credentials: { accessKeyId: 'AKID', secretAccessKey: 's' }, region: 'us-east-1' });
  assert.deepEqual(signingFromEnv({ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWS_REGION: 'eu-west-1' }), {
    credentials: { accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: 't' },
    region: 'eu-west-1',
  });
  for (const env of [{ AWS_ACCESS_KEY_ID: 'AKID' }, { AWS_SECRET_ACCESS_KEY: 'secret-value' }, { AWS_SESSION_TOKEN: 't' }, { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'Not A Region' }]) {
    assert.throws(() => signingFromEnv(env), (error: unknown) => error instanceof UsageError && !error.message.includes('secret-value'));
  }
});

test('the rate limit admits perSecond requests a second, then admits again in the next second', () => {
  const limiter = createRateLimiter({ perSecond: 3 });
  const admitted = [0, 10, 20, 30, 999].map((ms) => limiter.admit(5_000 + ms));
  assert.deepEqual(admitted, [true, true, true, false, false]);
  assert.equal(limiter.admit(6_000), true);
  assert.equal(limiter.retryAfterSeconds, 1);
  assert.deepEqual(parseRateLimit('20:2'), { perSecond: 20, retryAfterSeconds: 2 });
  assert.throws(() => parseRateLimit('fast'), /REFERENCE_RATE_LIMIT/);
});
