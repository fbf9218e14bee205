// The step's outputs under GitHub Actions: rendered from the one result, written to $GITHUB_OUTPUT
// only there, and read back by the runner's rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputLines, publishToGithub, publishUsageErrorToGithub, stepOutputs } from '../../src/cli/github';
import { check, failing, report, sample } from '../report/sample';
import { readGithubOutput } from '../support/githubOutput';

test('failed-requirements names the requirement of each failure that counts, once, in catalogue order, as --only takes them', () => {
  assert.deepEqual(stepOutputs(sample, '/r'), { verdict: 'non-conformant', 'report-dir': '/r', 'failed-requirements': 'M3' });
  const two = report([
    check({}),
    failing('emptySuccessBody', 'M2', 'MUST', '{"ok":true}'),
    failing('malformedUuidRejected', 'M3', 'MUST', 'x'),
    failing('upperCaseUuidRejected', 'M3', 'MUST', 'x'),
    failing('errorTypeFitsStatus', 'S1', 'SHOULD', 'x'),
  ]);
  assert.equal(stepOutputs(two, '/r')['failed-requirements'], 'M2,M3', 'a SHOULD warning is not a failed requirement');
  const passing = report([check({})]);
  assert.deepEqual(stepOutputs(passing, '/r'), { verdict: 'conformant', 'report-dir': '/r', 'failed-requirements': '' });
});

test('a value with a line break is written as a delimited block, and reads back whole', () => {
  const text = outputLines({ a: 'one', b: 'two\nlines', c: '' });
  assert.match(text, /^a=one\nb<<EOF_[0-9a-f]{16}\ntwo\nlines\nEOF_[0-9a-f]{16}\nc=\n$/);
  assert.deepEqual(readGithubOutput(text), { a: 'one', b: 'two\nlines', c: '' });
});

test('under GitHub Actions the outputs are appended to $GITHUB_OUTPUT; elsewhere nothing is written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gh-outputs-'));
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, 'earlier=kept\n');
  const said: string[] = [];
  publishToGithub(sample, join(dir, 'reports', 'conformance.json'), { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary }, (l) => said.push(l));
  assert.equal(readFileSync(output, 'utf8'), 'earlier=kept\n', 'without GITHUB_ACTIONS=true nothing is written');
  assert.ok(!existsSync(summary) && said.length === 0);

  publishToGithub(sample, join(dir, 'reports', 'conformance.json'), { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary }, (l) => said.push(l));
  assert.deepEqual(readGithubOutput(readFileSync(output, 'utf8')), { earlier: 'kept', verdict: 'non-conformant', 'report-dir': join(dir, 'reports'), 'failed-requirements': 'M3' });
  assert.match(readFileSync(summary, 'utf8'), /StopCisSession conformance: non-conformant/);
  assert.ok(said.some((l) => l.startsWith('::error title=M3 MUST')));
});

test('a run that could not start says so as an annotation and a verdict output of inconclusive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gh-usage-'));
  const output = join(dir, 'output');
  const said: string[] = [];
  publishUsageErrorToGithub('--runs must be a whole number, not "x".', { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output }, (l) => said.push(l));
  assert.deepEqual(said, ['::error title=StopCisSession conformance%3A inconclusive::--runs must be a whole number, not "x".']);
  assert.deepEqual(readGithubOutput(readFileSync(output, 'utf8')), { verdict: 'inconclusive' });
  publishUsageErrorToGithub('x', { GITHUB_OUTPUT: join(dir, 'elsewhere') }, (l) => said.push(l));
  assert.ok(!existsSync(join(dir, 'elsewhere')) && said.length === 1);
});
