// Before judging (CONFORMANCE-RULES): one known-valid request first. No connection, or 401/403 to
// it, is inconclusive with one sentence saying what to fix; any other answer lets the run go on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { close, createReferenceServer, listen } from '../../src/reference/server';
import { answering, certify, sendJson, serving } from './certifyServer';

test('a closed port: exit 2, one sentence naming the URL, no check run', async () => {
  const server = createReferenceServer();
  const url = await listen(server);
  await close(server);
  const run = await certify(url, []);
  assert.equal(run.code, 2, run.output);
  assert.equal(run.report.verdict, 'inconclusive');
  assert.deepEqual(run.report.checks, []);
  const sentence = run.output.split('\n').find((line) => line.startsWith('Could not reach'));
  assert.match(sentence ?? '', new RegExp(`^Could not reach the target at ${url.toString().replace(/[.]/g, '\\.')}: connection refused[^\\n]*\\.$`));
  assert.doesNotMatch(run.output, /\n\s+at /, 'no stack trace');
});

for (const status of [403, 401]) {
  test(`a target that answers ${status} to everything: exit 2, "refused a valid request with ${status}", check credentials`, async () => {
    const server = answering((_req, res) => sendJson(res, status, { message: 'denied' }, { 'x-amzn-errortype': 'AccessDeniedException' }));
    const run = await serving(server, (url) => certify(url, []));
    assert.equal(run.code, 2, run.output);
    assert.equal(run.report.verdict, 'inconclusive');
    assert.match(run.output, new RegExp(`refused a valid request with ${status} AccessDeniedException; check the credentials`));
    assert.equal(run.report.requests, 1, 'only the known-valid request was sent');
  });
}

test('any other answer to the known-valid request lets the run go on and the checks judge it', async () => {
  const server = answering((_req, res) => sendJson(res, 500, { message: 'boom' }, { 'x-amzn-errortype': 'InternalServerException' }));
  const run = await serving(server, (url) => certify(url, ['--only', 'M1,M5', '--runs', '20']));
  assert.equal(run.code, 1, run.output);
  assert.equal(run.report.verdict, 'non-conformant');
  assert.ok(run.failedIds.includes('M1') && run.failedIds.includes('M5'), run.failedIds.join(','));
});
