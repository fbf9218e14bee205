// How one answer is judged. Every check states, per case, an Expectation: typed data (the statuses
// it wants, the body rule, the error type…), with the words a report shows. One function judges an
// answer against an expectation; the checks call it, and so does --replay, with the expectation a
// failure recorded. Nothing reads a status back out of prose.
import type { HttpOutcome, HttpRequest } from '../transport/types';
import { describeOutcome } from '../evidence/exchange';
import { describeErrorAnswer, describeErrorType, errorBodyProblem, errorTypeOf, isWholeSeconds, readErrorType, typesFittingStatus } from './internal/errorType';

/** What a case's answer must be, as data. `title` and `expected` are the words a failure shows. */
export type Expectation = { title: string; expected: string } & (
  /** `answerRequired`: a missing answer falls short too (M7's oversized bodies); otherwise it is M7's, not judged here. */
  | { kind: 'status'; statuses: number[]; answerRequired?: boolean }
  /** M2: a 200's body is empty (with profile allow-empty-object, `{}` too). Answers other than 200 are M1's. */
  | { kind: 'empty-body'; allowEmptyObject: boolean }
  /** M6: not 2xx. */
  | { kind: 'not-2xx' }
  /** M5: not 5xx (501 to a method other than PUT is T4). */
  | { kind: 'not-5xx' }
  /** M7: an answer within the timeout; `below500`: and not 5xx (M7's oversized bodies). */
  | { kind: 'answered'; below500: boolean }
  /** S1: an error answer names a type fitting its status; `unparseable`: a 400 may be SerializationException (T10). */
  | { kind: 'error-type'; unparseable: boolean; only?: number[] }
  /** S2: an error body is shaped as its type is modelled. `only`: judged for these statuses alone (the 409 of a session never started). */
  | { kind: 'error-body'; only?: number[] }
  /** S7: 403 AccessDeniedException. */
  | { kind: 'denied' }
  /** S3: a Retry-After on 429, 500 or 503, when present, is whole seconds. */
  | { kind: 'retry-after-seconds' }
);

export interface Mismatch {
  title: string;
  expected: string;
  received: string;
}

/** A judged case met its expectation or did not; a case a check cannot judge says why. */
export type Judgement = { judged: true; mismatch?: Mismatch } | { judged: false; reason: string };

export const met: Judgement = { judged: true };
export const notJudged = (reason: string): Judgement => ({ judged: false, reason });
const unmet = (e: Expectation, received: string): Judgement => ({ judged: true, mismatch: { title: e.title, expected: e.expected, received } });

/** Why a missing answer is not judged by a check other than M7's: M7 judges every missing answer of the run. */
export const NO_ANSWER = 'no answer came in time (M7 judges every missing answer of the run)';

/** A 5xx that M5 counts: 501 to a method other than PUT is T4 (a method the server does not implement). */
export function isServerError(method: string, outcome: HttpOutcome): boolean {
  if (outcome.kind !== 'response' || outcome.status < 500) return false;
  return !(outcome.status === 501 && method !== 'PUT');
}

export function judgeAnswer(e: Expectation, request: Pick<HttpRequest, 'method'>, outcome: HttpOutcome): Judgement {
  switch (e.kind) {
    case 'answered':
      if (outcome.kind === 'no-answer') return unmet(e, describeOutcome(outcome));
      return e.below500 && outcome.status >= 500 ? unmet(e, describeOutcome(outcome)) : met;
    case 'not-5xx':
      if (outcome.kind === 'no-answer') return notJudged(NO_ANSWER);
      return isServerError(request.method, outcome) ? unmet(e, describeOutcome(outcome)) : met;
    case 'status':
      if (outcome.kind === 'no-answer') return e.answerRequired ? unmet(e, describeOutcome(outcome)) : notJudged(NO_ANSWER);
      return e.statuses.includes(outcome.status) ? met : unmet(e, describeOutcome(outcome));
    default:
      break;
  }
  if (outcome.kind === 'no-answer') return notJudged(NO_ANSWER);
  switch (e.kind) {
    case 'not-2xx':
      return outcome.status >= 200 && outcome.status <= 299 ? unmet(e, describeOutcome(outcome)) : met;
    case 'empty-body': {
      if (outcome.status !== 200) return notJudged(`the answer was ${outcome.status}, not 200 (M1 judges that)`);
      if (isEmptySuccessBody(outcome.body, e.allowEmptyObject)) return met;
      return unmet(e, `${describeOutcome(outcome)}: ${outcome.body.subarray(0, 200).toString('utf8')}`);
    }
    case 'error-type': {
      if (outcome.status < 400) return notJudged(`the answer was ${outcome.status}, not an error`);
      if (e.only && !e.only.includes(outcome.status)) return notJudged(`the answer was ${outcome.status}, not ${e.only.join(' or ')}`);
      const reading = readErrorType(outcome);
      if (!reading) return unmet(e, `${outcome.status} naming ${describeErrorType(undefined)}`);
      const fitting = typesFittingStatus(outcome.status, e.unparseable);
      if (fitting === undefined || fitting.includes(reading.name)) return met;
      return unmet({ ...e, expected: `${outcome.status} named ${fitting.join(' or ')}` }, `${outcome.status} named ${describeErrorType(reading)}`);
    }
    case 'error-body': {
      if (outcome.status < 400) return notJudged(`the answer was ${outcome.status}, not an error`);
      if (e.only && !e.only.includes(outcome.status)) return notJudged(`the answer was ${outcome.status}, not ${e.only.join(' or ')}`);
      const problem = errorBodyProblem(outcome, readErrorType(outcome));
      return problem === undefined ? met : unmet(e, `${describeOutcome(outcome)}: ${problem}`);
    }
    case 'denied':
      return outcome.status === 403 && errorTypeOf(outcome) === 'AccessDeniedException' ? met : unmet(e, describeErrorAnswer(outcome));
    case 'retry-after-seconds': {
      const header = outcome.headers['retry-after'];
      if (![429, 500, 503].includes(outcome.status) || header === undefined) return notJudged('no Retry-After on a 429, 500 or 503');
      return isWholeSeconds(header) ? met : unmet(e, `${outcome.status} with Retry-After: ${header}`);
    }
  }
}

/** M2: 0 bytes; with profile allow-empty-object, `{}` (whitespace aside) too. */
export function isEmptySuccessBody(body: Buffer, allowEmptyObject: boolean): boolean {
  if (body.length === 0) return true;
  return allowEmptyObject && /^\s*\{\s*\}\s*$/.test(body.toString('utf8'));
}
