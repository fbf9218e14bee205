// The shared assertion kit: every generator is tested the same way (STYLE.md, "Generators").
// - the same seed gives the same cases;
// - every valid case is valid by the schema (ajv is the oracle);
// - every invalid case fails the schema for exactly the reason its label gives: every ajv error
//   sits at the labelled pointer with the labelled keyword (or one the label says it entails),
//   or, for keyword 'json', the text does not parse;
// - no case leans on a TOLERATED construct (T1 null optional, T2 number forms, T3 lone
//   surrogates, T6 duplicate keys), since the suite must never fail a target over those.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ErrorObject } from 'ajv';
import { validateStopRequest } from '../../src/schema';
import type { GeneratedCase, InvalidCase, ValidCase, ViolationFamily, ViolationLabel } from '../../src/generation';
import { scanText } from './textScan';

export interface KitOptions {
  /** Seeds to sample with (default 20 seeds, 1..20). */
  seeds?: readonly number[];
  /** Cases per seed (default 200). */
  runs?: number;
}

/** Registers the kit's tests for one generator; `make` builds a fresh arbitrary each call. */
export function describeGenerator(name: string, make: () => fc.Arbitrary<GeneratedCase>, options: KitOptions = {}): void {
  const seeds = options.seeds ?? Array.from({ length: 20 }, (_, i) => i + 1);
  const runs = options.runs ?? 200;

  test(`${name}: the same seed gives the same cases`, () => {
    for (const seed of seeds.slice(0, 5)) {
      // Two separately built arbitraries: state shared between calls would show up here.
      assert.deepStrictEqual(fc.sample(make(), { seed, numRuns: 50 }), fc.sample(make(), { seed, numRuns: 50 }));
    }
  });

  test(`${name}: every case meets its label over ${seeds.length} seeds × ${runs} cases`, () => {
    for (const seed of seeds) {
      for (const [index, c] of fc.sample(make(), { seed, numRuns: runs }).entries()) {
        try {
          assertCase(c);
        } catch (error) {
          const where = `seed ${seed}, case ${index}: ${JSON.stringify(c).slice(0, 600)}`;
          throw new Error(`${(error as Error).message}\n  at ${where}`, { cause: error });
        }
      }
    }
  });
}

export function assertCase(c: GeneratedCase): void {
  assertTextHygiene(c);
  if (c.kind === 'valid') assertValidCase(c);
  else assertInvalidCase(c);
}

export function assertValidCase(c: ValidCase): void {
  assert.equal(c.text, JSON.stringify(c.value), 'text is JSON.stringify(value)');
  const verdict = validateStopRequest(JSON.parse(c.text));
  assert.ok(verdict.valid, `valid case fails the schema: ${JSON.stringify(verdict.errors)}`);
}

/** Which keywords each family may be labelled with, and whether its pointer is the root. */
const FAMILY_KEYWORDS: Record<ViolationFamily, { keywords: ViolationLabel['keyword'][]; root?: true }> = {
  'missing-or-null': { keywords: ['required', 'type'] },
  'wrong-type': { keywords: ['type'] },
  pattern: { keywords: ['pattern'] },
  enum: { keywords: ['enum'] },
  range: { keywords: ['minimum', 'maximum'] },
  length: { keywords: ['maxLength'] },
  'not-object': { keywords: ['type'], root: true },
  'not-json': { keywords: ['json'], root: true },
};

export function assertInvalidCase(c: InvalidCase): void {
  const { label } = c;
  assert.equal(label.requirement, 'M3');
  assert.ok(label.description.length > 0, 'the label describes the violation');
  const family = FAMILY_KEYWORDS[label.family];
  assert.ok(family.keywords.includes(label.keyword), `family ${label.family} is not labelled ${label.keyword}`);
  if (family.root) assert.equal(label.pointer, '', `${label.family} is about the whole body`);
  else assert.notEqual(label.pointer, '', `${label.family} names a member`);

  if (label.keyword === 'json') {
    assert.throws(() => JSON.parse(c.text), `not-json text parses: ${JSON.stringify(c.text.slice(0, 200))}`);
    return;
  }
  const parsed: unknown = JSON.parse(c.text);
  const { valid, errors } = validateStopRequest(parsed);
  assert.ok(!valid, `invalid case (${label.description}) passes the schema`);
  for (const error of errors) assert.ok(errorMatches(error, label), `ajv error ${describeError(error)} is not the labelled ${label.keyword} at ${label.pointer}`);
  for (const keyword of [label.keyword, ...(label.entails ?? [])]) {
    assert.ok(errors.some((e) => e.keyword === keyword), `ajv reports no ${keyword} error, only ${errors.map(describeError).join('; ')}`);
  }
  if (label.pointer !== '' && valueAt(parsed, label.pointer) === null) assertNullIsRequired(parsed, label);
}

function errorMatches(error: ErrorObject, label: ViolationLabel): boolean {
  if (label.keyword === 'required') {
    // ajv reports a missing member at its parent, naming it in params.missingProperty.
    const { parent, last } = splitPointer(label.pointer);
    return error.keyword === 'required' && error.instancePath === parent && error.params.missingProperty === last;
  }
  return error.instancePath === label.pointer && (error.keyword === label.keyword || (label.entails ?? []).some((k) => k === error.keyword));
}

/** T1: null is a violation only for a required member; removing it must leave a `required` error. */
function assertNullIsRequired(parsed: unknown, label: ViolationLabel): void {
  const { parent, last } = splitPointer(label.pointer);
  const copy: unknown = structuredClone(parsed);
  const holder = valueAt(copy, parent);
  assert.ok(isRecord(holder), 'a null member has an object parent');
  delete holder[last];
  const { errors } = validateStopRequest(copy);
  assert.ok(
    errors.some((e) => e.keyword === 'required' && e.params.missingProperty === last),
    `null at ${label.pointer} is for an optional member (T1, tolerated)`,
  );
}

/** T2, T3, T6 never appear in a generated text; T2 is checked only where the text is JSON. */
function assertTextHygiene(c: GeneratedCase): void {
  const findings = scanText(c.text);
  assert.equal(findings.loneSurrogates, 0, 'a lone surrogate in the text (T3)');
  assert.deepEqual(findings.surrogateEscapes, [], 'a surrogate escape in the text (T3)');
  assert.deepEqual(findings.duplicateKeys, [], 'a duplicate key (T6)');
  const isJson = c.kind === 'valid' || c.label.keyword !== 'json';
  if (isJson) assert.deepEqual(findings.numbersT2, [], 'a number written with an exponent or an integral fraction (T2)');
}

function splitPointer(pointer: string): { parent: string; last: string } {
  const at = pointer.lastIndexOf('/');
  return { parent: pointer.slice(0, at), last: pointer.slice(at + 1).replace(/~1/g, '/').replace(/~0/g, '~') };
}

function valueAt(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let node = value;
  for (const raw of pointer.slice(1).split('/')) {
    if (!isRecord(node)) return undefined;
    node = node[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeError(error: ErrorObject): string {
  return `${error.keyword} at '${error.instancePath}' ${JSON.stringify(error.params)}`;
}

/** Samples `arb` with a fixed seed, for coverage tests. */
export function sampleOf<T>(arb: fc.Arbitrary<T>, numRuns: number, seed = 42): T[] {
  return fc.sample(arb, { seed, numRuns });
}
