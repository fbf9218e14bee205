// The fixed invalid bodies of the scenario checks, held to their labels by the kit's oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knownInvalidStop, twoViolationsStop } from '../../src/generation';
import { validateStopRequest } from '../../src/schema';
import { assertCase } from './kit';

test('each fixed break carries exactly the violation its label names', () => {
  for (const seed of [0, 1, 7, 424242]) {
    for (const kind of ['bad-status', 'missing-scan-job-id', 'truncated'] as const) assertCase(knownInvalidStop(seed, 3, kind));
  }
});

test('the two-violation body fails the schema at both labelled members and nowhere else', () => {
  for (const seed of [0, 1, 7, 424242]) {
    const c = twoViolationsStop(seed, 0);
    const { errors } = validateStopRequest(JSON.parse(c.text));
    assert.deepEqual([...new Set(errors.map((e) => `${e.instancePath} ${e.keyword}`))].sort(), c.labels.map((l) => `${l.pointer} ${l.keyword}`).sort());
  }
});
