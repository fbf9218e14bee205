// The faulty variants of src/reference/variants/inputs.ts, proven at the generation level: served
// on 127.0.0.1, each answers at least one case of the generator (or family, or variant) it was
// written for wrongly, while the plain reference answers every one of those cases rightly; and the
// variants that only mishandle invalid or odd input still answer plain valid requests 200, so each
// is one targeted mistake. The conforming variants answer every case of theirs as T12/T13 allow.
// Checks that send these families end to end live in src/checks (see the report of issue 12).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Pool } from 'undici';
import {
  invalidStopRequest,
  parserStressRequest,
  payloadOf,
  toleratedStopRequest,
  unknownMembersRequest,
  validStopRequest,
  type AnyCase,
  type ViolationFamily,
} from '../../src/generation';
import { variantNamed } from '../../src/reference/variants';
import type { ReferenceOptions } from '../../src/reference/server';
import { withServer } from '../support/withServer';

/** What a conforming server answers: valid and unknown members 200, invalid 400, tolerated 200 or 400, stress anything but 5xx. */
function answeredRightly(c: AnyCase, status: number): boolean {
  switch (c.kind) {
    case 'valid':
    case 'unknown-members':
      return status === 200;
    case 'invalid':
      return status === 400;
    case 'tolerated':
      return status === 200 || status === 400;
    case 'stress':
      return status < 500;
  }
}

/** Sends every case (8 at a time) and returns those answered wrongly, with what came back. */
async function wronglyAnswered(options: ReferenceOptions, cases: readonly AnyCase[]): Promise<Array<{ c: AnyCase; status: number }>> {
  return withServer(options, async (url) => {
    const pool = new Pool(url, { connections: 8 });
    const wrong: Array<{ c: AnyCase; status: number }> = [];
    try {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < cases.length) {
          const c = cases[next++];
          const response = await pool.request({ method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body: payloadOf(c) });
          await response.body.dump();
          if (!answeredRightly(c, response.statusCode)) wrong.push({ c, status: response.statusCode });
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    } finally {
      await pool.close();
    }
    return wrong;
  });
}

const sample = <T extends AnyCase>(arb: fc.Arbitrary<T>, runs = 300, seed = 1): T[] => fc.sample(arb, { seed, numRuns: runs });
const family = (f: ViolationFamily, variant?: string): AnyCase[] =>
  sample(invalidStopRequest({ families: [f] }), variant ? 1500 : 300).filter((c) => !variant || c.label.variant === variant).slice(0, 300);

interface Proof {
  variant: string;
  /** The cases it was written for: the generator, family or variant that catches it. */
  caughtBy: string;
  cases: () => AnyCase[];
  /** Whether plain valid requests stay 200 (false for the M1/M4 variants, whose mistake is about valid input). */
  validStaysAccepted: boolean;
}

const PROOFS: Proof[] = [
  { variant: 'free-text-sanitised', caughtBy: 'validStopRequest (real text)', cases: () => sample(validStopRequest()), validStaysAccepted: false },
  { variant: 'uuid-nil-refused', caughtBy: 'validStopRequest (corner UUIDs)', cases: () => sample(validStopRequest()), validStaysAccepted: false },
  { variant: 'uuid-unicode-digit-class', caughtBy: 'pattern other-script-digit', cases: () => family('pattern', 'other-script-digit'), validStaysAccepted: true },
  { variant: 'uuid-nfkc-folded', caughtBy: 'pattern fullwidth', cases: () => family('pattern', 'fullwidth'), validStaysAccepted: true },
  { variant: 'uuid-dash-positions-unchecked', caughtBy: 'pattern dash-moved', cases: () => family('pattern', 'dash-moved'), validStaysAccepted: true },
  { variant: 'member-names-case-insensitive', caughtBy: 'member-name', cases: () => family('member-name'), validStaysAccepted: true },
  { variant: 'case-variant-bound-after-validation', caughtBy: 'unknownMembersRequest case-variant', cases: () => sample(unknownMembersRequest()), validStaysAccepted: true },
  // NFC also lengthens a few code points (U+2ADC), so a valid string at its maximum can be refused too.
  { variant: 'lengths-counted-after-nfc', caughtBy: 'length one-over-nfc-fits', cases: () => family('length', 'one-over-nfc-fits'), validStaysAccepted: false },
  { variant: 'lengths-counted-after-nfd', caughtBy: 'validStopRequest (at the maximum, NFD-longer)', cases: () => sample(validStopRequest()), validStaysAccepted: false },
  { variant: 'json-raw-control-chars-accepted', caughtBy: 'not-json raw-control-char', cases: () => family('not-json', 'raw-control-char'), validStaysAccepted: true },
  { variant: 'recursive-parser-overflows', caughtBy: 'not-object deep-nesting, parserStressRequest', cases: () => [...family('not-object', 'deep-nesting').slice(0, 50), ...sample(parserStressRequest({ forms: ['deep-nesting'] }), 50)], validStaysAccepted: true },
  { variant: 'number-overflow-crashes', caughtBy: 'range past-double-range, parserStressRequest', cases: () => [...family('range', 'past-double-range').slice(0, 100), ...sample(parserStressRequest({ forms: ['huge-number'] }), 100)], validStaysAccepted: true },
  { variant: 'invalid-utf8-crashes', caughtBy: 'toleratedStopRequest T13', cases: () => sample(toleratedStopRequest({ forms: ['invalid-utf8'] }), 100), validStaysAccepted: true },
];

