// M3: status outside its values. Case matters (Smithy enums are exact strings), so each value's
// other casings are violations, as are near misses derived from the values themselves and words
// other status enums use.
import fc from 'fast-check';
import { realText } from '../../realText';
import { displayName, type Member } from '../schemaWalk';
import { UNICODE_WHITESPACE } from '../text/alphabet';
import { atMember, choose, type Violation } from './violation';

/**
 * Status words of other enums: Inspector's other CIS enums (scan, target, result and rule
 * statuses) and other AWS APIs' status words, what a client that mixed up two enums sends.
 */
export const OTHER_STATUS_WORDS = [
  'SUCCEEDED', 'COMPLETED', 'FAILURE', 'ERROR', 'CANCELLED', 'ABORTED', 'TIMED_OUT', 'PENDING',
  'IN_PROGRESS', 'PASSED', 'SKIPPED', 'NOT_EVALUATED', 'NOT_APPLICABLE', 'INFORMATIONAL', 'UNKNOWN', 'STOPPED',
];
/** ASCII blanks first (the usual ones), then the rest of Unicode's white space. */
const WHITESPACE = [' ', '\t', '\n', ...UNICODE_WHITESPACE.filter((c) => !' \t\n'.includes(c))];

/** Near misses of one value: one character short or long, its first word, other separators. */
export function nearMisses(value: string): string[] {
  const firstWord = value.split(/[_\s-]/)[0]; // UNSUPPORTED_OS → UNSUPPORTED
  return [
    value.slice(0, -1), // SUCCES
    value.slice(0, -2), // FAIL (from FAILED)
    value + value.slice(-1), // SUCCESSS
    firstWord,
    value.replace(/_/g, '-'),
    value.replace(/_/g, ' '),
    value.replace(/_/g, ''),
  ];
}

export function enumViolations(members: readonly Member[]): Violation[] {
  return members
    .filter((member) => member.node.enum !== undefined)
    .flatMap((member) => {
      const values = member.node.enum as string[];
      const outside = (text: string): boolean => !values.includes(text);
      const value = fc.constantFrom(...values);
      const kinds: Array<{ variant: string; phrase: string; texts: fc.Arbitrary<string>; weight?: number }> = [
        { variant: 'lower-case', phrase: 'in lower case', texts: value.map((v) => v.toLowerCase()) },
        { variant: 'title-case', phrase: 'in title case', texts: value.map((v) => v.charAt(0) + v.slice(1).toLowerCase()) },
        {
          variant: 'whitespace',
          phrase: 'with surrounding whitespace',
          texts: fc
            .tuple(value, fc.nat(), fc.constantFrom('both', 'before', 'after'))
            .map(([v, pick, where]) => {
              const ws = choose(WHITESPACE, pick);
              return (where === 'after' ? '' : ws) + v + (where === 'before' ? '' : ws);
            }),
        },
        {
          variant: 'near-miss',
          phrase: 'a near miss',
          texts: fc.constantFrom(...new Set([...values.flatMap(nearMisses), ...OTHER_STATUS_WORDS].filter(outside))),
          weight: 2, // some 30 words: twice the draws, so that each comes up in a default run
        },
        { variant: 'empty', phrase: 'empty', texts: fc.constant('') },
        // Any real text; drawing one of the values by chance is astronomically rare, the filter covers it.
        { variant: 'other', phrase: 'another string', texts: realText({ maxLength: 32 }).filter(outside) },
      ];
      return kinds.map(({ variant, phrase, texts, weight }) =>
        atMember(
          member,
          { family: 'enum', keyword: 'enum', variant, ...(weight ? { weight } : {}) },
          texts.map((text) => {
            if (!outside(text)) throw new Error(`enum break '${variant}' produced the allowed value ${text}`);
            return { value: text, description: `${displayName(member)} ${phrase}: ${JSON.stringify(text)}` };
          }),
        ),
      );
    });
}
