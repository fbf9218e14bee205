// invalidStopRequest: the kit's checks, then coverage: every family reaches every member the
// schema offers it, every way of breaking comes up, and shrinking keeps the one violation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { VIOLATION_FAMILIES, invalidStopRequest, type InvalidCase, type ViolationFamily } from '../../src/generation';
import { membersOf, stopRequestRoot, type Member } from '../../src/generation/internal/schemaWalk';
import { validateStopRequest } from '../../src/schema';
import { textVariants } from '../../src/reference/variants/text';
import type { Parsed } from '../../src/reference/server';
import { describeGenerator, sampleOf } from './kit';

describeGenerator('invalidStopRequest', () => invalidStopRequest());
for (const family of VIOLATION_FAMILIES) {
  describeGenerator(`invalidStopRequest({ families: ['${family}'] })`, () => invalidStopRequest({ families: [family] }));
}

const members = membersOf(stopRequestRoot);

/** What each family must reach: `pointer keyword variant` triples derived from the schema. */
const TYPE_VARIANTS: Record<string, string[]> = {
  string: ['number', 'boolean', 'object', 'array'],
  integer: ['string', 'numeric-string', 'fraction', 'boolean', 'object', 'array'],
  object: ['string', 'number', 'boolean', 'array', 'json-encoded-object'],
};
const PATTERN_VARIANTS = [
  'upper-case', 'braces', 'urn-prefix', 'char-before', 'char-after', 'leading-whitespace', 'trailing-whitespace',
  'trailing-newline', 'missing-dash', 'no-dashes', 'extra-dash', 'group-short', 'group-long', 'non-hex-letter', 'empty',
  'dash-moved', 'other-script-digit', 'fullwidth', 'unicode-dash',
];
/** The pattern breaks that keep all 36 code points. */
const SAME_LENGTH_PATTERN_VARIANTS = ['upper-case', 'non-hex-letter', 'dash-moved', 'other-script-digit', 'fullwidth', 'unicode-dash'];
const ENUM_VARIANTS = ['lower-case', 'title-case', 'whitespace', 'near-miss', 'empty', 'other'];
const RANGE_VARIANTS: Array<[string, string]> = [
  ['minimum', 'below-minimum'], ['minimum', 'far-below-minimum'], ['minimum', 'beyond-64-bits-below'],
  ['maximum', 'above-maximum'], ['maximum', 'far-above-maximum'], ['maximum', 'beyond-64-bits-above'],
  ['minimum', 'many-digits-below'], ['maximum', 'many-digits-above'], ['maximum', 'exponent-above-maximum'], ['type', 'past-double-range'],
];
const LENGTH_VARIANTS = ['one-over', 'one-over-astral', 'one-over-nfc-fits', 'one-over-edge-blank', 'far-over'];
const NOT_OBJECT_VARIANTS = ['empty-array', 'array-of-request', 'string', 'number', 'null', 'boolean', 'deep-nesting'];
const NOT_JSON_VARIANTS = [
  'truncated', 'trailing-garbage', 'concatenated', 'line-comment', 'block-comment', 'single-quotes', 'nan', 'infinity',
  'negative-infinity', 'trailing-comma', 'unquoted-keys', 'empty', 'whitespace-only', 'lone-brace', 'raw-control-char',
  'leading-zero', 'plus-sign', 'hex-number', 'undefined',
];
/** How a member-name break renames a required member; a rename that changes nothing is not drawn. */
const NAME_VARIANTS: Record<string, (name: string) => string> = {
  'first-letter-case': (n) => (n[0] === n[0].toUpperCase() ? n[0].toLowerCase() : n[0].toUpperCase()) + n.slice(1),
  'upper-case': (n) => n.toUpperCase(),
  'lower-case': (n) => n.toLowerCase(),
  'leading-space': (n) => ` ${n}`,
  'trailing-space': (n) => `${n} `,
};

const triple = (pointer: string, keyword: string, variant: string): string => `${pointer} ${keyword} ${variant}`;
const where = (filter: (m: Member) => boolean): Member[] => members.filter(filter);

const expected: Record<ViolationFamily, string[]> = {
  'missing-or-null': where((m) => m.required).flatMap((m) => [triple(m.pointer, 'required', 'missing'), triple(m.pointer, 'type', 'null')]),
  'wrong-type': members.flatMap((m) => (TYPE_VARIANTS[m.node.type as string] ?? []).map((v) => triple(m.pointer, 'type', v))),
  pattern: where((m) => m.node.pattern !== undefined).flatMap((m) => PATTERN_VARIANTS.map((v) => triple(m.pointer, 'pattern', v))),
  enum: where((m) => m.node.enum !== undefined).flatMap((m) => ENUM_VARIANTS.map((v) => triple(m.pointer, 'enum', v))),
  range: where((m) => m.node.type === 'integer').flatMap((m) => RANGE_VARIANTS.map(([k, v]) => triple(m.pointer, k, v))),
  length: where((m) => m.node.maxLength !== undefined).flatMap((m) => LENGTH_VARIANTS.map((v) => triple(m.pointer, 'maxLength', v))),
  'not-object': NOT_OBJECT_VARIANTS.map((v) => triple('', 'type', v)),
  'not-json': NOT_JSON_VARIANTS.map((v) => triple('', 'json', v)),
  'member-name': where((m) => m.required).flatMap((m) =>
    Object.entries(NAME_VARIANTS)
      .filter(([, rename]) => rename(m.name) !== m.name)
      .map(([v]) => triple(m.pointer, 'required', v)),
  ),
};

