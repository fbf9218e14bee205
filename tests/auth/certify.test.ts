// End to end, as a user runs certify: SigV4 (S7), the real AWS SDK client (S8) and the opt-in
// throttling probe (S9), against the reference and against the variants in variants/auth.ts.
// Each run uses --only to stay fast; every run sets the AWS_* variables it means, so credentials
// in the developer's environment change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReferenceServer, listen, close, type ReferenceOptions } from '../../src/reference/server';
import { authVariants } from '../../src/reference/variants/auth';
import type { Variant } from '../../src/reference/variants/types';
import type { CheckReport, ConformanceReport } from '../../src/report/model';
import { runCertify } from '../support/runCertify';

const NO_CREDENTIALS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', PROBE_THROTTLING: '' };

function variant(name: string): Variant {
  const found = authVariants.find((v) => v.name === name);
  assert.ok(found, `variant ${name}`);
  return found;
}

async function certifyAgainst(options: ReferenceOptions, args: string[], env: Record<string, string>) {
  const server = createReferenceServer(options);
  const url = await listen(server);
  const dir = mkdtempSync(join(tmpdir(), 'certify-auth-'));
  try {
    const started = Date.now();
    const run = await runCertify(['--target', url.toString(), '--seed', '7', ...args], { ...NO_CREDENTIALS, REPORT_DIR: dir, ...env });
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
    return { ...run, report, wallMs: Date.now() - started };
  } finally {
    await close(server);
  }
}

function checkNamed(report: ConformanceReport, name: string): CheckReport {
  const check = report.checks.find((c) => c.name === name);
  assert.ok(check, `${name} is in the report`);
  return check;
}

const sigv4Required = variant('sigv4-required');

test('with credentials, the suite certifies the SigV4 reference: S7 and the SDK calls pass, every request signed', async () => {
  const run = await certifyAgainst(sigv4Required.options, ['--only', 'M1,M3,S7,S8', '--runs', '20'], sigv4Required.env ?? {});
  assert.equal(run.code, 0, run.output);
  assert.equal(run.report.verdict, 'conformant');
  assert.match(run.output, /Signing every request with SigV4/);
  const s7 = checkNamed(run.report, 'unauthenticatedRequestsDenied');
  assert.equal(s7.status, 'passed');
  assert.equal(s7.cases, 3);
  // M1 and M3 passing means the signed requests were let through to validation.
  for (const id of ['M1', 'M3', 'S8']) assert.ok(run.report.checks.some((c) => c.id === id && c.status === 'passed'), `${id} passed`);
  assert.deepEqual(run.report.checks.filter((c) => c.status !== 'passed').map((c) => c.name), []);
  assert.doesNotMatch(run.output + JSON.stringify(run.report), new RegExp(sigv4Required.env?.AWS_SECRET_ACCESS_KEY ?? 'unset'), 'the secret is never printed');
});

test('a SigV4 reference that never checks the signature fails S7 on the wrong signature', async () => {
  const faulty = variant('sigv4-signature-unchecked');
  const run = await certifyAgainst(faulty.options, ['--only', 'S7', '--strict'], faulty.env ?? {});
  assert.equal(run.code, 1, run.output);
  const s7 = checkNamed(run.report, 'unauthenticatedRequestsDenied');
  assert.equal(s7.status, 'failed');
  assert.match(s7.failure?.caseDescription ?? '', /wrong secret/);
  assert.match(s7.failure?.received ?? '', /^200/);
  assert.match(s7.failure?.curl ?? '', /^curl .* -X PUT '.*\/cissession\/stop'/);
});

test('without credentials, a SigV4 target makes the run inconclusive with a sentence about credentials', async () => {
  const run = await certifyAgainst(sigv4Required.options, [], {});
  assert.equal(run.code, 2, run.output);
  assert.match(run.output, /refused a valid request with 403 AccessDeniedException; check the credentials \(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION\)/);
  assert.doesNotMatch(run.output, /\n\s+at /, 'no stack trace');
  assert.equal(run.report.verdict, 'inconclusive');
});

