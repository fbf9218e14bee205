// A baseline of known failures: compared per check, the kind of a failure included, and every
// difference between the baseline's run and this one said plainly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, expectationsOf, failureKind } from '../../src/result/baseline';
import { check, failing, report } from '../report/sample';

const answered = (c: ReturnType<typeof failing>, status: number) => ({ ...c, failure: c.failure && { ...c.failure, response: { ...c.failure.response, status } as typeof c.failure.response } });

test('a failure the baseline knows is known; a new one, or one failing a new way, regresses; a pass it expected to fail is fixed', () => {
  const before = report([answered(failing('malformedUuidRejected', 'M3', 'MUST', ''), 200), answered(failing('emptySuccessBody', 'M2', 'MUST', ''), 200), check({})]);
  const baseline = expectationsOf(before);
  assert.deepEqual(Object.keys(baseline.knownFailures).sort(), ['emptySuccessBody', 'malformedUuidRejected']);
  assert.equal(baseline.knownFailures.malformedUuidRejected.fails, 'An invalid request was not answered 400 → 200');

  const same = compare(before, baseline, 'b.json');
  assert.equal(same.exitCode, 0);
  assert.deepEqual(same.entries.filter((e) => e.comparison === 'known').map((e) => e.name).sort(), ['emptySuccessBody', 'malformedUuidRejected']);
  assert.match(same.summary, /nothing regressed; 2 known failures: the gate passes\. The verdict stays non-conformant\./);

  const worse = report([answered(failing('malformedUuidRejected', 'M3', 'MUST', ''), 500), answered(failing('emptySuccessBody', 'M2', 'MUST', ''), 200), answered(failing('wrongTypeRejected', 'M3', 'MUST', ''), 200)]);
  const regressed = compare(worse, baseline, 'b.json');
  assert.equal(regressed.exitCode, 1);
  assert.deepEqual(regressed.entries.filter((e) => e.comparison === 'regressed').map((e) => e.name).sort(), ['malformedUuidRejected', 'wrongTypeRejected'], 'failing in a new way (500, not 200) is a regression too');
  assert.match(regressed.summary, /2 regressions \(malformedUuidRejected, wrongTypeRejected\)/);

  const better = report([check({ name: 'malformedUuidRejected', id: 'M3' }), answered(failing('emptySuccessBody', 'M2', 'MUST', ''), 200)]);
  const fixed = compare(better, baseline, 'b.json');
  assert.equal(fixed.exitCode, 0);
  assert.deepEqual(fixed.entries.filter((e) => e.comparison === 'fixed').map((e) => e.name), ['malformedUuidRejected']);
  assert.match(fixed.summary, /1 fixed \(malformedUuidRejected\): update the baseline/);
});

test('a new SHOULD warning is reported but does not fail the gate; an inconclusive run is 2', () => {
  const baseline = expectationsOf(report([check({})]));
  const warned = compare(report([check({}), failing('charsetUtf8Accepted', 'S6', 'SHOULD', '')]), baseline, 'b.json');
  assert.equal(warned.exitCode, 0);
  assert.match(warned.summary, /1 new SHOULD warning \(charsetUtf8Accepted\)/);
  const inconclusive = compare(report([check({ status: 'could-not-judge', judged: 0, error: 'x' })], { verdict: 'inconclusive' }), baseline, 'b.json');
  assert.equal(inconclusive.exitCode, 2);
});

test('another suite version, another target, and a check the suite no longer has are said plainly, never ignored', () => {
  const baseline = { ...expectationsOf(report([failing('malformedUuidRejected', 'M3', 'MUST', '')])), suiteVersion: '0.1.0', target: 'http://elsewhere:1/' };
  baseline.knownFailures.retiredCheck = { requirement: 'M3', fails: 'x → 200' };
  const result = compare(report([failing('malformedUuidRejected', 'M3', 'MUST', '')]), baseline, 'b.json');
  assert.ok(result.mismatches.some((m) => /taken with suite 0\.1\.0; this is 0\.2\.0/.test(m)));
  assert.ok(result.mismatches.some((m) => /taken against http:\/\/elsewhere:1\//.test(m)));
  assert.ok(result.mismatches.some((m) => /expects retiredCheck \(M3\) to fail, but this suite version has no check of that name/.test(m)));
  assert.equal(result.entries.find((e) => e.name === 'retiredCheck')?.comparison, 'missing');
  assert.equal(failureKind(check({ title: 't' })), 't → failed');
});
