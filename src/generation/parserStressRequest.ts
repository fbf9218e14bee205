// Valid requests with an unknown member built to stress the parser: nesting 10,000 levels and
// more (a recursive parser's stack), numbers of hundreds of digits and past the double range
// (a number parser's overflow). Not invalid: the member is unknown, so a conforming server skips
// it (S5) and answers 200, or refuses it from a parser limit with 400; a crash is an M5 failure.
import fc from 'fast-check';
import type { StressCase } from './types';
import { checkConstraintKeys, checkSubset } from './internal/constraints';
import { RawJson, pointerOf } from './internal/json';
import { nestedArrays } from './internal/breaks/notObject';
import { objectPaths, writeWithMembers } from './unknownMembersRequest';
import { validStopRequest } from './validStopRequest';

export type StressForm = 'deep-nesting' | 'huge-number';
const FORMS: readonly StressForm[] = ['deep-nesting', 'huge-number'];

export interface ParserStressRequestConstraints {
  /** The forms to draw (default both, equally often): deep nesting ('deep-array', 'deep-object') and huge numbers ('many-digits', 'past-double-range'). */
  forms?: readonly StressForm[];
}

/** Names no model member has, in any letter case. */
const NAMES = ['nested', 'debug', 'x-payload', 'n', 'metrics'];

interface Stress {
  variant: string;
  raw: fc.Arbitrary<{ text: string; description: string }>;
}

const digits = (count: number, seed: readonly number[]): string =>
  String(1 + (seed[0] % 9)) + Array.from({ length: count - 1 }, (_, i) => String(seed[(i + 1) % seed.length] % 10)).join('');

/**
 * Depths past what recursive parsers survive (breaks/notObject.ts says which), kept so that the whole
 * body stays under 100 kB, Express's default body limit: `[` `]` take two bytes a level,
 * `{"a":` `}` six.
 */
const DEEP_ARRAY_DEPTHS = [10_001, 20_000, 45_000] as const;
const DEEP_OBJECT_DEPTHS = [10_001, 15_000] as const;

const STRESSES: Record<StressForm, Stress[]> = {
  'deep-nesting': [
    {
      variant: 'deep-array',
      raw: fc.constantFrom(...DEEP_ARRAY_DEPTHS).map((depth) => ({ text: nestedArrays(depth, '1'), description: `arrays nested ${depth} deep` })),
    },
    {
      variant: 'deep-object',
      raw: fc.constantFrom(...DEEP_OBJECT_DEPTHS).map((depth) => ({ text: '{"a":'.repeat(depth) + 'null' + '}'.repeat(depth), description: `objects nested ${depth} deep` })),
    },
  ],
  'huge-number': [
    {
      variant: 'many-digits',
      // Integers of hundreds to thousands of digits (past 4,300 Python's int() refuses to convert), and long fractions.
      raw: fc
        .tuple(fc.integer({ min: 200, max: 5000 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.constantFrom('integer', 'negative', 'fraction'))
        .map(([count, seed, shape]) => {
          const text = shape === 'fraction' ? `0.${digits(count, seed)}` : `${shape === 'negative' ? '-' : ''}${digits(count, seed)}`;
          return { text, description: `a number of ${count} digits${shape === 'fraction' ? ' after the point' : ''}` };
        }),
    },
    {
      variant: 'past-double-range',
      raw: fc.constantFrom('1e999', '-1e999', '9e9999', '1E400', '1e-999', '4.9e-400').map((text) => ({ text, description: `the number ${text}` })),
    },
  ],
};

/**
 * Valid requests carrying one unknown member (named `nested`, `debug`…, last in the body or in one
 * of its objects) whose value stresses a parser: arrays nested 10,001 to 45,000 deep, objects
 * 10,001 to 15,000 deep (bodies under 100 kB), numbers of 200 to 5,000 digits, numbers past the
 * double range (1e999, 1e-999). The body without that member is `valid`.
 */
export function parserStressRequest(constraints?: ParserStressRequestConstraints): fc.Arbitrary<StressCase> {
  const given = checkConstraintKeys('parserStressRequest', constraints, ['forms']);
  const forms = checkSubset('parserStressRequest', 'forms', 'form', given.forms, FORMS);
  const stresses = forms.flatMap((form) => STRESSES[form]);
  return fc.oneof(
    ...stresses.map(({ variant, raw }) =>
      validStopRequest({ forms: [] }).chain((valid) =>
        fc.tuple(fc.constantFrom(...objectPaths(valid.value)), fc.constantFrom(...NAMES), raw).map(([path, name, stress]): StressCase => ({
          kind: 'stress',
          text: writeWithMembers(valid.value, path, [[name, new RawJson(stress.text)]], false),
          valid,
          label: {
            variant,
            description: `a valid request with an unknown ${JSON.stringify(name)} ${path.length === 0 ? 'at the top level' : `in ${path.join('.')}`}: ${stress.description}`,
            pointer: pointerOf([...path, name]),
          },
        })),
      ),
    ),
  );
}