test('without credentials, S7 is skipped with a note and the SDK calls pass against the reference', async () => {
  const run = await certifyAgainst({}, ['--only', 'S7,S8'], {});
  assert.equal(run.code, 0, run.output);
  const s7 = checkNamed(run.report, 'unauthenticatedRequestsDenied');
  assert.equal(s7.status, 'skipped');
  assert.equal(s7.error, undefined, 'skipped, not an error');
  assert.match(s7.note ?? '', /No credentials configured/);
  assert.equal(checkNamed(run.report, 'realClientValidCallResolves').status, 'passed');
  const invalid = checkNamed(run.report, 'realClientInvalidInputRejected');
  assert.equal(invalid.status, 'passed');
  assert.equal(invalid.cases, 3);
  // The SDK's requests are counted like every other: 1 valid call and 3 invalid ones.
  assert.equal(checkNamed(run.report, 'realClientValidCallResolves').requests + invalid.requests, 4);
});

test('errors that name no type fail S8: the SDK cannot name them ValidationException', async () => {
  const faulty = variant('errors-without-type');
  const run = await certifyAgainst(faulty.options, ['--only', 'S8', '--strict'], {});
  assert.equal(run.code, 1, run.output);
  const invalid = checkNamed(run.report, 'realClientInvalidInputRejected');
  assert.equal(invalid.status, 'failed');
  assert.match(invalid.failure?.received ?? '', /error named (?!ValidationException)\S+.*400.*naming no error type/);
  assert.equal(invalid.failure?.response.kind === 'response' && invalid.failure.response.status, 400);
  assert.match(invalid.failure?.curl ?? '', /^curl .*\/cissession\/stop/);
  assert.equal(checkNamed(run.report, 'realClientValidCallResolves').status, 'passed');
});

test('the throttling probe is skipped unless asked for', async () => {
  const run = await certifyAgainst({ rateLimit: { perSecond: 20 } }, ['--only', 'S9'], {});
  assert.equal(run.code, 0, run.output);
  const s9 = checkNamed(run.report, 'throttlingRecoverable');
  assert.equal(s9.status, 'skipped');
  assert.match(s9.note ?? '', /--probe-throttling/);
  assert.equal(s9.requests, 0);
});

test('the throttling probe passes against the rate-limited reference, within its bounds', async () => {
  const limited = variant('rate-limited');
  const run = await certifyAgainst(limited.options, limited.certifyArgs ?? [], {});
  assert.equal(run.code, 0, run.output);
  const s9 = checkNamed(run.report, 'throttlingRecoverable');
  assert.equal(s9.status, 'passed');
  const note = /throttled after (\d+) requests in (\d+) ms.*Retry-After: 1\), then sent 1 request, answered 200/.exec(s9.note ?? '');
  assert.ok(note, s9.note);
  assert.ok(Number(note[1]) <= 200 && s9.requests <= 201, `${s9.requests} requests`);
  assert.ok(Number(note[2]) <= 15_000, `${note[2]} ms`);
  assert.ok(run.wallMs < 60_000, `the whole run took ${run.wallMs} ms`);
});

test('a target that never throttles passes the probe, which stops at its request bound', async () => {
  const run = await certifyAgainst({}, ['--only', 'S9', '--probe-throttling'], {});
  assert.equal(run.code, 0, run.output);
  const s9 = checkNamed(run.report, 'throttlingRecoverable');
  assert.equal(s9.status, 'passed');
  assert.match(s9.note ?? '', /^no throttling observed: 200 requests in \d+ ms/);
  assert.equal(s9.requests, 200);
});

test('a Retry-After given as an HTTP date, and a 429 naming no type, fail the probe', async () => {
  for (const [name, pattern] of [['throttle-retry-after-http-date', /Retry-After: \w{3}, \d{2} \w{3} \d{4}/], ['throttle-without-type', /429 (naming no error type|named $)/]] as const) {
    const faulty = variant(name);
    const run = await certifyAgainst(faulty.options, [...(faulty.certifyArgs ?? []), '--strict'], {});
    assert.equal(run.code, 1, `${name}: ${run.output}`);
    const s9 = checkNamed(run.report, 'throttlingRecoverable');
    assert.equal(s9.status, 'failed', name);
    assert.match(s9.failure?.received ?? '', pattern, name);
  }
});
