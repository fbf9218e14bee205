// S1, S2, S4–S6: the AWS restJson1 conventions a caller relies on beyond the status code: error
// answers a client can read (S1, S2), an idempotent retry (S4), unknown members skipped (S5), and
// the charset parameter (S6). S3 (Retry-After) is judged over every answer of the run (runWide.ts).
// Failures are warnings unless --strict.
import { invalidStopRequest, knownValidStop, payloadOf, unknownMembersRequest, validStopRequest } from '../generation';
import type { InvalidCase, UnknownMembersCase, ValidCase } from '../generation/types';
import type { Expectation } from './judge';
import { cannotBeDeserialized, twinSession } from './internal/cases';
import { accepted, stopRequest } from './internal/expect';
import { forAll, forEachCase, type CaseRunner } from './internal/property';
import { startSessionOf } from './internal/sessions';
import type { CaseCheck, CheckContext, CheckResult } from './types';

/** Properties that send two requests per case run fewer cases: they hardly depend on the body. */
const PAIRED_RUNS_CAP = 100;

/** S1's expectation for an answer to `label`'s case: `unparseable` lets a 400 be SerializationException (T10). */
export const errorTypeFits = (unparseable: boolean, only?: number[]): Expectation => ({
  kind: 'error-type',
  unparseable,
  ...(only ? { only } : {}),
  title: 'An error answer named no error type that fits its status',
  expected: 'an error answer naming its error type in X-Amzn-Errortype (or a body __type or code), a type that fits the status',
});

export const errorBodyShaped = (only?: number[]): Expectation => ({
  kind: 'error-body',
  ...(only ? { only } : {}),
  title: 'An error body is not shaped as its error type is modelled',
  expected: 'a JSON object with a string message; ValidationException reason and fields, ConflictException resourceId and resourceType, as modelled',
});

function invalidInputRunner(expect: (c: InvalidCase) => Expectation): CaseRunner<InvalidCase> {
  return {
    request: (c) => stopRequest(payloadOf(c)),
    expect,
    describe: (c) => c.label.description,
    constraint: (c) => `${c.label.pointer || '(body)'} ${c.label.keyword}`,
  };
}

export const errorTypeFitsStatus: CaseCheck = {
  kind: 'cases',
  name: 'errorTypeFitsStatus',
  requirement: 'S1',
  title: 'an error answer to invalid input names an error type that fits its status',
  run: (ctx) => forAll(ctx, invalidStopRequest(), invalidInputRunner((c) => errorTypeFits(cannotBeDeserialized(c.label)))),
};

export const errorBodyModelled: CaseCheck = {
  kind: 'cases',
  name: 'errorBodyModelled',
  requirement: 'S2',
  title: 'an error answer to invalid input has a JSON object body shaped as its error type is modelled',
  run: (ctx) => forAll(ctx, invalidStopRequest(), invalidInputRunner(() => errorBodyShaped())),
};

/**
 * Stops of sessions that were never started: in session mode 'start' a target may answer them 409
 * ConflictException, the one modelled error the suite can otherwise not provoke. Answers other
 * than 409 are not judged (nothing in the requirements says how such a stop is answered).
 */
function judgeConflicts(ctx: CheckContext, expect: Expectation): Promise<CheckResult> {
  if (ctx.settings.sessionMode !== 'start') {
    return Promise.resolve({ status: 'skipped', cases: 0, judged: 0, reason: 'Session mode "any": every well-formed session is accepted, so no stop meets a session that was never started (run with --session-mode start).' });
  }
  const unstarted = [0, 1, 2].map((index) => knownValidStop(ctx.seed, index));
  return forEachCase(ctx, unstarted, {
    request: (c) => stopRequest(c.text),
    expect: () => expect,
    describe: () => 'a stop of a session that was never started',
  });
}

export const conflictErrorTypeNamed: CaseCheck = {
  kind: 'cases',
  name: 'conflictErrorTypeNamed',
  requirement: 'S1',
  title: 'a 409 to a stop of a session never started names ConflictException',
  run: (ctx) => judgeConflicts(ctx, errorTypeFits(false, [409])),
};

