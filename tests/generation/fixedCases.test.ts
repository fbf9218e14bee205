// The fixed cases: knownValidStop (the plain valid body scenario checks send, its UUIDs those the
// checks have always drawn) and enumNearMisses (every near miss of every enum value, each once).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enumNearMisses, knownValidStop, seededUuid } from '../../src/generation';
import { assertCase } from './kit';

test('seededUuid draws the UUIDs the checks have always drawn', () => {
  // Vectors from src/checks/internal/sessions.ts before the move: a replay must send the same bytes.
  assert.equal(seededUuid(0, 0), '512d4711-c02c-6536-ddda-ed138f6168cf');
  assert.equal(seededUuid(1, 0), '51296730-c424-6337-4016-45d69d34f180');
  assert.equal(seededUuid(424242, 1), '897104e1-9443-72f7-b9a0-10d9ccd6cd84');
  assert.equal(seededUuid(-5, 7), '8948d8b6-d994-62b9-edae-6358196b04fa');
  assert.equal(seededUuid(2 ** 31, 1000001), '1e33fafe-4ced-4348-7402-104af76222af');
});

test('knownValidStop is the minimal valid stop naming seeded session index by index', () => {
  const c = knownValidStop(424242, 3);
  assertCase(c);
  assert.equal(c.text, `{"scanJobId":"${seededUuid(424242, 6)}","sessionToken":"${seededUuid(424242, 7)}","message":{"status":"SUCCESS","progress":{}}}`);
  assert.notEqual(knownValidStop(424242, 4).value.scanJobId, c.value.scanJobId, 'each index names a fresh session');
  assert.deepEqual(knownValidStop(424242, 3), c, 'the same seed and index give the same body');
});

test('knownValidStop lays valid overrides over the body and refuses invalid ones with a sentence', () => {
  const c = knownValidStop(1, 0, { message: { status: 'FAILED', reason: 'it\'s "50%" done; <see log>', progress: { totalChecks: 65536 } } });
  assertCase(c);
  assert.equal(c.value.message.status, 'FAILED');
  assert.deepEqual(Object.keys(c.value.message), ['status', 'progress', 'reason']);
  assertCase(knownValidStop(1, 0, { scanJobId: '00000000-0000-0000-0000-000000000000' }));
  assert.throws(() => knownValidStop(1, 0, { message: { status: 'BOGUS' as 'FAILED' } }), /knownValidStop: the overrides make the body invalid \(\/message\/status .*\); draw invalid bodies from invalidStopRequest/);
  assert.throws(() => knownValidStop(1, 0, { scanJobId: 'X' }), /overrides make the body invalid/);
  assert.throws(() => knownValidStop(1, 0, { sessionTokn: 'x' } as never), /unknown constraint "sessionTokn"/);
  assert.throws(() => knownValidStop(1.5, 0), /seed must be a whole number, got 1.5/);
});

test('enumNearMisses lists every near miss of every status value and other enums\' words, once each, labelled', () => {
  const cases = enumNearMisses();
  for (const c of cases) assertCase(c);
  const texts = cases.map((c) => (JSON.parse(c.text) as { message: { status: string } }).message.status);
  assert.equal(new Set(texts).size, texts.length, 'a status twice');
  for (const expected of ['success', 'Failed', 'SUCCES', 'SUCCESSS', 'FAIL', 'UNSUPPORTED', 'UNSUPPORTED-OS', 'UNSUPPORTED OS', 'UNSUPPORTEDOS', 'INTERRUPTE', 'COMPLETED', 'CANCELLED', 'IN_PROGRESS', 'PASSED', 'SUCCEEDED']) {
    assert.ok(texts.includes(expected), `never ${expected}`);
  }
  assert.deepEqual([...new Set(cases.map((c) => c.label.variant))].sort(), ['lower-case', 'near-miss', 'title-case']);
  assert.deepEqual(enumNearMisses({ seed: 3 }).map((c) => c.label), cases.map((c) => c.label), 'the seed changes the UUIDs only');
  assert.throws(() => enumNearMisses({ seed: 'x' } as never), /seed must be a whole number/);
});
