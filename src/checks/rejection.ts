// M3: invalid input is answered 400. One check per family of violation, so the report says
// which kind of input a target lets through.
import { invalidStopRequest } from '../generation';
import type { InvalidCase, ViolationFamily } from '../generation/types';
import { answeredWith, stopRequest } from './internal/expect';
import { forAll, type CaseRunner } from './internal/property';
import type { Check } from './types';

const rejectedRunner: CaseRunner<InvalidCase> = {
  toRequest: (c) => stopRequest(c.text),
  judge: (c, outcome) =>
    answeredWith(outcome, [400], 'An invalid request was not answered 400', `400: ${c.label.description} (${c.label.keyword} at ${c.label.pointer || 'the body'})`),
  describe: (c) => c.label.description,
  constraint: (c) => `${c.label.pointer || '(body)'} ${c.label.keyword}`,
};

function rejects(name: string, family: ViolationFamily, title: string): Check {
  return {
    name,
    requirement: 'M3',
    title,
    run: (ctx) => forAll(ctx, invalidStopRequest({ families: [family] }), rejectedRunner),
  };
}

export const missingRequiredMemberRejected = rejects('missingRequiredMemberRejected', 'missing-or-null', 'a missing or null required member is answered 400');
export const wrongTypeRejected = rejects('wrongTypeRejected', 'wrong-type', 'a member of the wrong JSON type is answered 400');
export const malformedUuidRejected = rejects('malformedUuidRejected', 'pattern', 'a scanJobId or sessionToken off the UUID pattern is answered 400');
export const unknownStatusRejected = rejects('unknownStatusRejected', 'enum', 'a status outside its four values is answered 400');
export const outOfRangeCountRejected = rejects('outOfRangeCountRejected', 'range', 'a CheckCount outside 0..65536 is answered 400');
export const overlongStringRejected = rejects('overlongStringRejected', 'length', 'a string over its maximum length in code points is answered 400');
export const nonObjectBodyRejected = rejects('nonObjectBodyRejected', 'not-object', 'a JSON body that is not an object is answered 400');
export const nonJsonBodyRejected = rejects('nonJsonBodyRejected', 'not-json', 'a body that is not JSON is answered 400');
