// The kit itself: a kit that passes everything would make every generator test vacuous, so each
// kind of wrong case is shown to it and must be refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InvalidCase, StressCase, ToleratedCase, UnknownMembersCase, ValidCase, ViolationLabel } from '../../src/generation';
import { assertCase } from './kit';

const UUID_A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const UUID_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const body = (message: string, top = ''): string =>
  `{"scanJobId":"${UUID_A}","sessionToken":"${UUID_B}",${top}"message":{${message}}}`;
const invalid = (text: string, label: Omit<ViolationLabel, 'requirement' | 'description'>): InvalidCase => ({
  kind: 'invalid',
  text,
  label: { requirement: 'M3', description: 'test', ...label },
});

test('the kit passes a correctly labelled case', () => {
  assert.doesNotThrow(() =>
    assertCase(invalid(body('"status":"success","progress":{}'), { family: 'enum', pointer: '/message/status', keyword: 'enum' })),
  );
  assert.doesNotThrow(() =>
    assertCase(invalid(body('"progress":{}'), { family: 'missing-or-null', pointer: '/message/status', keyword: 'required' })),
  );
  assert.doesNotThrow(() =>
    assertCase(invalid(body('"status":7,"progress":{}'), { family: 'wrong-type', pointer: '/message/status', keyword: 'type', entails: ['enum'] })),
  );
});

test('the kit refuses a case whose error is not the labelled one', () => {
  const text = body('"status":"success","progress":{}');
  assert.throws(() => assertCase(invalid(text, { family: 'pattern', pointer: '/scanJobId', keyword: 'pattern' })));
  assert.throws(() => assertCase(invalid(text, { family: 'enum', pointer: '/message/reason', keyword: 'enum' })));
});

test('the kit refuses a case with a second violation', () => {
  const text = body('"status":"success","progress":{"totalChecks":-1}');
  assert.throws(() => assertCase(invalid(text, { family: 'enum', pointer: '/message/status', keyword: 'enum' })), /minimum/);
});

test('the kit refuses an entailed keyword the label does not name', () => {
  const text = body('"status":7,"progress":{}');
  assert.throws(() => assertCase(invalid(text, { family: 'wrong-type', pointer: '/message/status', keyword: 'type' })), /enum/);
});

test('the kit refuses a valid body labelled invalid, and parseable text labelled not-json', () => {
  const text = body('"status":"SUCCESS","progress":{}');
  assert.throws(() => assertCase(invalid(text, { family: 'enum', pointer: '/message/status', keyword: 'enum' })), /passes the schema/);
  assert.throws(() => assertCase(invalid(text, { family: 'not-json', pointer: '', keyword: 'json' })), /parses/);
});

