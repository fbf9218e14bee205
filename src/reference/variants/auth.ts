// Variants for what real callers see: SigV4 (S7), the AWS SDK client (S8) and throttling (S9).
// The SigV4 ones verify made-up test credentials, passed to certify through `env`.
import { modelledError, referenceBehaviour, type Answer, type ErrorAnswer } from '../server';
import type { SigV4Options } from '../sigv4';
import type { Variant } from './types';

/** Made-up credentials, valid nowhere but here: the reference verifies them, certify signs with them. */
const TEST_SIGV4: SigV4Options = {
  accessKeyId: 'AKIDREFERENCETEST01',
  secretAccessKey: 'reference-test-secret-not-a-real-key',
  region: 'us-east-1',
};
const TEST_ENV: Record<string, string> = {
  AWS_ACCESS_KEY_ID: TEST_SIGV4.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_SIGV4.secretAccessKey,
  AWS_REGION: TEST_SIGV4.region,
  AWS_SESSION_TOKEN: '',
};

const denied = (message: string): ErrorAnswer => modelledError('AccessDeniedException', 403, message);

/** The throttling variants are judged by the probe alone: a full run against a rate limit would mostly wait. */
const PROBE_ONLY = ['--probe-throttling', '--only', 'S9'];
const RATE_LIMIT = { perSecond: 20, retryAfterSeconds: 1 };

export const authVariants: Variant[] = [
  {
    name: 'sigv4-required',
    kind: 'conforming',
    description: 'Requires SigV4 with the configured credentials, as AWS does: unsigned, wrongly signed and unknown-key requests are answered 403 AccessDeniedException.',
    options: { sigv4: TEST_SIGV4 },
    env: TEST_ENV,
  },
  {
    name: 'sigv4-signature-unchecked',
    kind: 'faulty',
    violates: 'S7',
    description: 'Requires an Authorization header naming a known access key, but never checks the signature: a request signed with a wrong secret is accepted.',
    options: {
      sigv4: TEST_SIGV4,
      behaviour: {
        authenticate: async (request, _body, sigv4) => {
          const authorization = request.headers.authorization;
          if (authorization === undefined) return denied('Missing Authentication Token.');
          return authorization.includes(`Credential=${sigv4.accessKeyId}/`) ? undefined : denied('The security token included in the request is invalid.');
        },
      },
    },
    env: TEST_ENV,
  },
  {
    name: 'errors-without-type',
    kind: 'faulty',
    violates: 'S8',
    description: 'Sends error bodies with a message but names no error type (no X-Amzn-Errortype, no __type or code): the AWS SDK cannot tell a ValidationException from any other error.',
    options: {
      behaviour: {
        respond: (res, answer: Answer) => {
          if (!('type' in answer)) return referenceBehaviour.respond(res, answer);
          const body = JSON.stringify(answer.body);
          res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...answer.headers });
          res.end(body);
        },
      },
    },
  },
  {
    name: 'rate-limited',
    kind: 'conforming',
    description: 'Throttles past 20 requests a second with 429 ThrottlingException and Retry-After: 1, and answers again a second later.',
    options: { rateLimit: RATE_LIMIT },
    certifyArgs: PROBE_ONLY,
  },
  {
    name: 'throttle-retry-after-http-date',
    kind: 'faulty',
    violates: 'S9',
    description: 'Throttles with a Retry-After given as an HTTP date, which HTTP allows but the model reads as an Integer number of seconds (S3).',
    options: {
      rateLimit: RATE_LIMIT,
      behaviour: {
        throttle: (retryAfterSeconds) => ({
          ...modelledError('ThrottlingException', 429, 'Rate exceeded.'),
          headers: { 'retry-after': new Date(Date.now() + retryAfterSeconds * 1000).toUTCString() },
        }),
      },
    },
    certifyArgs: PROBE_ONLY,
  },
  {
    name: 'throttle-without-type',
    kind: 'faulty',
    violates: 'S9',
    description: 'Throttles with a 429 whose X-Amzn-Errortype is empty and whose body has no __type or code: clients cannot tell it is throttling (S1).',
    options: {
      rateLimit: RATE_LIMIT,
      behaviour: { throttle: (retryAfterSeconds) => ({ status: 429, type: '', body: { message: 'Too many requests.' }, headers: { 'retry-after': String(retryAfterSeconds) } }) },
    },
    certifyArgs: PROBE_ONLY,
  },
];
