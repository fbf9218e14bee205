// S1–S6: the AWS restJson1 conventions a caller relies on beyond the status code: error answers a
// client can read (S1, S2, S3), an idempotent retry (S4), unknown members skipped (S5), and the
// charset parameter (S6). Failures are warnings unless --strict.
import fc from 'fast-check';
import { invalidStopRequest, validStopRequest } from '../generation';
import type { GeneratedCase, InvalidCase, ValidCase } from '../generation/types';
import { describeOutcome } from '../runner/record';
import type { HttpOutcome, HttpRequest } from '../transport/types';
import { anyGeneratedCase, cannotBeDeserialized, describeGenerated, twinSession } from './internal/cases';
import { describeErrorType, errorBodyProblem, isWholeSeconds, readErrorType, typesFittingStatus } from './internal/errorType';
import { answeredWith, stopRequest } from './internal/expect';
import { forAll, forEachCase, type CaseRunner, type Mismatch } from './internal/property';
import { seededUuid, startSessionOf } from './internal/sessions';
import { describeUnknownMembers, withUnknownMembers, type UnknownMembersCase } from './internal/unknownMembers';
import type { Check, CheckContext, CheckResult } from './types';

/** Cases that send a handful of requests per property case run fewer of them: these properties hardly depend on the body. */
const PAIRED_RUNS_CAP = 100;
/** S3 sends its cases one at a time (a 429 must come back to it as sent): fewer of them. */
const RETRY_AFTER_CASES_CAP = 50;

/** S1 for one answer; `unparseable` lets a 400 be SerializationException. */
function errorTypeMismatch(outcome: HttpOutcome, unparseable: boolean): Mismatch | undefined {
  if (outcome.kind !== 'response' || outcome.status < 400) return undefined; // M3 and M7 judge those
  const reading = readErrorType(outcome);
  if (!reading) {
    return {
      title: 'An error answer named no error type',
      expected: `${outcome.status} naming its error type in X-Amzn-Errortype (or a body __type or code)`,
      received: `${outcome.status} naming ${describeErrorType(undefined)}`,
    };
  }
  const fitting = typesFittingStatus(outcome.status, unparseable);
  if (fitting === undefined || fitting.includes(reading.name)) return undefined;
  return {
    title: 'The error type does not fit the status',
    expected: `${outcome.status} named ${fitting.join(' or ')}`,
    received: `${outcome.status} named ${describeErrorType(reading)}`,
  };
}

/** S2 for one answer. */
function errorBodyMismatch(outcome: HttpOutcome): Mismatch | undefined {
  if (outcome.kind !== 'response' || outcome.status < 400) return undefined;
  const problem = errorBodyProblem(outcome, readErrorType(outcome));
  if (problem === undefined) return undefined;
  return {
    title: 'An error body is not shaped as its error type is modelled',
    expected: 'a JSON object with a string message; ValidationException reason and fields, ConflictException resourceId and resourceType, as modelled',
    received: `${describeOutcome(outcome)}: ${problem}`,
  };
}

function invalidInputRunner(judge: (c: InvalidCase, outcome: HttpOutcome) => Mismatch | undefined): CaseRunner<InvalidCase> {
  return {
    toRequest: (c) => stopRequest(c.text),
    judge,
    describe: (c) => c.label.description,
    constraint: (c) => `${c.label.pointer || '(body)'} ${c.label.keyword}`,
  };
}

export const errorTypeFitsStatus: Check = {
  name: 'errorTypeFitsStatus',
  requirement: 'S1',
  title: 'an error answer to invalid input names an error type that fits its status',
  run: (ctx) => forAll(ctx, invalidStopRequest(), invalidInputRunner((c, outcome) => errorTypeMismatch(outcome, cannotBeDeserialized(c.label)))),
};

export const errorBodyModelled: Check = {
  name: 'errorBodyModelled',
  requirement: 'S2',
  title: 'an error answer to invalid input has a JSON object body shaped as its error type is modelled',
  run: (ctx) => forAll(ctx, invalidStopRequest(), invalidInputRunner((_c, outcome) => errorBodyMismatch(outcome))),
};

