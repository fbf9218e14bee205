// The verdict, decided once from the checks' statuses: a table of what each mix comes to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideVerdict, type JudgedCheck } from '../../src/result/verdict';
import type { CheckRecord } from '../../src/checks/types';
import { mergeShards } from '../../src/cli/merge';
import { composeReport } from '../../src/result/compose';
import { settingsFor } from '../support/engine';

const check = (id: string, level: JudgedCheck['level'], status: JudgedCheck['status'], extra: Partial<JudgedCheck> = {}): JudgedCheck => ({ id, name: `${id}-${status}`, level, status, ...extra });
const passedMust = check('M1', 'MUST', 'passed');

test('a MUST failure is non-conformant, even when another check could not judge', () => {
  const d = decideVerdict([passedMust, check('M3', 'MUST', 'failed'), check('M5', 'MUST', 'could-not-judge', { error: 'throttled' })], { strict: false });
  assert.equal(d.verdict, 'non-conformant');
  assert.deepEqual(d.failed, ['M3-failed']);
  assert.deepEqual(d.unjudged, ['M5-could-not-judge']);
});

test('SHOULD failures are warnings, and failures under --strict', () => {
  const checks = [passedMust, check('S1', 'SHOULD', 'failed')];
  const lenient = decideVerdict(checks, { strict: false });
  assert.equal(lenient.verdict, 'conformant');
  assert.deepEqual(lenient.warnings, ['S1-failed']);
  assert.match(lenient.summary, /1 SHOULD warning \(S1\)/);
  const strict = decideVerdict(checks, { strict: true });
  assert.equal(strict.verdict, 'non-conformant');
  assert.match(strict.summary, /--strict/);
});

test('a MUST check that judged nothing, or could not judge, makes the run inconclusive, never conformant', () => {
  assert.equal(decideVerdict([passedMust, check('M2', 'MUST', 'not-judged', { reason: 'no 200 came' })], { strict: false }).verdict, 'inconclusive');
  const d = decideVerdict([passedMust, check('M3', 'MUST', 'could-not-judge', { error: 'the target kept answering 429' })], { strict: false });
  assert.equal(d.verdict, 'inconclusive');
  assert.match(d.summary, /could not judge \(M3\): the target kept answering 429/);
});

test('a SHOULD check with nothing to judge never makes a run inconclusive, --strict or not', () => {
  for (const strict of [false, true]) {
    assert.equal(decideVerdict([passedMust, check('S3', 'SHOULD', 'not-judged'), check('S7', 'SHOULD', 'skipped')], { strict }).verdict, 'conformant');
  }
  // One that could not judge counts under --strict only.
  const unjudged = [passedMust, check('S8', 'SHOULD', 'could-not-judge', { error: 'sdk' })];
  assert.equal(decideVerdict(unjudged, { strict: false }).verdict, 'conformant');
  assert.equal(decideVerdict(unjudged, { strict: true }).verdict, 'inconclusive');
});

test('the check before judging stops the run with its sentence; a run that broke off says so', () => {
  const stopped = decideVerdict([check('M7', 'MUST', 'could-not-judge', { error: 'Could not reach the target.', stopsRun: true })], { strict: false });
  assert.equal(stopped.verdict, 'inconclusive');
  assert.equal(stopped.summary, 'Could not reach the target.');
  assert.equal(stopped.inconclusiveReason, 'Could not reach the target.');
  const broke = decideVerdict([passedMust], { strict: false, runFailure: 'Playwright stopped.' });
  assert.equal(broke.verdict, 'inconclusive');
  assert.equal(decideVerdict([check('T1', 'TOLERATED', 'passed')], { strict: false }).verdict, 'inconclusive', 'no MUST check judged anything');
});

test('TOLERATED checks never fail or hold up a verdict', () => {
  assert.equal(decideVerdict([passedMust, check('T3', 'TOLERATED', 'could-not-judge'), check('T4', 'TOLERATED', 'not-judged')], { strict: true }).verdict, 'conformant');
});

test('the hint that the target may be the wrong one is the result\'s, once: it leaves the verdict alone and survives a merge of shards', () => {
  const record = (id: CheckRecord['id'], name: string, status: CheckRecord['status'], extra: Partial<CheckRecord> = {}): CheckRecord => ({ id, name, title: name, level: 'MUST', words: 'w', status, cases: 1, judged: status === 'passed' || status === 'failed' ? 1 : 0, requests: 1, ...extra });
  const before = record('M7', 'knownValidRequestAnswered', 'passed', { targetHint: 'This looks like something other than a StopCisSession endpoint: 404.' });
  const m1 = record('M1', 'validRequestAccepted', 'failed');
  const settings = settingsFor(new URL('http://127.0.0.1:9/'));
  const facts = { suiteVersion: 'test', startedAt: new Date(0), durationMs: 1 };
  const whole = composeReport([before, m1], settings, facts);
  assert.equal(whole.targetHint, before.targetHint);
  assert.equal(whole.verdict, 'non-conformant', 'the checks decide the verdict');
  assert.ok(whole.checks.every((c) => !('targetHint' in c)), 'carried once, by the result');
  assert.equal(composeReport([{ ...before, targetHint: undefined }, m1], settings, facts).targetHint, undefined);
  const merged = mergeShards([{ dir: 'one', report: whole, records: [before, m1] }, { dir: 'two', report: composeReport([before], settings, facts), records: [before] }], '/nonexistent');
  assert.equal(merged.report.targetHint, before.targetHint);
});
