// M1/M4: valid StopCisSession bodies, drawn by walking the request schema.
import fc from 'fast-check';
import type { StopCisSessionRequest, ValidCase } from './types';
import { checkConstraintKeys, checkOneOf } from './internal/constraints';
import { stopRequestRoot } from './internal/schemaWalk';
import { validBody, type OptionalMode } from './internal/validValue';

export interface ValidStopRequestConstraints {
  /**
   * Optional members, at every depth (reason, computePlatform and its members, benchmarkVersion,
   * benchmarkProfile, the eight progress counts):
   * - 'any' (default): each present or absent independently, so a sample covers the combinations;
   * - 'all': every one present;
   * - 'none': only the required members.
   */
  optional?: OptionalMode;
}

const OPTIONAL_MODES: readonly OptionalMode[] = ['any', 'all', 'none'];

/**
 * Valid requests. Strings span the whole Unicode range (astral included) and lean to their
 * bounds: often empty, often exactly maxLength code points (sometimes all astral), otherwise
 * anything up to the maximum. Counts lean to 0, 65536 and small numbers; every status value comes
 * up; scanJobId and sessionToken are fresh UUIDs from the schema's pattern. `text` is
 * `JSON.stringify(value)`.
 */
export function validStopRequest(constraints?: ValidStopRequestConstraints): fc.Arbitrary<ValidCase> {
  const given = checkConstraintKeys('validStopRequest', constraints, ['optional']);
  const optional = checkOneOf('validStopRequest', 'optional', given.optional, OPTIONAL_MODES) ?? 'any';
  return validBody(stopRequestRoot, { optional, forcePresent: [] }).map((body) => {
    // The walker builds from the schema the type was generated from; the self-tests hold every
    // value to that schema with ajv, which is what makes this cast safe.
    const value = body as unknown as StopCisSessionRequest;
    return { kind: 'valid', value, text: JSON.stringify(value) };
  });
}