export const conflictErrorBodyModelled: CaseCheck = {
  kind: 'cases',
  name: 'conflictErrorBodyModelled',
  requirement: 'S2',
  title: 'a 409 to a stop of a session never started carries a message, resourceId and resourceType',
  run: (ctx) => judgeConflicts(ctx, errorBodyShaped([409])),
};

/** A valid stop whose control is the same body naming another session (in mode 'any' as fresh as the case). */
function afterTwinControl<C extends { valid: ValidCase }>(ctx: CheckContext, spec: Pick<CaseRunner<C>, 'request' | 'expect' | 'describe'>): CaseRunner<C> {
  return {
    ...spec,
    control: (c) => {
      const value = twinSession(c.valid.value);
      return { request: stopRequest(JSON.stringify(value)), before: () => startSessionOf(ctx, value) };
    },
    before: (c) => startSessionOf(ctx, c.valid.value),
  };
}

const asCase = (valid: ValidCase) => ({ valid });

export const repeatedStopAccepted: CaseCheck = {
  kind: 'cases',
  name: 'repeatedStopAccepted',
  requirement: 'S4',
  title: 'an identical stop repeated after a 200 is answered 200 again',
  run: (ctx) =>
    forAll(
      ctx,
      validStopRequest().map(asCase),
      {
        // The control is the very request: an SDK retries it byte for byte (the operation is idempotent).
        control: (c) => ({ request: stopRequest(c.valid.text), before: () => startSessionOf(ctx, c.valid.value) }),
        request: (c) => stopRequest(c.valid.text),
        expect: () => ({ ...accepted('200 again: the identical request was answered 200 just before (StopCisSession is idempotent)'), title: 'A repeated stop was not answered 200' }),
        describe: () => 'the identical request, sent again after it was answered 200',
      },
      { runs: Math.min(ctx.settings.runs, PAIRED_RUNS_CAP) },
    ),
};

export const unknownMembersSkipped: CaseCheck = {
  kind: 'cases',
  name: 'unknownMembersSkipped',
  requirement: 'S5',
  title: 'a valid request with extra unknown members is answered 200',
  run: (ctx) =>
    forAll<UnknownMembersCase>(
      ctx,
      // Names the model does not have, and modelled names in another letter case beside the real
      // member with a value it would refuse: skipped, never read in place of the real one (S5).
      unknownMembersRequest(),
      afterTwinControl(ctx, {
        request: (c) => stopRequest(c.text),
        expect: () => ({ ...accepted('200: unknown members are skipped, a modelled name in another letter case included (the same request without them was answered 200)'), title: 'A valid request with unknown members was not answered 200' }),
        describe: (c) => c.label.description,
      }),
      { runs: Math.min(ctx.settings.runs, PAIRED_RUNS_CAP) },
    ),
};

const CHARSET_UTF8 = 'application/json; charset=utf-8';

export const charsetUtf8Accepted: CaseCheck = {
  kind: 'cases',
  name: 'charsetUtf8Accepted',
  requirement: 'S6',
  title: 'a valid request with Content-Type application/json; charset=utf-8 is answered 200',
  run: (ctx) =>
    forAll(
      ctx,
      // The canonical text, as the control's: a target that misreads a written form fails M1, not S6.
      validStopRequest({ forms: [] }).map(asCase),
      afterTwinControl(ctx, {
        request: (c) => stopRequest(c.valid.text, { 'content-type': CHARSET_UTF8 }),
        expect: () => ({ ...accepted('200, as the same request with Content-Type application/json was'), title: `A request with Content-Type ${CHARSET_UTF8} was not accepted` }),
        describe: () => `a request that satisfies the schema, sent with Content-Type: ${CHARSET_UTF8}`,
      }),
      { runs: Math.min(ctx.settings.runs, PAIRED_RUNS_CAP) },
    ),
};
