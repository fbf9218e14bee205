// M3: every near miss of every enum value, as a fixed list a check sends whole. The enum family
// draws these among its other breaks, so a mistake that only one of them shows (a status list
// merged with another enum's) is found by luck at a default run's size; here each comes once.
import type { InvalidCase } from './types';
import { checkConstraintKeys } from './internal/constraints';
import { setAt, writeJson, type JsonLikeObject } from './internal/json';
import { OTHER_STATUS_WORDS, nearMisses } from './internal/breaks/enum';
import { displayName, membersOf, stopRequestRoot } from './internal/schemaWalk';
import { knownValidStop } from './knownValidStop';

export interface EnumNearMissesConstraints {
  /** Seed of the bodies' UUIDs (default 0); the cases are invalid, so their session does not matter. */
  seed?: number;
}

/**
 * For each member with an enum (status), a minimal valid stop with that member replaced by, in
 * turn: each value in lower case and in title case, each value's near misses (one letter short or
 * long, its first word, other separators), and each status word of another enum (COMPLETED,
 * IN_PROGRESS, PASSED…). No text twice; none of the enum's values. Each case is labelled like the
 * enum family's (variant 'lower-case', 'title-case' or 'near-miss').
 */
export function enumNearMisses(constraints?: EnumNearMissesConstraints): InvalidCase[] {
  const given = checkConstraintKeys('enumNearMisses', constraints, ['seed']);
  const seed = given.seed === undefined ? 0 : Number(given.seed);
  if (!Number.isSafeInteger(seed)) throw new TypeError(`enumNearMisses: seed must be a whole number, got ${String(given.seed)}`);
  const cases: InvalidCase[] = [];
  for (const member of membersOf(stopRequestRoot).filter((m) => m.node.enum !== undefined)) {
    const values = member.node.enum as string[];
    const seen = new Set<string>(values);
    const texts: Array<{ text: string; variant: string; phrase: string }> = [];
    const add = (text: string, variant: string, phrase: string): void => {
      if (seen.has(text)) return;
      seen.add(text);
      texts.push({ text, variant, phrase });
    };
    for (const value of values) add(value.toLowerCase(), 'lower-case', `${value} in lower case`);
    for (const value of values) add(value.charAt(0) + value.slice(1).toLowerCase(), 'title-case', `${value} in title case`);
    for (const value of values) for (const miss of nearMisses(value)) add(miss, 'near-miss', `a near miss of ${value}`);
    for (const word of OTHER_STATUS_WORDS) add(word, 'near-miss', 'a status word of another enum');
    for (const { text, variant, phrase } of texts) {
      const body = structuredClone(knownValidStop(seed, cases.length).value) as unknown as JsonLikeObject;
      setAt(body, member.path, text);
      cases.push({
        kind: 'invalid',
        text: writeJson(body),
        label: {
          family: 'enum',
          pointer: member.pointer,
          keyword: 'enum',
          requirement: 'M3',
          description: `${displayName(member)} ${JSON.stringify(text)}: ${phrase}`,
          variant,
        },
      });
    }
  }
  return cases;
}