/**
 * Stops of sessions that were never started: in session mode 'start' a target may answer them 409
 * ConflictException, the one modelled error the suite can otherwise not provoke. Answers other
 * than 409 are not judged (nothing in CONFORMANCE-RULES says how such a stop is answered).
 */
async function judgeConflicts(ctx: CheckContext, judge: (outcome: HttpOutcome) => Mismatch | undefined): Promise<CheckResult> {
  if (ctx.settings.sessionMode !== 'start') {
    return { status: 'skipped', cases: 0, note: 'Session mode "any": every well-formed session is accepted, so no stop meets a session that was never started (run with --session-mode start).' };
  }
  const unstarted = [0, 1, 2].map((index) => ({
    scanJobId: seededUuid(ctx.seed, 2 * index),
    sessionToken: seededUuid(ctx.seed, 2 * index + 1),
    message: { status: 'SUCCESS', progress: {} },
  }));
  let conflicts = 0;
  const result = await forEachCase(ctx, unstarted, {
    toRequest: (value) => stopRequest(JSON.stringify(value)),
    judge: (_value, outcome) => {
      if (outcome.kind !== 'response' || outcome.status !== 409) return undefined;
      conflicts++;
      return judge(outcome);
    },
    describe: () => 'a stop of a session that was never started',
  });
  if (result.status === 'passed' && conflicts === 0) {
    return { ...result, status: 'skipped', note: 'No stop of a session never started was answered 409, so no ConflictException could be judged.' };
  }
  return result;
}

export const conflictErrorTypeNamed: Check = {
  name: 'conflictErrorTypeNamed',
  requirement: 'S1',
  title: 'a 409 to a stop of a session never started names ConflictException',
  run: (ctx) => judgeConflicts(ctx, (outcome) => errorTypeMismatch(outcome, false)),
};

export const conflictErrorBodyModelled: Check = {
  name: 'conflictErrorBodyModelled',
  requirement: 'S2',
  title: 'a 409 to a stop of a session never started carries a message, resourceId and resourceType',
  run: (ctx) => judgeConflicts(ctx, errorBodyMismatch),
};

export const retryAfterWholeSeconds: Check = {
  name: 'retryAfterWholeSeconds',
  requirement: 'S3',
  title: 'a Retry-After header on a 429 or 500 answer is a whole number of seconds',
  // 429s come back to this check as they were sent, instead of being waited out.
  waitOutThrottling: false,
  async run(ctx) {
    // Fixed cases drawn from every generator, sent in turn: the header's form does not depend on
    // the case, so there is nothing to shrink. Valid bodies start no session: a 409 is not judged here.
    const cases = fc.sample(anyGeneratedCase(), { seed: ctx.seed, numRuns: Math.min(ctx.settings.runs, RETRY_AFTER_CASES_CAP) });
    let judged = 0;
    const result = await forEachCase<GeneratedCase>(ctx, cases, {
      toRequest: (c) => stopRequest(c.text),
      judge: (_c, outcome) => {
        if (outcome.kind !== 'response' || (outcome.status !== 429 && outcome.status !== 500)) return undefined;
        const header = outcome.headers['retry-after'];
        if (header === undefined) return undefined;
        judged++;
        if (isWholeSeconds(header)) return undefined;
        return { title: 'Retry-After is not a whole number of seconds', expected: `${outcome.status} with Retry-After in whole seconds ("1")`, received: `${outcome.status} with Retry-After: ${header}` };
      },
      describe: describeGenerated,
    });
    if (result.status === 'passed' && judged === 0) {
      return { ...result, status: 'skipped', note: 'No 429 or 500 answer carried a Retry-After header, so there was none to judge.' };
    }
    return result;
  },
};

/**
 * A property whose every case is a valid stop sent after a control request: `control` is sent
 * first (its answer kept for `judge`), then the case. The control tells the check's own fault
 * from one M1 already reports: when the control is not 200 either, the case is not judged.
 */
