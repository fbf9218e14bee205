// M1/M4: valid StopCisSession bodies, drawn by walking the request schema.
import fc from 'fast-check';
import type { StopCisSessionRequest, ValidCase } from './types';
import { checkConstraintKeys, checkOneOf } from './internal/constraints';
import type { JsonObject } from './internal/json';
import { membersOf, stopRequestRoot } from './internal/schemaWalk';
import { isFilledCorner, matching } from './internal/uuid';
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
 * Valid requests. Strings are real text (see realText: mostly printable ASCII, weighted toward
 * quotes, backslashes, metacharacters, Unicode white space, controls, combining marks, bidi
 * controls, other scripts' digits, CJK, RTL and astral characters) and lean to their bounds: often
 * empty, often exactly maxLength code points (sometimes all astral, sometimes longer once
 * NFD-normalised), otherwise anything up to the maximum. Counts lean to 0, 65536 and small numbers;
 * every status value comes up; scanJobId and sessionToken are fresh UUIDs from the schema's
 * pattern, one in 16 a valid corner (nil, all f, every version and variant nibble). `text` is
 * `JSON.stringify(value)`.
 */
export function validStopRequest(constraints?: ValidStopRequestConstraints): fc.Arbitrary<ValidCase> {
  const given = checkConstraintKeys('validStopRequest', constraints, ['optional']);
  const optional = checkOneOf('validStopRequest', 'optional', given.optional, OPTIONAL_MODES) ?? 'any';
  return fc.tuple(validBody(stopRequestRoot, { optional, forcePresent: [] }), jobReplacement).map(([body, spare]) => {
    // The walker builds from the schema the type was generated from; the self-tests hold every
    // value to that schema with ajv, which is what makes this cast safe.
    const value = keepSessionFresh(body, spare) as unknown as StopCisSessionRequest;
    return { kind: 'valid', value, text: JSON.stringify(value) };
  });
}

/** The top-level members with a pattern: the pair that names a session. */
const sessionMembers = membersOf(stopRequestRoot).filter((m) => m.path.length === 1 && m.node.pattern !== undefined);
/** A fresh value from the scan job's own pattern, for a scanJobId that drew a repeating corner. */
const jobReplacement: fc.Arbitrary<string | undefined> = sessionMembers[0]?.node.pattern ? matching(sessionMembers[0].node.pattern) : fc.constant(undefined);

/**
 * Each case names a fresh session (the rules' Sessions). Zero- and f-filled corner UUIDs repeat
 * across cases, so a scanJobId never is one: a target names a session by its scan job (the
 * session-aware reference does, and a real one starting two sessions for one job would answer 409),
 * and cases sent at once must not name the same job. The corners come up as the sessionToken, beside
 * a fresh scanJobId.
 */
function keepSessionFresh(body: JsonObject, fresh: string | undefined): JsonObject {
  const job = sessionMembers[0];
  const value = job ? body[job.name] : undefined;
  if (job === undefined || fresh === undefined || typeof value !== 'string' || !isFilledCorner(value)) return body;
  return { ...body, [job.name]: fresh };
}
