// Arbitraries for values a schema node accepts, biased to the node's boundaries: M4 says the
// edges (empty strings, strings exactly at their maximum in code points, CheckCount 0 and
// 65536, every enum value) are where implementations go wrong, so the edges come up often.
import fc from 'fast-check';
import type { SchemaNode } from '../../schema';
import type { JsonObject, JsonValue } from './json';
import { pointerOf } from './json';
import { resolved } from './schemaWalk';
import { realText } from '../realText';
import { patternValue } from './uuid';

/** Whether optional members are drawn present or absent. */
export type OptionalMode = 'any' | 'all' | 'none';

export interface ValueOptions {
  /** 'any': each optional member present or absent independently; 'all': all present; 'none': all absent. */
  optional: OptionalMode;
  /** Pointers that must be present whatever `optional` says (with all their ancestors). */
  forcePresent: readonly string[];
}

/** How long a string with no maxLength may grow; none in this schema, but the walker stays total. */
const UNBOUNDED_STRING_CAP = 64;

/** A valid value for `node`, found at `pointer` in the request. */
export function validValue(root: SchemaNode, node: SchemaNode, pointer: string, options: ValueOptions): fc.Arbitrary<JsonValue> {
  const n = resolved(root, node);
  switch (n.type) {
    case 'object':
      return validObject(root, n, pointer, options);
    case 'string':
      return validString(n);
    case 'integer':
      return validInteger(n);
    default:
      throw new Error(`validValue: schema type ${String(n.type)} at ${pointer || '(root)'} is not supported by the walker`);
  }
}

/** A valid body for the object schema `root`. */
export function validBody(root: SchemaNode, options: ValueOptions): fc.Arbitrary<JsonObject> {
  const node = resolved(root, root);
  if (node.type !== 'object') throw new Error(`validBody: the root schema is ${String(node.type)}, not an object`);
  return validObject(root, node, '', options);
}

function validObject(root: SchemaNode, node: SchemaNode, pointer: string, options: ValueOptions): fc.Arbitrary<JsonObject> {
  const required = new Set(node.required ?? []);
  const model: Record<string, fc.Arbitrary<JsonValue | undefined>> = {};
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const childPointer = pointer + pointerOf([name]);
    const value = validValue(root, child, childPointer, options);
    // A forced pointer forces its ancestors too: '/message/computePlatform/vendor' needs computePlatform.
    const forced = options.forcePresent.some((p) => p === childPointer || p.startsWith(`${childPointer}/`));
    if (required.has(name) || forced || options.optional === 'all') model[name] = value;
    else if (options.optional === 'none') model[name] = fc.constant(undefined);
    // freq 2: absent half of the time; fast-check shrinks an option toward absent.
    else model[name] = fc.option(value, { nil: undefined, freq: 2 });
  }
  return fc.record(model).map((drawn) => {
    const out: JsonObject = {};
    for (const [name, value] of Object.entries(drawn)) if (value !== undefined) out[name] = value;
    return out;
  });
}

function validString(node: SchemaNode): fc.Arbitrary<string> {
  if (node.enum) return fc.constantFrom(...node.enum);
  // A fresh value per case from the pattern itself (session mode `any` wants fresh UUIDs), and now
  // and then a valid corner value.
  if (node.pattern !== undefined) return patternValue(node.pattern);
  const min = node.minLength ?? 0;
  if (node.maxLength === undefined) return realText({ minLength: min, maxLength: min + UNBOUNDED_STRING_CAP, lengths: 'any' });
  // Real text leaning to its bounds: empty, exactly at the maximum (plain, all astral, or longer
  // once NFD-normalised), anything in between.
  return realText({ minLength: min, maxLength: node.maxLength });
}

function validInteger(node: SchemaNode): fc.Arbitrary<number> {
  const min = node.minimum ?? -0x80000000; // unbounded integers: fast-check's own default range
  const max = node.maximum ?? 0x7fffffff;
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 2, arbitrary: fc.integer({ min, max: Math.min(max, min + 16) }) }, // the minimum and small counts
    { weight: 1, arbitrary: fc.constant(min) },
    { weight: 2, arbitrary: fc.constant(max) },
    { weight: 2, arbitrary: fc.integer({ min, max }) },
  );
}
