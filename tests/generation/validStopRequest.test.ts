// validStopRequest: the kit's checks, then what M4 asks the sample to cover, read from the schema.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { validStopRequest } from '../../src/generation';
import { membersOf, stopRequestRoot, type Member } from '../../src/generation/internal/schemaWalk';
import { MAX_UUID, NIL_UUID, VARIANT_AT, VERSION_AT, isCornerUuid } from '../../src/generation/internal/uuid';
import { tokenize } from '../../src/reference/variants/jsonText';
import { describeGenerator, sampleOf } from './kit';

describeGenerator('validStopRequest', () => validStopRequest());
describeGenerator("validStopRequest({ optional: 'all' })", () => validStopRequest({ optional: 'all' }), { seeds: [1, 2, 3], runs: 200 });
describeGenerator("validStopRequest({ optional: 'none' })", () => validStopRequest({ optional: 'none' }), { seeds: [1, 2, 3], runs: 200 });
describeGenerator('validStopRequest({ forms: [] })', () => validStopRequest({ forms: [] }), { seeds: [1, 2, 3], runs: 200 });
for (const form of ['member-order', 'whitespace', 'escapes'] as const) {
  describeGenerator(`validStopRequest({ forms: ['${form}'] })`, () => validStopRequest({ forms: [form] }), { seeds: [1, 2, 3], runs: 200 });
}

const members = membersOf(stopRequestRoot);
const sample = sampleOf(validStopRequest(), 3000).map((c) => JSON.parse(c.text) as unknown);

