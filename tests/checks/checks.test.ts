// What the checks judge against real servers on 127.0.0.1, run as certify runs them (the check
// before judging, every check at once through one pool, the run-wide checks, the verdict), in this
// process and without Playwright. Each faulty variant of the catalogue is proven by the mutation
// score; these cover what the catalogue does not show on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createReferenceServer, modelledError, referenceBehaviour, type Answer, type Behaviour, type ErrorAnswer } from '../../src/reference/server';
import { variantNamed } from '../../src/reference/variants';
import { answering, sendJson, serving } from './certifyServer';
import { runEngine } from '../support/engine';
import type { Settings } from '../../src/settings';

function variant(name: string) {
  const found = variantNamed(name);
  if (!found) throw new Error(`no variant ${name}`);
  return found;
}

const onReference = (options: Parameters<typeof createReferenceServer>[0], settings: Partial<Settings>) => serving(createReferenceServer(options), (url) => runEngine(url, settings));
const onVariant = (name: string, settings: Partial<Settings>) => onReference(variant(name).options, settings);

test('the reference passes every check it meets, and each says how many cases it judged', async () => {
  const run = await onReference({}, { runs: 40 });
  assert.equal(run.report.verdict, 'conformant', run.report.summary);
  assert.deepEqual(run.failedIds, []);
  for (const check of run.report.checks) {
    if (check.status === 'passed') assert.ok(check.judged > 0, `${check.name} passed having judged ${check.judged}`);
    else assert.ok(['skipped', 'not-judged'].includes(check.status) && (check.reason ?? '').length > 0, `${check.name}: ${check.status} ${check.reason ?? check.error ?? ''}`);
  }
  for (const name of ['noServerErrorInRun', 'everyRequestAnsweredInRun', 'oversizedBodyAnsweredInTime', 'otherMethodsNotSuccessful', 'knownValidRequestAnswered']) {
    assert.equal(run.record(name).status, 'passed', name);
  }
  assert.equal(run.record('retryAfterWholeSecondsInRun').status, 'not-judged', 'the reference never throttles: nothing for S3');
});

test('M5: a crash on a body without a message is caught with a shrunk case', async () => {
  const run = await onVariant('crash-on-missing-message', { only: ['noServerErrorForAnyInput'], runs: 100 });
  const m5 = run.record('noServerErrorForAnyInput');
  assert.equal(m5.status, 'failed');
  assert.equal(m5.failure?.response.kind === 'response' && m5.failure.response.status, 500);
  assert.ok((m5.failure?.request.bodyBytes ?? Infinity) < 200, `shrunk: ${m5.failure?.request.body}`);
});

test('M5: a 5xx to a TOLERATED case fails M5 over the run, with its request, while the T check only shows it', async () => {
  const run = await onVariant('crash-on-lone-surrogate', { only: ['T3'] });
  assert.equal(run.report.verdict, 'non-conformant');
  const t3 = run.record('loneSurrogateObserved');
  assert.equal(t3.status, 'passed');
  assert.ok(t3.observations?.some((o) => o.answer.startsWith('500')));
  const whole = run.record('noServerErrorInRun');
  assert.equal(whole.status, 'failed');
  assert.match(whole.failure?.request.body ?? '', /\\ud[89a-f]/i);
  assert.match(whole.failure?.caseDescription ?? '', /while running loneSurrogateObserved/);
});

test('M6 and T4: 404, 405 without Allow, and 501 to methods a server does not implement all conform', async () => {
  const server = answering((req, res) => {
    const known = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].includes(req.method ?? '');
    const status = !known ? 501 : req.method === 'PUT' && req.url === '/cissession/stop' ? 200 : req.method === 'GET' ? 404 : 405;
    res.writeHead(status, { 'content-length': 0 });
    res.end();
  });
  const run = await serving(server, (url) => runEngine(url, { only: ['M5', 'M6', 'T4'], runs: 20 }));
  assert.deepEqual(run.failedIds, []);
  assert.ok(run.record('wrongRouteObserved').observations?.some((o) => o.description.startsWith('TRACE') && o.answer === '501'));
});