const controls = sample(validStopRequest(), 100, 7);

for (const proof of PROOFS) {
  test(`${proof.variant} answers a case of ${proof.caughtBy} wrongly; the reference answers them all rightly`, async () => {
    const variant = variantNamed(proof.variant);
    assert.ok(variant && variant.kind === 'faulty', `${proof.variant} is a faulty variant of the catalogue`);
    const cases = proof.cases();
    assert.ok(cases.length >= 50, `only ${cases.length} cases to send`);
    const byReference = await wronglyAnswered({}, cases);
    assert.deepEqual(byReference.map(({ c, status }) => `${status}: ${describe(c)}`), [], 'the reference answers every case rightly');
    const byVariant = await wronglyAnswered(variant.options, cases);
    assert.ok(byVariant.length > 0, `${proof.variant} answers all ${cases.length} cases rightly: nothing catches it`);
    if (variant.violates === 'M5') assert.ok(byVariant.some(({ status }) => status >= 500), 'an M5 variant answers 5xx');
    if (proof.validStaysAccepted) {
      const onValid = await wronglyAnswered(variant.options, controls);
      assert.deepEqual(onValid.map(({ c, status }) => `${status}: ${describe(c)}`), [], `${proof.variant} mishandles plain valid requests too`);
    }
  });
}

test('bom-skipped and invalid-utf8-refused answer every tolerated case 200 or 400, and make the other choice than the reference', async () => {
  const bom = sample(toleratedStopRequest({ forms: ['bom'] }), 50);
  const utf8 = sample(toleratedStopRequest({ forms: ['invalid-utf8'] }), 50);
  const statuses = async (options: ReferenceOptions, cases: AnyCase[]): Promise<Set<number>> =>
    withServer(options, async (url) => {
      const pool = new Pool(url, { connections: 4 });
      const seen = new Set<number>();
      try {
        for (const c of cases) {
          const response = await pool.request({ method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body: payloadOf(c) });
          await response.body.dump();
          seen.add(response.statusCode);
        }
      } finally {
        await pool.close();
      }
      return seen;
    });
  assert.deepEqual([...(await statuses({}, bom))], [400], 'the reference refuses a BOM (T12)');
  assert.deepEqual([...(await statuses(variantNamed('bom-skipped')?.options ?? {}, bom))], [200]);
  assert.deepEqual([...(await statuses({}, utf8))], [200], 'the reference decodes invalid UTF-8 to U+FFFD (T13)');
  assert.deepEqual([...(await statuses(variantNamed('invalid-utf8-refused')?.options ?? {}, utf8))], [400]);
  for (const name of ['bom-skipped', 'invalid-utf8-refused']) {
    const variant = variantNamed(name);
    assert.ok(variant && variant.kind === 'conforming');
    assert.deepEqual((await wronglyAnswered(variant.options, [...controls, ...bom, ...utf8])).map(({ c, status }) => `${status}: ${describe(c)}`), []);
  }
});

function describe(c: AnyCase): string {
  return c.kind === 'valid' ? `a valid request ${c.text.slice(0, 120)}` : `${c.label.description} ${c.text.slice(0, 80)}`;
}