function afterControl<C extends { valid: ValidCase }>(
  ctx: CheckContext,
  spec: {
    control(c: C): { value: ValidCase['value']; request: HttpRequest };
    toRequest(c: C): HttpRequest;
    judge(c: C, outcome: HttpOutcome, control: HttpOutcome): Mismatch | undefined;
    describe(c: C): string;
  },
): CaseRunner<C> {
  const controls = new WeakMap<C, HttpOutcome>();
  return {
    async before(c) {
      const control = spec.control(c);
      await startSessionOf(ctx, control.value);
      controls.set(c, await ctx.send(control.request));
      if (control.value !== c.valid.value) await startSessionOf(ctx, c.valid.value);
    },
    toRequest: spec.toRequest,
    judge: (c, outcome) => {
      const control = controls.get(c);
      if (control === undefined || control.kind !== 'response' || control.status !== 200) return undefined; // M1 judges that
      // A missing answer is M7's, judged over the run; failing on it here would shrink a hang, a timeout a step.
      if (outcome.kind === 'no-answer') return undefined;
      return spec.judge(c, outcome, control);
    },
    describe: spec.describe,
  };
}

const asCase = (valid: ValidCase) => ({ valid });

export const repeatedStopAccepted: Check = {
  name: 'repeatedStopAccepted',
  requirement: 'S4',
  title: 'an identical stop repeated after a 200 is answered 200 again',
  run: (ctx) =>
    forAll(
      ctx,
      validStopRequest().map(asCase),
      afterControl(ctx, {
        // The control is the very request: an SDK retries it byte for byte (the operation is idempotent).
        control: (c) => ({ value: c.valid.value, request: stopRequest(c.valid.text) }),
        toRequest: (c) => stopRequest(c.valid.text),
        judge: (_c, outcome) =>
          answeredWith(outcome, [200], 'A repeated stop was not answered 200', '200 again: the identical request was answered 200 just before (StopCisSession is idempotent)'),
        describe: () => 'the identical request, sent again after it was answered 200',
      }),
      { runs: Math.min(ctx.settings.runs, PAIRED_RUNS_CAP) },
    ),
};

export const unknownMembersSkipped: Check = {
  name: 'unknownMembersSkipped',
  requirement: 'S5',
  title: 'a valid request with extra unknown members is answered 200',
  run: (ctx) =>
    forAll<UnknownMembersCase>(
      ctx,
      withUnknownMembers(),
      afterControl(ctx, {
        control: (c) => {
          const value = twinSession(c.valid.value);
          return { value, request: stopRequest(JSON.stringify(value)) };
        },
        toRequest: (c) => stopRequest(c.text),
        judge: (_c, outcome) =>
          answeredWith(outcome, [200], 'A valid request with unknown members was not answered 200', '200: unknown members are skipped (the same request without them was answered 200)'),
        describe: describeUnknownMembers,
      }),
      { runs: Math.min(ctx.settings.runs, PAIRED_RUNS_CAP) },
    ),
};

const CHARSET_UTF8 = 'application/json; charset=utf-8';

export const charsetUtf8Accepted: Check = {
  name: 'charsetUtf8Accepted',
  requirement: 'S6',
  title: 'a valid request with Content-Type application/json; charset=utf-8 is answered 200',
  run: (ctx) =>
    forAll(
      ctx,
      validStopRequest().map(asCase),
      afterControl(ctx, {
        control: (c) => {
          const value = twinSession(c.valid.value);
          return { value, request: stopRequest(JSON.stringify(value)) };
        },
        toRequest: (c) => stopRequest(c.valid.text, { 'content-type': CHARSET_UTF8 }),
        judge: (_c, outcome) =>
          answeredWith(outcome, [200], `A request with Content-Type ${CHARSET_UTF8} was not accepted`, `200, as the same request with Content-Type application/json was`),
        describe: () => `a request that satisfies the schema, sent with Content-Type: ${CHARSET_UTF8}`,
      }),
      { runs: Math.min(ctx.settings.runs, PAIRED_RUNS_CAP) },
    ),
};
