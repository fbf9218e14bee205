// Session modes: the session-aware reference (409 ConflictException to a stop of a session never
// started) is conformant in mode 'start', with every check of the suite, and non-conformant (M1) in
// mode 'any'. In mode 'start' the 409 is judged by S1 and S2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certifyReference } from './certifyServer';

test('the session-aware reference, certified with --session-mode start, is conformant with no warning', async () => {
  const run = await certifyReference({ sessions: true }, ['--session-mode', 'start', '--runs', '60']);
  assert.equal(run.code, 0, run.output);
  assert.equal(run.report.sessionMode, 'start');
  assert.deepEqual(run.failedIds, []);
  assert.deepEqual(run.report.checks.filter((c) => c.error !== undefined && c.level !== 'TOLERATED').map((c) => c.name), []);
  for (const name of ['conflictErrorTypeNamed', 'conflictErrorBodyModelled', 'repeatedStopAccepted', 'otherMethodsNotSuccessful']) {
    assert.equal(run.report.checks.find((c) => c.name === name)?.status, 'passed', name);
  }
});

test('the session-aware reference, certified in mode any, is non-conformant: M1', async () => {
  const run = await certifyReference({ sessions: true }, ['--only', 'M1', '--runs', '20']);
  assert.equal(run.code, 1, run.output);
  assert.deepEqual(run.failedIds, ['M1']);
  const m1 = run.report.checks.find((c) => c.id === 'M1' && c.status === 'failed');
  assert.equal(m1?.failure?.response.kind === 'response' && m1.failure.response.status, 409);
});
