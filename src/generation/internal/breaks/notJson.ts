// M3: a body that is not JSON at all. Most defects are ones a lenient parser (JSON5, a JS eval,
// Jackson with ALLOW_* features, Python's json with its NaN default) would let through, placed
// inside an otherwise valid request so that only the parser can be the reason for a 400. One of
// them is a raw control character (U+0000-U+001F) inside a string, which RFC 8259 §7 forbids and
// lenient readers (Python's json.loads(strict=False), Jackson's ALLOW_UNESCAPED_CONTROL_CHARS) take.
//
// The token defects (NaN, Infinity, -Infinity, comments, single quotes, trailing commas, leading
// zeros, +1, hex numbers, unquoted names, undefined) each come in every place (NotJsonPlace): in a
// modelled member, and where no schema member is checked, which is where a parser lenient only
// there (Python's json.loads reading NaN as a number, a binder that skips unknown values without
// reading them) lets them through: an unknown member at any level (an extra inside computePlatform
// or progress, the object made present when the base lacks it), or inside an array it holds.
import fc from 'fast-check';
import type { SchemaNode } from '../../../schema';
import type { NotJsonPlace } from '../../types';
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

/** A not-json violation; its cases say where the defect sits, 'body' unless the builder says otherwise. */
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
        return { ...broken, place: broken.place ?? 'body' };
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

/** Names no object of the model has: where an unknown member goes. */
const UNKNOWN_NAMES = ['extra', 'debug', 'x-trace', 'metadata', 'agentVersion', 'notes', 'retries', 'hostname'];

/** Small JSON values, as text: what an unknown member or an array holds beside the defect. */
const smallJson: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -1000, max: 65536 }).map(String),
  fc.constantFrom('true', 'false', 'null', '{}', '[]'),
  realText({ maxLength: 8 }).map((text) => JSON.stringify(text)),
);

/** A token defect as the text of a value (or of a value and what is beside it), for an unknown member or an array item. */
interface DefectText {
  text: string;
  what: string;
}

const constantDefect = (text: string): fc.Arbitrary<DefectText> => fc.constant({ text, what: text });

/** How each token defect is written where no member is checked. */
const DEFECT_TEXTS: Record<string, fc.Arbitrary<DefectText>> = {
  nan: constantDefect('NaN'),
  infinity: constantDefect('Infinity'),
  'negative-infinity': constantDefect('-Infinity'),
  'leading-zero': fc.integer({ min: 0, max: 999 }).map((n) => ({ text: `0${n}`, what: `the number 0${n} (a leading zero)` })),
  'plus-sign': fc.integer({ min: 0, max: 65536 }).map((n) => ({ text: `+${n}`, what: `the number +${n}` })),
  'hex-number': fc.tuple(fc.integer({ min: 0, max: 65536 }), fc.boolean()).map(([n, upper]) => {
    const text = `0${upper ? 'X' : 'x'}${n.toString(16)}`;
    return { text, what: `the hex number ${text}` };
  }),
  undefined: constantDefect('undefined'),
  'single-quotes': realText({ maxLength: 12 })
    .filter((t) => !t.includes("'"))
    .map((t) => ({ text: `'${JSON.stringify(t).slice(1, -1)}'`, what: 'a single-quoted string' })),
  'trailing-comma': fc.tuple(fc.array(smallJson, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([items, object]) => ({
    text: object ? `{${items.map((v, i) => `"k${i}":${v}`).join(',')},}` : `[${items.join(',')},]`,
    what: `a trailing comma in ${object ? 'an object' : 'an array'}`,
  })),
  'unquoted-keys': fc.tuple(fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,7}$/), smallJson).map(([key, v]) => ({ text: `{${key}:${v}}`, what: `an object with the unquoted key ${key}` })),
  // A comment inside the value (an array or object it holds), so that it is part of what is skipped.
  'line-comment': fc.tuple(smallJson, commentText, fc.boolean()).map(([v, c, object]) => ({ text: object ? `{"k":${v}//${c}\n}` : `[${v}//${c}\n]`, what: 'a // comment' })),
  'block-comment': fc
    .tuple(smallJson, commentText.filter((c) => !c.includes('*/')), fc.boolean())
    .map(([v, c, object]) => ({ text: object ? `{"k":/*${c}*/${v}}` : `[/*${c}*/${v}]`, what: 'a /* */ comment' })),
};

