// S7: when the target requires SigV4 (credentials are configured), requests that are not signed
// with those credentials are refused: 403 AccessDeniedException. Without credentials there is
// nothing to judge: the target is not taken to require SigV4.
import { asIs, signRequest } from '../transport/sigv4Transport';
import type { HttpRequest } from '../transport/types';
import type { Expectation } from './judge';
import { stopRequest } from './internal/expect';
import { forEachCase } from './internal/property';
import { knownValidStop } from '../generation';
import { startSessionOf } from './internal/sessions';
import type { CaseCheck } from './types';

interface AuthCase {
  description: string;
  value: { scanJobId: string; sessionToken: string };
  request: HttpRequest;
}

/** Made-up credentials that no target should know; never the configured ones. */
const WRONG_SECRET = 'conformance-S7-wrong-secret-access-key';
const UNKNOWN_ACCESS_KEY = 'AKIACONFORMANCES7XXX';

const denied: Expectation = {
  kind: 'denied',
  title: 'A request not signed with the configured credentials was not refused',
  expected: '403 AccessDeniedException (X-Amzn-Errortype, or body __type/code)',
};

export const unauthenticatedRequestsDenied: CaseCheck = {
  kind: 'cases',
  name: 'unauthenticatedRequestsDenied',
  requirement: 'S7',
  title: 'an unsigned request, a wrong signature and an unknown access key are each answered 403 AccessDeniedException',
  async run(ctx) {
    const signing = ctx.settings.signing;
    if (!signing) {
      return {
        status: 'skipped',
        cases: 0,
        judged: 0,
        reason: 'No credentials configured (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): the target is not taken to require SigV4, so S7 does not apply.',
      };
    }
    const { credentials, region } = signing;
    const target = ctx.settings.target;
    const valid = (index: number) => knownValidStop(ctx.seed, index).value;
    const wrongSecret = credentials.secretAccessKey === WRONG_SECRET ? `${WRONG_SECRET}-2` : WRONG_SECRET;
    const unknownKey = credentials.accessKeyId === UNKNOWN_ACCESS_KEY ? `${UNKNOWN_ACCESS_KEY.slice(0, -1)}Y` : UNKNOWN_ACCESS_KEY;
    const make = async (index: number, description: string, sign?: (r: HttpRequest) => Promise<HttpRequest>): Promise<AuthCase> => {
      const value = valid(index);
      const request = stopRequest(JSON.stringify(value));
      // asIs: the signing transport leaves these as made here (unsigned, or signed with wrong credentials).
      return { description, value, request: asIs(sign ? await sign(request) : request) };
    };
    // Each case is otherwise a valid request: only its authentication is wrong.
    const cases = [
      await make(0, 'an unsigned request (no Authorization, no X-Amz-Date)'),
      await make(1, 'a request signed with the configured access key and a wrong secret', (r) =>
        signRequest(r, target, { ...credentials, secretAccessKey: wrongSecret }, region)),
      await make(2, 'a request signed with an unknown access key', (r) =>
        signRequest(r, target, { accessKeyId: unknownKey, secretAccessKey: credentials.secretAccessKey }, region)),
    ];
    return forEachCase(ctx, cases, {
      before: (c) => startSessionOf(ctx, c.value),
      request: (c) => c.request,
      expect: () => denied,
      describe: (c) => c.description,
    });
  },
};
