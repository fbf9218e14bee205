// Strings of real text at a given length in code points (what Smithy's `length` and ajv's
// maxLength count). Atoms can hold several code points, so a string is built from at least as
// many atoms as it needs code points and cut to length between code points: never inside a
// surrogate pair, so never a lone surrogate (T3 is tolerated; it must never be what a case is).
import fc from 'fast-check';
import { codePointLength } from '../json';
import { astralUnit, decomposedUnit, precomposedUnit, textUnit } from './alphabet';

/** The first `max` code points of `text` (all of it when shorter). */
export function cutTo(text: string, max: number): string {
  // Each code point takes one or two UTF-16 units: a string of at most `max` units is short enough.
  if (text.length <= max) return text;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (n === max) return text.slice(0, i);
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return text;
}

/** Real text of exactly `length` code points. */
export function exactText(length: number): fc.Arbitrary<string> {
  if (length === 0) return fc.constant('');
  return fc.array(textUnit, { minLength: length, maxLength: length }).map((atoms) => cutTo(atoms.join(''), length));
}

/** Real text of `min` to `max` code points, short ones more likely (fast-check's length bias). */
export function textBetween(min: number, max: number): fc.Arbitrary<string> {
  return fc.array(textUnit, { minLength: min, maxLength: max }).map((atoms) => cutTo(atoms.join(''), max));
}

/** Exactly `length` astral code points: `length` code points, twice as many UTF-16 units. */
export function astralText(length: number): fc.Arbitrary<string> {
  return fc.array(astralUnit, { minLength: length, maxLength: length }).map((units) => units.join(''));
}

/**
 * Exactly `length` code points whose NFD form is longer: it starts with a precomposed character
 * (é, a Hangul syllable…), and real text follows. A server that NFD-normalises before counting
 * refuses it at the maximum (M4).
 */
export function nfdLongerText(length: number): fc.Arbitrary<string> {
  if (length === 0) throw new Error('nfdLongerText: a string of no code points has no NFD form to lengthen');
  return fc
    .tuple(precomposedUnit, fc.array(fc.oneof(precomposedUnit, textUnit), { minLength: length - 1, maxLength: length - 1 }))
    .map(([first, rest]) => cutTo(first + rest.join(''), length));
}

/**
 * Exactly `length` code points whose NFC form is shorter (at most `length - 1`): it starts with a
 * decomposed pair (e + U+0301) that NFC composes into one. A server that NFC-normalises before
 * counting accepts it one over the maximum (M3).
 */
export function nfcShorterText(length: number): fc.Arbitrary<string> {
  if (length < 2) throw new Error('nfcShorterText: a decomposed pair needs two code points');
  return fc.tuple(decomposedUnit, fc.array(textUnit, { minLength: length, maxLength: length })).map(([pair, rest]) => {
    const text = cutTo(pair + rest.join(''), length);
    // A few code points lengthen under NFC (composition exclusions such as U+0958); if the rest
    // outweighs what the pair saved, the rest is replaced by plain letters, which NFC keeps.
    if (codePointLength(text.normalize('NFC')) < length) return text;
    const head = cutTo(pair, length);
    return head + 'a'.repeat(length - codePointLength(head));
  });
}
