// `certify --replay REPORT [CHECK]`: the recorded failing case is sent again and the exit code
// says whether it still fails (1), no longer fails (0), or the replay cannot tell (2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCertifyArgs } from '../../src/cli/args';
import { expectedStatuses, judgeResend, replay, type ReplayOptions } from '../../src/cli/replay';
import type { CheckReport, ConformanceReport } from '../../src/report/model';
import { UsageError } from '../../src/runner/settings';
import type { HttpOutcome, HttpRequest } from '../../src/transport/types';
import { runCertify } from '../support/runCertify';
import { withServer } from './support';

test('--replay REPORT CHECK parses, CHECK optional; a stray positional without --replay is refused', () => {
  assert.deepEqual(parseCertifyArgs(['--replay', 'r/conformance.json', 'M2'], {}).replay, { report: 'r/conformance.json', check: 'M2' });
  assert.deepEqual(parseCertifyArgs(['--replay', 'r.json', '--target', 'http://127.0.0.1:1'], {}).replay, { report: 'r.json', check: undefined });
  assert.equal(parseCertifyArgs(['--replay', 'r.json', 'emptySuccessBody', '--timeout', '500'], {}).timeoutMs, 500);
  assert.throws(() => parseCertifyArgs(['emptySuccessBody'], {}), UsageError);
  assert.throws(() => parseCertifyArgs(['--replay', 'r.json', 'a', 'b'], {}), UsageError);
});

test('expected statuses are read from the front of the expectation', () => {
  assert.deepEqual(expectedStatuses('400: scanJobId in upper case (pattern at /scanJobId)'), [400]);
  assert.deepEqual(expectedStatuses('200 with an empty body (0 bytes)'), [200]);
  assert.deepEqual(expectedStatuses('400 or 413 within the timeout'), [400, 413]);
  assert.deepEqual(expectedStatuses('an answer below 500'), []);
});

const request: HttpRequest = { method: 'PUT', path: '/cissession/stop', headers: {}, body: '{}' };
const answer = (status: number, body = ''): HttpOutcome => ({ kind: 'response', status, headers: {}, body: Buffer.from(body), durationMs: 1 });

function failed(id: CheckReport['id'], expected: string, status: number, body = ''): CheckReport {
  return {
    id, name: 'someCheck', title: 't', level: 'MUST', words: 'w', status: 'failed', cases: 1, requests: 1,
    failure: {
      request: { method: 'PUT', url: 'http://127.0.0.1:9/cissession/stop', headers: {}, body: '{}', bodyBytes: 2 },
      response: { kind: 'response', status, headers: {}, body, bodyBytes: body.length, durationMs: 1 },
      curl: 'curl', title: 'x', expected, received: `${status}`, replay: 'npm run certify -- --only someCheck',
    },
  };
}

test('a resent answer is judged: same answer or a status still wrong fails; a status now right passes; otherwise the check decides', () => {
  assert.equal(judgeResend(failed('M3', '400: x', 200), request, answer(200))?.exit, 1, 'the same answer');
  assert.equal(judgeResend(failed('M3', '400: x', 200), request, answer(500))?.exit, 1, 'another wrong status');
  assert.equal(judgeResend(failed('M3', '400: x', 200), request, answer(400, '{"message":"bad"}'))?.exit, 0, 'the status was the failure, and it is right now');
  assert.equal(judgeResend(failed('M2', '200 with an empty body', 200, '{}'), request, answer(200)), undefined, 'the status was right before: only the check can judge the body');
  assert.equal(judgeResend(failed('M5', 'an answer below 500', 500), request, answer(400))?.exit, 0, 'M5 by the runner\'s own rule');
  assert.equal(judgeResend(failed('M3', '400: x', 200), request, { kind: 'no-answer', reason: 'connection', message: 'connection refused', durationMs: 1 })?.exit, 2, 'nothing listening: cannot tell');
});

async function replayed(options: Omit<ReplayOptions, 'timeoutMs' | 'env'>): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await replay({ timeoutMs: 5000, env: {}, ...options }, {
    say: (line) => lines.push(line),
    rerun: () => Promise.reject(new Error('this replay was expected to resend, not to re-run the check')),
  });
  return { code, output: lines.join('\n') };
}

test('end to end: a failure replayed still fails against the broken target, no longer fails against the reference, and honest fallbacks', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const json = join(dir, 'conformance.json');
  const braces = { behaviour: { act: () => ({ status: 200 as const, body: '{}', headers: { 'content-type': 'application/json' } }) } };
  await withServer(braces, async (broken) => {
    const run = await runCertify(['--target', broken.toString(), '--seed', '3', '--runs', '30', '--only', 'emptySuccessBody,validRequestAccepted'], { REPORT_DIR: dir });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /replay a failure: npm run certify -- --replay .*conformance\.json emptySuccessBody/);

    // In process where no re-run is needed: a child per replay costs seconds of start-up.
    const again = await replayed({ report: json, check: 'emptySuccessBody' });
    assert.equal(again.code, 1, again.output);
    assert.match(again.output, /STILL FAILS: the target answers as it did/);
    assert.equal((await replayed({ report: json, check: 'M2' })).code, 1, 'by requirement id');

    for (const [options, why] of [
      [{ report: json, check: 'validRequestAccepted' }, /did not fail in that run/],
      [{ report: json, check: 'noSuchCheck' }, /neither a check name nor a requirement id/],
      [{ report: join(dir, 'missing.json') }, /there is no report at/],
    ] as const) {
      const r = await replayed(options);
      assert.equal(r.code, 2, r.output);
      assert.match(r.output, why);
    }
  });

  await withServer({}, async (reference) => {
    // The target fixed: the body changed, which only the check judges: it runs again with the run's seed.
    const fixed = await runCertify(['--replay', json, 'emptySuccessBody', '--target', reference.toString()], {});
    assert.equal(fixed.code, 0, fixed.output);
    assert.match(fixed.output, /running the check again with the run's seed: npm run certify -- --target \S+ --seed 3 --only emptySuccessBody/);
    assert.match(fixed.output, /NO LONGER FAILS/);

    // A body longer than the report keeps cannot be resent exactly: the check runs again instead.
    const report = JSON.parse(readFileSync(json, 'utf8')) as ConformanceReport;
    const m2 = report.checks.find((c) => c.name === 'emptySuccessBody');
    assert.ok(m2?.failure);
    m2.failure.request.bodyBytes = 20_000;
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, JSON.stringify(report));
    const fallback = await runCertify(['--replay', cut, 'emptySuccessBody', '--target', reference.toString()], {});
    assert.equal(fallback.code, 0, fallback.output);
    assert.match(fallback.output, /cannot be resent exactly: its 20000-byte body is longer than the report keeps/);
  });
});