const samples = new Map<ViolationFamily, InvalidCase[]>(
  VIOLATION_FAMILIES.map((family) => [family, sampleOf(invalidStopRequest({ families: [family] }), 3000)]),
);

for (const family of VIOLATION_FAMILIES) {
  test(`${family} reaches every member and every way of breaking the schema offers it`, () => {
    const seen = new Set(samples.get(family)?.map((c) => triple(c.label.pointer, c.label.keyword, c.label.variant ?? '')));
    const missing = expected[family].filter((t) => !seen.has(t));
    assert.deepEqual(missing, [], `never generated: ${missing.join(', ')}`);
    const unexpected = [...seen].filter((t) => !expected[family].includes(t));
    assert.deepEqual(unexpected, [], `generated but not expected: ${unexpected.join(', ')}`);
  });
}

test('the default draws from every family', () => {
  const seen = new Set(sampleOf(invalidStopRequest(), 1000).map((c) => c.label.family));
  assert.deepEqual([...seen].sort(), [...VIOLATION_FAMILIES].sort());
});

test('numbers beyond 64 bits are written with their exact digits', () => {
  const texts = samples.get('range')?.map((c) => c.text) ?? [];
  for (const digits of ['18446744073709551617', '-9223372036854775809', '9223372036854775808']) {
    assert.ok(texts.some((t) => t.includes(`:${digits}`)), `no case carries ${digits}`);
  }
});

test('a pattern break upper-cases at least one hex letter, and a trailing newline is a real "\\n"', () => {
  const pattern = samples.get('pattern') ?? [];
  const upper = pattern.filter((c) => c.label.variant === 'upper-case');
  for (const c of upper) assert.match(String(valueAt(c)), /[A-F]/);
  const newline = pattern.filter((c) => c.label.variant === 'trailing-newline');
  for (const c of newline) assert.match(String(valueAt(c)), /^[0-9a-f-]{36}\n$/);
});

test('a length break is one code point over (astral-heavy, within the maximum once NFC-normalised or trimmed), or further over', () => {
  const codePoints = (s: string): number => Array.from(s).length;
  for (const c of samples.get('length') ?? []) {
    const member = members.find((m) => m.pointer === c.label.pointer) as Member;
    const value = String(valueAt(c));
    const max = member.node.maxLength as number;
    if (c.label.variant === 'far-over') assert.ok(codePoints(value) > max + 1);
    else assert.equal(codePoints(value), max + 1);
    if (c.label.variant === 'one-over-nfc-fits') assert.ok(codePoints(value.normalize('NFC')) <= max, `${JSON.stringify(value)} does not fit once NFC-normalised`);
    if (c.label.variant === 'one-over-edge-blank') {
      assert.match(value, /^\s|\s$/u);
      assert.ok(codePoints(value.trim()) <= max, 'trimmed, it fits');
    }
  }
});

test('the length-keeping pattern breaks keep 36 code points, and a moved dash keeps four dashes', () => {
  for (const c of (samples.get('pattern') ?? []).filter((p) => SAME_LENGTH_PATTERN_VARIANTS.includes(p.label.variant ?? ''))) {
    const value = String(valueAt(c));
    assert.equal(Array.from(value).length, 36, `${c.label.variant}: ${JSON.stringify(value)}`);
    if (c.label.variant === 'dash-moved') assert.match(value, /^(?=(?:[^-]*-){4}[^-]*$)[0-9a-f-]{36}$/);
    if (c.label.variant === 'other-script-digit') assert.match(value, /(?![0-9])\p{Nd}/u);
    if (c.label.variant === 'fullwidth') assert.match(value, /[\uff01-\uff5e]/);
  }
});

test('a range break past the double range is ±Infinity to JSON.parse, and one of many digits stays finite', () => {
  for (const c of samples.get('range') ?? []) {
    const value = valueAt(c);
    if (c.label.variant === 'past-double-range') assert.ok(value === Infinity || value === -Infinity, `${String(value)}`);
    if (c.label.variant?.startsWith('many-digits')) {
      assert.ok(Number.isFinite(value), String(value));
      assert.match(c.text, /:-?\d{100,}[,}]/);
    }
  }
});

