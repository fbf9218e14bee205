// M5, M7 and S3 over the whole run: "no request the suite sends is answered 5xx", "every request
// is answered within the timeout", "a Retry-After on 429, 500 or 503, when present, is whole
// seconds". The runner shows these checks every answer of every check as it comes (classify, the
// judge of one answer) and keeps their tallies; once the other checks are done (or, for shards,
// once `merge` has every shard's tallies) `judge` gives the result. The first shortfall is the
// failure's evidence, with the check that saw it.
import type { HttpOutcome, HttpRequest } from '../transport/types';
import { judgeAnswer, NO_ANSWER, type Expectation } from './judge';
import type { CheckRecord, CheckResult, RunTally, RunWideCheck } from './types';

/** Sums one run-wide check's tallies over the records of a run (or of every shard of one). */
export function runTallyOf(records: readonly CheckRecord[], check: string): RunTally {
  const tally: RunTally = { judged: 0, unmet: 0, samples: [] };
  for (const record of records) {
    const own = record.evidence?.tallies[check];
    if (!own) continue;
    tally.judged += own.judged;
    tally.unmet += own.unmet;
    for (const exchange of own.samples) if (tally.samples.length < 3) tally.samples.push({ check: record.name, exchange });
  }
  return tally;
}

/** One answer judged by `expectation`, as a run-wide tally counts it: met, unmet, or not counted (undefined). */
function classifyBy(expectation: Expectation): (request: HttpRequest, outcome: HttpOutcome) => 'met' | 'unmet' | undefined {
  return (request, outcome) => {
    const judgement = judgeAnswer(expectation, request, outcome);
    if (!judgement.judged) return undefined;
    return judgement.mismatch ? 'unmet' : 'met';
  };
}

function judged(
  tally: RunTally,
  context: { replay: (check: string) => string },
  what: { expectation: Expectation; nothing: string; counted: string },
): CheckResult {
  if (tally.judged === 0) return { status: 'not-judged', cases: 0, judged: 0, reason: what.nothing };
  const first = tally.samples[0];
  if (tally.unmet === 0 || first === undefined) return { status: 'passed', cases: tally.judged, judged: tally.judged, note: `${tally.judged} ${what.counted} judged` };
  const response = first.exchange.response;
  return {
    status: 'failed',
    cases: tally.judged,
    judged: tally.judged,
    failure: {
      ...first.exchange,
      title: what.expectation.title,
      expected: what.expectation.expected,
      received: response.kind === 'response' ? `${response.status}${response.headers['retry-after'] !== undefined ? ` with Retry-After: ${response.headers['retry-after']}` : ''}` : `no answer (${response.message})`,
      caseDescription: `${tally.unmet} of ${tally.judged} ${what.counted}; the first while running ${first.check}`,
      expectation: what.expectation,
      replay: context.replay(first.check),
      seenIn: first.check,
    },
  };
}

const serverErrorExpectation: Expectation = { kind: 'not-5xx', title: 'A request was answered 5xx', expected: 'an answer below 500 (501 only to a method other than PUT)' };
const classifyServerError = classifyBy(serverErrorExpectation);

export const noServerErrorInRun: RunWideCheck = {
  kind: 'run-wide',
  name: 'noServerErrorInRun',
  requirement: 'M5',
  title: 'no request of the run is answered 5xx',
  // Throttling that was waited out (a 503 with Retry-After) is not an answer to the request; a missing answer is M7's.
  classify: (request, outcome, waitedOut) => (waitedOut ? undefined : classifyServerError(request, outcome)),
  judge: (tally, context) => judged(tally, context, { expectation: serverErrorExpectation, nothing: `no answer came to any request, so none could be judged (${NO_ANSWER})`, counted: 'answers' }),
};

const answeredExpectation: Expectation = { kind: 'answered', below500: false, title: 'A request was not answered in time', expected: 'an answer within the request timeout, the connection kept until it came' };

export const everyRequestAnsweredInRun: RunWideCheck = {
  kind: 'run-wide',
  name: 'everyRequestAnsweredInRun',
  requirement: 'M7',
  title: 'every request of the run is answered within the timeout',
  classify: classifyBy(answeredExpectation),
  judge: (tally, context) => judged(tally, context, { expectation: answeredExpectation, nothing: 'no request was sent', counted: 'requests' }),
};

const retryAfterExpectation: Expectation = { kind: 'retry-after-seconds', title: 'Retry-After is not a whole number of seconds', expected: 'Retry-After in whole seconds ("1"), as the model reads retryAfterSeconds (an Integer)' };

export const retryAfterWholeSecondsInRun: RunWideCheck = {
  kind: 'run-wide',
  name: 'retryAfterWholeSecondsInRun',
  requirement: 'S3',
  title: 'every Retry-After on a 429, 500 or 503 answer of the run is a whole number of seconds',
  classify: classifyBy(retryAfterExpectation),
  judge: (tally, context) => judged(tally, context, { expectation: retryAfterExpectation, nothing: 'no 429, 500 or 503 answer of the run carried Retry-After', counted: 'Retry-After headers' }),
};