test('the kit refuses null for an optional member (T1)', () => {
  const text = body('"status":"SUCCESS","reason":"x","progress":{"totalChecks":null}');
  assert.throws(
    () => assertCase(invalid(text, { family: 'missing-or-null', pointer: '/message/progress/totalChecks', keyword: 'type' })),
    /optional member \(T1/,
  );
});

test('the kit refuses T2 numbers, T3 surrogates and T6 duplicate keys', () => {
  const label = { family: 'range', pointer: '/message/progress/failedChecks', keyword: 'minimum' } as const;
  // An in-range integer in exponent or fraction form beside the real violation: T2, tolerated.
  assert.throws(() => assertCase(invalid(body('"status":"SUCCESS","progress":{"totalChecks":1e2,"failedChecks":-1}'), label)), /T2/);
  assert.throws(() => assertCase(invalid(body('"status":"SUCCESS","progress":{"totalChecks":2.0,"failedChecks":-1}'), label)), /T2/);
  // An exponent form of the count out of range is invalid however it is spelled.
  const above = { family: 'range', pointer: '/message/progress/totalChecks', keyword: 'maximum' } as const;
  assert.doesNotThrow(() => assertCase(invalid(body('"status":"SUCCESS","progress":{"totalChecks":1e9}'), above)));
  assert.doesNotThrow(() => assertCase(invalid(body('"status":"SUCCESS","progress":{"totalChecks":1e999}'), { ...above, keyword: 'type' })));
  assert.throws(() => assertCase(invalid(body('"status":"SUCCESS","progress":{"totalChecks":1e999}'), above)), /type/);
  const pattern = { family: 'pattern', pointer: '/scanJobId', keyword: 'pattern' } as const;
  assert.throws(() => assertCase(invalid(body('"status":"SUCCESS","progress":{}').replace(UUID_A, '\\ud800'), pattern)), /T3/);
  assert.throws(() => assertCase(invalid(body('"status":"SUCCESS","progress":{}').replace(UUID_A, '\ud800'), pattern)), /T3/);
  assert.doesNotThrow(() => assertCase(invalid(body('"status":"SUCCESS","progress":{}').replace(UUID_A, '\\\\ud800'), pattern)));
  const dup = body('"status":"SUCCESS","progress":{}', `"sessionToken":"${UUID_B}",`);
  assert.throws(() => assertCase({ kind: 'valid', text: dup, value: JSON.parse(dup) } as ValidCase), /T6/);
});

const valid = (value: unknown): ValidCase => ({ kind: 'valid', value: value as ValidCase['value'], text: JSON.stringify(value) });
const stop = { scanJobId: UUID_A, sessionToken: UUID_B, message: { status: 'SUCCESS', progress: {} } };

test('the kit holds a member-name case to its look-alike: put right, the body is valid', () => {
  const label = { family: 'member-name', pointer: '/scanJobId', keyword: 'required' } as const;
  assert.doesNotThrow(() => assertCase(invalid(body('"status":"SUCCESS","progress":{}').replace('"scanJobId"', '"ScanJobId"'), label)));
  // The look-alike holds an invalid value: renamed back, the body is still invalid.
  const badValue = `{"ScanJobId":"x","sessionToken":"${UUID_B}","message":{"status":"SUCCESS","progress":{}}}`;
  assert.throws(() => assertCase(invalid(badValue, label)), /still invalid/);
  // No look-alike at all: that is missing-or-null's case.
  assert.throws(() => assertCase(invalid(`{"sessionToken":"${UUID_B}","message":{"status":"SUCCESS","progress":{}}}`, label)), /named like/);
});

test('the kit holds a raw control character to being the only fault of its text', () => {
  const label = { family: 'not-json', pointer: '', keyword: 'json', variant: 'raw-control-char' } as const;
  assert.doesNotThrow(() => assertCase(invalid(body('"status":"SUCCESS","reason":"a\tb","progress":{}'), label)));
  assert.throws(() => assertCase(invalid(body('"status":"BOGUS","reason":"a\tb","progress":{}'), label)), /still invalid/);
});

test('the kit holds unknown members to the valid request they were added to', () => {
  const base = valid(stop);
  const good: UnknownMembersCase = {
    kind: 'unknown-members',
    valid: base,
    path: ['message'],
    members: [['Status', 'BOGUS']],
    text: `{"scanJobId":"${UUID_A}","sessionToken":"${UUID_B}","message":{"status":"SUCCESS","progress":{},"Status":"BOGUS"}}`,
    label: { requirement: 'S5', variant: 'case-variant', description: 'test', shadows: '/message/status' },
  };
  assert.doesNotThrow(() => assertCase(good));
  // A case variant whose value would be valid in the real member's place shows nothing.
  assert.throws(() => assertCase({ ...good, members: [['Status', 'FAILED']], text: good.text.replace('BOGUS', 'FAILED') }), /would be valid/);
  // An "unknown" name that is a modelled one in another case belongs to 'case-variant'.
  assert.throws(() => assertCase({ ...good, label: { requirement: 'S5', variant: 'unknown-name', description: 'test' } }), /modelled name/);
  // Added members that change the rest of the body.
  assert.throws(() => assertCase({ ...good, text: good.text.replace('"SUCCESS"', '"FAILED"') }), /valid request/);
});

test('the byte oracle: a BOM before the valid bytes, invalid UTF-8 only inside the labelled string', () => {
  const base = valid({ ...stop, message: { ...stop.message, reason: 'ab' } });
  const bom: ToleratedCase = {
    kind: 'tolerated',
    text: base.text,
    bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(base.text)]),
    valid: base,
    label: { requirement: 'T12', variant: 'bom', description: 'test' },
  };
  assert.doesNotThrow(() => assertCase(bom));
  assert.throws(() => assertCase({ ...bom, bytes: Buffer.from(base.text) }), /EF BB BF/);
  const [before, after] = base.text.split('ab');
  const bad = Buffer.concat([Buffer.from(`${before}a`), Buffer.from([0xc0, 0xaf]), Buffer.from(`b${after}`)]);
  const t13: ToleratedCase = { ...bom, bytes: bad, label: { requirement: 'T13', variant: 'overlong', description: 'test', pointer: '/message/reason' } };
  assert.doesNotThrow(() => assertCase(t13));
  assert.throws(() => assertCase({ ...t13, label: { ...t13.label, pointer: '/scanJobId' } }), /sit in/);
  assert.throws(() => assertCase({ ...t13, bytes: Buffer.from(base.text) }), /strict UTF-8 decoder/);
});

