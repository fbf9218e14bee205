// M3: a string longer than its maxLength, counted in code points. `one-over` catches an
// off-by-one; `one-over-astral` mirrors M4's "8 emoji are a valid benchmarkVersion", so together
// they pin the count to code points from both sides (a server that counts UTF-16 units fails
// M4, one that counts something coarser, such as graphemes, fails here); `far-over` is the
// plain too-long value.
import fc from 'fast-check';
import { displayName, type Member } from '../schemaWalk';
import { astralCodePoints, astralChar, codePoints } from '../validValue';
import { codePointLength } from '../json';
import { atMember, type Violation } from './violation';

/** Any code point, astral half of the time. */
const mixedChar = fc.oneof(astralChar, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

export function lengthViolations(members: readonly Member[]): Violation[] {
  return (
    members
      // A pattern or an enum would fail too on a long value; such members are broken by their own families.
      .filter((m) => m.node.type === 'string' && m.node.maxLength !== undefined && !m.node.pattern && !m.node.enum)
      .flatMap((member) => {
        const max = member.node.maxLength as number;
        const kinds: Array<{ variant: string; texts: fc.Arbitrary<string> }> = [
          { variant: 'one-over', texts: codePoints(max + 1) },
          { variant: 'one-over-astral', texts: astralCodePoints(max + 1) },
          {
            variant: 'far-over',
            texts: fc.string({ unit: mixedChar, minLength: max + 2, maxLength: 4 * max + 16 }),
          },
        ];
        return kinds.map(({ variant, texts }) =>
          atMember(
            member,
            { family: 'length', keyword: 'maxLength', variant },
            texts.map((text) => ({
              value: text,
              description: `${displayName(member)} ${codePointLength(text)} code points (max ${max})`,
            })),
          ),
        );
      })
  );
}
