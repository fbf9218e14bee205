// M3: scanJobId / sessionToken off the anchored UUID pattern "as a whole". Each break starts from
// a fresh string the schema's own pattern generates and damages it in one way a real client or
// server does: upper-case hex (.NET, Java's UUID.toString on some platforms), braces (Windows
// GUIDs), a URN, stray whitespace, a trailing newline (Python's `$` matches before it, JS's does
// not), a dash or a digit too many or too few. Other breaks keep all 36 code points and the four
// dashes' count, so that only a check of every character in its place catches them: a dash moved,
// a letter past f, another script's digit (what a Unicode-aware \d matches), a fullwidth form (what
// NFKC folds back to ASCII), a Unicode dash from a copy-paste.
import fc from 'fast-check';
import { displayName, type Member } from '../schemaWalk';
import { OTHER_SCRIPT_DIGITS, UNICODE_WHITESPACE } from '../text/alphabet';
import { exactText } from '../text/lengths';
import { patternValue } from '../uuid';
import { atMember, choose, type Violation } from './violation';

interface PatternBreak {
  variant: string;
  phrase: string;
  /** Breaks `valid`; `pick` chooses a position or a character and shrinks toward the first. */
  apply(valid: string, pick: number, extra: string): string;
}

const NON_HEX_LETTERS = [...'ghijklmnopqrstuvwxyz'];
const WHITESPACE = [...UNICODE_WHITESPACE, '\r\n'];
/** Digits of other scripts, fullwidth ones aside (they are the 'fullwidth' break's). */
const FOREIGN_DIGITS = OTHER_SCRIPT_DIGITS.filter((d) => !/[\uff10-\uff19]/.test(d));
/** Dashes a word processor or a copy from a web page puts in place of '-'. */
const UNICODE_DASHES = ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212'];

/** The fullwidth form of a printable ASCII character (U+FF01..U+FF5E mirror U+0021..U+007E). */
const fullwidth = (c: string): string => String.fromCodePoint(0xff01 + (c.codePointAt(0) as number) - 0x21);

/** Indexes of the characters other than `-` (the digits of a UUID). */
function digitIndexes(text: string): number[] {
  return [...text].flatMap((c, i) => (c === '-' ? [] : [i]));
}

function replaceAt(text: string, index: number, by: string): string {
  return text.slice(0, index) + by + text.slice(index + 1);
}

/** The groups between dashes, and a function that joins them back. */
function withGroup(text: string, pick: number, change: (group: string) => string): string {
  const groups = text.split('-');
  const i = pick % groups.length;
  groups[i] = change(groups[i]);
  return groups.join('-');
}

