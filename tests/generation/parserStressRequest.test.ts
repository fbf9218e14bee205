// parserStressRequest: the kit's checks (the body is its valid request plus one unknown member,
// which V8's JSON.parse reads however deep), then every variant at the depths and sizes it claims.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parserStressRequest } from '../../src/generation';
import { describeGenerator, sampleOf } from './kit';

// Bodies of up to 100 kB: fewer seeds than the kit's default keep this test quick.
describeGenerator('parserStressRequest', () => parserStressRequest(), { seeds: [1, 2, 3, 4, 5], runs: 100 });

const sample = sampleOf(parserStressRequest(), 600);

test('every variant comes up, nested at least 10,000 deep or with a number of 200+ digits or past the double range', () => {
  const depth = (text: string): number => {
    let d = 0;
    let most = 0;
    for (const ch of text.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
      if (ch === '[' || ch === '{') most = Math.max(most, ++d);
      else if (ch === ']' || ch === '}') d--;
    }
    return most;
  };
  for (const variant of ['deep-array', 'deep-object', 'many-digits', 'past-double-range']) {
    const cases = sample.filter((c) => c.label.variant === variant);
    assert.ok(cases.length > 80, `${variant}: ${cases.length} of 600`);
    for (const c of cases) {
      if (variant.startsWith('deep')) assert.ok(depth(c.text) > 10_000, `${variant} nested ${depth(c.text)} deep`);
      if (variant === 'many-digits') assert.match(c.text, /[-.:]\d{200,}[,}]/);
      if (variant === 'past-double-range') assert.match(c.text, /:-?\d(\.\d+)?[eE]-?\d{3,}[,}]/);
    }
  }
  const largest = Math.max(...sample.map((c) => Buffer.byteLength(c.text)));
  assert.ok(largest < 100 * 1024, `a body of ${largest} bytes: over Express's default limit, 100 KiB`);
});

test('bad constraints are refused at once with a sentence', () => {
  assert.throws(() => parserStressRequest({ forms: [] }), /forms must be a non-empty array/);
  assert.throws(() => parserStressRequest({ forms: ['deep' as 'deep-nesting'] }), /unknown form "deep"; known forms: deep-nesting, huge-number/);
});
