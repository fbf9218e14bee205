// End to end, as a user runs certify: the reference, a broken server, and the ways a run cannot
// judge, over real sockets, through Playwright's processes, every output read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputsDisagree } from '../../src/cli/outputsAgree';
import { createReferenceServer, listen, close, referenceBehaviour, type ReferenceOptions } from '../../src/reference/server';
import type { ConformanceReport } from '../../src/result/model';
import { runCertify } from '../support/runCertify';
import { withServer } from '../support/withServer';

function report(dir: string): ConformanceReport {
  return JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
}

const longest = (output: string) => Math.max(...output.split('\n').filter((l) => !l.startsWith('::')).map((l) => Array.from(l).length));

test('with no target, certify starts the reference and finds it conformant; every output says so, in lines of 100 columns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'certify-'));
  const summary = join(dir, 'step-summary.md');
  // A CI system's own PROFILE, SEED or RUNS change nothing; under GitHub Actions the step summary is written.
  const run = await runCertify(['--seed', '7'], { REPORT_DIR: dir, TARGET_URL: '', PROFILE: 'dev', SEED: 'x', RUNS: 'many', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /certifying the bundled reference implementation/);
  const r = report(dir);
  assert.equal(r.verdict, 'conformant');
  assert.equal(r.seed, 7);
  assert.ok(r.requests >= 1000, `only ${r.requests} requests`);
  assert.deepEqual(r.checks.filter((c) => c.status === 'failed'), []);
  assert.ok(r.checks.every((c) => c.status !== 'passed' || c.judged > 0), 'a passed check judged something');
  assert.deepEqual(outputsDisagree(dir, run.code), []);
  assert.ok(longest(run.output) <= 100, `a line of ${longest(run.output)} columns`);
  assert.match(readFileSync(summary, 'utf8'), /^## ✅ StopCisSession conformance: conformant/);
  assert.match(run.output, /^✓ M1  validRequestAccepted  \d+ judged  \[\d+ in flight, \d+\/s\]$/m, 'each check reported as it comes, marked, with the requests in flight and the answer rate');
  assert.match(run.output, /^in flight adaptive: started at 32, /m, 'the summary says where the in-flight limit went');
  assert.match(run.output, /^– S3  retryAfterWholeSecondsInRun  not judged: /m);
});

test('a server that accepts upper-case UUIDs is non-conformant, with a shrunk case, a curl line and annotations', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'certify-'));
  const lenient: ReferenceOptions = {
    behaviour: {
      validate: (operation, value) => {
        const body = value as { scanJobId?: unknown; sessionToken?: unknown };
        const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
        return referenceBehaviour.validate(operation, value && typeof value === 'object' && !Array.isArray(value) ? { ...body, scanJobId: lower(body.scanJobId), sessionToken: lower(body.sessionToken) } : value);
      },
    },
  };
  await withServer(lenient, async (url) => {
    const run = await runCertify(['--target', url.toString(), '--seed', '11', '--only', 'M3,S1'], { REPORT_DIR: dir, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '' });
    assert.equal(run.code, 1, run.output);
    const r = report(dir);
    assert.deepEqual([...new Set(r.checks.filter((c) => c.status === 'failed').map((c) => c.id))], ['M3']);
    const pattern = r.checks.find((c) => c.name === 'malformedUuidRejected');
    assert.match(pattern?.failure?.caseDescription ?? '', /upper/i);
    assert.match(pattern?.failure?.curl ?? '', /^curl .* -X PUT '.*\/cissession\/stop'/);
    assert.equal(pattern?.failure?.response.kind === 'response' && pattern.failure.response.status, 200);
    assert.match(pattern?.failure?.replay ?? '', /^npx stop-cis-session-conformance certify --target \S+ --seed 11 --runs 300 --only malformedUuidRejected$/, 'the hint is the command as it was run, with its seed');
    assert.deepEqual(outputsDisagree(dir, run.code), []);
    assert.match(run.output, /^::error title=M3 MUST%3A malformedUuidRejected::/m);
    assert.match(run.output, /^✗ FAIL M3 MUST malformedUuidRejected/m);
    assert.ok(longest(run.output) <= 100, `a line of ${longest(run.output)} columns`);
  });
});

test('a SHOULD failure is a warning (exit 0) the outputs mark as one; --strict makes it fail the verdict', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'certify-'));
  const charsetBlind: ReferenceOptions = {
    behaviour: { readBody: async (req, limit) => (req.headers['content-type'] === 'application/json' ? referenceBehaviour.readBody(req, limit) : Buffer.alloc(0)) },
  };
  await withServer(charsetBlind, async (url) => {
    const warned = await runCertify(['--target', url.toString(), '--only', 'S6', '--runs', '20'], { REPORT_DIR: dir });
    assert.equal(warned.code, 0, warned.output);
    assert.match(warned.output, /^⚠ S6  charsetUtf8Accepted  A request with Content-Type/m);
    assert.match(readFileSync(join(dir, 'junit.xml'), 'utf8'), /<skipped message="warning: SHOULD S6:/);
    assert.deepEqual(outputsDisagree(dir, warned.code), []);
    const strict = await runCertify(['--target', url.toString(), '--only', 'S6', '--runs', '20', '--strict'], { REPORT_DIR: dir });
    assert.equal(strict.code, 1, strict.output);
    assert.deepEqual(outputsDisagree(dir, strict.code), []);
  });
});

