// M5, M6, M7: the reference passes; a variant broken for each is caught under it; a target that
// hangs (on everything, or on large bodies only) gets a verdict in bounded time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createReferenceServer, referenceBehaviour } from '../../src/reference/server';
import { answering, certify, certifyReference, certifyVariant, serving } from './certifyServer';

test('the reference passes M5, M6 and M7, and M6 shows what each other method got', async () => {
  const run = await certifyReference({}, ['--only', 'M5,M6,M7', '--runs', '60']);
  assert.equal(run.code, 0, run.output);
  assert.deepEqual(run.failedIds, []);
  const names = run.report.checks.filter((c) => c.status === 'passed').map((c) => c.name);
  for (const name of ['noServerErrorForAnyInput', 'otherMethodsNotSuccessful', 'oversizedBodyAnsweredInTime', 'noServerErrorInRun', 'everyRequestAnsweredInRun']) {
    assert.ok(names.includes(name), `${name} passed`);
  }
  const m6 = run.report.checks.find((c) => c.name === 'otherMethodsNotSuccessful');
  assert.equal(m6?.observations?.length, 8);
  assert.ok(m6?.observations?.every((o) => o.answer.startsWith('405')), JSON.stringify(m6?.observations));
});

test('M5: a crash on a body without a message is caught with a shrunk case', async () => {
  const run = await certifyVariant('crash-on-missing-message', ['--only', 'noServerErrorForAnyInput', '--runs', '100']);
  assert.equal(run.code, 1, run.output);
  const m5 = run.report.checks.find((c) => c.name === 'noServerErrorForAnyInput');
  assert.equal(m5?.status, 'failed');
  assert.equal(m5?.failure?.response.kind === 'response' && m5.failure.response.status, 500);
  assert.match(m5?.failure?.curl ?? '', /^curl .* -X PUT /);
  assert.ok((m5?.failure?.request.bodyBytes ?? Infinity) < 200, `shrunk: ${m5?.failure?.request.body}`);
});

test('M5: a 5xx to a TOLERATED case fails M5 over the run, with its request, while the T check only shows it', async () => {
  const run = await certifyVariant('crash-on-lone-surrogate', ['--only', 'T3']);
  assert.equal(run.code, 1, run.output);
  const t3 = run.report.checks.find((c) => c.id === 'T3');
  assert.equal(t3?.status, 'passed');
  assert.ok(t3?.observations?.some((o) => o.answer.startsWith('500')));
  const whole = run.report.checks.find((c) => c.name === 'noServerErrorInRun');
  assert.equal(whole?.status, 'failed');
  assert.match(whole?.failure?.request.body ?? '', /\\ud[89a-f]/i);
});

test('M6: a router that takes POST for PUT is caught', async () => {
  const run = await certifyVariant('post-as-put', ['--only', 'M6']);
  assert.equal(run.code, 1, run.output);
  const m6 = run.report.checks.find((c) => c.name === 'otherMethodsNotSuccessful');
  assert.equal(m6?.failure?.request.method, 'POST');
  assert.deepEqual(run.failedIds, ['M6']);
});

test('M6 and T4: 404, 405 without Allow, and 501 to methods a server does not implement all conform', async () => {
  const server = answering((req, res) => {
    const known = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].includes(req.method ?? '');
    const status = !known ? 501 : req.method === 'PUT' && req.url === '/cissession/stop' ? 200 : req.method === 'GET' ? 404 : 405;
    res.writeHead(status, { 'content-length': 0 });
    res.end();
  });
  const run = await serving(server, (url) => certify(url, ['--only', 'M5,M6,T4', '--runs', '20']));
  assert.equal(run.code, 0, run.output);
  assert.deepEqual(run.failedIds, []);
  const t4 = run.report.checks.find((c) => c.id === 'T4');
  // Node's HTTP parser itself answers 400 to a method it does not know (FROBNICATE); TRACE reaches the handler.
  assert.ok(t4?.observations?.some((o) => o.description.startsWith('TRACE') && o.answer === '501'), JSON.stringify(t4?.observations));
});

test('M7: a target that hangs on large bodies fails M7 within a bounded time, and the other checks still run', async () => {
  const run = await certifyVariant('hang-on-large-body', ['--only', 'M1,M7', '--timeout', '2000', '--runs', '30']);
  assert.equal(run.code, 1, run.output);
  const m7 = run.report.checks.find((c) => c.name === 'oversizedBodyAnsweredInTime');
  assert.equal(m7?.status, 'failed');
  assert.equal(m7?.failure?.response.kind, 'no-answer');
  assert.ok((m7?.failure?.request.bodyBytes ?? 0) >= 1024 * 1024);
  assert.match(m7?.failure?.curl ?? '', /head -c \d+ \/dev\/zero/, 'the curl line rebuilds the large body');
  assert.equal(run.report.checks.find((c) => c.name === 'validRequestAccepted')?.status, 'passed');
  assert.ok(run.durationMs < 90_000, `took ${run.durationMs} ms`);
});

test('M7: a target that hangs on every request ends with a verdict in bounded time (preflight)', async () => {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(() => {}); // takes every request, answers none
  server.on('connection', (socket) => sockets.add(socket));
  const run = await serving(server, async (url) => {
    try {
      return await certify(url, ['--timeout', '1500']);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
  assert.equal(run.code, 1, run.output);
  assert.equal(run.report.verdict, 'non-conformant');
  assert.deepEqual(run.failedIds, ['M7']);
  assert.ok(run.durationMs < 60_000, `took ${run.durationMs} ms`);
});

test('M7: a target that hangs on common input (any non-ASCII body) gets its verdict in bounded time, not a hang shrunk step by step', async () => {
  const server = createReferenceServer({
    behaviour: {
      readBody: async (req, limit) => {
        const body = await referenceBehaviour.readBody(req, limit);
        if (body !== 'too-large' && /[^\x00-\x7f]/.test(body.toString('utf8'))) await new Promise<never>(() => {});
        return body;
      },
    },
  });
  const run = await serving(server, (url) => certify(url, ['--only', 'M1,M5,S4,malformedUuidRejected', '--timeout', '1500']));
  assert.equal(run.code, 1, run.output);
  assert.ok(run.failedIds.includes('M7'), run.failedIds.join(','));
  // Each check stops after a few timeouts (it cannot judge the rest) instead of shrinking the hang for its whole budget.
  assert.ok(run.report.checks.some((c) => c.error?.includes('went unanswered')), 'a check says why it stopped');
  assert.ok(run.durationMs < 60_000, `took ${run.durationMs} ms`);
});
