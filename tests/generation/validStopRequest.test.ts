// validStopRequest: the kit's checks, then what M4 asks the sample to cover, read from the schema.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { validStopRequest } from '../../src/generation';
import { membersOf, stopRequestRoot, type Member } from '../../src/generation/internal/schemaWalk';
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

test('UUIDs are fresh in every case', () => {
  for (const member of members.filter((m) => m.node.pattern !== undefined)) {
    const values = valuesOf(member);
    assert.equal(new Set(values).size, values.length, `${member.pointer} repeats`);
  }
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
