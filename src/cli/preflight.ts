// Before judging, one known-valid request (CONFORMANCE-RULES, "Before judging"): no connection,
// or 401/403, makes the run inconclusive with a sentence saying what to fix, not a flood of failures.
import { requirement } from '../checks/requirements';
import { stopRequest } from '../checks/internal/expect';
import { seededUuid } from '../checks/internal/sessions';
import { CannotJudge, type CheckRecord, type Settings } from '../checks/types';
import { createCheckContext } from '../runner/context';
import { describeOutcome, exchange } from '../runner/record';
import type { Transport } from '../transport/types';

export type PreflightResult =
  | { kind: 'go'; requests: number }
  | { kind: 'inconclusive'; reason: string; requests: number }
  /** The target took the connection but did not answer in time: that is judged (M7), not inconclusive. */
  | { kind: 'no-answer'; record: CheckRecord; requests: number };

export function knownValidBody(seed: number): { scanJobId: string; sessionToken: string; message: { status: 'SUCCESS'; progress: Record<string, never> } } {
  return { scanJobId: seededUuid(seed, 1_000_001), sessionToken: seededUuid(seed, 1_000_002), message: { status: 'SUCCESS', progress: {} } };
}

export async function preflight(settings: Settings, transport: Transport): Promise<PreflightResult> {
  const ctx = createCheckContext(settings, transport, { name: 'preflight' });
  const target = settings.target.toString();
  const body = knownValidBody(settings.seed);
  const request = stopRequest(JSON.stringify(body));
  try {
    await ctx.startSession(body.scanJobId, body.sessionToken);
    const outcome = await ctx.send(request);
    const requests = ctx.requests();
    if (outcome.kind === 'no-answer' && outcome.reason === 'connection') {
      return { kind: 'inconclusive', requests, reason: `Could not reach the target at ${target}: ${outcome.message}. Check the URL and that the implementation is running.` };
    }
    if (outcome.kind === 'no-answer') {
      const evidence = exchange(settings.target, request, outcome);
      const m7 = requirement('M7');
      return {
        kind: 'no-answer',
        requests,
        record: {
          id: 'M7', name: 'knownValidRequestAnswered', title: 'a known-valid request is answered within the timeout', level: m7.level, words: m7.words,
          status: 'failed', cases: 1, requests,
          failure: { ...evidence, title: 'The target did not answer a valid request', expected: `an answer within ${settings.timeoutMs} ms`, received: describeOutcome(outcome), caseDescription: 'the known-valid request sent before judging', replay: evidence.curl },
          note: 'The target took the connection but did not answer, so no other check was run.',
          serverErrors: [], noAnswers: [evidence],
        },
      };
    }
    if (outcome.status === 401 || outcome.status === 403) {
      const type = outcome.headers['x-amzn-errortype'];
      return {
        kind: 'inconclusive',
        requests,
        reason: `The target refused a valid request with ${outcome.status}${type ? ` ${type}` : ''}; check the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION) the target expects.`,
      };
    }
    return { kind: 'go', requests };
  } catch (error) {
    if (error instanceof CannotJudge) return { kind: 'inconclusive', reason: error.message, requests: ctx.requests() };
    throw error;
  }
}