/** The body with an unknown member added to the object at `level` (made present when absent), first or last. */
function withUnknown(value: JsonObject, level: readonly string[], name: string, raw: string, first: boolean): string {
  const body: JsonLikeObject = structuredClone(value);
  let holder = body;
  for (const key of level) {
    if (!isObject(holder[key])) holder[key] = {};
    holder = holder[key] as JsonLikeObject;
  }
  const entries = Object.entries(holder);
  if (first) for (const [key] of entries) delete holder[key];
  holder[name] = new RawJson(raw);
  if (first) for (const [key, member] of entries) holder[key] = member;
  return writeJson(body);
}

const levelName = (level: readonly string[]): string => (level.length === 0 ? 'of the body' : `of ${level.join('.')}`);

/** An unknown member holding the defect, or an array holding it (after a few values, or inside an object in it). */
function unknownPlace(levels: ReadonlyArray<readonly string[]>, place: 'unknown-member' | 'unknown-array') {
  return fc.record({
    level: fc.constantFrom(...levels),
    name: fc.constantFrom(...UNKNOWN_NAMES),
    first: fc.boolean(),
    before: place === 'unknown-array' ? fc.array(smallJson, { maxLength: 2 }) : fc.constant([]),
    nested: place === 'unknown-array' ? fc.boolean() : fc.constant(false),
  });
}

type Modelled = (base: fc.Arbitrary<JsonObject>) => fc.Arbitrary<Broken>;

/**
 * One token defect in each of its places, each as likely as the others: `modelled` writes it in the
 * body's own structure ('body', 'member'), and the unknown places put DEFECT_TEXTS[variant] in an
 * unknown member, or in an array an unknown member holds, at any of `levels`.
 */
function everywhere(variant: string, levels: ReadonlyArray<readonly string[]>, modelled: Partial<Record<'body' | 'member', Modelled>>): Violation {
  const defect = DEFECT_TEXTS[variant];
  const unknown = (place: 'unknown-member' | 'unknown-array') => (base: fc.Arbitrary<JsonObject>): fc.Arbitrary<Broken> =>
    fc.tuple(base, defect, unknownPlace(levels, place)).map(([value, d, at]): Broken => {
      const raw = place === 'unknown-array' ? `[${[...at.before, at.nested ? `{"k":${d.text}}` : d.text].join(',')}]` : d.text;
      const how = place === 'unknown-array' ? 'inside an array held by' : 'in';
      return { text: withUnknown(value, at.level, at.name, raw, at.first), description: `${d.what} ${how} an unknown member ${JSON.stringify(at.name)} ${levelName(at.level)}`, place };
    });
  const builders: Array<[NotJsonPlace, Modelled]> = [
    ...(Object.entries(modelled) as Array<[NotJsonPlace, Modelled]>),
    ['unknown-member', unknown('unknown-member')],
    ['unknown-array', unknown('unknown-array')],
  ];
  return notJson(variant, (base) => fc.oneof(...builders.map(([place, build]) => build(base).map((broken) => ({ ...broken, place })))));
}

