// Before judging: one known-valid request, sent before any other check runs. It is a check like
// any other (M7: it is answered in time), and the one that can stop the run. The rules' "Before
// judging" (REQUIREMENTS.md) name what stops it, and nothing else does:
// - nothing answers (no connection): inconclusive, with the address to check;
// - 401 or 403: inconclusive, with the credentials to check;
// - the connection is taken but no answer comes within the timeout: judged (M7 failed), and the
//   run stops there, since every other check could only time out too.
// Any other answer goes on to the checks, which judge it.
//
// A guess that the URL reaches some other program (the base URL or a path prefix is wrong, or an
// emulator routed the unsigned request to another AWS service) is a hint, never a stop. It is made
// only on evidence a StopCisSession endpoint cannot give: an HTML document in the body (it starts
// with <!doctype html or <html), an XML error document with an AWS <Code>, or 404, 405 or 501 to
// a PUT of the operation's own path, which name an unknown route or operation. A header alone is
// no evidence: PHP sends Content-Type: text/html; charset=UTF-8 on every answer whose handler sets
// none, so a conforming empty 200 carries it. An empty body is never foreign, and a 200 with some
// other body (a leaked newline) is an answer for M2 to judge.
//
// Why the run goes on where the guess holds: the rules say so ("any other answer: the run goes on
// and the checks judge it"), and where the rules and intuition differ the rules win. A guess can
// be wrong, as the header was; a wrong guess that stops the run makes a conforming implementation
// inconclusive, and a faulty one's failure vanishes behind advice about URLs. Going on costs one
// bounded run against the wrong program, and its verdict rests on evidence (M1 failed: the valid
// request was answered 404). The hint (`targetHint`) is data in the result, and every output
// shows it at its top, so the user who did give the wrong URL reads the fix first.
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

/** 404, 405 and 501 to a PUT of the operation's own path: the program there knows no such route or operation. */
const UNKNOWN_ROUTE = [404, 405, 501];

/** An HTML document's title as the hint may quote it: printable characters only, whitespace collapsed, at most 60 code points. */
function titleOf(html: string): string | undefined {
  const raw = /<title[^>]*>([^<]{1,400})<\/title>/i.exec(html)?.[1];
  const title = raw?.replace(/[^\p{L}\p{N}\p{P}\p{S}\s]/gu, '').replace(/\s+/g, ' ').trim();
  if (!title) return undefined;
  const chars = Array.from(title);
  return chars.length <= 60 ? title : `${chars.slice(0, 59).join('')}…`;
}

/**
 * What an answer's body shows of the program that sent it, when the body is plainly another
 * program's document: an HTML document, or an XML error with an AWS <Code>. Never read from a
 * header alone, and an empty body is never foreign.
 */
export function foreignAnswer(response: HttpResponse): string | undefined {
  const text = response.body.subarray(0, 4096).toString('utf8').trimStart();
  if (/^(?:<!doctype\s+html|<html)(?![\w-])/i.test(text)) {
    const title = titleOf(text);
    return title ? `an HTML page titled "${title}"` : 'an HTML page';
  }
  if (/^<(?:\?xml\b|[A-Za-z])/.test(text)) {
    // AWS codes are names (NoSuchBucket, InvalidAction, UnrecognizedClientException); a code that is not one is not quoted.
    const code = /<Error\b[^>]*>[\s\S]*?<Code>([\w.:-]{1,80})<\/Code>/.exec(text)?.[1];
    if (code) return `an XML error <Code>${code}</Code>, as another AWS service writes it`;
  }
  return undefined;
}

/** The hint for the top of every output when the answer looks like another program's; undefined when it does not. */
export function wrongTargetHint(response: HttpResponse, target: URL, signed: boolean): string | undefined {
  const foreign = foreignAnswer(response);
  if (foreign === undefined && !UNKNOWN_ROUTE.includes(response.status)) return undefined;
  // The error type is quoted only when it is a name: of the target's text the hint holds names and a cleaned title.
  const type = readErrorType(response)?.name;
  const named = type !== undefined && /^[\w.-]{1,80}$/.test(type) ? ` ${type}` : '';
  const what = `${response.status}${named}${foreign ? ` with ${foreign}` : ''}`;
  const credentials = signed
    ? ''
    : '; or, for an AWS emulator that routes requests by their SigV4 credential scope (one endpoint for every service), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY so the suite signs its requests for inspector2';
  return `This looks like something other than a StopCisSession endpoint: a known-valid PUT ${STOP_PATH} was answered ${what}. If it is the wrong URL, check the base URL and any path prefix (the suite adds ${STOP_PATH} to ${target.toString()})${credentials}. The checks judged the target all the same.`;
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
      const targetHint = wrongTargetHint(outcome, target, ctx.settings.signing !== undefined);
      return { status: 'passed', cases: 1, judged: 1, note: `answered ${describeOutcome(outcome)} in ${outcome.durationMs} ms; the checks judge that answer`, ...(targetHint ? { targetHint } : {}) };
    } catch (error) {
      if (error instanceof CannotJudge) return stop(error.message);
      throw error;
    }
  },
};
