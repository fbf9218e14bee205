// M3: invalid input is answered 400. One check per family of violation, so the report says
// which kind of input a target lets through; the few enum near misses are sent whole.
import { enumNearMisses, invalidStopRequest, payloadOf } from '../generation';
import type { InvalidCase, ViolationFamily } from '../generation/types';
import { rejected, stopRequest } from './internal/expect';
import { forAll, forEachCase, type CaseRunner } from './internal/property';
import type { CaseCheck } from './types';

export const rejectedRunner: CaseRunner<InvalidCase> = {
  request: (c) => stopRequest(payloadOf(c)),
  expect: (c) => rejected(`${c.label.description} (${c.label.keyword} at ${c.label.pointer || 'the body'})`),
  describe: (c) => c.label.description,
  constraint: (c) => `${c.label.pointer || '(body)'} ${c.label.keyword}`,
};

function rejects(name: string, family: ViolationFamily, title: string): CaseCheck {
  return {
    kind: 'cases',
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
export const nonJsonBodyRejected = rejects('nonJsonBodyRejected', 'not-json', 'a body that is not JSON (raw control characters in a string included) is answered 400');
export const misnamedMemberRejected = rejects('misnamedMemberRejected', 'member-name', 'a required member sent only under another letter case, or with a blank in its name, is answered 400');

export const nearMissStatusRejected: CaseCheck = {
  kind: 'cases',
  name: 'nearMissStatusRejected',
  requirement: 'M3',
  // Few enough to send whole: a mistake one of them alone shows (an enum merged with another) is not left to luck.
  title: 'every near miss of a status value, and every status word of another enum, is answered 400',
  run: (ctx) => forEachCase(ctx, enumNearMisses({ seed: ctx.seed }), rejectedRunner),
};