function at(value: unknown, member: Member): unknown {
  let node = value;
  for (const key of member.path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}
const valuesOf = (member: Member): unknown[] => sample.map((v) => at(v, member));
const codePoints = (s: string): string[] => Array.from(s);

test('the valid sample has every member present, and every optional one absent too', () => {
  for (const member of members) {
    const values = valuesOf(member);
    assert.ok(values.some((v) => v !== undefined), `${member.pointer} never present`);
    if (!member.required) assert.ok(values.some((v) => v === undefined), `${member.pointer} never absent`);
  }
});

test('the valid sample holds every enum value', () => {
  for (const member of members.filter((m) => m.node.enum)) {
    const seen = new Set(valuesOf(member));
    for (const value of member.node.enum ?? []) assert.ok(seen.has(value), `${member.pointer} never ${value}`);
  }
});

test('bounded strings come empty, at exactly their maximum in code points, and astral', () => {
  for (const member of members.filter((m) => m.node.maxLength !== undefined)) {
    const max = member.node.maxLength as number;
    const strings = valuesOf(member).filter((v): v is string => typeof v === 'string');
    assert.ok(strings.includes(''), `${member.pointer} never empty`);
    assert.ok(strings.some((s) => codePoints(s).length === max), `${member.pointer} never at ${max} code points`);
    assert.ok(strings.some((s) => codePoints(s).length === max && s.length === 2 * max), `${member.pointer} never ${max} astral code points`);
    assert.ok(strings.some((s) => codePoints(s).length > 0 && codePoints(s).length < max), `${member.pointer} never in between`);
    assert.ok(strings.some((s) => /[\u{10000}-\u{10ffff}]/u.test(s) && /[^\u{10000}-\u{10ffff}]/u.test(s)), `${member.pointer} never mixes BMP and astral`);
  }
});

test('counts come at their minimum, their maximum and small', () => {
  for (const member of members.filter((m) => m.node.type === 'integer')) {
    const counts = valuesOf(member).filter((v): v is number => typeof v === 'number');
    assert.ok(counts.includes(member.node.minimum as number), `${member.pointer} never at its minimum`);
    assert.ok(counts.includes(member.node.maximum as number), `${member.pointer} never at its maximum`);
    assert.ok(counts.some((n) => n > (member.node.minimum as number) && n < 17), `${member.pointer} never small`);
  }
});

test('every case names a fresh session, and a UUID repeats only when it is a corner', () => {
  const uuidMembers = members.filter((m) => m.node.pattern !== undefined);
  const pairs = sample.map((v) => uuidMembers.map((m) => at(v, m)).join(' '));
  assert.equal(new Set(pairs).size, pairs.length, 'a session repeats');
  for (const member of uuidMembers) {
    const seen = new Set<unknown>();
    for (const value of valuesOf(member)) {
      if (seen.has(value)) assert.ok(isCornerUuid(String(value)), `${member.pointer} repeats ${String(value)}`);
      seen.add(value);
    }
  }
});

test('valid corner UUIDs come up: nil, all f, and zero-filled ones with every version and variant nibble', () => {
  const uuids = members.filter((m) => m.node.pattern !== undefined).flatMap(valuesOf).map(String);
  assert.ok(uuids.includes(NIL_UUID), 'never the nil UUID');
  assert.ok(uuids.includes(MAX_UUID), 'never all f');
  const share = uuids.filter(isCornerUuid).length / uuids.length;
  assert.ok(share > 0.03 && share < 0.12, `corners are ${(100 * share).toFixed(1)}% of UUIDs`);
  const filled = uuids.filter((u) => /^[0f-]*$/.test(u.slice(0, VERSION_AT) + u.slice(VERSION_AT + 1, VARIANT_AT) + u.slice(VARIANT_AT + 1)));
  for (const nibble of '0123456789abcdef') {
    assert.ok(filled.some((u) => u[VERSION_AT] === nibble), `no filled corner with version nibble ${nibble}`);
    assert.ok(filled.some((u) => u[VARIANT_AT] === nibble), `no filled corner with variant nibble ${nibble}`);
  }
});

test('bounded strings at their maximum come precomposed too: longer once NFD-normalised', () => {
  for (const member of members.filter((m) => m.node.maxLength !== undefined)) {
    const max = member.node.maxLength as number;
    const strings = valuesOf(member).filter((v): v is string => typeof v === 'string');
    assert.ok(
      strings.some((s) => codePoints(s).length === max && codePoints(s.normalize('NFD')).length > max),
      `${member.pointer} never at ${max} code points with a longer NFD`,
    );
  }
});

test('strings are real text: mostly printable ASCII, quotes and backslashes in a fair share', () => {
  const free = members.filter((m) => m.node.type === 'string' && !m.node.pattern && !m.node.enum);
  const strings = sample.flatMap((v) => free.map((m) => at(v, m))).filter((v): v is string => typeof v === 'string' && v !== '');
  const share = (test: RegExp): number => strings.filter((s) => test.test(s)).length / strings.length;
  assert.ok(share(/[\x20-\x7e]/) > 0.7, 'printable ASCII');
  assert.ok(share(/['"]/) > 0.2, 'quotes');
  assert.ok(share(/\\/) > 0.15, 'backslashes');
  assert.ok(strings.every((s) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)), 'a lone surrogate');
});

test("optional 'all' holds every member and 'none' only the required ones", () => {
  const required = (m: Member): boolean => {
    // A member is in every minimal body when it and all its ancestors are required.
    const chain = members.filter((o) => m.path.slice(0, o.path.length).join('/') === o.path.join('/'));
    return chain.every((o) => o.required);
  };
  for (const value of sampleOf(validStopRequest({ optional: 'all' }), 200).map((c) => c.value)) {
    for (const member of members) assert.notEqual(at(value, member), undefined, `'all' lacks ${member.pointer}`);
  }
  for (const value of sampleOf(validStopRequest({ optional: 'none' }), 200).map((c) => c.value)) {
    for (const member of members) assert.equal(at(value, member) !== undefined, required(member), `'none' and ${member.pointer}`);
  }
});

test('a failing valid case shrinks to the smallest body that still fails', () => {
  const result = fc.check(
    fc.property(validStopRequest(), (c) => c.value.message.reason === undefined),
    { seed: 7 },
  );
  assert.ok(result.failed && result.counterexample);
  const [shrunk] = result.counterexample;
  assert.equal(shrunk.value.message.reason, '', 'reason shrinks to the empty string');
  assert.deepEqual(Object.keys(shrunk.value.message).sort(), ['progress', 'reason', 'status']);
  assert.deepEqual(shrunk.value.message.progress, {});
});

/** Member-name tokens of a JSON text, as written. */
const nameTokens = (text: string): string[] => {
  const tokens = tokenize(text).filter((t) => t.kind !== 'space');
  return tokens.filter((t, i) => t.kind === 'string' && tokens[i + 1]?.text === ':').map((t) => t.text);
};
const texts = sampleOf(validStopRequest(), 3000);

test('valid bodies come in every written form, and one in eight or so canonical', () => {
  const share = (test: (c: (typeof texts)[number]) => boolean): number => texts.filter(test).length / texts.length;
  const canonical = share((c) => c.form === undefined);
  assert.ok(canonical > 0.08 && canonical < 0.25, `canonical in ${(100 * canonical).toFixed(1)}% of cases`);
  for (const form of ['member-order', 'whitespace', 'escapes'] as const) {
    const s = share((c) => c.form?.forms.includes(form) ?? false);
    assert.ok(s > 0.3 && s < 0.7, `${form} in ${(100 * s).toFixed(1)}% of cases`);
  }
  const seen: Array<[string, (c: (typeof texts)[number]) => boolean]> = [
    ['a final newline', (c) => c.text.endsWith('}\n')],
    ['a final CRLF', (c) => c.text.endsWith('}\r\n')],
    ['leading whitespace', (c) => /^[ \t\r\n]/.test(c.text)],
    ['a tab between tokens', (c) => /[{,:\[]\s*\t|\t\s*[}\],:]/.test(c.text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))],
    ['a lone CR between tokens', (c) => /\r(?!\n)/.test(c.text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))],
    ['pretty-printing with CRLF', (c) => c.text.includes('{\r\n')],
    ['an escaped member name', (c) => nameTokens(c.text).some((n) => n.includes('\\u'))],
    ['every member name escaped', (c) => nameTokens(c.text).every((n) => /^"(\\u[0-9A-F]{4})+"$/.test(n))],
    ['a surrogate-pair escape', (c) => /\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(c.text)],
    ['an escaped solidus', (c) => c.text.includes('\\/')],
    ['upper-case hex digits', (c) => /\\u[0-9]*[A-F][0-9A-F]*/.test(c.text)],
    ['message before scanJobId', (c) => c.text.indexOf('"message"') >= 0 && c.text.indexOf('"message"') < c.text.indexOf('"scanJobId"')],
    ['progress before status', (c) => c.text.indexOf('"progress"') >= 0 && c.text.indexOf('"progress"') < c.text.indexOf('"status"')],
  ];
  for (const [what, test] of seen) assert.ok(texts.some(test), `no valid case has ${what}`);
  assert.ok(texts.every((c) => !/\d\.\d|\d[eE]/.test(c.text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))), 'a number written with a fraction or exponent (T2)');
});

