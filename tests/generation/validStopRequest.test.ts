// validStopRequest: the kit's checks, then what M4 asks the sample to cover, read from the schema.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { validStopRequest } from '../../src/generation';
import { membersOf, stopRequestRoot, type Member } from '../../src/generation/internal/schemaWalk';
import { MAX_UUID, NIL_UUID, VARIANT_AT, VERSION_AT, isCornerUuid } from '../../src/generation/internal/uuid';
import { describeGenerator, sampleOf } from './kit';

describeGenerator('validStopRequest', () => validStopRequest());
describeGenerator("validStopRequest({ optional: 'all' })", () => validStopRequest({ optional: 'all' }), { seeds: [1, 2, 3], runs: 200 });
describeGenerator("validStopRequest({ optional: 'none' })", () => validStopRequest({ optional: 'none' }), { seeds: [1, 2, 3], runs: 200 });

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

test('bad constraints are refused at once with a sentence', () => {
  assert.throws(() => validStopRequest({ optional: 'some' as 'any' }), /validStopRequest: optional must be one of 'any', 'all', 'none', got "some"/);
  assert.throws(() => validStopRequest({ optinal: 'all' } as never), /unknown constraint "optinal"/);
  assert.throws(() => validStopRequest(null as never), /constraints must be an object, got null/);
});
