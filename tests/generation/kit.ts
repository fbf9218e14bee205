// The shared assertion kit: every generator is tested the same way (STYLE.md, "Generators").
// - the same seed gives the same cases;
// - every valid case is valid by the schema (ajv is the oracle);
// - every invalid case fails the schema for exactly the reason its label gives: every ajv error
//   sits at the labelled pointer with the labelled keyword (or one the label says it entails),
//   or, for keyword 'json', the text does not parse;
//   and family by family the stronger claim behind the label (a member-name case is valid once
//   the name is put right; a raw control character is the only fault of its not-json text);
// - every unknown-members and parser-stress case is its valid request once the added member is
//   taken out, and a case-variant member would make it invalid in place of the real one;
// - every tolerated case fails where its label says and nowhere else, judged on its bytes: a BOM
//   stripped, or invalid UTF-8 decoded to U+FFFD, leaves its valid request (the byte oracle);
// - no case leans on a TOLERATED construct (T1 null optional, T2 number forms, T3 lone
//   surrogates, T6 duplicate keys), since the suite must never fail a target over those; the
//   byte-level ones (T12, T13) appear only in tolerated cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ErrorObject } from 'ajv';
import { validateStopRequest } from '../../src/schema';
import type {
  AnyCase,
  InvalidCase,
  StressCase,
  ToleratedCase,
  UnknownMembersCase,
  ValidCase,
  ViolationFamily,
  ViolationLabel,
} from '../../src/generation';
import { payloadOf } from '../../src/generation';
import { membersOf, stopRequestRoot } from '../../src/generation/internal/schemaWalk';
import { scanText, writtenFormsOf } from './textScan';

export interface KitOptions {
  /** Seeds to sample with (default 20 seeds, 1..20). */
  seeds?: readonly number[];
  /** Cases per seed (default 200). */
  runs?: number;
}

