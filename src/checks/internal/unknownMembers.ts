// S5: valid requests carrying members the model does not have, at the top level or inside one of
// the body's objects, written into the body's text (so that a name such as `__proto__` is sent as
// an ordinary member, not turned into a prototype by the object that holds it).
import fc from 'fast-check';
import { validStopRequest } from '../../generation';
import type { ValidCase } from '../../generation/types';
import { resolveRef, stopRequestSchema, type SchemaNode } from '../../schema';

export interface UnknownMembersCase {
  valid: ValidCase;
  /** Where the members go: [] for the top level, ['message'], ['message', 'progress']… */
  path: string[];
  members: Array<[string, unknown]>;
  /** The body sent: the valid body with the members added. */
  text: string;
}

const root = stopRequestSchema as SchemaNode;

/** Every member name the model has, at any depth, in lower case. */
function modelledNames(node: SchemaNode, into = new Set<string>()): Set<string> {
  const resolved = resolveRef(root, node);
  for (const [name, child] of Object.entries(resolved.properties ?? {})) {
    into.add(name.toLowerCase());
    modelledNames(child, into);
  }
  return into;
}

const known = modelledNames(root);

/**
 * Unknown names. Names that differ from a modelled one only in case are left out: a server that
 * matches names case-insensitively would read them as that member, which is not what S5 asks.
 */
const unknownName: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,15}$/) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', '__type', 'x-amz-meta', 'scan job id', '', 'é', '😀') },
  )
  .filter((name) => !known.has(name.toLowerCase()));

/** Any JSON value, strings well-formed Unicode (a lone surrogate is T3's, not S5's). */
const unknownValue: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2, stringUnit: 'grapheme' });

/** The objects of a valid body an unknown member can go in. */
function objectPaths(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return [path, ...Object.entries(value).flatMap(([name, child]) => objectPaths(child, [...path, name]))];
}

/** JSON text of `value` with `members` added, first or last, to the object at `path`. */
export function writeWithMembers(value: unknown, path: readonly string[], members: ReadonlyArray<[string, unknown]>, first: boolean): string {
  const entries = Object.entries(value as Record<string, unknown>);
  if (path.length === 0) {
    const own = entries.map(([name, child]) => `${JSON.stringify(name)}:${JSON.stringify(child)}`);
    const added = members.map(([name, child]) => `${JSON.stringify(name)}:${JSON.stringify(child)}`);
    return `{${(first ? [...added, ...own] : [...own, ...added]).join(',')}}`;
  }
  const [head, ...rest] = path;
  return `{${entries.map(([name, child]) => `${JSON.stringify(name)}:${name === head ? writeWithMembers(child, rest, members, first) : JSON.stringify(child)}`).join(',')}}`;
}

export function withUnknownMembers(): fc.Arbitrary<UnknownMembersCase> {
  return validStopRequest({ optional: 'any' }).chain((valid) =>
    fc
      .record({
        path: fc.constantFrom(...objectPaths(valid.value)),
        members: fc.uniqueArray(fc.tuple(unknownName, unknownValue), { minLength: 1, maxLength: 3, selector: ([name]) => name }),
        first: fc.boolean(),
      })
      .map(({ path, members, first }) => ({ valid, path, members, text: writeWithMembers(valid.value, path, members, first) })),
  );
}

export function describeUnknownMembers(c: UnknownMembersCase): string {
  const names = c.members.map(([name]) => JSON.stringify(name)).join(', ');
  return `a valid request with unknown member(s) ${names} ${c.path.length === 0 ? 'at the top level' : `in ${c.path.join('.')}`}`;
}
