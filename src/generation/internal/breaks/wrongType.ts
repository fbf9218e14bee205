// M3: a member of the wrong JSON type, at every depth, objects included. Null is left out on
// purpose: for a required member it is missing-or-null, for an optional one it is T1. An object
// member sent as its own JSON text (a client that serialises twice) is a variant of its own, so
// that it gets a fair share of the draws instead of half of one variant's.
import fc from 'fast-check';
import { realText } from '../../realText';
import type { SchemaNode } from '../../../schema';
import type { JsonLike, JsonValue } from '../json';
import { displayName, type Member } from '../schemaWalk';
import { atMember, entailedByWrongType, type Violation } from './violation';

/** One wrong-typed value for a node: the variant's name, the phrase, the values. */
interface WrongValue {
  variant: string;
  phrase: string;
  values: fc.Arbitrary<JsonLike>;
  weight?: number;
}

/** A non-integer number in [min, max), so that it fails `type` alone and never `minimum`/`maximum`. */
function fraction(min: number, max: number): fc.Arbitrary<number> {
  // 1.001 is the protocol tests' own example of a non-integer; .5/.25/.1 are plain too.
  return fc
    .tuple(fc.integer({ min, max: Math.max(min, max - 1) }), fc.constantFrom(0.5, 0.25, 0.1, 0.001))
    .map(([whole, part]) => whole + part);
}

const anyNumber: fc.Arbitrary<number> = fc.oneof(fc.integer(), fraction(-1000, 1000));

/** How to give a node of each type every other JSON type (null excepted). */
function wrongValuesFor(node: SchemaNode, valid: fc.Arbitrary<JsonValue>): WrongValue[] {
  const asObject: WrongValue = {
    variant: 'object',
    phrase: 'an object',
    values: fc.oneof(fc.constant<JsonLike>({}), valid.map((value) => ({ value }))),
  };
  const asArray: WrongValue = {
    variant: 'array',
    phrase: 'an array',
    values: fc.oneof(fc.constant<JsonLike>([]), valid.map((value) => [value])), // a valid value wrapped, as a client bug would send it
  };
  const asBoolean: WrongValue = { variant: 'boolean', phrase: 'a boolean', values: fc.boolean() };
  switch (node.type) {
    case 'string':
      return [{ variant: 'number', phrase: 'a number', values: anyNumber }, asBoolean, asObject, asArray];
    case 'integer': {
      const min = node.minimum ?? -1000;
      const max = node.maximum ?? 1000;
      return [
        { variant: 'string', phrase: 'a string', values: realText({ maxLength: 32 }) },
        { variant: 'numeric-string', phrase: 'a numeric string', values: valid.map((value) => String(value)) },
        { variant: 'fraction', phrase: 'a fraction', values: fraction(min, max) },
        asBoolean,
        asObject,
        asArray,
      ];
    }
    case 'object':
      return [
        {
          variant: 'string',
          phrase: 'a string',
          values: fc.oneof(valid.map((value) => JSON.stringify(value)), realText({ maxLength: 32 })), // double-encoded JSON is the realistic one
        },
        // Four times as likely as another pair: a server that decodes it once more (an old agent's habit) shows nothing else.
        { variant: 'json-encoded-object', phrase: 'its own JSON text', values: valid.map((value) => JSON.stringify(value)), weight: 4 },
        { variant: 'number', phrase: 'a number', values: anyNumber },
        asBoolean,
        asArray,
      ];
    default:
      throw new Error(`wrong-type: schema type ${String(node.type)} has no break table`);
  }
}

export function wrongTypeViolations(
  members: readonly Member[],
  validOf: (member: Member) => fc.Arbitrary<JsonValue>,
): Violation[] {
  return members.flatMap((member) =>
    wrongValuesFor(member.node, validOf(member)).map(({ variant, phrase, values, weight }) =>
      atMember(
        member,
        { family: 'wrong-type', keyword: 'type', variant, entails: entailedByWrongType(member.node), ...(weight ? { weight } : {}) },
        values.map((value) => ({
          value,
          description: `${displayName(member)} as ${phrase}${typeof value === 'number' ? ` (${value})` : ''}`,
        })),
      ),
    ),
  );
}
