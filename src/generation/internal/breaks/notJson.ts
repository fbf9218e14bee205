// M3: a body that is not JSON at all. Most defects are ones a lenient parser (JSON5, a JS eval,
// Jackson with ALLOW_* features, Python's json with its NaN default) would let through, placed
// inside an otherwise valid request so that only the parser can be the reason for a 400. One of
// them is a raw control character (U+0000-U+001F) inside a string, which RFC 8259 §7 forbids and
// lenient readers (Python's json.loads(strict=False), Jackson's ALLOW_UNESCAPED_CONTROL_CHARS) take.
import fc from 'fast-check';
import type { SchemaNode } from '../../../schema';
import { realText } from '../../realText';
import { RawJson, codePointLength, getAt, isObject, pointerOf, setAt, writeJson, type JsonLike, type JsonLikeObject, type JsonObject } from '../json';
import type { Member } from '../schemaWalk';
import { cutTo } from '../text/lengths';
import { choose, type Broken, type Violation } from './violation';

/** Where a defect can sit: a member the base always has a parent for. */
interface Spot {
  path: readonly string[];
  name: string;
}

const JSON_WHITESPACE = /^[ \t\n\r]*$/;

/** Line terminators end a `//` comment in JS and JSON5; a comment must not hold one. */
const commentText = realText({ maxLength: 16 }).filter((c) => !/[\n\r\u2028\u2029]/.test(c));

/** A character real text never holds: where a raw control character goes once the body is written. */
const MARK = '\ufdd0';

/** Raw control characters: tab, newline, carriage return and NUL first (the ones lenient readers take), then any. */
const rawControl = fc.oneof(
  fc.constantFrom('\t', '\n', '\r', '\u0000'),
  fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
);