test('M7 by the amended rules: a 1 MiB body valid but for its size may be accepted (T11); hanging, dropping or 500 on one fails', async () => {
  const accepted = await onVariant('large-body-accepted', { only: ['M7', 'T11'] });
  assert.equal(accepted.report.verdict, 'conformant', accepted.report.summary);
  assert.equal(accepted.record('oversizedBodyAnsweredInTime').status, 'passed');
  assert.deepEqual(accepted.record('oversizedValidBodyObserved').observations?.map((o) => o.answer), ['200']);
  const reference = await onReference({}, { only: ['T11'] });
  assert.deepEqual(reference.record('oversizedValidBodyObserved').observations?.map((o) => o.answer), ['413 ValidationException'], 'the reference\'s limit is its own choice too');
  for (const name of ['hang-on-large-body', 'large-body-connection-dropped', 'large-body-crash']) {
    const run = await onVariant(name, { only: ['M1', 'M7'], runs: 20, timeoutMs: 2000 });
    const m7 = run.record('oversizedBodyAnsweredInTime');
    assert.equal(m7.status, 'failed', name);
    assert.ok((m7.failure?.request.bodyBytes ?? 0) >= 1024 * 1024, name);
    assert.equal(run.record('validRequestAccepted').status, 'passed', `${name}: the other checks still judge`);
  }
});

