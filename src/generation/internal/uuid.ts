// UUIDs for the members the schema gives a pattern: fresh ones drawn from the pattern itself, a
// share of valid corner values no random draw reaches (the nil UUID, all f, zero-filled values with
// each version and variant nibble, all-digit and all-letter values), and the seeded ones that fixed
// cases use so that a replay sends the very same bytes.
import fc from 'fast-check';

/**
 * Strings matching `pattern`. Building one costs ~10 ms (fast-check compiles the regex), and an
 * invalid generator needs dozens; arbitraries hold no state, so one per pattern is shared.
 */
export function matching(pattern: string): fc.Arbitrary<string> {
  let arb = matchingCache.get(pattern);
  if (!arb) {
    arb = fc.stringMatching(new RegExp(pattern));
    matchingCache.set(pattern, arb);
  }
  return arb;
}
const matchingCache = new Map<string, fc.Arbitrary<string>>();

/** A lower-case UUID (it matches the request schema's pattern) drawn from a seeded xorshift. */
export function seededUuid(seed: number, index: number): string {
  let state = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0 || 1;
  let hex = '';
  while (hex.length < 32) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    hex += state.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The groups of a pattern written `^[class]{n}-[class]{n}…$`, as the UUID pattern is; undefined for any other shape. */
export function hexGroups(pattern: string): number[] | undefined {
  const match = /^\^((?:\[a-f0-9\]\{\d+\}-)*\[a-f0-9\]\{\d+\})\$$/.exec(pattern);
  if (!match) return undefined;
  return [...match[1].matchAll(/\{(\d+)\}/g)].map((group) => Number(group[1]));
}

const isUuidShape = (groups: number[] | undefined): boolean => groups?.join(',') === '8,4,4,4,12';

/** Index of the version nibble (first digit of the third group) and of the variant nibble (first of the fourth). */
export const VERSION_AT = 14;
export const VARIANT_AT = 19;

const HEX = [...'0123456789abcdef'];
const withAt = (uuid: string, at: number, char: string): string => uuid.slice(0, at) + char + uuid.slice(at + 1);
const filled = (fill: string): string => `${fill.repeat(8)}-${fill.repeat(4)}-${fill.repeat(4)}-${fill.repeat(4)}-${fill.repeat(12)}`;

export const NIL_UUID = filled('0');
export const MAX_UUID = filled('f');

/**
 * Valid corner UUIDs: the nil UUID and all f (a third), a zero- or f-filled UUID with any version
 * and variant nibble (a third), and fresh UUIDs of digits only or letters only.
 */
const corners: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(NIL_UUID, MAX_UUID) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('0', 'f'), fc.constantFrom(...HEX), fc.constantFrom(...HEX))
      .map(([fill, version, variant]) => withAt(withAt(filled(fill), VERSION_AT, version), VARIANT_AT, variant)),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{8}-[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{12}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-f]{8}-[a-f]{4}-[a-f]{4}-[a-f]{4}-[a-f]{12}$/) },
);

/** Whether `uuid` is one of the corners above (a random draw is all digits about once in 3 million). */
export function isCornerUuid(uuid: string): boolean {
  return isFilledCorner(uuid) || /^[0-9-]{36}$/.test(uuid) || /^[a-f-]{36}$/.test(uuid);
}

/** A zero- or f-filled corner: the same few values come up in many cases, so they are not fresh. */
export function isFilledCorner(uuid: string): boolean {
  if (uuid.length !== 36) return false;
  const rest = withAt(withAt(uuid, VERSION_AT, uuid[0]), VARIANT_AT, uuid[0]);
  return rest === NIL_UUID || rest === MAX_UUID;
}

/**
 * One corner in 8: a default run's 300 valid cases (600 UUIDs) hold some 75. The repeating ones
 * stay in the sessionToken (a scanJobId names a session and is kept fresh), where the nil UUID
 * comes up about 6 times.
 */
const CORNER_WEIGHT = 1;
const FRESH_WEIGHT = 7;

/**
 * Strings for a pattern member: fresh ones from the pattern, and for the UUID pattern a share of
 * valid corners. A pattern of another shape gets no corners (they would not be known to match it).
 */
export function patternValue(pattern: string): fc.Arbitrary<string> {
  const fresh = matching(pattern);
  if (!isUuidShape(hexGroups(pattern))) return fresh;
  return fc.oneof({ weight: FRESH_WEIGHT, arbitrary: fresh }, { weight: CORNER_WEIGHT, arbitrary: corners });
}
