// realText: lengths counted in code points at and between the bounds, never a lone surrogate, the
// characters issue 12 found missing, shrinking toward short ASCII, and constraints refused with a
// sentence.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { realText } from '../../src/generation/realText';
import { sampleOf } from './kit';

const codePoints = (s: string): number => Array.from(s).length;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

test('lengths stay within the bounds in code points, and come at both bounds, all astral, NFD-longer and in between', () => {
  for (const [min, max] of [[0, 8], [0, 1024], [3, 16], [0, 1]]) {
    const strings = sampleOf(realText({ minLength: min, maxLength: max }), 2000);
    for (const s of strings) {
      assert.ok(codePoints(s) >= min && codePoints(s) <= max, `${JSON.stringify(s)} is ${codePoints(s)} code points, not ${min}..${max}`);
      assert.ok(!LONE_SURROGATE.test(s), `a lone surrogate in ${JSON.stringify(s)}`);
    }
    assert.ok(strings.some((s) => codePoints(s) === min), `never ${min}`);
    assert.ok(strings.some((s) => codePoints(s) === max), `never ${max}`);
    assert.ok(strings.some((s) => codePoints(s) === max && s.length === 2 * max), `never ${max} astral code points`);
    assert.ok(strings.some((s) => codePoints(s) === max && codePoints(s.normalize('NFD')) > max), `never ${max} code points with a longer NFD`);
    if (max - min > 1) assert.ok(strings.some((s) => codePoints(s) > min && codePoints(s) < max), 'never in between');
  }
  for (const s of sampleOf(realText({ minLength: 5, maxLength: 5 }), 500)) assert.equal(codePoints(s), 5);
  for (const s of sampleOf(realText({ maxLength: 40, lengths: 'any' }), 500)) assert.ok(codePoints(s) <= 40);
});

test('the characters issue 12 found missing all come up, printable ASCII most of all', () => {
  const text = sampleOf(realText({ minLength: 64, maxLength: 64 }), 500).join('');
  const chars = Array.from(text);
  const share = chars.filter((c) => /[\x20-\x7e]/.test(c)).length / chars.length;
  assert.ok(share > 0.5, `printable ASCII is ${(100 * share).toFixed(0)}% of characters`);
  const expected: Array<[string, RegExp]> = [
    ['quotes', /['"`]/], ['backslash', /\\/], ['% < > & ;', /[%<>&;]/], ['NUL', /\u0000/], ['C1 controls', /[\u0080-\u009f]/],
    ['NBSP', /\u00a0/], ['ideographic space', /\u3000/], ['U+2028', /\u2028/], ['U+FEFF', /\ufeff/], ['U+1680', /\u1680/],
    ['combining marks', /\p{M}/u], ['bidi controls', /[\u202a-\u202e\u2066-\u2069]/], ['Arabic-Indic digits', /[\u0660-\u0669]/],
    ['fullwidth digits', /[\uff10-\uff19]/], ['Devanagari digits', /[\u0966-\u096f]/], ['CJK', /\p{Script=Han}/u],
    ['RTL letters', /[\u05d0-\u05ea\u0620-\u064a]/], ['emoji', /\p{Extended_Pictographic}/u], ['ZWJ sequences', /\u200d/],
    ['words', /DROP TABLE|<script>|__proto__/],
  ];
  for (const [name, pattern] of expected) assert.match(text, pattern, `no ${name}`);
  assert.ok(text !== text.normalize('NFC') && text !== text.normalize('NFD'), 'no NFC- or NFD-unstable text');
  assert.doesNotMatch(text, /[\ufffd\ufdd0]/, 'U+FFFD and U+FDD0 are the byte-level generators\' markers');
});

test('a failing string shrinks toward short ASCII', () => {
  const result = fc.check(fc.property(realText({ maxLength: 64, lengths: 'any' }), (s) => !/["\\]/.test(s)), { seed: 5 });
  assert.ok(result.failed && result.counterexample);
  assert.match(result.counterexample[0], /^a*["\\]$/, JSON.stringify(result.counterexample[0]));
  const long = fc.check(fc.property(realText({ maxLength: 64 }), (s) => codePoints(s) < 3), { seed: 5 });
  assert.ok(long.failed && long.counterexample);
  assert.match(long.counterexample[0], /^a+$/, JSON.stringify(long.counterexample[0]));
});

test('the same seed gives the same strings', () => {
  assert.deepEqual(sampleOf(realText({ maxLength: 128 }), 200, 9), sampleOf(realText({ maxLength: 128 }), 200, 9));
});

test('bad constraints are refused at once with a sentence', () => {
  assert.throws(() => realText({ minLength: 5, maxLength: 2 }), /realText: minLength 5 is over maxLength 2/);
  assert.throws(() => realText({ maxLength: -1 }), /maxLength must be a whole number of code points/);
  assert.throws(() => realText({ maxLength: 1.5 }), /maxLength must be a whole number/);
  assert.throws(() => realText({ lengths: 'edges' as 'any' }), /lengths must be one of 'boundaries', 'any'/);
  assert.throws(() => realText({ maxLen: 3 } as never), /unknown constraint "maxLen"/);
});
