// S5: valid requests carrying members the model does not have, at the top level or inside one of
// the body's objects, written into the body's text (so that a name such as `__proto__` is sent as
// an ordinary member, not turned into a prototype by the object that holds it). Member names are
// case-sensitive, so a modelled member's name in another letter case is unknown too: sent beside
// the real member with a value that would be invalid for it, so that a server that reads it in
// place of the real one (a case-insensitive binder) refuses a valid request.
import fc from 'fast-check';
import type { SchemaNode } from '../schema';
import type { UnknownMembersCase, UnknownMembersLabel, ValidCase } from './types';
import { checkConstraintKeys, checkSubset } from './internal/constraints';
import { RawJson, getAt, type JsonLike } from './internal/json';
import { membersOf, stopRequestRoot, type Member } from './internal/schemaWalk';
import { textUnit } from './internal/text/alphabet';
import { exactText } from './internal/text/lengths';
import { realText } from './realText';
import { validStopRequest } from './validStopRequest';

type Variant = UnknownMembersLabel['variant'];
const VARIANTS: readonly Variant[] = ['unknown-name', 'case-variant'];

export interface UnknownMembersRequestConstraints {
  /**
   * The kinds of case to draw (default both): 'unknown-name' (3 in 4) and 'case-variant' (1 in 4).
   */
  variants?: readonly Variant[];
}

const members = membersOf(stopRequestRoot);

/** Every member name the model has, at any depth, in lower case. */
const known = new Set(members.map((m) => m.name.toLowerCase()));

/**
 * Unknown names: identifiers, names that mean something to an object model or a gateway, and real
 * text (quotes, backslashes, blanks in names). Names that differ from a modelled one only in letter
 * case are left to the 'case-variant' kind, which sends them on purpose.
 */
const unknownName: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,15}$/) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', '__type', 'x-amz-meta', 'scan job id', '', 'é', '😀') },
    { weight: 1, arbitrary: realText({ maxLength: 16, lengths: 'any' }) },
  )
  .filter((name) => !known.has(name.toLowerCase()));

/** Any JSON value, its strings real text (never a lone surrogate: T3 is not S5's business). */
const unknownValue: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2, stringUnit: textUnit });

/** The objects of a valid body an unknown member can go in. */
export function objectPaths(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return [path, ...Object.entries(value).flatMap(([name, child]) => objectPaths(child, [...path, name]))];
}

/** A member's value as JSON text: RawJson verbatim (a parser-stress value), anything else as JSON.stringify writes it. */
const written = (child: unknown): string => (child instanceof RawJson ? child.text : JSON.stringify(child));

/** JSON text of `value` with `added` members put first or last in the object at `path`. */
export function writeWithMembers(value: unknown, path: readonly string[], added: ReadonlyArray<[string, unknown]>, first: boolean): string {
  const entries = Object.entries(value as Record<string, unknown>);
  if (path.length === 0) {
    const own = entries.map(([name, child]) => `${JSON.stringify(name)}:${JSON.stringify(child)}`);
    const extra = added.map(([name, child]) => `${JSON.stringify(name)}:${written(child)}`);
    return `{${(first ? [...extra, ...own] : [...own, ...extra]).join(',')}}`;
  }
  const [head, ...rest] = path;
  return `{${entries.map(([name, child]) => `${JSON.stringify(name)}:${name === head ? writeWithMembers(child, rest, added, first) : JSON.stringify(child)}`).join(',')}}`;
}

/** Other spellings of a name that differ from it in letter case only. */
function caseVariants(name: string): string[] {
  const first = name.charAt(0);
  const toggled = (first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase()) + name.slice(1);
  return [...new Set([toggled, name.toUpperCase(), name.toLowerCase()])].filter((n) => n !== name);
}

