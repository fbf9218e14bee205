// The M3 violation families, and the breakers that make each from the schema walk.
import fc from 'fast-check';
import type { ViolationFamily } from '../types';
import type { SchemaNode } from '../../schema';
import type { JsonValue } from './json';
import { membersOf, type Member } from './schemaWalk';
import { validValue } from './validValue';
import type { Violation } from './breaks/violation';
import { missingOrNullViolations } from './breaks/missingOrNull';
import { wrongTypeViolations } from './breaks/wrongType';
import { patternViolations } from './breaks/pattern';
import { enumViolations } from './breaks/enum';
import { rangeViolations } from './breaks/range';
import { lengthViolations } from './breaks/length';
import { notObjectViolations } from './breaks/notObject';
import { notJsonViolations } from './breaks/notJson';
import { memberNameViolations } from './breaks/memberName';

/** Every family, in the order types.ts lists them. */
export const VIOLATION_FAMILIES: readonly ViolationFamily[] = [
  'missing-or-null',
  'wrong-type',
  'pattern',
  'enum',
  'range',
  'length',
  'not-object',
  'not-json',
  'member-name',
];

/** All the ways to break a request that `root` describes, by family. */
export function violationsByFamily(root: SchemaNode): Record<ViolationFamily, Violation[]> {
  const members = membersOf(root);
  const validOf = (member: Member): fc.Arbitrary<JsonValue> =>
    validValue(root, member.node, member.pointer, { optional: 'any', forcePresent: [] });
  return {
    'missing-or-null': missingOrNullViolations(members),
    'wrong-type': wrongTypeViolations(members, validOf),
    pattern: patternViolations(members),
    enum: enumViolations(members),
    range: rangeViolations(members),
    length: lengthViolations(members),
    'not-object': notObjectViolations(),
    'not-json': notJsonViolations(root, members),
    'member-name': memberNameViolations(members),
  };
}
