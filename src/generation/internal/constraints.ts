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

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}