const BREAKS: PatternBreak[] = [
  {
    variant: 'upper-case',
    phrase: 'with upper-case hex',
    apply: (valid, pick) => {
      // Force at least one letter up; a UUID drawn with digits only gets an upper-case letter put in.
      const letters = [...valid].flatMap((c, i) => (c.toUpperCase() !== c ? [i] : []));
      if (letters.length === 0) return replaceAt(valid, choose(digitIndexes(valid), pick), 'ABCDEF'[pick % 6]);
      return pick % 2 === 0 ? valid.toUpperCase() : replaceAt(valid, choose(letters, pick), valid[choose(letters, pick)].toUpperCase());
    },
  },
  { variant: 'braces', phrase: 'in braces', apply: (valid) => `{${valid}}` },
  { variant: 'urn-prefix', phrase: 'as a urn:uuid: URN', apply: (valid) => `urn:uuid:${valid}` },
  { variant: 'char-before', phrase: 'with a character before', apply: (valid, _pick, extra) => extra + valid },
  { variant: 'char-after', phrase: 'with a character after', apply: (valid, _pick, extra) => valid + extra },
  { variant: 'leading-whitespace', phrase: 'with leading whitespace', apply: (valid, pick) => choose(WHITESPACE, pick) + valid },
  { variant: 'trailing-whitespace', phrase: 'with trailing whitespace', apply: (valid, pick) => valid + choose(WHITESPACE, pick) },
  { variant: 'trailing-newline', phrase: 'with a trailing "\\n"', apply: (valid) => `${valid}\n` },
  {
    variant: 'missing-dash',
    phrase: 'with a dash missing',
    apply: (valid, pick) => {
      const dashes = [...valid].flatMap((c, i) => (c === '-' ? [i] : []));
      return replaceAt(valid, choose(dashes, pick), '');
    },
  },
  { variant: 'no-dashes', phrase: 'without dashes', apply: (valid) => valid.replace(/-/g, '') },
  {
    variant: 'extra-dash',
    phrase: 'with an extra dash',
    apply: (valid, pick) => {
      const at = pick % (valid.length + 1);
      return valid.slice(0, at) + '-' + valid.slice(at);
    },
  },
  { variant: 'group-short', phrase: 'with a group one digit short', apply: (valid, pick) => withGroup(valid, pick, (g) => g.slice(1)) },
  { variant: 'group-long', phrase: 'with a group one digit long', apply: (valid, pick) => withGroup(valid, pick, (g) => g + g[0]) },
  {
    variant: 'non-hex-letter',
    phrase: 'with a letter past f',
    apply: (valid, pick) => replaceAt(valid, choose(digitIndexes(valid), pick), choose(NON_HEX_LETTERS, pick)),
  },
  { variant: 'empty', phrase: 'empty', apply: () => '' },
  {
    variant: 'dash-moved',
    phrase: 'with a dash moved (36 characters, four dashes)',
    apply: (valid, pick) => {
      // One dash taken out and put back at any other of the 36 places.
      const dashes = [...valid].flatMap((c, i) => (c === '-' ? [i] : []));
      const from = choose(dashes, pick);
      const without = valid.slice(0, from) + valid.slice(from + 1);
      const places = Array.from({ length: without.length + 1 }, (_, i) => i).filter((i) => i !== from);
      const to = choose(places, Math.floor(pick / dashes.length));
      return without.slice(0, to) + '-' + without.slice(to);
    },
  },
  {
    variant: 'other-script-digit',
    phrase: "with another script's digit (٠, ०…)",
    apply: (valid, pick) => replaceAt(valid, choose(digitIndexes(valid), pick), choose(FOREIGN_DIGITS, Math.floor(pick / 32))),
  },
  {
    variant: 'fullwidth',
    phrase: 'with a fullwidth character (０, ａ, －)',
    apply: (valid, pick) => {
      const at = pick % valid.length;
      return replaceAt(valid, at, fullwidth(valid[at]));
    },
  },
  {
    variant: 'unicode-dash',
    phrase: 'with a Unicode dash for a hyphen-minus',
    apply: (valid, pick) => {
      const dashes = [...valid].flatMap((c, i) => (c === '-' ? [i] : []));
      return replaceAt(valid, choose(dashes, pick), choose(UNICODE_DASHES, Math.floor(pick / dashes.length)));
    },
  },
];

export function patternViolations(members: readonly Member[]): Violation[] {
  return members
    .filter((member) => member.node.type === 'string' && member.node.pattern !== undefined)
    .flatMap((member) => {
      const pattern = new RegExp(member.node.pattern as string, 'u'); // as ajv compiles it
      const valid = patternValue(member.node.pattern as string); // corners too: a nil UUID with a dash moved
      return BREAKS.map((brk) =>
        atMember(
          member,
          { family: 'pattern', keyword: 'pattern', variant: brk.variant },
          fc
            .tuple(valid, fc.nat(), exactText(1))
            .map(([text, pick, extra]) => {
              const broken = brk.apply(text, pick, extra);
              // Every break changes the length, leaves the alphabet or moves a fixed character of an
              // anchored fixed-length pattern; a future pattern it does not break must fail loudly,
              // not pass as invalid.
              if (pattern.test(broken)) {
                throw new Error(`pattern break '${brk.variant}' left ${JSON.stringify(broken)} matching ${pattern}`);
              }
              return { value: broken, description: `${displayName(member)} ${brk.phrase}` };
            }),
        ),
      );
    });
}
