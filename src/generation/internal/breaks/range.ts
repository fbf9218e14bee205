// M3: a CheckCount outside its range: one past each bound, far past it, past what a 64-bit
// integer holds (servers that parse into int64/uint64 overflow there), hundreds of digits (still a
// finite double: ajv says `maximum`), past the double range altogether (1e999, a 400-digit integer:
// JSON.parse makes them ±Infinity, which ajv calls a `type` error), and an exponent form of a value
// out of range (1e5). Integers are bigints so the body carries their exact digits; an exponent is
// written only for a value out of range, never for one in range (that spelling is T2's business).
// Non-integers (1.5, "5", true) are wrong-type: ajv names them `type`.
import fc from 'fast-check';
import { RawJson, type JsonLike } from '../json';
import { displayName, type Member } from '../schemaWalk';
import { atMember, type SchemaKeyword, type Violation } from './violation';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
/** Past 64 bits but well short of where a double becomes Infinity (which would fail `type` too). */
const HUGE = 10n ** 30n;
const FAR = 2n ** 53n;

interface RangeBreak {
  variant: string;
  keyword: SchemaKeyword;
  values: fc.Arbitrary<JsonLike>;
}

/** An integer of `digits` digits (the first not 0), from a seed of digits. */
function ofDigits(digits: number, seed: readonly number[]): bigint {
  let text = String(1 + (seed[0] % 9));
  for (let i = 1; i < digits; i++) text += String(seed[i % seed.length] % 10);
  return BigInt(text);
}

/**
 * Integers of 100 to 308 digits: far past any integer type, still below Number.MAX_VALUE
 * (1.8e308), so JSON.parse keeps them finite and ajv reports the bound.
 */
const manyDigits = fc
  .tuple(fc.integer({ min: 100, max: 308 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }))
  .map(([digits, seed]) => ofDigits(digits, seed));

/** Numbers past the double range: exponent forms, and integers of 309 to 1,000 digits. */
const pastDouble = fc.oneof(
  fc.constantFrom('1e999', '9e9999', '1E400', '1e+309', '-1e999', '-1E400').map((token) => new RawJson(token)),
  fc
    .tuple(fc.integer({ min: 310, max: 1000 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.boolean())
    .map(([digits, seed, negative]) => (negative ? -ofDigits(digits, seed) : ofDigits(digits, seed))),
);

function breaksFor(minimum: number | undefined, maximum: number | undefined): RangeBreak[] {
  const out: RangeBreak[] = [];
  if (minimum !== undefined) {
    const min = BigInt(minimum);
    out.push(
      { variant: 'below-minimum', keyword: 'minimum', values: fc.constant(min - 1n) },
      { variant: 'far-below-minimum', keyword: 'minimum', values: fc.bigInt(-FAR, min - 2n) },
      {
        variant: 'beyond-64-bits-below',
        keyword: 'minimum',
        values: fc.oneof(fc.constant(INT64_MIN - 1n), fc.bigInt(-HUGE, INT64_MIN - 1n)), // -9223372036854775809 first
      },
      { variant: 'many-digits-below', keyword: 'minimum', values: manyDigits.map((n) => -n) },
    );
  }
  if (maximum !== undefined) {
    const max = BigInt(maximum);
    out.push(
      { variant: 'above-maximum', keyword: 'maximum', values: fc.constant(max + 1n) },
      { variant: 'far-above-maximum', keyword: 'maximum', values: fc.bigInt(max + 2n, FAR) },
      {
        variant: 'beyond-64-bits-above',
        keyword: 'maximum',
        // 2^64+1 (18446744073709551617) wraps to 1 in a uint64; 2^63 overflows an int64.
        values: fc.oneof(fc.constantFrom(UINT64_MAX + 2n, INT64_MAX + 1n, UINT64_MAX + 1n), fc.bigInt(UINT64_MAX + 2n, HUGE)),
      },
      { variant: 'many-digits-above', keyword: 'maximum', values: manyDigits },
      { variant: 'exponent-above-maximum', keyword: 'maximum', values: exponentAbove(maximum) },
    );
  }
  if (minimum !== undefined || maximum !== undefined) out.push({ variant: 'past-double-range', keyword: 'type', values: pastDouble });
  return out;
}

/**
 * Exponent forms of values past `maximum`: the next power of ten and a few multiples above it
 * (1e5, 7e4 for 65536). parseInt('1e5') is 1, so a server that reads counts that way lets them in.
 */
function exponentAbove(maximum: number): fc.Arbitrary<JsonLike> {
  const power = Math.ceil(Math.log10(maximum + 1));
  const mantissas = [1, 2, 5, 9].map((m) => `${m}e${power}`);
  const below = Math.floor((maximum + 1) / 10 ** (power - 1)) + 1; // 7 for 65536: 7e4 = 70000
  if (below < 10) mantissas.push(`${below}e${power - 1}`);
  mantissas.push(`1E+${power}`);
  return fc.constantFrom(...mantissas.filter((t) => Number(t) > maximum)).map((token) => new RawJson(token));
}

/** What a description shows of a value: a long integer by its digit count. */
function shown(value: JsonLike): string {
  const text = value instanceof RawJson ? value.text : String(value);
  return text.length > 40 ? `${text.slice(0, 12)}… (${text.replace('-', '').length} digits)` : text;
}

export function rangeViolations(members: readonly Member[]): Violation[] {
  return members
    .filter((member) => member.node.type === 'integer')
    .flatMap((member) =>
      breaksFor(member.node.minimum, member.node.maximum).map(({ variant, keyword, values }) =>
        atMember(
          member,
          { family: 'range', keyword, variant },
          values.map((value) => ({ value, description: `${displayName(member)} ${shown(value)}` })),
        ),
      ),
    );
}