/** A value the member's schema refuses: a word outside its enum, a broken UUID, one code point too many, a count out of range, another type. */
function invalidValueFor(node: SchemaNode): fc.Arbitrary<JsonLike> {
  if (node.type === 'string' && node.enum) {
    return fc.constantFrom('BOGUS', ...node.enum.map((v) => v.toLowerCase())).filter((v) => !node.enum?.includes(v));
  }
  if (node.type === 'string' && node.pattern !== undefined) {
    const pattern = new RegExp(node.pattern, 'u');
    return fc.constantFrom('x', '', 'not-a-uuid', '0F8FAD5B-D9CB-469F-A165-70867728950E').filter((v) => !pattern.test(v));
  }
  if (node.type === 'string' && node.maxLength !== undefined) return exactText(node.maxLength + 1);
  if (node.type === 'string') return fc.constant(1);
  if (node.type === 'integer') {
    return fc.constantFrom<JsonLike>((node.minimum ?? 0) - 1, (node.maximum ?? 0x7fffffff) + 1, '5');
  }
  return fc.constantFrom<JsonLike>('x', 1, [], true);
}

function unknownNames(valid: ValidCase): fc.Arbitrary<UnknownMembersCase> {
  return fc
    .record({
      path: fc.constantFrom(...objectPaths(valid.value)),
      added: fc.uniqueArray(fc.tuple(unknownName, unknownValue), { minLength: 1, maxLength: 3, selector: ([name]) => name }),
      first: fc.boolean(),
    })
    .map(({ path, added, first }) => ({
      kind: 'unknown-members',
      valid,
      path,
      members: added,
      text: writeWithMembers(valid.value, path, added, first),
      label: {
        requirement: 'S5',
        variant: 'unknown-name',
        description: `a valid request with unknown member(s) ${added.map(([name]) => JSON.stringify(name)).join(', ')} ${where(path)}`,
      },
    }));
}

function caseVariant(valid: ValidCase): fc.Arbitrary<UnknownMembersCase> {
  const present = members.filter((m) => getAt(valid.value as unknown as JsonLike, m.path) !== undefined);
  return fc.constantFrom(...present).chain((member: Member) => {
    const path = member.path.slice(0, -1);
    const siblings = new Set(Object.keys(getAt(valid.value as unknown as JsonLike, path) as object));
    const names = caseVariants(member.name).filter((n) => !siblings.has(n));
    return fc
      // After the real member 3 times in 4: a binder where the last key wins reads it then.
      .tuple(fc.constantFrom(...names), invalidValueFor(member.node), fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }))
      .map(([name, value, first]): UnknownMembersCase => ({
        kind: 'unknown-members',
        valid,
        path,
        members: [[name, value]],
        text: writeWithMembers(valid.value, path, [[name, value]], first),
        label: {
          requirement: 'S5',
          variant: 'case-variant',
          description: `a valid request with an unknown ${JSON.stringify(name)}: ${shown(value)} ${first ? 'before' : 'after'} ${member.name} ${where(path)}`,
          shadows: member.pointer,
        },
      }));
  });
}

const where = (path: readonly string[]): string => (path.length === 0 ? 'at the top level' : `in ${path.join('.')}`);
const shown = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 24)}… (${Array.from(String(value)).length} code points)` : text;
};

/**
 * Valid requests with unknown members (S5): 'unknown-name' adds one to three members the model
 * does not have (any JSON value, strings of real text) first or last in the body or one of its
 * objects; 'case-variant' adds, beside a modelled member present in the body, the same name in
 * another letter case (`Status`, `SCANJOBID`) carrying a value that member's schema refuses. The
 * body without the added members is `valid`, a valid request; a conforming server answers 200.
 */
export function unknownMembersRequest(constraints?: UnknownMembersRequestConstraints): fc.Arbitrary<UnknownMembersCase> {
  const given = checkConstraintKeys('unknownMembersRequest', constraints, ['variants']);
  const variants = checkSubset('unknownMembersRequest', 'variants', 'variant', given.variants, VARIANTS);
  const weights: Record<Variant, number> = { 'unknown-name': 3, 'case-variant': 1 };
  // The canonical text, with the members added: the case is about the unknown members alone.
  return validStopRequest({ optional: 'any', forms: [] }).chain((valid) =>
    fc.oneof(
      ...variants.map((variant) => ({ weight: weights[variant], arbitrary: variant === 'unknown-name' ? unknownNames(valid) : caseVariant(valid) })),
    ),
  );
}
