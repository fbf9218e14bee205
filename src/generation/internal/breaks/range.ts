// M3: a CheckCount outside its range: one past each bound, far past it, and past what a 64-bit
// integer holds (servers that parse into int64/uint64 overflow there). Values are bigints so the
// body carries their exact digits, never an exponent (`1e20` would be T2's business, not ours).
// Non-integers (1.5, "5", true) are wrong-type: ajv names them `type`.
import fc from 'fast-check';
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
  values: fc.Arbitrary<bigint>;
}

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
    );
  }
  return out;
}

export function rangeViolations(members: readonly Member[]): Violation[] {
  return members
    .filter((member) => member.node.type === 'integer')
    .flatMap((member) =>
      breaksFor(member.node.minimum, member.node.maximum).map(({ variant, keyword, values }) =>
        atMember(
          member,
          { family: 'range', keyword, variant },
          values.map((value) => ({ value, description: `${displayName(member)} ${value}` })),
        ),
      ),
    );
}
