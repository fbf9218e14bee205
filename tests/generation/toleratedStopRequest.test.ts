// toleratedStopRequest: the kit's byte oracle (T12: a BOM before the valid bytes; T13: bytes a
// strict decoder refuses, only inside the labelled string), then every kind of bad byte sequence
// and every free-text member.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { payloadOf, toleratedStopRequest } from '../../src/generation';
import { describeGenerator, sampleOf } from './kit';

describeGenerator('toleratedStopRequest', () => toleratedStopRequest(), { seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
describeGenerator("toleratedStopRequest({ forms: ['bom'] })", () => toleratedStopRequest({ forms: ['bom'] }), { seeds: [1, 2, 3] });

const sample = sampleOf(toleratedStopRequest(), 2000);

test('every variant comes up, each in about a sixth of the cases', () => {
  const counts = new Map<string, number>();
  for (const c of sample) counts.set(`${c.label.requirement} ${c.label.variant}`, (counts.get(`${c.label.requirement} ${c.label.variant}`) ?? 0) + 1);
  for (const key of ['T12 bom', 'T13 lone-continuation', 'T13 overlong', 'T13 encoded-surrogate', 'T13 invalid-byte', 'T13 truncated']) {
    const n = counts.get(key) ?? 0;
    assert.ok(n > 200 && n < 480, `${key}: ${n} of 2000`);
  }
});

test('invalid UTF-8 goes in every free-text member, at the start, the end and in between', () => {
  const t13 = sample.filter((c) => c.label.requirement === 'T13');
  for (const pointer of ['/message/reason', '/message/benchmarkVersion', '/message/benchmarkProfile', '/message/computePlatform/vendor', '/message/computePlatform/product', '/message/computePlatform/version']) {
    assert.ok(t13.some((c) => c.label.pointer === pointer), `never in ${pointer}`);
  }
  assert.ok(t13.some((c) => /":"\\x[0-9A-F]{2}/.test(c.text)), 'never at the start of a string');
  assert.ok(t13.some((c) => /\\x[0-9A-F]{2}"/.test(c.text)), 'never at the end of a string');
  for (const overlong of ['\\xC0\\xAF', '\\xE0\\x80\\xAF', '\\xED\\xA0\\x80']) assert.ok(t13.some((c) => c.text.includes(overlong)), `never ${overlong}`);
});

test('payloadOf sends the bytes, and the text renders them readably', () => {
  for (const c of sample.slice(0, 50)) {
    assert.equal(payloadOf(c), c.bytes);
    assert.match(c.text, /\\x[0-9A-F]{2}/);
  }
});

test('bad constraints are refused at once with a sentence', () => {
  assert.throws(() => toleratedStopRequest({ forms: [] }), /forms must be a non-empty array/);
  assert.throws(() => toleratedStopRequest({ forms: ['utf16' as 'bom'] }), /unknown form "utf16"; known forms: bom, invalid-utf8/);
  assert.throws(() => toleratedStopRequest({ form: ['bom'] } as never), /unknown constraint "form"/);
});
