// M3: a string longer than its maxLength, counted in code points. `one-over` catches an
// off-by-one; `one-over-astral` mirrors M4's "8 emoji are a valid benchmarkVersion", so together
// they pin the count to code points from both sides (a server that counts UTF-16 units fails
// M4, one that counts something coarser, such as graphemes, fails here); `one-over-nfc-fits` is
// one over with a decomposed pair NFC folds into one (a server that NFC-normalises before counting
// lets it through); `one-over-edge-blank` is one over with a blank at an end (a server that trims
// before counting lets it through); `far-over` is the plain too-long value.
import fc from 'fast-check';
import { displayName, type Member } from '../schemaWalk';
import { codePointLength } from '../json';
import { UNICODE_WHITESPACE } from '../text/alphabet';
import { astralText, exactText, nfcShorterText, textBetween } from '../text/lengths';
import { atMember, type Violation } from './violation';

/**
 * What trimming removes: JavaScript's trim(), .NET's Trim() and Java's strip() take every one of
 * these (U+0085 aside, which JavaScript keeps); ASCII ones first, as they are the usual ones.
 */
const EDGE_BLANKS = [' ', '\t', '\n', '\r', ...UNICODE_WHITESPACE.filter((c) => c !== '\u0085' && /\s/u.test(c))];

/** Exactly `length` code points: real text with a blank at its start or its end. */
function edgeBlankText(length: number): fc.Arbitrary<string> {
  return fc
    .tuple(exactText(length - 1), fc.constantFrom(...EDGE_BLANKS), fc.boolean())
    .map(([text, blank, atEnd]) => (atEnd ? text + blank : blank + text));
}

export function lengthViolations(members: readonly Member[]): Violation[] {
  return (
    members
      // A pattern or an enum would fail too on a long value; such members are broken by their own families.
      .filter((m) => m.node.type === 'string' && m.node.maxLength !== undefined && !m.node.pattern && !m.node.enum)
      .flatMap((member) => {
        const max = member.node.maxLength as number;
        const kinds: Array<{ variant: string; texts: fc.Arbitrary<string> }> = [
          { variant: 'one-over', texts: exactText(max + 1) },
          { variant: 'one-over-astral', texts: astralText(max + 1) },
          { variant: 'one-over-nfc-fits', texts: nfcShorterText(max + 1) },
          { variant: 'one-over-edge-blank', texts: edgeBlankText(max + 1) },
          { variant: 'far-over', texts: textBetween(max + 2, 4 * max + 16) },
        ];
        return kinds.map(({ variant, texts }) =>
          atMember(
            member,
            { family: 'length', keyword: 'maxLength', variant },
            texts.map((text) => ({
              value: text,
              description: `${displayName(member)} ${codePointLength(text)} code points (max ${max})${PHRASES[variant] ?? ''}`,
            })),
          ),
        );
      })
  );
}

const PHRASES: Record<string, string> = {
  'one-over-nfc-fits': ', within the maximum once NFC-normalised',
  'one-over-edge-blank': ', within the maximum once trimmed',
};