test('M7: a target that hangs on every request ends with a verdict in bounded time (the check before judging)', async () => {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(() => {}); // takes every request, answers none
  server.on('connection', (socket) => sockets.add(socket));
  const run = await serving(server, async (url) => {
    try {
      return await runEngine(url, { timeoutMs: 1500 });
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
  assert.equal(run.report.verdict, 'non-conformant');
  assert.deepEqual(run.failedIds, ['M7']);
  assert.equal(run.records.length, 1, 'no other check ran');
  assert.ok(run.durationMs < 10_000, `took ${run.durationMs} ms`);
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
  const run = await serving(server, (url) => runEngine(url, { only: ['M1', 'M5', 'S4', 'malformedUuidRejected'], timeoutMs: 1500 }));
  assert.equal(run.report.verdict, 'non-conformant');
  assert.ok(run.failedIds.includes('M7'), run.failedIds.join(','));
  assert.ok(run.report.checks.some((c) => c.error?.includes('went unanswered')), 'a check says why it stopped');
  assert.ok(run.durationMs < 30_000, `took ${run.durationMs} ms`);
});

test('checks that judge nothing say so: 200 {} to everything leaves S1 and S2 nothing, 400 to everything leaves S4–S6 no accepted control', async () => {
  const yes = answering((_req, res) => sendJson(res, 200, {}));
  const run = await serving(yes, (url) => runEngine(url, { only: ['S1', 'S2'], runs: 30 }));
  for (const name of ['errorTypeFitsStatus', 'errorBodyModelled']) {
    const check = run.record(name);
    assert.equal(check.status, 'not-judged', name);
    assert.match(check.reason ?? '', /none of 30 cases could be judged: the answer was 200, not an error/);
  }
  const no = answering((_req, res) => sendJson(res, 400, { message: 'no' }, { 'x-amzn-errortype': 'ValidationException' }));
  const refusing = await serving(no, (url) => runEngine(url, { only: ['S4', 'S5', 'S6', 'M1'], runs: 20 }));
  for (const name of ['repeatedStopAccepted', 'unknownMembersSkipped', 'charsetUtf8Accepted']) {
    assert.equal(refusing.record(name).status, 'not-judged', name);
    assert.match(refusing.record(name).reason ?? '', /control request .* was not answered 200/);
  }
  assert.equal(refusing.report.verdict, 'non-conformant', 'M1 says why');
});

test('the wrong target is judged all the same, with a hint atop the result: 404 to everything, and an emulator that routes by SigV4 credential scope', async () => {
  const notFound = answering((_req, res) => sendJson(res, 404, { message: 'Not Found' }));
  const run = await serving(notFound, (url) => runEngine(url, { runs: 20 }));
  // The rules: any answer but none and 401/403 goes on to the checks, and a 404 to a valid request is M1's failure.
  assert.equal(run.report.verdict, 'non-conformant', run.report.summary);
  assert.ok(run.failedIds.includes('M1'), run.failedIds.join(','));
  assert.ok(run.records.length > 1, 'every check ran');
  assert.equal(run.report.inconclusiveReason, undefined);
  assert.match(run.report.targetHint ?? '', /^This looks like something other than a StopCisSession endpoint: a known-valid PUT \/cissession\/stop was answered 404\. If it is the wrong URL, check the base URL and any path prefix \(the suite adds \/cissession\/stop to http:\/\/127\.0\.0\.1:\d+\/\)/);
  assert.equal(run.report.checks.find((c) => c.name === 'knownValidRequestAnswered')?.status, 'passed', 'M7: it was answered in time');
  // Unsigned requests go to the emulator's default service (S3): 404 NoSuchBucket, as XML.
  const emulator = answering((req, res) => {
    if (req.headers.authorization?.includes('/inspector2/aws4_request')) return referenceAnswer(res);
    const xml = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>cissession</BucketName></Error>';
    res.writeHead(404, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
  });
  const unsigned = await serving(emulator, (url) => runEngine(url, { only: ['M1'], runs: 20 }));
  assert.equal(unsigned.report.verdict, 'non-conformant');
  assert.deepEqual(unsigned.failedIds, ['M1']);
  assert.match(unsigned.report.targetHint ?? '', /NoSuchBucket.*set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY so the suite signs its requests for inspector2/);
});

test('PHP\'s default Content-Type is no sign of the wrong target: an empty 200 under it is conformant, a leaked newline is M2\'s failure', async () => {
  const conforming = await onVariant('php-default-content-type', { runs: 30 });
  assert.equal(conforming.report.verdict, 'conformant', conforming.report.summary);
  assert.deepEqual(conforming.failedIds, []);
  assert.equal(conforming.report.targetHint, undefined);
  const newline = await onVariant('php-leaked-newline', { only: ['M1', 'M2'], runs: 20 });
  assert.equal(newline.report.verdict, 'non-conformant', newline.report.summary);
  assert.deepEqual(newline.failedIds, ['M2']);
  assert.equal(newline.report.targetHint, undefined);
  const response = newline.record('emptySuccessBody').failure?.response;
  assert.equal(response?.kind === 'response' && response.body, '\n');
});

function referenceAnswer(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-length': 0 });
  res.end();
}

test('the session-aware reference: conformant in session mode start, non-conformant (M1, the 409) in mode any', async () => {
  const start = await onReference({ sessions: true }, { sessionMode: 'start', runs: 30 });
  assert.equal(start.report.verdict, 'conformant', start.report.summary);
  assert.deepEqual(start.failedIds, []);
  for (const name of ['conflictErrorTypeNamed', 'conflictErrorBodyModelled', 'repeatedStopAccepted', 'otherMethodsNotSuccessful']) assert.equal(start.record(name).status, 'passed', name);
  const any = await onReference({ sessions: true }, { only: ['M1'], runs: 20 });
  assert.deepEqual(any.failedIds, ['M1']);
  const response = any.record('validRequestAccepted').failure?.response;
  assert.equal(response?.kind === 'response' && response.status, 409);
});

/** Every error answer in another spelling T8 and T10 allow, in turn. */
function spellingsInTurn(): Behaviour['respond'] {
  let turn = 0;
  const spellings: Array<(error: ErrorAnswer) => { type?: string; body: Record<string, unknown> }> = [
    (e) => ({ type: `com.amazonaws.inspector2#${e.type}`, body: e.body }),
    (e) => ({ type: `${e.type}:http://internal.amazon.com/coral/com.amazonaws.inspector2/`, body: e.body }),
    (e) => ({ body: { __type: `com.amazonaws.inspector2#${e.type}`, ...e.body } }),
    (e) => ({ body: { code: e.type, ...e.body, message: 'Another wording (T9).' } }),
    // T10: what smithy-rs sends for a body it cannot deserialize.
    (e) => (e.body.reason === 'CANNOT_PARSE' ? { type: 'SerializationException', body: {} } : { type: e.type, body: { ...e.body, message: undefined, Message: 'capital M' } }),
  ];
  return (res, answer: Answer) => {
    if (!('type' in answer)) return referenceBehaviour.respond(res, answer);
    const { type, body } = spellings[turn++ % spellings.length](answer);
    const text = JSON.stringify(body);
    res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(type ? { 'x-amzn-errortype': type } : {}) });
    res.end(text);
  };
}

test('S1 and S2 accept every spelling of the error type (T8), any message (T9), and SerializationException {} (T10)', async () => {
  const run = await onReference({ behaviour: { respond: spellingsInTurn() } }, { only: ['S1', 'S2'], runs: 150 });
  assert.deepEqual(run.failedIds, []);
  assert.equal(run.record('errorTypeFitsStatus').judged, 150);
});

for (const [label, status] of [['400 ValidationException', 400], ['415', 415], ['200', 200]] as const) {
  test(`a target answering ${label} to every request fails no T check`, async () => {
    const server = answering((_req, res) => {
      if (status === 200) {
        res.writeHead(200, { 'content-length': 0 });
        res.end();
      } else sendJson(res, status, { message: 'no' }, { 'x-amzn-errortype': status === 400 ? 'ValidationException' : 'UnsupportedMediaTypeException' });
    });
    const run = await serving(server, (url) => runEngine(url, { only: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11'] }));
    assert.deepEqual(run.records.filter((c) => c.level === 'TOLERATED' && c.status !== 'passed').map((c) => c.name), []);
  });
}

/** A route stage that refuses the requests `throttled` picks with 429 ThrottlingException. */
function throttling(throttled: (count: number) => boolean, headers: Record<string, string>): Behaviour['route'] {
  let count = 0;
  return (...args) => (throttled(++count) ? { answer: { ...modelledError('ThrottlingException', 429, 'Rate exceeded.'), headers } } : referenceBehaviour.route(...args));
}

test('throttling once in a while (Retry-After: 0) is waited out: conformant, and S3 judges every Retry-After of the run', async () => {
  const run = await onReference({ behaviour: { route: throttling((count) => count % 7 === 0, { 'retry-after': '0' }) } }, { only: ['M1', 'M3', 'S4'], runs: 60 });
  assert.equal(run.report.verdict, 'conformant', run.report.summary);
  const s3 = run.record('retryAfterWholeSecondsInRun');
  assert.equal(s3.status, 'passed');
  assert.ok(s3.judged > 10, `${s3.judged} Retry-After headers judged`);
});

test('a Retry-After that is not whole seconds (1s) is waited 1 s; S3 warns and the run goes on', async () => {
  // 300 requests a second: a run of well over that many requests meets the limit.
  const run = await onVariant('retry-after-with-unit', { only: ['M1', 'M3'], runs: 100 });
  assert.equal(run.report.verdict, 'conformant', run.report.summary);
  assert.equal(run.record('retryAfterWholeSecondsInRun').status, 'failed');
  assert.match(run.record('retryAfterWholeSecondsInRun').failure?.received ?? '', /429 with Retry-After: 1s/);
});

test('a target that throttles every request after the first is inconclusive, in bounded time', async () => {
  const run = await onReference({ behaviour: { route: throttling((count) => count > 1, {}) } }, { only: ['M1', 'M6'], throttlePatienceMs: 3000 });
  assert.equal(run.report.verdict, 'inconclusive');
  assert.match(run.report.summary, /answered nothing but throttling .* past the 3 s the suite waits/);
  assert.ok(run.durationMs < 15_000, `took ${run.durationMs} ms`);
});

test('the reference behind its rate limit (100 requests a second) is conformant, 5 runs of 5, at about the rate it allows', async () => {
  for (let i = 0; i < 5; i++) {
    const run = await onReference({ rateLimit: { perSecond: 100, retryAfterSeconds: 1 } }, { runs: 8, seed: 1000 + i });
    assert.equal(run.report.verdict, 'conformant', `run ${i + 1}: ${run.report.summary}`);
    assert.deepEqual(run.failedIds, []);
    const requests = run.report.requests;
    assert.ok(run.durationMs < (requests / 100) * 1000 * 2 + 5000, `run ${i + 1}: ${requests} requests in ${run.durationMs} ms`);
  }
});
