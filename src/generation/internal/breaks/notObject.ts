// M3: a body that is JSON but not an object. ajv reports it as `type` at the root ('').
import fc from 'fast-check';
import { writeJson, type JsonObject } from '../json';
import type { Broken, Violation } from './violation';

function bodyLevel(variant: string, build: (base: fc.Arbitrary<JsonObject>) => fc.Arbitrary<Broken>): Violation {
  return { family: 'not-object', keyword: 'type', variant, pointer: '', build };
}

/** Plain-digit numbers only: an exponent form is T2's business. */
const plainNumber = fc.oneof(fc.integer(), fc.integer({ min: -1000, max: 1000 }).map((n) => n + 0.5));

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
        fc.string({ unit: 'binary' }).map((s) => ({ text: JSON.stringify(s), description: 'a JSON string' })),
      ),
    ),
    bodyLevel('number', () => plainNumber.map((n) => ({ text: writeJson(n), description: `the number ${n}` }))),
    bodyLevel('null', () => fc.constant({ text: 'null', description: 'null' })),
    bodyLevel('boolean', () => fc.boolean().map((b) => ({ text: String(b), description: String(b) }))),
  ];
}
