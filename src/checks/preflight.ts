// Before judging: one known-valid request, sent before any other check runs. It is a check like
// any other (M7: it is answered in time), and the one that can stop the run: when nothing
// answers, the credentials are refused, or the answer shows the request reached something other
// than a StopCisSession endpoint, no check could judge the target, and a flood of failures would
// hide the one fix the user needs. The run is then inconclusive with one sentence that says it.
//
// The rules' "Before judging" names no connection and 401/403. A 404, 405 or 501 to a known-valid
// PUT /cissession/stop, or a body that plainly comes from another program (an HTML page, another
// AWS service's XML error), is added here: a conforming implementation never sends one, and the
// likely cause is the base URL, a path prefix, or an emulator that routes by SigV4 credential
// scope and answered as another service; judging such a target would report 500 failures of one
// mistake in the suite's configuration.
import { describeOutcome } from '../evidence/exchange';
import type { HttpResponse } from '../transport/types';
import type { Expectation } from './judge';
import { readErrorType } from './internal/errorType';
import { STOP_PATH, stopRequest } from './internal/expect';
import { knownValidStop } from '../generation';
import { CannotJudge, type CaseCheck, type CheckResult } from './types';

/** Far from the indexes the checks use, so the session it names is one no check names. */
const KNOWN_VALID_INDEX = 500_000;

const answered: Expectation = { kind: 'answered', below500: false, title: 'The target did not answer a valid request', expected: 'an answer within the request timeout' };

/** What an answer to the known-valid request shows of the program that sent it, when it is plainly not a StopCisSession endpoint. */
export function foreignAnswer(response: HttpResponse): string | undefined {
  const text = response.body.subarray(0, 4096).toString('utf8').trimStart();
  const contentType = response.headers['content-type'] ?? '';
  if (/text\/html/i.test(contentType) || /^<!doctype html|^<html/i.test(text)) return 'an HTML page';
  if (/xml/i.test(contentType) || text.startsWith('<')) {
    const code = /<Code>([^<]{1,80})<\/Code>/.exec(text)?.[1];
    return code ? `an XML error <Code>${code}</Code>, as another AWS service writes it` : 'an XML document';
  }
  return undefined;
}

function wrongTarget(response: HttpResponse, target: URL, signed: boolean): string | undefined {
  const foreign = foreignAnswer(response);
  if (foreign === undefined && ![404, 405, 501].includes(response.status)) return undefined;
  const type = readErrorType(response)?.name;
  const what = `${response.status}${type ? ` ${type}` : ''}${foreign ? ` with ${foreign}` : ''}`;
  const credentials = signed
    ? ''
    : '; or, for an AWS emulator that routes requests by their SigV4 credential scope (one endpoint for every service), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY so the suite signs its requests for inspector2';
  return `The target answered a known-valid PUT ${STOP_PATH} with ${what}: that is not a StopCisSession endpoint answering. Check the base URL and any path prefix (the suite adds ${STOP_PATH} to ${target.toString()})${credentials}.`;
}

export const knownValidRequestAnswered: CaseCheck = {
  kind: 'cases',
  phase: 'before',
  name: 'knownValidRequestAnswered',
  requirement: 'M7',
  title: 'a known-valid request, sent before every other check, is answered within the timeout',
  async run(ctx): Promise<CheckResult> {
    const { value: body, text } = knownValidStop(ctx.settings.seed, KNOWN_VALID_INDEX);
    const request = stopRequest(text);
    const target = ctx.settings.target;
    const stop = (error: string): CheckResult => ({ status: 'could-not-judge', cases: 1, judged: 0, error, stopsRun: true });
    try {
      await ctx.startSession(body.scanJobId, body.sessionToken);
      const outcome = await ctx.send(request);
      if (outcome.kind === 'no-answer' && outcome.reason === 'connection') {
        return stop(`Could not reach the target at ${target.toString()}: ${outcome.message}. Check the URL and that the implementation is running.`);
      }
      if (outcome.kind === 'no-answer') {
        // Taken but not answered: that is judged (M7), and no other check could do better than time out too.
        return {
          status: 'failed',
          cases: 1,
          judged: 1,
          stopsRun: true,
          note: 'The target took the connection but did not answer a valid request, so no other check was run.',
          failure: { ...ctx.record(request, outcome), title: answered.title, expected: `an answer within ${ctx.settings.timeoutMs} ms`, received: describeOutcome(outcome), caseDescription: 'the known-valid request sent before judging', expectation: answered, replay: ctx.replay },
        };
      }
      if (outcome.status === 401 || outcome.status === 403) {
        const type = readErrorType(outcome)?.name;
        return stop(`The target refused a valid request with ${outcome.status}${type ? ` ${type}` : ''}; check the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION) the target expects.`);
      }
      const wrong = wrongTarget(outcome, target, ctx.settings.signing !== undefined);
      if (wrong) return stop(wrong);
      return { status: 'passed', cases: 1, judged: 1, note: `answered ${describeOutcome(outcome)} in ${outcome.durationMs} ms; the checks judge that answer` };
    } catch (error) {
      if (error instanceof CannotJudge) return stop(error.message);
      throw error;
    }
  },
};
