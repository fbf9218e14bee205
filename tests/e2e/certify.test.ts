// End to end: `npm run certify` as a user runs it, against the reference implementation and
// against servers broken on purpose, over real sockets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReferenceServer, listen, close, referenceBehaviour, type ReferenceOptions } from '../../src/reference/server';
import type { ConformanceReport } from '../../src/report/model';
import { runCertify } from '../support/runCertify';
import { withServer } from '../support/withServer';

function report(dir: string): ConformanceReport {
  return JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
}

test('with no target, certify starts the reference implementation and finds it conformant', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'certify-'));
  const run = await runCertify(['--seed', '7'], { REPORT_DIR: dir, TARGET_URL: '' });
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /certifying the bundled reference implementation/);
  const r = report(dir);
  assert.equal(r.verdict, 'conformant');
  assert.equal(r.seed, 7);
  assert.ok(r.requests >= 1000, `only ${r.requests} requests`);
  for (const id of ['M1', 'M2', 'M3', 'M4']) assert.ok(r.checks.some((c) => c.id === id && c.status === 'passed'), `${id} passed`);
  assert.deepEqual(r.checks.filter((c) => c.status === 'failed'), []);
});

test('a server that accepts upper-case UUIDs is non-conformant, with a shrunk case and a curl line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'certify-'));
  const lenient: ReferenceOptions = {
    behaviour: {
      validate: (operation, value) => {
        const body = value as { scanJobId?: unknown; sessionToken?: unknown };
        const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
        return referenceBehaviour.validate(operation, value && typeof value === 'object' && !Array.isArray(value)
          ? { ...body, scanJobId: lower(body.scanJobId), sessionToken: lower(body.sessionToken) } : value);
      },
    },
  };
  await withServer(lenient, async (url) => {
    const run = await runCertify(['--target', url.toString(), '--seed', '11', '--only', 'M3'], { REPORT_DIR: dir });
    assert.equal(run.code, 1, run.output);
    const failed = report(dir).checks.filter((c) => c.status === 'failed');
    assert.deepEqual([...new Set(failed.map((c) => c.id))], ['M3']);
    const pattern = failed.find((c) => c.name === 'malformedUuidRejected');
    assert.ok(pattern?.failure, 'the pattern check failed');
    assert.match(pattern.failure.caseDescription ?? '', /upper/i);
    assert.match(pattern.failure.curl, /^curl .* -X PUT '.*\/cissession\/stop'/);
    assert.equal(pattern.failure.response.kind === 'response' && pattern.failure.response.status, 200);
  });
});

test('a server that answers 200 with {} fails M2 (and passes it under profile allow-empty-object)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'certify-'));
  const braces: ReferenceOptions = {
    behaviour: { act: () => ({ status: 200, body: '{}', headers: { 'content-type': 'application/json' } }) },
  };
  await withServer(braces, async (url) => {
    const run = await runCertify(['--target', url.toString(), '--only', 'M2'], { REPORT_DIR: dir });
    assert.equal(run.code, 1, run.output);
    const m2 = report(dir).checks.find((c) => c.name === 'emptySuccessBody');
    assert.equal(m2?.status, 'failed');
    assert.match(m2?.failure?.received ?? '', /\{\}/);
    const allowed = await runCertify(['--target', url.toString(), '--only', 'M2', '--profile', 'allow-empty-object'], { REPORT_DIR: dir });
    assert.equal(allowed.code, 0, allowed.output);
    assert.deepEqual(report(dir).profile, ['allow-empty-object']);
  });
});

test('a port where nothing listens is inconclusive, in one sentence', async () => {
  const server = createReferenceServer();
  const url = await listen(server);
  await close(server);
  const dir = mkdtempSync(join(tmpdir(), 'certify-'));
  const run = await runCertify(['--target', url.toString()], { REPORT_DIR: dir });
  assert.equal(run.code, 2, run.output);
  assert.match(run.output, /Could not reach the target at http:\/\/127\.0\.0\.1:\d+\/: connection refused/);
  assert.doesNotMatch(run.output, /\n\s+at /, 'no stack trace');
  assert.equal(report(dir).verdict, 'inconclusive');
});

test('a malformed URL and an unknown option exit 2 with a sentence, no stack trace', async () => {
  for (const args of [['--target', 'not a url'], ['--target', 'ftp://example.invalid'], ['--frobnicate'], ['--runs', 'many']]) {
    const run = await runCertify(args, {});
    assert.equal(run.code, 2, run.output);
    assert.match(run.output, /^certify: .+\.$/m);
    assert.doesNotMatch(run.output, /\n\s+at /);
  }
});
