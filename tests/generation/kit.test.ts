// The kit itself: a kit that passes everything would make every generator test vacuous, so each
// kind of wrong case is shown to it and must be refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InvalidCase, ValidCase, ViolationLabel } from '../../src/generation';
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
  const label = { family: 'range', pointer: '/message/progress/totalChecks', keyword: 'maximum' } as const;
  assert.throws(() => assertCase(invalid(body('"status":"SUCCESS","progress":{"totalChecks":1e9}'), label)), /T2/);
  assert.throws(() => assertCase(invalid(body('"status":"SUCCESS","progress":{"totalChecks":65537.0}'), label)), /T2/);
  const pattern = { family: 'pattern', pointer: '/scanJobId', keyword: 'pattern' } as const;
  assert.throws(() => assertCase(invalid(body('"status":"SUCCESS","progress":{}').replace(UUID_A, '\\ud800'), pattern)), /T3/);
  assert.throws(() => assertCase(invalid(body('"status":"SUCCESS","progress":{}').replace(UUID_A, '\ud800'), pattern)), /T3/);
  assert.doesNotThrow(() => assertCase(invalid(body('"status":"SUCCESS","progress":{}').replace(UUID_A, '\\\\ud800'), pattern)));
  const dup = body('"status":"SUCCESS","progress":{}', `"sessionToken":"${UUID_B}",`);
  assert.throws(() => assertCase({ kind: 'valid', text: dup, value: JSON.parse(dup) } as ValidCase), /T6/);
});