export function notJsonViolations(root: SchemaNode, members: readonly Member[]): Violation[] {
  const parented = alwaysParented(members);
  const stringSpots = parented.filter((m) => m.required && m.node.type === 'string');
  const numberSpots = parented.filter((m) => m.node.type === 'integer'); // set whether or not the base had it
  const optionalSpots = parented.filter((m) => !m.required); // set whether or not the base had it
  const requiredSpots = parented.filter((m) => m.required);
  const objectSpots = nonEmptyObjects(root, members);
  // Every object of the model, where an unknown member can go: the body, message, progress, computePlatform.
  const levels = [[], ...members.filter((m) => m.node.type === 'object').map((m) => m.path)];
  // Free-text members (no pattern, no enum): a raw control there is the only fault, since the body
  // with it escaped is valid. The first one is made present in every base.
  const textSpots = members.filter((m) => m.node.type === 'string' && !m.node.pattern && !m.node.enum);
  const text = (base: fc.Arbitrary<JsonObject>): fc.Arbitrary<string> => base.map((value) => writeJson(value));
  /** A count written as `spell` writes it (NaN, 012, +12, 0xc…): a lenient reader takes a count in range, or a number no validator checks. */
  const inCount = (spell: (count: number) => string): Modelled => (base) =>
    fc.tuple(base, fc.nat()).map(([value, pick]) => {
      const spot = choose(numberSpots, pick);
      const current = getAt(value, spot.path);
      const raw = spell(typeof current === 'number' ? current : pick % 100);
      return { text: withRaw(value, spot, () => raw), description: `${spot.name} is ${raw}` };
    });
  /** A comment written right before a modelled member's value. */
  const beforeMember = (comment: fc.Arbitrary<string>): Modelled => (base) =>
    fc.tuple(base, fc.nat(), comment).map(([value, pick, c]) => {
      const spot = choose(requiredSpots, pick);
      return { text: withRaw(value, spot, (current) => `${c}${writeJson(current ?? null)}`), description: `a comment before the value of ${spot.name}` };
    });
  const lineComment = commentText.map((c) => `//${c}\n`);
  const blockComment = commentText.filter((c) => !c.includes('*/')).map((c) => `/*${c}*/`);

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
    everywhere('line-comment', levels, {
      body: (base) =>
        fc.tuple(text(base), lineComment, fc.constantFrom('start', 'inside', 'end')).map(([full, c, at]) => ({
          text: placeComment(full, c, at),
          description: `a // comment ${WHERE[at]}`,
        })),
      member: beforeMember(lineComment),
    }),
    everywhere('block-comment', levels, {
      body: (base) =>
        fc.tuple(text(base), blockComment, fc.constantFrom('start', 'inside', 'end')).map(([full, c, at]) => ({ text: placeComment(full, c, at), description: `a /* */ comment ${WHERE[at]}` })),
      member: beforeMember(blockComment),
    }),
    everywhere('single-quotes', levels, {
      member: (base) =>
        fc.tuple(base, fc.nat()).map(([value, pick]) => {
          const spot = choose(stringSpots, pick);
          // The string's JSON escapes kept, only the delimiters changed (an embedded ' stays as is, as a JSON5 writer would not).
          const quoted = withRaw(value, spot, (current) => `'${JSON.stringify(current).slice(1, -1)}'`);
          return { text: quoted, description: `${spot.name} in single quotes` };
        }),
    }),
    everywhere('nan', levels, { member: inCount(() => 'NaN') }),
    everywhere('infinity', levels, { member: inCount(() => 'Infinity') }),
    everywhere('negative-infinity', levels, { member: inCount(() => '-Infinity') }),
    everywhere('leading-zero', levels, { member: inCount((n) => `0${n}`) }),
    everywhere('plus-sign', levels, { member: inCount((n) => `+${n}`) }),
    everywhere('hex-number', levels, { member: inCount((n) => `0x${n.toString(16)}`) }),
    everywhere('undefined', levels, {
      // In an optional member: read as absent by a JS-eval reader, so the body is otherwise valid.
      member: (base) =>
        fc.tuple(base, fc.nat()).map(([value, pick]) => {
          const spot = choose(optionalSpots, pick);
          return { text: withRaw(value, spot, () => 'undefined'), description: `${spot.name} is undefined` };
        }),
    }),
    everywhere('trailing-comma', levels, {
      member: (base) =>
        fc.tuple(base, fc.nat()).map(([value, pick]) => {
          const spot = choose(objectSpots, pick);
          return { text: withRaw(value, spot, (current) => `${writeJson(asObject(current)).slice(0, -1)},}`), description: `a trailing comma in ${spot.name}` };
        }),
    }),
    everywhere('unquoted-keys', levels, {
      member: (base) =>
        fc.tuple(base, fc.nat()).map(([value, pick]) => {
          const spot = choose(objectSpots, pick);
          const unquoted = (current: JsonLike | undefined): string =>
            `{${Object.entries(asObject(current))
              .map(([key, member]) => `${key}:${writeJson(member)}`)
              .join(',')}}`;
          return { text: withRaw(value, spot, unquoted), description: `unquoted keys in ${spot.name}` };
        }),
    }),
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
          return { text: writeJson(body).replace(MARK, control), description: `a raw U+${code} inside ${spot.name}`, place: 'member' };
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