/** Registers the kit's tests for one generator; `make` builds a fresh arbitrary each call. */
export function describeGenerator(name: string, make: () => fc.Arbitrary<AnyCase>, options: KitOptions = {}): void {
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

export function assertCase(c: AnyCase): void {
  assertTextHygiene(c);
  switch (c.kind) {
    case 'valid':
      return assertValidCase(c);
    case 'invalid':
      return assertInvalidCase(c);
    case 'unknown-members':
      return assertUnknownMembersCase(c);
    case 'tolerated':
      return assertToleratedCase(c);
    case 'stress':
      return assertStressCase(c);
  }
}

/**
 * A valid case: JSON.parse(text) is the value and satisfies the schema; without a form label the
 * text is JSON.stringify(value), and with one the forms it names are the ones the text shows
 * (read from the text by writtenFormsOf, apart from the generator's writer) and no others.
 */
export function assertValidCase(c: ValidCase): void {
  const parsed: unknown = JSON.parse(c.text);
  assert.deepStrictEqual(parsed, c.value, 'JSON.parse(text) is the value');
  const verdict = validateStopRequest(parsed);
  assert.ok(verdict.valid, `valid case fails the schema: ${JSON.stringify(verdict.errors)}`);
  const canonical = JSON.stringify(c.value);
  if (c.form === undefined) {
    assert.equal(c.text, canonical, 'without a form label, text is JSON.stringify(value)');
    return;
  }
  assert.notEqual(c.text, canonical, 'a form label on the canonical text');
  assert.ok(c.form.forms.length > 0 && c.form.description.length > 0, 'the form label names its forms and says what differs');
  assert.deepEqual(c.form.forms, writtenFormsOf(c.text), `the label's forms are the ones the text shows: ${c.form.description}`);
}

/** Which keywords each family may be labelled with, and whether its pointer is the root. */
const FAMILY_KEYWORDS: Record<ViolationFamily, { keywords: ViolationLabel['keyword'][]; root?: true }> = {
  'missing-or-null': { keywords: ['required', 'type'] },
  'wrong-type': { keywords: ['type'] },
  pattern: { keywords: ['pattern'] },
  enum: { keywords: ['enum'] },
  // `type` for a number past the double range: JSON.parse makes it ±Infinity, which ajv calls no integer.
  range: { keywords: ['minimum', 'maximum', 'type'] },
  length: { keywords: ['maxLength'] },
  'not-object': { keywords: ['type'], root: true },
  'not-json': { keywords: ['json'], root: true },
  'member-name': { keywords: ['required'] },
};

export function assertInvalidCase(c: InvalidCase): void {
  const { label } = c;
  assert.equal(label.requirement, 'M3');
  assert.ok(label.description.length > 0, 'the label describes the violation');
  const family = FAMILY_KEYWORDS[label.family];
  assert.ok(family.keywords.includes(label.keyword), `family ${label.family} is not labelled ${label.keyword}`);
  if (family.root) assert.equal(label.pointer, '', `${label.family} is about the whole body`);
  else assert.notEqual(label.pointer, '', `${label.family} names a member`);

  assert.equal(c.bytes, undefined, 'no invalid form needs bytes: every M3 case is UTF-8 text');
  if (label.keyword === 'json') {
    assert.throws(() => JSON.parse(c.text), `not-json text parses: ${JSON.stringify(c.text.slice(0, 200))}`);
    if (label.variant === 'raw-control-char') assertOnlyRawControls(c.text);
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
  if (label.family === 'member-name') assertOnlyTheName(parsed, label);
}

/** M3 raw control characters: JSON.parse refuses the text, and with each one escaped it is a valid request. */
function assertOnlyRawControls(text: string): void {
  assert.match(text, /[\u0000-\u001f]/, 'a raw-control-char text holds a raw control character');
  // The bodies are written without whitespace between tokens, so every raw control sits in a string.
  const escaped = text.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const verdict = validateStopRequest(JSON.parse(escaped));
  assert.ok(verdict.valid, `with its raw controls escaped the body is still invalid: ${JSON.stringify(verdict.errors)}`);
}

/** member-name: the parent holds the member under a name that differs in case or blanks only, and with that name put right the body is valid. */
function assertOnlyTheName(parsed: unknown, label: ViolationLabel): void {
  const { parent, last } = splitPointer(label.pointer);
  const holder = valueAt(parsed, parent);
  assert.ok(isRecord(holder), 'the missing member has an object parent');
  const lookalikes = Object.keys(holder).filter((k) => k !== last && k.trim().toLowerCase() === last.toLowerCase());
  assert.equal(lookalikes.length, 1, `exactly one member is named like ${last}: ${JSON.stringify(Object.keys(holder))}`);
  holder[last] = holder[lookalikes[0]];
  delete holder[lookalikes[0]];
  const verdict = validateStopRequest(parsed);
  assert.ok(verdict.valid, `with ${JSON.stringify(lookalikes[0])} renamed ${last} the body is still invalid: ${JSON.stringify(verdict.errors)}`);
}

/** S5: the text is the valid request plus the added members, and a case-variant member would be invalid in its real member's place. */
export function assertUnknownMembersCase(c: UnknownMembersCase): void {
  assertValidCase(c.valid);
  assert.equal(c.label.requirement, 'S5');
  assert.ok(c.members.length > 0, 'at least one member is added');
  const parsed: unknown = JSON.parse(c.text);
  const holder = valueAt(parsed, pointerOfPath(c.path));
  assert.ok(isRecord(holder), `the members go in an object (${c.path.join('.') || 'the body'})`);
  for (const [name] of c.members) {
    assert.ok(Object.prototype.hasOwnProperty.call(holder, name), `the text holds ${JSON.stringify(name)}`);
    delete holder[name];
  }
  assert.deepStrictEqual(parsed, JSON.parse(c.valid.text), 'without the added members the body is the valid request');
  const names = new Set(knownNames);
  if (c.label.variant === 'unknown-name') {
    for (const [name] of c.members) assert.ok(!names.has(name.toLowerCase()), `${JSON.stringify(name)} is a modelled name in some letter case`);
    return;
  }
  assert.equal(c.members.length, 1, 'a case-variant case adds one member');
  const [[name, value]] = c.members;
  const shadows = c.label.shadows ?? '';
  const { last } = splitPointer(shadows);
  assert.ok(name !== last && name.toLowerCase() === last.toLowerCase(), `${JSON.stringify(name)} is ${last} in another letter case`);
  assert.equal(pointerOfPath([...c.path, last]), shadows, 'the member shadowed sits where the case variant goes');
  const swapped = JSON.parse(c.valid.text) as unknown;
  const parent = valueAt(swapped, pointerOfPath(c.path));
  assert.ok(isRecord(parent) && last in parent, `the valid request holds ${last}, the member shadowed`);
  parent[last] = value;
  assert.ok(!validateStopRequest(swapped).valid, `${JSON.stringify(value)} would be valid in place of ${last}: a binder reading it would show nothing`);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The byte oracle: T12 a BOM before the valid request's bytes; T13 bytes a strict decoder refuses, only inside the labelled string. */
export function assertToleratedCase(c: ToleratedCase): void {
  assertValidCase(c.valid);
  assert.ok(Buffer.isBuffer(c.bytes), 'a tolerated case carries its bytes');
  assert.equal(payloadOf(c), c.bytes, 'payloadOf sends the bytes');
  if (c.label.requirement === 'T12') {
    assert.equal(c.label.variant, 'bom');
    assert.ok(c.bytes.subarray(0, 3).equals(BOM), 'the body starts with EF BB BF');
    assert.ok(c.bytes.subarray(3).equals(Buffer.from(c.valid.text, 'utf8')), 'after the BOM come the valid request\'s bytes');
    // Read as UTF-8 with the BOM kept (Buffer.toString keeps it), the text is not JSON: a parser that does not skip it refuses it.
    assert.throws(() => JSON.parse(c.bytes.toString('utf8')), 'the BOM is not JSON whitespace');
    assert.ok(validateStopRequest(JSON.parse(c.bytes.subarray(3).toString('utf8'))).valid, 'without the BOM the body is a valid request');
    return;
  }
  assert.equal(c.label.requirement, 'T13');
  assert.throws(() => strictUtf8.decode(c.bytes), 'a strict UTF-8 decoder refuses the body');
  const decoded = lenientUtf8.decode(c.bytes);
  const parsed: unknown = JSON.parse(decoded);
  const verdict = validateStopRequest(parsed);
  assert.ok(verdict.valid, `with U+FFFD for the bad bytes the body is invalid: ${JSON.stringify(verdict.errors)}`);
  const at = valueAt(parsed, c.label.pointer ?? '');
  assert.ok(typeof at === 'string' && at.includes('\ufffd'), `the bad bytes sit in ${c.label.pointer}`);
  const withoutReplacements = JSON.stringify(JSON.parse(decoded.replace(/\ufffd/g, '')));
  assert.equal(withoutReplacements, c.valid.text, 'nothing but the bad bytes differs from the valid request');
}

/** A valid request plus one unknown member at the labelled pointer; V8's JSON.parse reads it, however deep. */
export function assertStressCase(c: StressCase): void {
  assertValidCase(c.valid);
  assert.equal(payloadOf(c), c.text);
  const parsed: unknown = JSON.parse(c.text);
  const { parent, last } = splitPointer(c.label.pointer);
  const holder = valueAt(parsed, parent);
  assert.ok(isRecord(holder) && last in holder, `the stress sits at ${c.label.pointer}`);
  assert.ok(!knownNames.includes(last.toLowerCase()), `${last} is not a modelled name`);
  delete holder[last];
  assert.deepStrictEqual(parsed, JSON.parse(c.valid.text), 'without the stress member the body is the valid request');
}

const knownNames = membersOf(stopRequestRoot).map((m) => m.name.toLowerCase());

function pointerOfPath(path: readonly string[]): string {
  return path.map((key) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
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

/**
 * T2, T3, T6 never appear in a generated text; T12 and T13 only in tolerated cases (judged on
 * their bytes, decoded as a lenient server would). T2 is checked only where the text is JSON and a
 * number is the request's own: an exponent is allowed for a range case's count out of range (its
 * value is invalid however it is spelled), and unknown members are no member's integers.
 */
function assertTextHygiene(c: AnyCase): void {
  const text = c.kind === 'tolerated' ? lenientUtf8.decode(c.bytes).replace(/^\ufeff/, '') : c.text;
  if (c.kind !== 'tolerated') {
    assert.equal((c as { bytes?: Buffer }).bytes, undefined, 'only tolerated cases carry bytes');
    assert.ok(!c.text.startsWith('\ufeff'), 'a BOM outside a tolerated case (T12)');
  }
  const findings = scanText(text);
  assert.equal(findings.loneSurrogates, 0, 'a lone surrogate in the text (T3)');
  assert.deepEqual(findings.surrogateEscapes, [], 'a surrogate escape in the text (T3)');
  assert.deepEqual(findings.duplicateKeys, [], 'a duplicate key (T6)');
  if (c.kind === 'unknown-members' || c.kind === 'stress') return;
  if (c.kind === 'invalid' && c.label.keyword === 'json') return;
  const t2 = findings.numbersT2.filter((token) => !(c.kind === 'invalid' && c.label.family === 'range' && outOfRange(token, c.label.pointer)));
  assert.deepEqual(t2, [], 'a number written with an exponent or an integral fraction (T2)');
}

/** Whether a number token's value lies outside the bounds of the member at `pointer` (±Infinity included). */
function outOfRange(token: string, pointer: string): boolean {
  const member = membersOf(stopRequestRoot).find((m) => m.pointer === pointer);
  const value = Number(token);
  if (!member || Number.isNaN(value)) return false;
  return !Number.isFinite(value) || value > (member.node.maximum ?? Infinity) || value < (member.node.minimum ?? -Infinity);
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
