// unknownMembersRequest: the kit's checks (the body is its valid request plus the members; a case
// variant would be invalid in its member's place), then coverage of both variants, every depth,
// and case variants mostly after the real member.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unknownMembersRequest, writeWithMembers } from '../../src/generation';
import { describeGenerator, sampleOf } from './kit';

describeGenerator('unknownMembersRequest', () => unknownMembersRequest());
describeGenerator("unknownMembersRequest({ variants: ['case-variant'] })", () => unknownMembersRequest({ variants: ['case-variant'] }), { seeds: [1, 2, 3, 4, 5] });

test('both variants come up, unknown names three times as often as case variants', () => {
  const sample = sampleOf(unknownMembersRequest(), 2000);
  const caseVariants = sample.filter((c) => c.label.variant === 'case-variant').length;
  assert.ok(caseVariants > 350 && caseVariants < 650, `${caseVariants} case variants in 2000`);
});

test('case variants shadow every modelled member, at every depth, in several spellings, mostly after the real one', () => {
  const sample = sampleOf(unknownMembersRequest({ variants: ['case-variant'] }), 3000);
  const shadowed = new Set(sample.map((c) => c.label.shadows));
  for (const pointer of ['/scanJobId', '/sessionToken', '/message', '/message/status', '/message/reason', '/message/progress', '/message/progress/totalChecks', '/message/computePlatform/vendor', '/message/benchmarkVersion']) {
    assert.ok(shadowed.has(pointer), `${pointer} never shadowed`);
  }
  const names = new Set(sample.map((c) => c.members[0][0]));
  for (const name of ['ScanJobId', 'SCANJOBID', 'scanjobid', 'Status', 'STATUS', 'Message', 'Progress']) assert.ok(names.has(name), `never ${name}`);
  const after = sample.filter((c) => c.text.indexOf(JSON.stringify(c.members[0][0])) > c.text.indexOf(`"${c.label.shadows?.split('/').pop()}"`)).length;
  assert.ok(after / sample.length > 0.65, `after the real member in ${after} of ${sample.length}`);
});

test('unknown names hold real text, __proto__ is an ordinary member, and members go at every depth', () => {
  const sample = sampleOf(unknownMembersRequest({ variants: ['unknown-name'] }), 2000);
  assert.ok(sample.some((c) => c.members.some(([name]) => /["\\]/.test(name))), 'no name with a quote or backslash');
  assert.ok(sample.some((c) => c.members.some(([name]) => name === '__proto__')), 'never __proto__');
  for (const path of [[], ['message'], ['message', 'progress'], ['message', 'computePlatform']]) {
    assert.ok(sample.some((c) => c.path.join('.') === path.join('.')), `never in ${path.join('.') || 'the top level'}`);
  }
  assert.equal(writeWithMembers({ a: { b: 1 } }, ['a'], [['__proto__', { x: 1 }]], true), '{"a":{"__proto__":{"x":1},"b":1}}');
});

test('bad constraints are refused at once with a sentence', () => {
  assert.throws(() => unknownMembersRequest({ variants: [] }), /variants must be a non-empty array/);
  assert.throws(() => unknownMembersRequest({ variants: ['case' as 'case-variant'] }), /unknown variant "case"; known variants: unknown-name, case-variant/);
  assert.throws(() => unknownMembersRequest({ kinds: [] } as never), /unknown constraint "kinds"/);
});
