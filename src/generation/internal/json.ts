// JSON values as the generators build them, and the one writer that turns a (possibly broken)
// value into the body text. The writer exists because JSON.stringify cannot say what some
// invalid cases must say: integers beyond 64 bits as exact digits (a bigint), and deliberately
// non-JSON member values (NaN, single-quoted strings) spliced in verbatim.

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Text written verbatim where a value would go: how a not-json case puts `NaN` inside a member. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** What a broken request may hold: any JSON value, an exact big integer, or raw text. */
export type JsonLike = null | boolean | number | string | bigint | RawJson | JsonLike[] | JsonLikeObject;
export interface JsonLikeObject {
  [key: string]: JsonLike;
}

/**
 * Serialises like JSON.stringify (same key order, same string escapes), plus bigints as plain
 * digits and RawJson verbatim. Refuses a number it would have to write with an exponent or that
 * is not finite: `1e21` is T2 (an integral value in exponent form is tolerated, so it must never
 * be what makes a case invalid), and NaN must be asked for explicitly with RawJson.
 */
export function writeJson(value: JsonLike): string {
  if (value === null) return 'null';
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(writeJson).join(',')}]`;
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return writeNumber(value);
    default:
      return `{${Object.entries(value)
        .map(([key, member]) => `${JSON.stringify(key)}:${writeJson(member)}`)
        .join(',')}}`;
  }
}

function writeNumber(n: number): string {
  const text = String(n);
  if (!Number.isFinite(n) || /e/i.test(text)) {
    throw new Error(`writeJson: ${text} has no plain-digit JSON form; use a bigint or RawJson`);
  }
  return text;
}

/** RFC 6901 pointer to a path of member names. */
export function pointerOf(path: readonly string[]): string {
  return path.map((key) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Marks a member to delete, for setAt. */
export const REMOVE: unique symbol = Symbol('remove');

/** Sets (or, given REMOVE, deletes) the member at `path`, whose parents must exist. */
export function setAt(root: JsonLikeObject, path: readonly string[], value: JsonLike | typeof REMOVE): void {
  if (path.length === 0) throw new Error('setAt: the root itself cannot be replaced here');
  const parent = getAt(root, path.slice(0, -1));
  if (!isObject(parent)) throw new Error(`setAt: no object at ${pointerOf(path)}'s parent`);
  const last = path[path.length - 1];
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
}

/** The value at `path`, or undefined. */
export function getAt(root: JsonLike, path: readonly string[]): JsonLike | undefined {
  let node: JsonLike | undefined = root;
  for (const key of path) {
    if (node === undefined || !isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

export function isObject(value: JsonLike | undefined): value is JsonLikeObject {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RawJson)
  );
}

/** Length in code points (Unicode scalar values), as Smithy's `length` and ajv's maxLength count. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
