// M3: status outside its values. Case matters (Smithy enums are exact strings), so each value's
// other casings are violations, as are near misses derived from the values themselves and words
// other status enums use.
import fc from 'fast-check';
import { displayName, type Member } from '../schemaWalk';
import { atMember, choose, type Violation } from './violation';

/** Status words from other AWS APIs: what a client that mixed up two enums would send. */
const OTHER_STATUS_WORDS = ['SUCCEEDED', 'COMPLETED', 'FAILURE', 'ERROR', 'CANCELLED', 'ABORTED', 'TIMED_OUT', 'PENDING'];
const WHITESPACE = [' ', '\t', '\n', '\u00a0'];

/** Near misses of one value: one character short or long, its first word, other separators. */
function nearMisses(value: string): string[] {
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
      const kinds: Array<{ variant: string; phrase: string; texts: fc.Arbitrary<string> }> = [
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
        },
        { variant: 'empty', phrase: 'empty', texts: fc.constant('') },
        // Any string at all; drawing one of the values by chance is astronomically rare, the filter covers it.
        { variant: 'other', phrase: 'another string', texts: fc.string({ unit: 'binary' }).filter(outside) },
      ];
      return kinds.map(({ variant, phrase, texts }) =>
        atMember(
          member,
          { family: 'enum', keyword: 'enum', variant },
          texts.map((text) => {
            if (!outside(text)) throw new Error(`enum break '${variant}' produced the allowed value ${text}`);
            return { value: text, description: `${displayName(member)} ${phrase}: ${JSON.stringify(text)}` };
          }),
        ),
      );
    });
}
