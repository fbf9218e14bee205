// M1, M2, M4: what a conforming target accepts, and how it answers.
import { validStopRequest } from '../generation';
import type { ValidCase } from '../generation/types';
import { allowsEmptyObject } from '../settings';
import type { Expectation } from './judge';
import { accepted, stopRequest } from './internal/expect';
import { loadFixture, type FixtureCase, type FixtureName } from './internal/fixtures';
import { forAll, forEachCase, type CaseRunner } from './internal/property';
import { startSessionOf, withFreshSession } from './internal/sessions';
import type { CaseCheck, CheckContext } from './types';

/** Valid generated cases, each starting its session first in mode 'start'. */
export function validRunner(ctx: CheckContext, expect: () => Expectation): CaseRunner<ValidCase> {
  return {
    before: (c) => startSessionOf(ctx, c.value),
    request: (c) => stopRequest(c.text),
    expect,
    // A written form (members in another order, whitespace, escapes) is named: it may be the cause.
    describe: (c) => (c.form ? `a request that satisfies the schema, ${c.form.description}` : 'a request that satisfies the schema'),
  };
}

interface FixedValidCase {
  fixture: FixtureCase;
  text: string;
  value: unknown;
}

/** Fixed valid cases, each naming a fresh session. */
function fixtureRunner(ctx: CheckContext): CaseRunner<FixedValidCase> {
  return {
    before: (c) => startSessionOf(ctx, c.value),
    request: (c) => stopRequest(c.text),
    expect: () => accepted(),
    describe: (c) => c.fixture.description,
  };
}

function freshFixtureCases(ctx: CheckContext, file: FixtureName): FixedValidCase[] {
  return loadFixture(file).cases.map((fixture, index) => {
    const value = withFreshSession(fixture.data as object, ctx.seed, index);
    return { fixture, value, text: fixture.text ?? JSON.stringify(value) };
  });
}

export const validRequestAccepted: CaseCheck = {
  kind: 'cases',
  name: 'validRequestAccepted',
  requirement: 'M1',
  title: 'a request that satisfies the schema is answered 200',
  run: (ctx) => forAll(ctx, validStopRequest(), validRunner(ctx, () => accepted())),
};

/** M2's expectation: answers other than 200 are M1's, so they are not judged here. */
export const emptyBody = (allowEmptyObject: boolean): Expectation => ({
  kind: 'empty-body',
  allowEmptyObject,
  title: 'A 200 answer had a body',
  expected: allowEmptyObject ? '200 with an empty body, or {} (profile allow-empty-object)' : '200 with an empty body (0 bytes)',
});

export const emptySuccessBody: CaseCheck = {
  kind: 'cases',
  name: 'emptySuccessBody',
  requirement: 'M2',
  title: 'a 200 answer has an empty body',
  async run(ctx) {
    const allowEmptyObject = allowsEmptyObject(ctx.settings);
    const result = await forAll(ctx, validStopRequest(), validRunner(ctx, () => emptyBody(allowEmptyObject)));
    return allowEmptyObject ? { ...result, note: 'profile allow-empty-object: {} was accepted as an empty body' } : result;
  },
};

export const boundaryValuesAccepted: CaseCheck = {
  kind: 'cases',
  name: 'boundaryValuesAccepted',
  requirement: 'M4',
  title: 'strings at their maximum in code points, empty strings, and counts 0 and 65536 are answered 200',
  run: (ctx) => forEachCase(ctx, freshFixtureCases(ctx, 'boundaries.json'), fixtureRunner(ctx)),
};

export const everyStatusAccepted: CaseCheck = {
  kind: 'cases',
  name: 'everyStatusAccepted',
  requirement: 'M4',
  title: 'every status value is answered 200',
  run: (ctx) => forEachCase(ctx, freshFixtureCases(ctx, 'statuses.json'), fixtureRunner(ctx)),
};

export const optionalMemberCombinationsAccepted: CaseCheck = {
  kind: 'cases',
  name: 'optionalMemberCombinationsAccepted',
  requirement: 'M4',
  title: 'every combination of optional members is answered 200',
  run: (ctx) => forAll(ctx, validStopRequest({ optional: 'any' }), validRunner(ctx, () => accepted())),
};

export const boundaryBiasedValuesAccepted: CaseCheck = {
  kind: 'cases',
  name: 'boundaryBiasedValuesAccepted',
  requirement: 'M4',
  title: 'requests with every optional member present, strings and counts drawn near their bounds, are answered 200',
  run: (ctx) => forAll(ctx, validStopRequest({ optional: 'all' }), validRunner(ctx, () => accepted())),
};
