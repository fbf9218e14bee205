// M1, M2, M4: what a conforming target accepts, and how it answers.
import { validStopRequest } from '../generation';
import type { ValidCase } from '../generation/types';
import { answeredWith, isEmptySuccessBody, stopRequest } from './internal/expect';
import { loadFixture, type FixtureCase } from './internal/fixtures';
import { forAll, forEachCase, type CaseRunner, type Mismatch } from './internal/property';
import { startSessionOf, withFreshSession } from './internal/sessions';
import type { Check, CheckContext } from './types';
import { describeOutcome } from '../runner/record';
import type { HttpOutcome } from '../transport/types';

const accepted = (outcome: HttpOutcome): Mismatch | undefined =>
  answeredWith(outcome, [200], 'A valid request was not accepted', '200: the body satisfies the request schema');

function validRunner(ctx: CheckContext, judge: (outcome: HttpOutcome) => Mismatch | undefined): CaseRunner<ValidCase> {
  return {
    before: (c) => startSessionOf(ctx, c.value),
    toRequest: (c) => stopRequest(c.text),
    judge: (_c, outcome) => judge(outcome),
    describe: () => 'a request that satisfies the schema',
  };
}

/** Fixed valid cases, each naming a fresh session. */
function fixtureRunner(ctx: CheckContext): CaseRunner<{ fixture: FixtureCase; text: string; value: unknown }> {
  return {
    before: (c) => startSessionOf(ctx, c.value),
    toRequest: (c) => stopRequest(c.text),
    judge: (_c, outcome) => accepted(outcome),
    describe: (c) => c.fixture.description,
  };
}

function freshFixtureCases(ctx: CheckContext, file: string) {
  return loadFixture(file).cases.map((fixture, index) => {
    const value = withFreshSession(fixture.data as object, ctx.seed, index);
    return { fixture, value, text: fixture.text ?? JSON.stringify(value) };
  });
}

export const validRequestAccepted: Check = {
  name: 'validRequestAccepted',
  requirement: 'M1',
  title: 'a request that satisfies the schema is answered 200',
  run: (ctx) => forAll(ctx, validStopRequest(), validRunner(ctx, accepted)),
};

export const emptySuccessBody: Check = {
  name: 'emptySuccessBody',
  requirement: 'M2',
  title: 'a 200 answer has an empty body',
  async run(ctx) {
    const allowEmptyObject = ctx.settings.allowEmptyObject;
    let judged = 0;
    const result = await forAll(
      ctx,
      validStopRequest(),
      validRunner(ctx, (outcome) => {
        if (outcome.kind !== 'response' || outcome.status !== 200) return undefined; // M1 judges those
        judged++;
        if (isEmptySuccessBody(outcome.body, allowEmptyObject)) return undefined;
        return {
          title: 'A 200 answer had a body',
          expected: allowEmptyObject ? '200 with an empty body, or {} (profile allow-empty-object)' : '200 with an empty body (0 bytes)',
          received: `${describeOutcome(outcome)}: ${outcome.body.subarray(0, 200).toString('utf8')}`,
        };
      }),
    );
    if (result.status === 'passed' && judged === 0) {
      return { ...result, status: 'skipped', note: 'no valid request was answered 200, so no 200 body could be judged (see M1)' };
    }
    return allowEmptyObject ? { ...result, note: 'profile allow-empty-object: {} was accepted as an empty body' } : result;
  },
};

export const boundaryValuesAccepted: Check = {
  name: 'boundaryValuesAccepted',
  requirement: 'M4',
  title: 'strings at their maximum in code points, empty strings, and counts 0 and 65536 are answered 200',
  run: (ctx) => forEachCase(ctx, freshFixtureCases(ctx, 'boundaries.json'), fixtureRunner(ctx)),
};

export const everyStatusAccepted: Check = {
  name: 'everyStatusAccepted',
  requirement: 'M4',
  title: 'every status value is answered 200',
  run: (ctx) => forEachCase(ctx, freshFixtureCases(ctx, 'statuses.json'), fixtureRunner(ctx)),
};

export const optionalMemberCombinationsAccepted: Check = {
  name: 'optionalMemberCombinationsAccepted',
  requirement: 'M4',
  title: 'every combination of optional members is answered 200',
  run: (ctx) => forAll(ctx, validStopRequest({ optional: 'any' }), validRunner(ctx, accepted)),
};

export const boundaryBiasedValuesAccepted: Check = {
  name: 'boundaryBiasedValuesAccepted',
  requirement: 'M4',
  title: 'requests with every optional member present, strings and counts drawn near their bounds, are answered 200',
  run: (ctx) => forAll(ctx, validStopRequest({ optional: 'all' }), validRunner(ctx, accepted)),
};

