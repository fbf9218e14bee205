// What real callers see: SigV4 (S7), the real AWS SDK client (S8) and the opt-in throttling probe
// (S9), against the reference and the variants of variants/auth.ts, run as certify runs the checks
// (in this process, without Playwright). Credentials come from the settings alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReferenceServer, type ReferenceOptions } from '../../src/reference/server';
import { authVariants } from '../../src/reference/variants/auth';
import type { Variant } from '../../src/reference/variants/types';
import type { Settings } from '../../src/settings';
import { serving } from '../checks/certifyServer';
import { runEngine } from '../support/engine';

function variant(name: string): Variant {
  const found = authVariants.find((v) => v.name === name);
  assert.ok(found, `variant ${name}`);
  return found;
}

const signingOf = (v: Variant): Settings['signing'] =>
  v.env?.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: v.env.AWS_ACCESS_KEY_ID, secretAccessKey: v.env.AWS_SECRET_ACCESS_KEY ?? '' }, region: v.env.AWS_REGION ?? 'us-east-1' } : undefined;

const against = (options: ReferenceOptions, settings: Partial<Settings>) => serving(createReferenceServer(options), (url) => runEngine(url, settings));
const sigv4Required = variant('sigv4-required');

test('with credentials, the suite certifies the SigV4 reference: S7 and the SDK calls pass, every request signed', async () => {
  const run = await against(sigv4Required.options, { only: ['M1', 'M3', 'S7', 'S8'], runs: 20, signing: signingOf(sigv4Required) });
  assert.equal(run.report.verdict, 'conformant', run.report.summary);
  const s7 = run.record('unauthenticatedRequestsDenied');
  assert.equal(s7.status, 'passed');
  assert.equal(s7.judged, 3);
  // M1 and M3 passing means the signed requests were let through to validation.
  assert.deepEqual(run.records.filter((c) => c.status !== 'passed' && c.status !== 'not-judged').map((c) => c.name), []);
  // The unsigned case's curl line is unsigned, as it was sent; a signed request's signs.
  assert.doesNotMatch(JSON.stringify(s7), /aws-sigv4/);
});

test('a SigV4 reference that never checks the signature fails S7 on the wrong signature', async () => {
  const faulty = variant('sigv4-signature-unchecked');
  const run = await against(faulty.options, { only: ['S7'], signing: signingOf(faulty) });
  const s7 = run.record('unauthenticatedRequestsDenied');
  assert.equal(s7.status, 'failed');
  assert.match(s7.failure?.caseDescription ?? '', /wrong secret/);
  assert.match(s7.failure?.received ?? '', /^200/);
});

test('without credentials, a SigV4 target makes the run inconclusive with a sentence about credentials', async () => {
  const run = await against(sigv4Required.options, {});
  assert.equal(run.report.verdict, 'inconclusive');
  assert.match(run.report.summary, /refused a valid request with 403 AccessDeniedException; check the credentials \(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION\)/);
});

test('without credentials, S7 does not apply, and the SDK calls pass against the reference', async () => {
  const run = await against({}, { only: ['S7', 'S8'] });
  const s7 = run.record('unauthenticatedRequestsDenied');
  assert.equal(s7.status, 'skipped');
  assert.match(s7.reason ?? '', /No credentials configured/);
  assert.equal(run.record('realClientValidCallResolves').status, 'passed');
  const invalid = run.record('realClientInvalidInputRejected');
  assert.equal(invalid.status, 'passed');
  assert.equal(invalid.judged, 3);
  // The SDK's requests are counted like every other: 1 valid call and 3 invalid ones.
  assert.equal(run.record('realClientValidCallResolves').requests + invalid.requests, 4);
});

test('errors that name no type fail S8: the SDK cannot name them ValidationException', async () => {
  const run = await against(variant('errors-without-type').options, { only: ['S8'] });
  const invalid = run.record('realClientInvalidInputRejected');
  assert.equal(invalid.status, 'failed');
  assert.match(invalid.failure?.received ?? '', /error named (?!ValidationException)\S+.*400.*naming no error type/);
  assert.equal(run.record('realClientValidCallResolves').status, 'passed');
});

test('the throttling probe does not apply unless asked for', async () => {
  const run = await against({ rateLimit: { perSecond: 20 } }, { only: ['S9'] });
  const s9 = run.record('throttlingRecoverable');
  assert.equal(s9.status, 'skipped');
  assert.match(s9.reason ?? '', /--probe-throttling/);
  assert.equal(s9.requests, 0);
});

test('the throttling probe passes against the rate-limited reference, within its bounds', async () => {
  const run = await against(variant('rate-limited').options, { only: ['S9'], probeThrottling: true });
  const s9 = run.record('throttlingRecoverable');
  assert.equal(s9.status, 'passed', s9.reason ?? s9.error);
  const note = /throttled after (\d+) requests in (\d+) ms.*Retry-After: 1\), then sent 1 request, answered 200/.exec(s9.note ?? '');
  assert.ok(note, s9.note);
  assert.ok(Number(note[1]) <= 200 && s9.requests <= 201, `${s9.requests} requests`);
});

test('a target that never throttles leaves the probe nothing to judge, within its request bound', async () => {
  const run = await against({}, { only: ['S9'], probeThrottling: true });
  const s9 = run.record('throttlingRecoverable');
  assert.equal(s9.status, 'not-judged');
  assert.match(s9.reason ?? '', /^no throttling observed: 200 requests in \d+ ms/);
  assert.equal(s9.requests, 200);
});

test('a Retry-After given as an HTTP date, and a 429 naming no type, fail the probe', async () => {
  for (const [name, pattern] of [['throttle-retry-after-http-date', /Retry-After: \w{3}, \d{2} \w{3} \d{4}/], ['throttle-without-type', /429 (naming no error type|named $)/]] as const) {
    const run = await against(variant(name).options, { only: ['S9'], probeThrottling: true });
    const s9 = run.record('throttlingRecoverable');
    assert.equal(s9.status, 'failed', name);
    assert.match(s9.failure?.received ?? '', pattern, name);
  }
});
