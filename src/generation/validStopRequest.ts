// M1/M4: valid StopCisSession bodies, drawn by walking the request schema.
import fc from 'fast-check';
import type { StopCisSessionRequest, TextForm, ValidCase } from './types';
import { checkConstraintKeys, checkOneOf, checkSubset, describe } from './internal/constraints';
import type { JsonObject } from './internal/json';
import { membersOf, stopRequestRoot } from './internal/schemaWalk';
import { isFilledCorner, matching } from './internal/uuid';
import { validBody, type OptionalMode } from './internal/validValue';
import { TEXT_FORMS, formPlan, writeInForm } from './internal/writtenForms';

export interface ValidStopRequestConstraints {
  /**
   * Optional members, at every depth (reason, computePlatform and its members, benchmarkVersion,
   * benchmarkProfile, the eight progress counts):
   * - 'any' (default): each present or absent independently, so a sample covers the combinations;
   * - 'all': every one present;
   * - 'none': only the required members.
   */
  optional?: OptionalMode;
  /**
   * The written forms the text may take (default all three; [] for the canonical text only):
   * - 'member-order': the members of the body, message, progress or computePlatform in another order;
   * - 'whitespace': blanks before the body, after it (a final "\n", "\r\n"), between tokens
   *   (a few places, pretty-printed with LF or CRLF, Python's ", " and ": " separators);
   * - 'escapes': \u escapes for chosen characters of any string, member names included (surrogate
   *   pairs for astral ones, `\/` for a solidus), or a serialiser's habit (Python's ensure_ascii,
   *   PHP's json_encode, Go's HTML-safe escapes, every character).
   * Each is drawn in half the cases, independently (one case in eight is canonical with all three),
   * and shrinks to the canonical text, so a failure shrinks to the one textual change that matters.
   */
  forms?: readonly TextForm[];
}

const OPTIONAL_MODES: readonly OptionalMode[] = ['any', 'all', 'none'];

/** The forms asked for: all of them by default, none for []. */
function formsOf(given: unknown): readonly TextForm[] {
  if (given !== undefined && !Array.isArray(given)) {
    throw new TypeError(`validStopRequest: forms must be an array of ${TEXT_FORMS.join(', ')} ([] for the canonical text only); got ${describe(given)}`);
  }
  return Array.isArray(given) && given.length === 0 ? [] : checkSubset('validStopRequest', 'forms', 'form', given, TEXT_FORMS);
}

/**
 * Valid requests. Strings are real text (see realText: mostly printable ASCII, weighted toward
 * quotes, backslashes, metacharacters, Unicode white space, controls, combining marks, bidi
 * controls, other scripts' digits, CJK, RTL and astral characters) and lean to their bounds: often
 * empty, often exactly maxLength code points (sometimes all astral, sometimes longer once
 * NFD-normalised), otherwise anything up to the maximum. Counts lean to 0, 65536 and small numbers;
 * every status value comes up; scanJobId and sessionToken are fresh UUIDs from the schema's
 * pattern, one in 16 a valid corner (nil, all f, every version and variant nibble). `text` is the
 * value written in the forms drawn (see `forms`), `form` saying how when it is not
 * `JSON.stringify(value)`; numbers are always written as JSON.stringify writes them (T2 forms such
 * as 1.0 are tolerated, so never in a valid case) and no key repeats (T6).
 */
export function validStopRequest(constraints?: ValidStopRequestConstraints): fc.Arbitrary<ValidCase> {
  const given = checkConstraintKeys('validStopRequest', constraints, ['optional', 'forms']);
  const optional = checkOneOf('validStopRequest', 'optional', given.optional, OPTIONAL_MODES) ?? 'any';
  const forms = formsOf(given.forms);
  return fc.tuple(validBody(stopRequestRoot, { optional, forcePresent: [] }), jobReplacement, formPlan(forms)).map(([body, spare, plan]) => {
    const fresh = keepSessionFresh(body, spare);
    const { text, form } = writeInForm(fresh, plan);
    // The walker builds from the schema the type was generated from; the self-tests hold every
    // value to that schema with ajv, which is what makes this cast safe.
    const value = fresh as unknown as StopCisSessionRequest;
    return form ? { kind: 'valid', value, text, form } : { kind: 'valid', value, text };
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