test('a member-name break holds the member under its look-alike name, and deep nesting is 10,000 levels and more', () => {
  for (const c of samples.get('member-name') ?? []) {
    const parent = c.label.pointer.slice(1).split('/').slice(0, -1);
    let node: unknown = JSON.parse(c.text);
    for (const key of parent) node = (node as Record<string, unknown>)[key];
    const name = c.label.pointer.split('/').pop() as string;
    const renamed = NAME_VARIANTS[c.label.variant ?? ''](name);
    assert.ok(Object.keys(node as object).includes(renamed), `${c.label.description}: ${c.text.slice(0, 200)}`);
  }
  for (const c of (samples.get('not-object') ?? []).filter((n) => n.label.variant === 'deep-nesting')) {
    assert.match(c.text, /^\[{10001,}\]+$/);
  }
});

/** The token defects, each in a modelled member and where no member is checked. */
const TOKEN_DEFECTS = ['line-comment', 'block-comment', 'single-quotes', 'nan', 'infinity', 'negative-infinity', 'leading-zero', 'plus-sign', 'hex-number', 'undefined', 'trailing-comma', 'unquoted-keys'];

test('every token defect that is not JSON comes in a modelled member, in an unknown member of every object, and in an unknown member\'s array', () => {
  const notJson = samples.get('not-json') ?? [];
  for (const variant of TOKEN_DEFECTS) {
    const places = new Set(notJson.filter((c) => c.label.variant === variant).map((c) => c.label.place));
    for (const place of ['member', 'unknown-member', 'unknown-array']) assert.ok(places.has(place as never), `${variant} never in place ${place}`);
  }
  for (const level of ['of the body', 'of message"', 'of message.progress', 'of message.computePlatform']) {
    const at = level.replace('"', '');
    assert.ok(notJson.some((c) => c.label.place === 'unknown-member' && c.label.description.endsWith(at)), `no unknown member ${at}`);
    assert.ok(notJson.some((c) => c.label.place === 'unknown-array' && c.label.description.endsWith(at)), `no unknown member's array ${at}`);
  }
  assert.ok(notJson.some((c) => c.label.place === 'unknown-array' && /\[[^\]]*\{"k":/.test(c.text)), 'no defect nested in an object inside the array');
  for (const c of notJson) assert.ok(c.label.place, `${c.label.variant} says where it sits`);
});

// A binder that reads modelled members strictly and skips an unknown member's value unread (a
// faulty variant of the catalogue) is the oracle for the place: it reads a valid request exactly
// when the defect sits where no schema member is checked.
const skipsUnknownValues: ((body: Buffer) => Parsed) | undefined = textVariants.find((v) => v.name === 'unknown-values-skipped-leniently')?.options.behaviour?.parse;

test('a not-json defect labelled as in an unknown member is the only fault: skipped unread, the body is a valid request; anywhere else it is not', () => {
  assert.ok(skipsUnknownValues);
  for (const c of samples.get('not-json') ?? []) {
    const parsed: Parsed = skipsUnknownValues(Buffer.from(c.text, 'utf8'));
    const readValid: boolean = parsed.ok && validateStopRequest(parsed.value).valid;
    const unknown = c.label.place === 'unknown-member' || c.label.place === 'unknown-array';
    assert.equal(readValid, unknown, `${c.label.variant} (${c.label.place}): ${c.label.description}: ${c.text.slice(0, 300)}`);
  }
});

test('a failing invalid case shrinks to a minimal base around its one violation', () => {
  const result = fc.check(fc.property(invalidStopRequest({ families: ['range'] }), (c) => c.kind !== 'invalid'), { seed: 3 });
  assert.ok(result.failed && result.counterexample);
  const [shrunk] = result.counterexample;
  const body = JSON.parse(shrunk.text) as { message: Record<string, unknown> & { progress: Record<string, unknown> } };
  // Only the required members and the broken count are left.
  assert.deepEqual(Object.keys(body.message).sort(), ['progress', 'status']);
  assert.deepEqual(Object.keys(body.message.progress), [shrunk.label.pointer.split('/').pop()]);
});

test('bad constraints are refused at once with a sentence', () => {
  assert.throws(() => invalidStopRequest({ families: ['nope' as ViolationFamily] }), /invalidStopRequest: unknown family "nope"; known families: missing-or-null/);
  assert.throws(() => invalidStopRequest({ families: [] }), /families must be a non-empty array/);
  assert.throws(() => invalidStopRequest({ familes: ['enum'] } as never), /unknown constraint "familes"/);
  assert.throws(() => invalidStopRequest('enum' as never), /constraints must be an object, got "enum"/);
});

function valueAt(c: InvalidCase): unknown {
  let node: unknown = JSON.parse(c.text);
  for (const key of c.label.pointer.slice(1).split('/')) node = (node as Record<string, unknown>)[key];
  return node;
}
