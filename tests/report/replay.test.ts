// `certify --replay REPORT [CHECK]`: the recorded failing case is sent again and judged by the
// failure's own expectation (data, not prose); the exit code says whether it still fails (1), no
// longer fails (0), or the replay cannot tell (2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeResend, notExact, replay } from '../../src/cli/replay';
import type { Expectation } from '../../src/checks/judge';
import type { CheckReport, ConformanceReport } from '../../src/result/model';
import type { HttpOutcome, HttpRequest } from '../../src/transport/types';
import { runCertify } from '../support/runCertify';
import { runEngine, settingsFor } from '../support/engine';
import { withServer } from './support';

const request: HttpRequest = { method: 'PUT', path: '/cissession/stop', headers: {}, body: '{}' };
const answer = (status: number, body = ''): HttpOutcome => ({ kind: 'response', status, headers: {}, body: Buffer.from(body), durationMs: 1 });

function failed(expectation: Expectation | undefined, status: number, body = ''): CheckReport {
  return {
    id: 'M3', name: 'someCheck', title: 't', level: 'MUST', words: 'w', status: 'failed', cases: 1, judged: 1, requests: 1, counts: true,
    failure: {
      request: { method: 'PUT', url: 'http://127.0.0.1:9/cissession/stop', headers: {}, body: '{}', bodyBytes: 2 },
      response: { kind: 'response', status, headers: {}, body, bodyBytes: body.length, durationMs: 1 },
      curl: 'curl', title: 'x', expected: expectation?.expected ?? '?', received: `${status}`, expectation, replay: 'npx stop-cis-session-conformance certify --seed 1 --runs 300 --only someCheck',
    },
  };
}

test('a resent answer is judged by the failure\'s expectation; what it cannot judge goes to the check', () => {
  const status400: Expectation = { kind: 'status', statuses: [400], title: 't', expected: '400: x' };
  assert.equal(judgeResend(failed(status400, 200), request, answer(200))?.exit, 1, 'still wrong');
  assert.equal(judgeResend(failed(status400, 200), request, answer(400, '{"message":"bad"}'))?.exit, 0, 'right now');
  const empty: Expectation = { kind: 'empty-body', allowEmptyObject: false, title: 't', expected: '200 with an empty body' };
  assert.equal(judgeResend(failed(empty, 200, '{}'), request, answer(200, '{}'))?.exit, 1, 'the body is judged too, by the same rule');
  assert.equal(judgeResend(failed(empty, 200, '{}'), request, answer(200))?.exit, 0);
  assert.equal(judgeResend(failed(empty, 200, '{}'), request, answer(400)), undefined, 'a 400 is M1\'s, not M2\'s: only the check can say more');
  const notFive: Expectation = { kind: 'not-5xx', title: 't', expected: 'below 500' };
  assert.equal(judgeResend(failed(notFive, 500), request, answer(400))?.exit, 0);
  assert.equal(judgeResend(failed(undefined, 200), request, answer(200)), undefined, 'no expectation (the SDK calls): the check runs again');
  assert.equal(judgeResend(failed(status400, 200), request, { kind: 'no-answer', reason: 'connection', message: 'connection refused', durationMs: 1 })?.exit, 2, 'nothing listening: cannot tell');
});

test('a recorded request that cannot be sent byte for byte says why', () => {
  const base = failed(undefined, 200).failure;
  assert.ok(base);
  assert.equal(notExact(base), undefined);
  assert.match(notExact({ ...base, request: { ...base.request, bodyBytes: 20_000 } }) ?? '', /20000-byte body is longer than the report keeps/);
  assert.match(notExact({ ...base, request: { ...base.request, headers: { authorization: 'AWS4-HMAC-SHA256 [REDACTED]' } } }) ?? '', /authorization header was redacted/);
  // Bytes that are not UTF-8 are kept exactly (base64) when short, so they can be sent again.
  assert.equal(notExact({ ...base, request: { ...base.request, body: '\ufffd', bodyBytes: 1, bodyBase64: Buffer.from([0xff]).toString('base64') } }), undefined);
});

async function replayed(report: string, check: string | undefined): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const settings = { ...settingsFor(new URL('http://127.0.0.1:9')), target: undefined, timeoutMs: 5000 };
  const code = await replay(settings, report, check, {
    say: (line) => lines.push(line),
    rerun: () => Promise.reject(new Error('this replay was expected to resend, not to re-run the check')),
  });
  return { code, output: lines.join('\n') };
}

test('a run-wide failure that cannot be resent runs again the check whose case it was', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const json = join(dir, 'conformance.json');
  const seen = failed({ kind: 'not-5xx', title: 't', expected: 'below 500' }, 500);
  assert.ok(seen.failure);
  // M5 over the run; its case came from validRequestAccepted, with a body longer than the report keeps.
  const check: CheckReport = { ...seen, id: 'M5', name: 'noServerErrorInRun', failure: { ...seen.failure, request: { ...seen.failure.request, bodyBytes: 20_000 }, seenIn: 'validRequestAccepted' } };
  const report = { verdict: 'non-conformant', target: 'http://127.0.0.1:9/', seed: 5, runs: 40, command: 'npx stop-cis-session-conformance certify', sessionMode: 'any', profile: [], strict: false, checks: [check] };
  writeFileSync(json, JSON.stringify(report));
  const argv: string[][] = [];
  const settings = { ...settingsFor(new URL('http://127.0.0.1:9')), timeoutMs: 5000 };
  const code = await replay(settings, json, 'noServerErrorInRun', { say: () => {}, rerun: async (again) => (argv.push(again), 2) });
  assert.equal(code, 2, 'the stub wrote no report: cannot tell');
  assert.equal(argv.length, 1);
  assert.deepEqual(argv[0].slice(argv[0].indexOf('--only'), argv[0].indexOf('--only') + 2), ['--only', 'validRequestAccepted']);
  assert.deepEqual(argv[0].slice(argv[0].indexOf('--seed'), argv[0].indexOf('--seed') + 4), ['--seed', '5', '--runs', '40']);
});

