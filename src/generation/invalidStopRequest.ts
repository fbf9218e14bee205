// M3: invalid StopCisSession bodies, each a valid base with exactly one labelled violation.
import fc from 'fast-check';
import type { InvalidCase, ViolationFamily } from './types';
import { checkConstraintKeys, checkSubset } from './internal/constraints';
import { VIOLATION_FAMILIES, violationsByFamily } from './internal/families';
import type { JsonObject } from './internal/json';
import { stopRequestRoot } from './internal/schemaWalk';
import { validBody } from './internal/validValue';
import type { Violation } from './internal/breaks/violation';

export interface InvalidStopRequestConstraints {
  /**
   * The families to draw from, each equally often (default: all nine). Within a family every
   * (member, way of breaking it) pair is equally likely, but for a few a realistic mistake shows
   * alone, drawn more often: an object member as its own JSON text (4 times), a status near miss
   * or another enum's word (twice).
   */
  families?: readonly ViolationFamily[];
}

/**
 * Invalid requests. Each starts from a valid base drawn by the same walker as validStopRequest
 * (with the optional parents the violation needs present) and carries exactly one violation,
 * labelled with its family, JSON pointer, ajv keyword and requirement. No case holds a lone
 * surrogate (T3), a duplicate key (T6), null for an optional member (T1), or an integral number
 * written with a fraction or exponent (T2): those are tolerated, so they must never be what makes
 * a case invalid.
 */
export function invalidStopRequest(constraints?: InvalidStopRequestConstraints): fc.Arbitrary<InvalidCase> {
  const given = checkConstraintKeys('invalidStopRequest', constraints, ['families']);
  const families = checkSubset('invalidStopRequest', 'families', 'family', given.families, VIOLATION_FAMILIES);
  const violations = violationsByFamily(stopRequestRoot);
  const bases = new Map<string, fc.Arbitrary<JsonObject>>();
  const baseFor = (needs: string | undefined): fc.Arbitrary<JsonObject> => {
    const key = needs ?? '';
    let base = bases.get(key);
    if (!base) {
      base = validBody(stopRequestRoot, { optional: 'any', forcePresent: needs ? [needs] : [] });
      bases.set(key, base);
    }
    return base;
  };
  const caseOf = (violation: Violation): fc.Arbitrary<InvalidCase> =>
    violation.build(baseFor(violation.needs)).map(({ text, description, place }) => ({
      kind: 'invalid',
      text,
      label: {
        family: violation.family,
        pointer: violation.pointer,
        keyword: violation.keyword,
        requirement: 'M3',
        description,
        variant: violation.variant,
        ...(violation.entails ? { entails: violation.entails } : {}),
        ...(place ? { place } : {}),
      },
    }));
  return fc.oneof(...families.map((family) => fc.oneof(...violations[family].map((v) => ({ weight: v.weight ?? 1, arbitrary: caseOf(v) })))));
}
