// M3: invalid input is answered 400. One check per family of violation, so the report says
// which kind of input a target lets through.
import { invalidStopRequest } from '../generation';
import type { InvalidCase, ViolationFamily } from '../generation/types';
import { rejected, stopRequest } from './internal/expect';
import { forAll, type CaseRunner } from './internal/property';
import type { CaseCheck } from './types';

export const rejectedRunner: CaseRunner<InvalidCase> = {
  request: (c) => stopRequest(c.text),
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
export const nonJsonBodyRejected = rejects('nonJsonBodyRejected', 'not-json', 'a body that is not JSON is answered 400');

// Focused properties over the same generator. The family checks above draw every (member, way
// of breaking it) pair equally often, so a mistake that only one rare pair shows is found by luck:
// the mutation score (npm run mutation-score) missed a server that decodes a JSON-encoded
// `message` (1 wrong-type case in 64), one that takes status words from another CIS enum
// (COMPLETED, CANCELLED: 1 enum case in 72), and one that trims strings before counting them
// (an over-long string with a blank at an end: 1 length case in 45) at many seeds. These spend a
// property's cases on exactly those cases, keeping the generator's cases and labels as they are.

/** The member a JSON pointer names in a parsed body. */
function memberAt(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), value);
}

/** A wrong-type case whose member is an object sent as its own JSON text, as a client that serialises twice sends it. */
function isDoubleEncodedObject(c: InvalidCase): boolean {
  if (c.label.variant !== 'string') return false;
  const member = memberAt(JSON.parse(c.text), c.label.pointer);
  if (typeof member !== 'string') return false;
  try {
    const inner: unknown = JSON.parse(member);
    return typeof inner === 'object' && inner !== null && !Array.isArray(inner);
  } catch {
    return false;
  }
}

export const doubleEncodedObjectRejected: CaseCheck = {
  kind: 'cases',
  name: 'doubleEncodedObjectRejected',
  requirement: 'M3',
  title: 'an object member sent as a JSON-encoded string is answered 400',
  run: (ctx) => forAll(ctx, invalidStopRequest({ families: ['wrong-type'] }).filter(isDoubleEncodedObject), rejectedRunner),
};

export const nearMissStatusRejected: CaseCheck = {
  kind: 'cases',
  name: 'nearMissStatusRejected',
  requirement: 'M3',
  title: 'a status that nearly spells one of its values, or a status word of another enum, is answered 400',
  run: (ctx) => forAll(ctx, invalidStopRequest({ families: ['enum'] }).filter((c) => c.label.variant === 'near-miss'), rejectedRunner),
};

/** A length case whose over-long string begins or ends with a blank: what trimming before counting lets through. */
function hasEdgeBlank(c: InvalidCase): boolean {
  const member = memberAt(JSON.parse(c.text), c.label.pointer);
  return typeof member === 'string' && /^\s|\s$/u.test(member);
}

export const overlongStringWithEdgeBlankRejected: CaseCheck = {
  kind: 'cases',
  name: 'overlongStringWithEdgeBlankRejected',
  requirement: 'M3',
  // Trimming input before validation is a framework default in places (Laravel's TrimStrings, Rails' strip_attributes).
  title: 'a string over its maximum that begins or ends with a blank is answered 400',
  run: (ctx) => forAll(ctx, invalidStopRequest({ families: ['length'] }).filter(hasEdgeBlank), rejectedRunner),
};