function notJson(variant: string, build: (base: fc.Arbitrary<JsonObject>) => fc.Arbitrary<Broken>, needs?: string): Violation {
  return {
    family: 'not-json',
    keyword: 'json',
    variant,
    pointer: '',
    ...(needs ? { needs } : {}),
    build: (base) =>
      build(base).map((broken) => {
        if (parses(broken.text)) throw new Error(`not-json '${variant}' produced parseable text ${JSON.stringify(broken.text)}`);
        return broken;
      }),
  };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The body with the value at `spot` replaced by raw text made from the value that was there. */
function withRaw(value: JsonObject, spot: Spot, raw: (current: JsonLike | undefined) => string): string {
  if (spot.path.length === 0) return raw(value);
  const body = structuredClone(value);
  setAt(body, spot.path, new RawJson(raw(getAt(body, spot.path))));
  return writeJson(body);
}

/** Members whose parents are all required, so that the base always has somewhere to put them. */
function alwaysParented(members: readonly Member[]): Member[] {
  const required = new Set(members.filter((m) => m.required).map((m) => m.pointer));
  return members.filter((m) => m.path.slice(0, -1).every((_, i) => required.has(pointerOf(m.path.slice(0, i + 1)))));
}

/** Objects that always exist and always have a member: the root and required objects with required members. */
function nonEmptyObjects(root: SchemaNode, members: readonly Member[]): Spot[] {
  const spots: Spot[] = root.required?.length ? [{ path: [], name: 'the body' }] : [];
  for (const m of alwaysParented(members)) {
    if (m.required && m.node.type === 'object' && m.node.required?.length) spots.push({ path: m.path, name: m.name });
  }
  return spots;
}

export function notJsonViolations(root: SchemaNode, members: readonly Member[]): Violation[] {
  const parented = alwaysParented(members);
  const stringSpots = parented.filter((m) => m.required && m.node.type === 'string');
  const numberSpots = parented.filter((m) => m.node.type === 'integer'); // set whether or not the base had it
  const objectSpots = nonEmptyObjects(root, members);
  // Free-text members (no pattern, no enum): a raw control there is the only fault, since the body
  // with it escaped is valid. The first one is made present in every base.
  const textSpots = members.filter((m) => m.node.type === 'string' && !m.node.pattern && !m.node.enum);
  const text = (base: fc.Arbitrary<JsonObject>): fc.Arbitrary<string> => base.map((value) => writeJson(value));
  const ieeeSpecial = (variant: string, token: string): Violation =>
    notJson(variant, (base) =>
      fc.tuple(base, fc.nat()).map(([value, pick]) => {
        const spot = choose(numberSpots, pick);
        return { text: withRaw(value, spot, () => token), description: `${spot.name} is ${token}` };
      }),
    );

  return [
    notJson('truncated', (base) =>
      fc.tuple(text(base), fc.nat()).map(([full, pick]) => {
        // Cut between code points: a cut inside a surrogate pair would leave a lone surrogate (T3).
        const chars = Array.from(full);
        const keep = 1 + (pick % (chars.length - 1));
        return { text: chars.slice(0, keep).join(''), description: `cut after ${keep} of ${chars.length} code points` };
      }),
    ),
    notJson('trailing-garbage', (base) =>
      fc
        .tuple(
          text(base),
          fc.oneof(
            fc.constantFrom('}', ']', ',', 'x', '"', '0', 'null', '{}', '\u0000'),
            realText({ minLength: 1, maxLength: 8 }).filter((g) => !JSON_WHITESPACE.test(g)),
          ),
        )
        .map(([full, garbage]) => ({ text: full + garbage, description: `trailing ${JSON.stringify(garbage)}` })),
    ),
    notJson('concatenated', (base) =>
      fc
        .tuple(text(base), text(base), fc.constantFrom('', '\n', ' '))
        .map(([a, b, sep]) => ({ text: a + sep + b, description: 'two objects back to back' })),
    ),
    notJson('line-comment', (base) =>
      fc.tuple(text(base), commentText, fc.constantFrom('start', 'inside', 'end')).map(([full, c, where]) => ({
        text: placeComment(full, `//${c}\n`, where),
        description: `a // comment ${WHERE[where]}`,
      })),
    ),
    notJson('block-comment', (base) =>
      fc
        .tuple(text(base), commentText.filter((c) => !c.includes('*/')), fc.constantFrom('start', 'inside', 'end'))
        .map(([full, c, where]) => ({ text: placeComment(full, `/*${c}*/`, where), description: `a /* */ comment ${WHERE[where]}` })),
    ),
    notJson('single-quotes', (base) =>
      fc.tuple(base, fc.nat()).map(([value, pick]) => {
        const spot = choose(stringSpots, pick);
        // The string's JSON escapes kept, only the delimiters changed (an embedded ' stays as is, as a JSON5 writer would not).
        const quoted = withRaw(value, spot, (current) => `'${JSON.stringify(current).slice(1, -1)}'`);
        return { text: quoted, description: `${spot.name} in single quotes` };
      }),
    ),
    ieeeSpecial('nan', 'NaN'),
    ieeeSpecial('infinity', 'Infinity'),
    ieeeSpecial('negative-infinity', '-Infinity'),
    notJson('trailing-comma', (base) =>
      fc.tuple(base, fc.nat()).map(([value, pick]) => {
        const spot = choose(objectSpots, pick);
        return { text: withRaw(value, spot, (current) => `${writeJson(asObject(current)).slice(0, -1)},}`), description: `a trailing comma in ${spot.name}` };
      }),
    ),
    notJson('unquoted-keys', (base) =>
      fc.tuple(base, fc.nat()).map(([value, pick]) => {
        const spot = choose(objectSpots, pick);
        const unquoted = (current: JsonLike | undefined): string =>
          `{${Object.entries(asObject(current))
            .map(([key, member]) => `${key}:${writeJson(member)}`)
            .join(',')}}`;
        return { text: withRaw(value, spot, unquoted), description: `unquoted keys in ${spot.name}` };
      }),
    ),
    notJson(
      'raw-control-char',
      (base) =>
        fc.tuple(base, fc.nat(), fc.nat(), rawControl).map(([value, pickMember, pickPlace, control]) => {
          const present = textSpots.filter((m) => typeof getAt(value, m.path) === 'string');
          const spot = choose(present, pickMember);
          const current = getAt(value, spot.path) as string;
          // One code point of room, so that the body with the control escaped is still valid.
          const max = spot.node.maxLength ?? Infinity;
          const kept = codePointLength(current) < max ? current : cutTo(current, max - 1);
          const chars = Array.from(kept);
          const at = pickPlace % (chars.length + 1);
          const body: JsonLikeObject = structuredClone(value);
          setAt(body, spot.path, [...chars.slice(0, at), MARK, ...chars.slice(at)].join(''));
          const code = control.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
          return { text: writeJson(body).replace(MARK, control), description: `a raw U+${code} inside ${spot.name}` };
        }),
      textSpots[0]?.pointer,
    ),
    notJson('empty', () => fc.constant({ text: '', description: 'an empty body' })),
    notJson('whitespace-only', () => fc.constantFrom(' ', '\n', '\r\n\t ').map((ws) => ({ text: ws, description: 'whitespace only' }))),
    notJson('lone-brace', () => fc.constant({ text: '{', description: 'a lone {' })),
  ];
}

function asObject(value: JsonLike | undefined): JsonLikeObject {
  if (!isObject(value)) throw new Error('not-json: expected an object at this spot');
  return value;
}

const WHERE = { start: 'before the body', inside: 'after the opening brace', end: 'after the body' } as const;

/** Puts a comment before the body, right after its opening brace, or after its end. */
function placeComment(body: string, comment: string, where: 'start' | 'inside' | 'end'): string {
  if (where === 'start') return comment + body;
  if (where === 'end') return body + comment;
  return `{${comment}${body.slice(1)}`;
}