test('the kit holds a stress case to its valid request plus one unknown member', () => {
  const base = valid(stop);
  const deep = `[${'['.repeat(20000)}${']'.repeat(20000)}]`;
  const good: StressCase = {
    kind: 'stress',
    text: `${base.text.slice(0, -1)},"nested":${deep}}`,
    valid: base,
    label: { variant: 'deep-array', description: 'test', pointer: '/nested' },
  };
  assert.doesNotThrow(() => assertCase(good));
  assert.throws(() => assertCase({ ...good, label: { ...good.label, pointer: '/message/nested' } }), /sits at/);
  assert.throws(() => assertCase({ ...good, text: `${base.text.slice(0, -1)},"Message":1}`, label: { ...good.label, pointer: '/Message' } }), /modelled name/);
});

test('the kit passes a valid case in a written form its label names, and refuses one whose label is wrong or missing', () => {
  const canonical = JSON.stringify(stop);
  const withForm = (text: string, forms: NonNullable<ValidCase['form']>['forms']): ValidCase => ({ kind: 'valid', value: stop as ValidCase['value'], text, form: { forms, description: 'test' } });
  const newline = `${canonical}\n`;
  const reordered = JSON.stringify({ message: stop.message, scanJobId: UUID_A, sessionToken: UUID_B });
  const escapedName = canonical.replace('"scanJobId"', '"scan\\u004aobId"');
  assert.doesNotThrow(() => assertCase(withForm(newline, ['whitespace'])));
  assert.doesNotThrow(() => assertCase(withForm(reordered, ['member-order'])));
  assert.doesNotThrow(() => assertCase(withForm(escapedName, ['escapes'])));
  assert.doesNotThrow(() => assertCase(withForm(`\r\n${reordered.replace('"SUCCESS"', '"SUCCES\\u0053"')}`, ['member-order', 'whitespace', 'escapes'])));
  assert.throws(() => assertCase({ kind: 'valid', value: stop as ValidCase['value'], text: newline }), /without a form label, text is JSON.stringify\(value\)/);
  assert.throws(() => assertCase(withForm(newline, ['escapes'])), /the label's forms are the ones the text shows/);
  assert.throws(() => assertCase(withForm(reordered, ['member-order', 'whitespace'])), /the label's forms are the ones the text shows/);
  assert.throws(() => assertCase(withForm(canonical, ['whitespace'])), /a form label on the canonical text/);
  assert.throws(() => assertCase(withForm(canonical.replace(UUID_B, UUID_A), ['whitespace'])), /JSON.parse\(text\) is the value/);
});

test('the kit takes a surrogate pair written as two escapes, and refuses either half alone (T3)', () => {
  const value = { ...stop, message: { status: 'SUCCESS', reason: '\u{1F600}', progress: {} } };
  const pair = JSON.stringify(value).replace('\u{1F600}', '\\ud83d\\ude00');
  assert.doesNotThrow(() => assertCase({ kind: 'valid', value: value as ValidCase['value'], text: pair, form: { forms: ['escapes'], description: 'test' } }));
  const low = { ...stop, message: { ...stop.message, reason: '\ude00\ud83d' } };
  const swapped = JSON.stringify(stop).replace('"status"', '"reason":"\\ude00\\ud83d","status"');
  assert.throws(() => assertCase({ kind: 'valid', value: low as ValidCase['value'], text: swapped, form: { forms: ['member-order', 'escapes'], description: 'test' } }), /T3/);
});