test("forms: [] is the canonical text, and each form alone is only that form", () => {
  for (const c of sampleOf(validStopRequest({ forms: [] }), 300)) assert.equal(c.text, JSON.stringify(c.value));
  for (const form of ['member-order', 'whitespace', 'escapes'] as const) {
    const drawn = sampleOf(validStopRequest({ forms: [form] }), 300);
    for (const c of drawn) assert.deepEqual(c.form?.forms ?? [form], [form]);
    assert.ok(drawn.filter((c) => c.form).length > 100, `${form} drawn in about half the cases`);
  }
});

/** The SDK's order of the required members, as a forward-only reader expects them. */
const inSdkOrder = (text: string): boolean => {
  const body = JSON.parse(text) as { message: object };
  const keep = (keys: string[], order: string[]): boolean => keys.filter((k) => order.includes(k)).join() === order.join();
  return keep(Object.keys(body), ['scanJobId', 'sessionToken', 'message']) && keep(Object.keys(body.message), ['status', 'progress']);
};

test('a failure of a written form shrinks to the one textual change that matters, the value to its smallest', () => {
  const shrunk = (predicate: (c: (typeof texts)[number]) => boolean) => {
    const result = fc.check(fc.property(validStopRequest(), predicate), { seed: 11 });
    assert.ok(result.failed && result.counterexample, 'the property fails');
    return result.counterexample[0];
  };
  const minimal = (c: (typeof texts)[number]): void => {
    assert.deepEqual(Object.keys(c.value.message).sort(), ['progress', 'status'], 'no optional member is left');
    assert.deepEqual(c.value.message.progress, {});
  };
  // A reader that refuses trailing whitespace: the canonical text and one final newline.
  const trailing = shrunk((c) => !/[ \t\r\n]$/.test(c.text));
  minimal(trailing);
  assert.equal(trailing.text, `${JSON.stringify(trailing.value)}\n`);
  assert.deepEqual(trailing.form?.forms, ['whitespace']);
  // A reader that reads members in the SDK's order: one swap of two neighbours in one object.
  const ordered = shrunk((c) => inSdkOrder(c.text));
  minimal(ordered);
  assert.deepEqual(ordered.form?.forms, ['member-order']);
  const canonicalKeys = ['scanJobId', 'sessionToken', 'message', 'status', 'progress'];
  const keys = [...Object.keys(JSON.parse(ordered.text) as object), ...Object.keys((JSON.parse(ordered.text) as { message: object }).message)];
  const moved = keys.flatMap((k, i) => (k !== canonicalKeys[i] ? [i] : []));
  assert.equal(moved.length, 2, `two members trade places: ${keys.join(', ')}`);
  assert.equal(moved[1] - moved[0], 1, 'and they are neighbours');
  // A reader blind to escaped member names: the first name's first character escaped, nothing else.
  const escaped = shrunk((c) => nameTokens(c.text).every((n) => !n.includes('\\')));
  minimal(escaped);
  assert.equal(escaped.text, JSON.stringify(escaped.value).replace('"scanJobId"', '"\\u0073canJobId"'));
  assert.deepEqual(escaped.form?.forms, ['escapes']);
});

test('bad constraints are refused at once with a sentence', () => {
  assert.throws(() => validStopRequest({ forms: ['tabs' as 'whitespace'] }), /validStopRequest: unknown form "tabs"; known forms: member-order, whitespace, escapes/);
  assert.throws(() => validStopRequest({ forms: 'whitespace' as never }), /validStopRequest: forms must be an array of member-order, whitespace, escapes \(\[\] for the canonical text only\); got "whitespace"/);
  assert.throws(() => validStopRequest({ optional: 'some' as 'any' }), /validStopRequest: optional must be one of 'any', 'all', 'none', got "some"/);
  assert.throws(() => validStopRequest({ optinal: 'all' } as never), /unknown constraint "optinal"/);
  assert.throws(() => validStopRequest(null as never), /constraints must be an object, got null/);
});
