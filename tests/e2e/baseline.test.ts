// Gating on regressions, end to end with variants of the catalogue: a baseline taken from a faulty
// variant, then the same variant (exit 0, its failures known), a variant with one more fault
// (exit 1, naming the regression), and the reference (exit 0, every known failure fixed). The
// verdict itself never changes; every output adds the comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputsDisagree } from '../../src/cli/outputsAgree';
import type { ExpectationsFile } from '../../src/result/baseline';
import type { ConformanceReport } from '../../src/result/model';
import { variantNamed } from '../../src/reference/variants';
import { runCertify, runNode } from '../support/runCertify';
import { withServer } from '../support/withServer';

const root = join(__dirname, '..', '..');
const options = (name: string) => variantNamed(name)?.options.behaviour ?? {};
const known = options('success-body-ok-true');
// One more fault, in another stage: the UUID pattern without its anchors.
const oneMore = { ...known, ...options('uuid-pattern-unanchored') };
const ARGS = ['--seed', '31', '--runs', '40'];

/** The output with its lines joined: long lines are wrapped at 100 columns. */
const flat = (output: string) => output.replace(/\s+/g, ' ');

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

test('a baseline of known failures: the same failures pass the gate, one more fails it, the reference fixes them all', async () => {
  const work = mkdtempSync(join(tmpdir(), 'baseline-'));
  const dir = (name: string) => join(work, name);

  const first = await withServer({ behaviour: known }, (url) => runCertify(['--target', url.toString(), ...ARGS], { REPORT_DIR: dir('first') }));
  assert.equal(first.code, 1, first.output);
  const taken = await runNode(['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'baseline', join(dir('first'), 'conformance.json')], {});
  assert.equal(taken.code, 0, taken.output);
  const baseline = JSON.parse(taken.output) as ExpectationsFile;
  assert.deepEqual(Object.keys(baseline.knownFailures), ['emptySuccessBody']);
  assert.match(baseline.knownFailures.emptySuccessBody.fails, /A 200 answer had a body → 200/);
  const baselineFile = join(work, 'conformance-baseline.json');
  writeFileSync(baselineFile, taken.output);

  const same = await withServer({ behaviour: known }, (url) => runCertify(['--target', url.toString(), ...ARGS, '--baseline', baselineFile], { REPORT_DIR: dir('same') }));
  assert.equal(same.code, 0, same.output);
  const sameReport = readJson<ConformanceReport>(join(dir('same'), 'conformance.json'));
  assert.equal(sameReport.verdict, 'non-conformant', 'the verdict never changes');
  assert.equal(sameReport.baseline?.entries.find((e) => e.name === 'emptySuccessBody')?.comparison, 'known');
  assert.match(same.output, /^· KNOWN M2 MUST emptySuccessBody/m);
  assert.match(flat(same.output), /nothing regressed; 1 known failure: the gate passes/);
  const junit = readFileSync(join(dir('same'), 'junit.xml'), 'utf8');
  assert.match(junit, /<skipped message="known failure \(baseline\): A 200 answer had a body/);
  assert.doesNotMatch(junit, /<failure /, 'CI viewers do not count a known failure as new');
  assert.match(readFileSync(join(dir('same'), 'conformance.html'), 'utf8'), /id="baseline"[\s\S]*known failure/);
  assert.deepEqual(outputsDisagree(dir('same'), same.code), []);

  const worse = await withServer({ behaviour: oneMore }, (url) => runCertify(['--target', url.toString(), ...ARGS, '--baseline', baselineFile], { REPORT_DIR: dir('worse') }));
  assert.equal(worse.code, 1, worse.output);
  assert.match(flat(worse.output), /REGRESSED M3 malformedUuidRejected: expected pass; now fails: An invalid request was not answered 400 → 200/);
  assert.match(readFileSync(join(dir('worse'), 'summary.md'), 'utf8'), /1 regression \(malformedUuidRejected\)/);
  assert.deepEqual(outputsDisagree(dir('worse'), worse.code), []);

  // A conformance.json serves as a baseline as it is.
  const fixed = await withServer({}, (url) => runCertify(['--target', url.toString(), ...ARGS, '--baseline', join(dir('first'), 'conformance.json')], { REPORT_DIR: dir('fixed') }));
  assert.equal(fixed.code, 0, fixed.output);
  assert.match(flat(fixed.output), /1 fixed \(emptySuccessBody\): update the baseline/);
  assert.equal(readJson<ConformanceReport>(join(dir('fixed'), 'conformance.json')).baseline?.entries.find((e) => e.name === 'emptySuccessBody')?.comparison, 'fixed');
  // Each run certified a reference on a port of its own: the targets differ, and the outputs say so.
  assert.match(flat(fixed.output), /note: The baseline was taken against http:\/\/127\.0\.0\.1:\d+\/; this run certified/);
});

test('a baseline that is not one is exit 2 with a sentence', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'baseline-')), 'not-a-baseline.json');
  writeFileSync(file, '{"hello":"world"}');
  const run = await runCertify(['--target', 'http://127.0.0.1:9/', '--baseline', file], {});
  assert.equal(run.code, 2, run.output);
  assert.match(run.output.replace(/\n/g, ' '), /is neither a conformance\.json nor a baseline file/);
  assert.doesNotMatch(run.output, /\n\s+at /);
});