test('a port where nothing listens is inconclusive, in one sentence, and still writes every output', async () => {
  const server = createReferenceServer();
  const url = await listen(server);
  await close(server);
  const dir = mkdtempSync(join(tmpdir(), 'certify-'));
  // An earlier run's outputs are there: none of them may be taken for this run's.
  mkdirSync(join(dir, 'playwright'));
  writeFileSync(join(dir, 'playwright', 'index.html'), 'an earlier run');
  writeFileSync(join(dir, 'conformance.json'), '{"verdict":"conformant"}');
  const run = await runCertify(['--target', url.toString()], { REPORT_DIR: dir });
  assert.equal(run.code, 2, run.output);
  assert.match(run.output, /Could not reach the target at http:\/\/127\.0\.0\.1:\d+\/: connection refused/);
  assert.doesNotMatch(run.output, /\n\s+at /, 'no stack trace');
  assert.equal(report(dir).verdict, 'inconclusive');
  assert.ok(!existsSync(join(dir, 'playwright')), 'the earlier Playwright report is gone');
  assert.match(readFileSync(join(dir, 'junit.xml'), 'utf8'), /<error type="CouldNotJudge" message="could not judge: Could not reach the target/);
  assert.deepEqual(outputsDisagree(dir, run.code), []);
});

test('a URL that answers 404 to everything is judged (M1 fails, exit 1), and the hint to check the URL heads every output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'certify-'));
  const notFound = { behaviour: { route: () => ({ answer: { status: 404, type: 'NotFound', body: { message: 'Not Found' } } }) } };
  await withServer(notFound, async (url) => {
    const run = await runCertify(['--target', url.toString(), '--only', 'M1,M2', '--runs', '20'], { REPORT_DIR: dir, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '' });
    assert.equal(run.code, 1, run.output);
    const r = report(dir);
    assert.equal(r.verdict, 'non-conformant');
    assert.ok(r.failed.includes('validRequestAccepted'), r.summary);
    assert.match(r.targetHint ?? '', /^This looks like something other than a StopCisSession endpoint: a known-valid PUT \/cissession\/stop was answered 404 NotFound\. If it is the wrong URL, check the base URL/);
    // Printed as soon as the answer came, before any check's line, and again atop the summary.
    const printed = run.output.split('\n');
    const first = printed.findIndex((l) => l.startsWith('Is this the right target? This looks like'));
    const checkLine = printed.findIndex((l) => /^[✓✗⚠–!·] M\d/.test(l));
    assert.ok(first >= 0 && (checkLine < 0 || first < checkLine), run.output);
    assert.equal(printed.filter((l) => l.startsWith('Is this the right target?')).length, 2, run.output);
    assert.match(run.output, /^::warning title=StopCisSession conformance%3A is this the right target\?::This looks like/m);
    assert.match(readFileSync(join(dir, 'summary.md'), 'utf8'), /^> ⚠️ \*\*Is this the right target\?\*\* This looks like/m);
    assert.deepEqual(outputsDisagree(dir, run.code), []);
    assert.ok(longest(run.output) <= 100, `a line of ${longest(run.output)} columns`);
  });
});

test('a report directory that cannot be written is exit 2 with one sentence, within 5 s, before any request', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'certify-')), 'a-file');
  writeFileSync(file, '');
  for (const dir of ['/proc/conformance-reports', join(file, 'reports')]) {
    const started = Date.now();
    const run = await runCertify(['--target', 'http://127.0.0.1:9/'], { REPORT_DIR: dir });
    assert.equal(run.code, 2, run.output);
    assert.match(run.output.replace(/\n(?!$)/g, ' '), /stop-cis-session-conformance: the report directory \(--report-dir, REPORT_DIR\): cannot write the reports to \S+ \([^)]+\); give a directory/);
    assert.doesNotMatch(run.output, /internal error|\n\s+at /);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  }
});

test('a malformed URL, an unknown option and a bad value from the environment exit 2 with a sentence, no stack trace', async () => {
  for (const [args, env, pattern] of [
    [['--target', 'not a url'], {}, /--target: "not a url" is not a URL/],
    [['--target', 'ftp://example.invalid'], {}, /not an http:\/\/ or https:\/\/ URL/],
    [['--frobnicate'], {}, /unknown option "--frobnicate"/],
    [['--runs', 'many'], {}, /--runs must be a whole number/],
    [[], { CONFORMANCE_RUNS: 'many' }, /CONFORMANCE_RUNS \(from the environment\) must be a whole number/],
  ] as const) {
    const run = await runCertify([...args], { ...env });
    assert.equal(run.code, 2, run.output);
    assert.match(run.output, pattern);
    assert.doesNotMatch(run.output, /\n\s+at /);
  }
});

test('--help, -h, --version and --list answer and exit 0, in lines of 100 columns', async () => {
  for (const args of [['--help'], ['-h'], ['--version'], ['--list']]) {
    const run = await runCertify(args, {});
    assert.equal(run.code, 0, run.output);
    assert.ok(longest(run.output) <= 100, `${args[0]}: a line of ${longest(run.output)} columns`);
  }
  const list = await runCertify(['--list'], {});
  assert.match(list.output, /^M1  MUST      validRequestAccepted: a request that satisfies the schema is answered 200$/m);
  assert.match(list.output, /^M5  MUST      noServerErrorInRun: /m);
  const help = await runCertify(['--help'], {});
  assert.match(help.output, /-H, --header 'NAME: VALUE'/);
  assert.match(help.output, /REQUIREMENTS\.md/);
});
