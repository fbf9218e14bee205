// Checks a generator's constraints object up front, so a typo fails with a sentence at the call
// site instead of a silently different sample.

/** Throws when `given` is not a plain object or has a key outside `known`. Returns it typed as a record. */
export function checkConstraintKeys(generator: string, given: unknown, known: readonly string[]): Record<string, unknown> {
  if (given === undefined) return {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new TypeError(`${generator}: constraints must be an object, got ${describe(given)}`);
  }
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      throw new TypeError(`${generator}: unknown constraint "${key}"; known constraints: ${known.join(', ')}`);
    }
  }
  return given as Record<string, unknown>;
}

/** Throws unless `value` is undefined or one of `allowed`. */
export function checkOneOf<T extends string>(generator: string, name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${generator}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

/**
 * Throws unless `value` is undefined (then all of `allowed`) or a non-empty array of members of
 * `allowed`; returns them without repeats. `name` is the constraint (`forms`), `item` one of its
 * members (`form`).
 */
export function checkSubset<T extends string>(generator: string, name: string, item: string, value: unknown, allowed: readonly T[]): readonly T[] {
  if (value === undefined) return allowed;
  if (!Array.isArray(value) || value.length === 0) {
    throw new TypeError(`${generator}: ${name} must be a non-empty array of ${allowed.join(', ')}; got ${describe(value)}${Array.isArray(value) ? ' (empty)' : ''}`);
  }
  for (const member of value) {
    if (!(allowed as readonly unknown[]).includes(member)) throw new RangeError(`${generator}: unknown ${item} ${describe(member)}; known ${name}: ${allowed.join(', ')}`);
  }
  return [...new Set(value as T[])];
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}
