// M3: a body that is JSON but not an object. ajv reports it as `type` at the root (''). One of
// them is nested deep enough (10,000 levels and more) to overflow a recursive parser's stack: a
// conforming server answers it 400 like any other array; a crash there is an M5 failure too.
import fc from 'fast-check';
import { realText } from '../../realText';
import { writeJson, type JsonObject } from '../json';
import type { Broken, Violation } from './violation';

function bodyLevel(variant: string, build: (base: fc.Arbitrary<JsonObject>) => fc.Arbitrary<Broken>): Violation {
  return { family: 'not-object', keyword: 'type', variant, pointer: '', build };
}

/** Plain-digit numbers only: an exponent form is T2's business. */
const plainNumber = fc.oneof(fc.integer(), fc.integer({ min: -1000, max: 1000 }).map((n) => n + 0.5));

/**
 * Nesting depths past what recursive parsers survive: Python's json and many hand-written readers
 * give up near 1,000, Go's encoding/json refuses past 10,000, a default JVM stack overflows in the
 * tens of thousands. 50,000 levels of `[` and `]` are 100,000 bytes, under Express's default
 * body limit (100 KiB), so a 413 does not stand in for the 400 this case asks.
 */
export const DEEP_NESTING_DEPTHS = [10_001, 20_000, 50_000] as const;

/** `[[[…]]]` nested `depth` deep. */
export function nestedArrays(depth: number, inner = ''): string {
  return '['.repeat(depth) + inner + ']'.repeat(depth);
}

export function notObjectViolations(): Violation[] {
  return [
    bodyLevel('empty-array', () => fc.constant({ text: '[]', description: 'an empty array' })),
    bodyLevel('array-of-request', (base) =>
      base.map((value) => ({ text: `[${writeJson(value)}]`, description: 'a valid request inside an array' })),
    ),
    bodyLevel('string', (base) =>
      fc.oneof(
        // The request JSON-encoded twice, as a client that stringifies an already serialised body sends it.
        base.map((value) => ({ text: JSON.stringify(writeJson(value)), description: 'the request as a JSON string' })),
        realText({ maxLength: 32 }).map((s) => ({ text: JSON.stringify(s), description: 'a JSON string' })),
      ),
    ),
    bodyLevel('number', () => plainNumber.map((n) => ({ text: writeJson(n), description: `the number ${n}` }))),
    bodyLevel('null', () => fc.constant({ text: 'null', description: 'null' })),
    bodyLevel('boolean', () => fc.boolean().map((b) => ({ text: String(b), description: String(b) }))),
    bodyLevel('deep-nesting', () =>
      fc.constantFrom(...DEEP_NESTING_DEPTHS).map((depth) => ({ text: nestedArrays(depth), description: `arrays nested ${depth} deep` })),
    ),
  ];
}