test('end to end: a failure replayed still fails against the broken target, no longer fails against the reference, and honest fallbacks', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const json = join(dir, 'conformance.json');
  const braces = { behaviour: { act: () => ({ status: 200 as const, body: '{}', headers: { 'content-type': 'application/json' } }) } };
  await withServer(braces, async (broken) => {
    const run = await runCertify(['--target', broken.toString(), '--seed', '3', '--runs', '30', '--only', 'emptySuccessBody,validRequestAccepted'], { REPORT_DIR: dir });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output.replace(/ \\\n\s*/g, ' '), /replay the first failure: npx stop-cis-session-conformance certify --replay .*conformance\.json emptySuccessBody/);

    // In process where no re-run is needed: a child per replay costs seconds of start-up.
    const again = await replayed(json, 'emptySuccessBody');
    assert.equal(again.code, 1, again.output);
    assert.match(again.output, /STILL FAILS: answered 200 with a 2-byte body; expected 200 with an empty body/);
    assert.equal((await replayed(json, 'M2')).code, 1, 'by requirement id');

    for (const [check, why] of [
      ['validRequestAccepted', /did not fail in that run/],
      ['noSuchCheck', /neither a check name nor a requirement id/],
    ] as const) {
      const r = await replayed(json, check);
      assert.equal(r.code, 2, r.output);
      assert.match(r.output, why);
    }
    const missing = await replayed(join(dir, 'missing.json'), undefined);
    assert.equal(missing.code, 2);
    assert.match(missing.output, /there is no report at/);
  });

  await withServer({}, async (reference) => {
    const fixed = await runCertify(['--replay', json, 'emptySuccessBody', '--target', reference.toString()], {});
    assert.equal(fixed.code, 0, fixed.output);
    assert.match(fixed.output, /NO LONGER FAILS: answered 200 with an empty body/);

    // A body longer than the report keeps cannot be resent exactly: the check runs again, with the run's seed and runs.
    const report = JSON.parse(readFileSync(json, 'utf8')) as ConformanceReport;
    const m2 = report.checks.find((c) => c.name === 'emptySuccessBody');
    assert.ok(m2?.failure);
    m2.failure.request.bodyBytes = 20_000;
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, JSON.stringify(report));
    const fallback = await runCertify(['--replay', cut, 'emptySuccessBody', '--target', reference.toString()], {});
    assert.equal(fallback.code, 0, fallback.output);
    assert.match(fallback.output, /cannot be judged again on its own: its 20000-byte body is longer than the report keeps/);
    assert.match(fallback.output, /running the check again with the run's seed: npx stop-cis-session-conformance certify --target \S+ --seed 3 --runs 30 --only emptySuccessBody/);
    assert.match(fallback.output, /NO LONGER FAILS: the check passed/);
  });
});

test('the replay of a signed failure signs too: a target that refuses unsigned requests judges the resend', async () => {
  const sigv4 = { accessKeyId: 'AKIDREPLAYTEST0001', secretAccessKey: 'replay-test-secret-key-value', region: 'us-east-1' };
  const signing = { credentials: { accessKeyId: sigv4.accessKeyId, secretAccessKey: sigv4.secretAccessKey }, region: sigv4.region };
  const braces = { sigv4, behaviour: { act: () => ({ status: 200 as const, body: '{}', headers: { 'content-type': 'application/json' } }) } };
  await withServer(braces, async (url) => {
    const run = await runEngine(url, { only: ['M2'], runs: 10, signing });
    const m2 = run.report.checks.find((c) => c.name === 'emptySuccessBody');
    assert.equal(m2?.status, 'failed');
    assert.match(m2?.failure?.curl ?? '', /--aws-sigv4 'aws:amz:us-east-1:inspector2' --user "\$AWS_ACCESS_KEY_ID:\$AWS_SECRET_ACCESS_KEY"/, 'the curl line signs');
    const dir = mkdtempSync(join(tmpdir(), 'replay-signed-'));
    writeFileSync(join(dir, 'conformance.json'), JSON.stringify(run.report));
    const lines: string[] = [];
    const settings = { ...settingsFor(url), target: undefined, signing };
    const code = await replay(settings, join(dir, 'conformance.json'), 'emptySuccessBody', { say: (line) => lines.push(line), rerun: () => Promise.reject(new Error('the signed resend should be judged, not re-run')) });
    assert.equal(code, 1, lines.join('\n'));
    assert.match(lines.join('\n'), /STILL FAILS: answered 200 with a 2-byte body/);
  });
});
