// Real text for every free-text string the generators write, valid or invalid: mostly printable
// ASCII, weighted toward what breaks code that handles text (issue 12: a binary-unit string is 85%
// unassigned astral code points and almost never holds a quote).
import fc from 'fast-check';
import { checkConstraintKeys, checkOneOf, describe } from './internal/constraints';
import { astralText, exactText, nfdLongerText, textBetween } from './internal/text/lengths';

export interface RealTextConstraints {
  /** Fewest code points (default 0). */
  minLength?: number;
  /** Most code points (default 64). */
  maxLength?: number;
  /**
   * How lengths are drawn:
   * - 'boundaries' (default): the minimum (2 in 9), exactly the maximum (2 in 9), the maximum in
   *   astral code points only (1 in 9), the maximum with a longer NFD form (1 in 9), otherwise
   *   anything in between (3 in 9, short ones likelier). With minLength = maxLength, that length.
   * - 'any': anything from minLength to maxLength, short ones likelier.
   */
  lengths?: 'boundaries' | 'any';
}

const LENGTH_MODES = ['boundaries', 'any'] as const;

/**
 * Strings of real text, counted in code points. Characters: printable ASCII over half of the time
 * (letters first), then quotes, backslash, % < > & ; and other metacharacters, every Unicode white
 * space, NUL and other C0/C1 controls, combining marks, decomposed pairs (NFC-unstable) and
 * precomposed letters (NFD-unstable), bidi controls, other scripts' digits, CJK, RTL letters,
 * astral characters and emoji sequences, and whole words that interpreters read (SQL, HTML, shell,
 * `null`, `__proto__`…). Never a lone surrogate. A failing string shrinks toward short ASCII.
 */
export function realText(constraints?: RealTextConstraints): fc.Arbitrary<string> {
  const given = checkConstraintKeys('realText', constraints, ['minLength', 'maxLength', 'lengths']);
  const min = checkLength('minLength', given.minLength) ?? 0;
  const max = checkLength('maxLength', given.maxLength) ?? Math.max(64, min);
  if (min > max) throw new RangeError(`realText: minLength ${min} is over maxLength ${max}`);
  const lengths = checkOneOf('realText', 'lengths', given.lengths, LENGTH_MODES) ?? 'boundaries';
  if (min === max) return exactText(max);
  if (lengths === 'any') return textBetween(min, max);
  // withCrossShrink: a failure found at the maximum can still shrink to the shortest string.
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 2, arbitrary: exactText(min) },
    { weight: 2, arbitrary: exactText(max) },
    { weight: 1, arbitrary: astralText(max) }, // M4: at the maximum, yet twice as many UTF-16 units
    { weight: 1, arbitrary: nfdLongerText(max) }, // M4: at the maximum, yet longer once NFD-normalised
    { weight: 3, arbitrary: textBetween(min, max) },
  );
}

function checkLength(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`realText: ${name} must be a whole number of code points (0 or more), got ${typeof value === 'number' ? value : describe(value)}`);
  }
  return value;
}
