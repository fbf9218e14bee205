// Each check's judging, from recorded answers: no server, no Playwright. The expectation every
// case states, the one function that judges an answer against it (the checks and --replay both
// call it), the run-wide checks over the tallies the runner keeps, and the check before judging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyBody } from '../../src/checks/acceptance';
import { errorBodyShaped, errorTypeFits } from '../../src/checks/conventions';
import { accepted, rejected } from '../../src/checks/internal/expect';
import { judgeCase, CONTROL_NOT_ACCEPTED, type CaseRunner } from '../../src/checks/internal/property';
import { isServerError, judgeAnswer, NO_ANSWER, type Expectation, type Judgement } from '../../src/checks/judge';
import { foreignAnswer, knownValidRequestAnswered } from '../../src/checks/preflight';
import { ONE_MIB, oversizedCases, oversizedExpectation } from '../../src/checks/protocol';
import { rejectedRunner } from '../../src/checks/rejection';
import { everyRequestAnsweredInRun, noServerErrorInRun, retryAfterWholeSecondsInRun, runTallyOf } from '../../src/checks/runWide';
import type { CheckRecord, RunWideCheck } from '../../src/checks/types';
import { exchange } from '../../src/evidence/exchange';
import { invalidStopRequest } from '../../src/generation';
import { recorderOf } from '../../src/settings';
import type { HttpOutcome, HttpRequest } from '../../src/transport/types';
import fc from 'fast-check';
import { fakeContext } from '../support/fakeContext';
import { settingsFor } from '../support/engine';

const put: Pick<HttpRequest, 'method'> = { method: 'PUT' };
const answer = (status: number, body: unknown = '', headers: Record<string, string> = {}): HttpOutcome => ({
  kind: 'response',
  status,
  headers,
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  durationMs: 1,
});
const timeout: HttpOutcome = { kind: 'no-answer', reason: 'timeout', message: 'no answer within 1000 ms', durationMs: 1000 };
const dropped: HttpOutcome = { kind: 'no-answer', reason: 'connection', message: 'the connection was closed before an answer came', durationMs: 3 };

const isMet = (j: Judgement) => j.judged && j.mismatch === undefined;
const isUnmet = (j: Judgement) => j.judged && j.mismatch !== undefined;
const reasonOf = (j: Judgement) => (j.judged ? undefined : j.reason);

test('status: the listed statuses meet it; a missing answer is M7\'s unless the expectation asks for an answer', () => {
  const e = rejected('scanJobId in upper case');
  assert.ok(isMet(judgeAnswer(e, put, answer(400))));
  const wrong = judgeAnswer(e, put, answer(200));
  assert.ok(wrong.judged && wrong.mismatch);
  assert.deepEqual(wrong.mismatch, { title: 'An invalid request was not answered 400', expected: '400: scanJobId in upper case', received: '200 with an empty body' });
  assert.equal(reasonOf(judgeAnswer(e, put, timeout)), NO_ANSWER);
  assert.ok(isUnmet(judgeAnswer({ kind: 'status', statuses: [400], answerRequired: true, title: e.title, expected: e.expected }, put, timeout)));
});

test('M2: only a 200 is judged; its body is empty, or {} under allow-empty-object', () => {
  assert.ok(isMet(judgeAnswer(emptyBody(false), put, answer(200))));
  assert.ok(isUnmet(judgeAnswer(emptyBody(false), put, answer(200, '{}'))));
  assert.ok(isMet(judgeAnswer(emptyBody(true), put, answer(200, ' { } '))));
  assert.ok(isUnmet(judgeAnswer(emptyBody(true), put, answer(200, '{"ok":true}'))));
  assert.match(reasonOf(judgeAnswer(emptyBody(false), put, answer(409))) ?? '', /409, not 200 \(M1 judges that\)/);
});

test('M5: a 5xx is a failure, 501 only to a method other than PUT is T4; M6: any 2xx to another method fails', () => {
  const notFive: Expectation = { kind: 'not-5xx', title: 't', expected: 'e' };
  assert.ok(isUnmet(judgeAnswer(notFive, put, answer(500))));
  assert.ok(isUnmet(judgeAnswer(notFive, put, answer(501))));
  assert.ok(isMet(judgeAnswer(notFive, { method: 'TRACE' }, answer(501))));
  assert.ok(isServerError('PUT', answer(503)) && !isServerError('PUT', answer(499)) && !isServerError('FROBNICATE', answer(501)));
  const notTwo: Expectation = { kind: 'not-2xx', title: 't', expected: 'e' };
  for (const status of [200, 201, 204]) assert.ok(isUnmet(judgeAnswer(notTwo, { method: 'POST' }, answer(status))), String(status));
  for (const status of [404, 405, 501]) assert.ok(isMet(judgeAnswer(notTwo, { method: 'POST' }, answer(status))), String(status));
});

test('M7 oversized bodies: an invalid one must be 400 or 413 in time; one valid but for its size may be anything below 500 (T11)', () => {
  const [invalid, sizeOnly] = oversizedCases('a', 'b');
  assert.equal(invalid.kind, 'invalid');
  assert.equal(sizeOnly.kind, 'size-only');
  assert.equal(Buffer.byteLength(sizeOnly.text), ONE_MIB);
  const strict = oversizedExpectation(invalid, 1000);
  const lenient = oversizedExpectation(sizeOnly, 1000);
  for (const status of [400, 413]) assert.ok(isMet(judgeAnswer(strict, put, answer(status))));
  assert.ok(isUnmet(judgeAnswer(strict, put, answer(200))));
  assert.ok(isUnmet(judgeAnswer(strict, put, timeout)), 'a hang on a large body fails M7');
  assert.ok(isUnmet(judgeAnswer(strict, put, dropped)), 'so does a dropped connection');
  for (const status of [200, 400, 413]) assert.ok(isMet(judgeAnswer(lenient, put, answer(status))), `T11: ${status} conforms`);
  assert.ok(isUnmet(judgeAnswer(lenient, put, answer(500))));
  assert.ok(isUnmet(judgeAnswer(lenient, put, timeout)));
  assert.ok(isUnmet(judgeAnswer(lenient, put, dropped)));
});

test('S1 and S2: only error answers are judged; a 200 to invalid input is nothing for them to judge', () => {
  assert.match(reasonOf(judgeAnswer(errorTypeFits(false), put, answer(200))) ?? '', /200, not an error/);
  assert.ok(isMet(judgeAnswer(errorTypeFits(false), put, answer(400, { message: 'm' }, { 'x-amzn-errortype': 'ValidationException' }))));
  assert.ok(isUnmet(judgeAnswer(errorTypeFits(false), put, answer(400, { message: 'm' }, { 'x-amzn-errortype': 'SerializationException' }))));
  assert.ok(isMet(judgeAnswer(errorTypeFits(true), put, answer(400, {}, { 'x-amzn-errortype': 'SerializationException' }))), 'T10');
  assert.ok(isUnmet(judgeAnswer(errorTypeFits(false), put, answer(400, { message: 'm' }))), 'no type named');
  // The 409 checks judge a 409 alone.
  assert.match(reasonOf(judgeAnswer(errorTypeFits(false, [409]), put, answer(404, {}, { 'x-amzn-errortype': 'X' }))) ?? '', /404, not 409/);
  assert.ok(isUnmet(judgeAnswer(errorTypeFits(false, [409]), put, answer(409, { message: 'm' }, { 'x-amzn-errortype': 'ResourceNotFoundException' }))));
  assert.ok(isMet(judgeAnswer(errorBodyShaped(), put, answer(400, { message: 'm', reason: 'OTHER' }, { 'x-amzn-errortype': 'ValidationException' }))));
  assert.ok(isUnmet(judgeAnswer(errorBodyShaped(), put, answer(400, 'Bad Request', { 'x-amzn-errortype': 'ValidationException' }))));
  assert.match(reasonOf(judgeAnswer(errorBodyShaped(), put, answer(204))) ?? '', /not an error/);
});

test('S7: 403 AccessDeniedException, and nothing else, meets it', () => {
  const denied: Expectation = { kind: 'denied', title: 't', expected: 'e' };
  assert.ok(isMet(judgeAnswer(denied, put, answer(403, { message: 'no' }, { 'x-amzn-errortype': 'AccessDeniedException' }))));
  assert.ok(isUnmet(judgeAnswer(denied, put, answer(403, { message: 'no' }, { 'x-amzn-errortype': 'UnrecognizedClientException' }))));
  assert.ok(isUnmet(judgeAnswer(denied, put, answer(200))));
});

test('M3: each invalid case expects 400 and names its violation; S4–S6 judge a case only after an accepted control', () => {
  const [c] = fc.sample(invalidStopRequest({ families: ['pattern'] }), { seed: 3, numRuns: 1 });
  const e = rejectedRunner.expect(c);
  assert.equal(e.kind === 'status' && e.statuses.join(), '400');
  assert.ok(e.expected.includes(c.label.description));
  const runner: CaseRunner<number> = {
    request: () => ({ method: 'PUT', path: '/cissession/stop', headers: {} }),
    control: () => ({ request: { method: 'PUT', path: '/cissession/stop', headers: {} } }),
    expect: () => accepted(),
    describe: () => 'a case',
  };
  assert.equal(reasonOf(judgeCase(runner, 1, answer(400), answer(404))), CONTROL_NOT_ACCEPTED);
  assert.ok(isUnmet(judgeCase(runner, 1, answer(400), answer(200))));
  assert.ok(isMet(judgeCase(runner, 1, answer(200), answer(200))));
});

/** A record whose evidence is what `check` classified in `answers`, as the runner keeps it. */
function recordOf(name: string, answers: Array<{ outcome: HttpOutcome; method?: string; waitedOut?: boolean }>, watchers: RunWideCheck[]): CheckRecord {
  const recorder = recorderOf(settingsFor(new URL('http://127.0.0.1:9')));
  const tallies: Record<string, { judged: number; unmet: number; samples: ReturnType<typeof exchange>[] }> = {};
  for (const w of watchers) tallies[w.name] = { judged: 0, unmet: 0, samples: [] };
  for (const { outcome, method = 'PUT', waitedOut = false } of answers) {
    const request: HttpRequest = { method, path: '/cissession/stop', headers: {}, body: '{}' };
    for (const w of watchers) {
      const verdict = w.classify(request, outcome, waitedOut);
      if (verdict === undefined) continue;
      tallies[w.name].judged++;
      if (verdict === 'unmet') {
        tallies[w.name].unmet++;
        tallies[w.name].samples.push(exchange(recorder, request, outcome));
      }
    }
  }
  return { id: 'M1', name, title: name, level: 'MUST', words: '', status: 'passed', cases: answers.length, judged: answers.length, requests: answers.length, evidence: { requests: answers.length, tallies } };
}

const context = { requests: 0, replay: (check: string) => `run again ${check}` };

test('run-wide M5, M7, S3 judge the tallies of every check; a 503 with Retry-After that was waited out is not an answer', () => {
  const watchers = [noServerErrorInRun, everyRequestAnsweredInRun, retryAfterWholeSecondsInRun];
  const clean = recordOf('first', [{ outcome: answer(200) }, { outcome: answer(503, '', { 'retry-after': '1' }), waitedOut: true }, { outcome: answer(429, '', { 'retry-after': '2' }), waitedOut: true }], watchers);
  const bad = recordOf('second', [{ outcome: answer(500) }, { outcome: timeout }, { outcome: answer(429, '', { 'retry-after': '1.5' }), waitedOut: true }, { outcome: answer(501), method: 'TRACE' }], watchers);
  const m5 = noServerErrorInRun.judge(runTallyOf([clean], 'noServerErrorInRun'), context);
  assert.equal(m5.status, 'passed', 'the waited-out 503 is not judged by M5');
  assert.equal(m5.judged, 1);
  const m5both = noServerErrorInRun.judge(runTallyOf([clean, bad], 'noServerErrorInRun'), context);
  assert.equal(m5both.status, 'failed');
  assert.match(m5both.failure?.caseDescription ?? '', /1 of 3 answers; the first while running second/);
  assert.equal(m5both.failure?.replay, 'run again second');
  assert.equal(m5both.failure?.expectation?.kind, 'not-5xx');
  const m7 = everyRequestAnsweredInRun.judge(runTallyOf([clean, bad], 'everyRequestAnsweredInRun'), context);
  assert.equal(m7.status, 'failed');
  assert.equal(m7.judged, 7);
  const s3clean = retryAfterWholeSecondsInRun.judge(runTallyOf([clean], 'retryAfterWholeSecondsInRun'), context);
  assert.equal(s3clean.status, 'passed');
  assert.equal(s3clean.judged, 2);
  const s3 = retryAfterWholeSecondsInRun.judge(runTallyOf([clean, bad], 'retryAfterWholeSecondsInRun'), context);
  assert.equal(s3.status, 'failed');
  assert.match(s3.failure?.received ?? '', /Retry-After: 1\.5/);
});

test('a run-wide check that had nothing to judge says so', () => {
  const s3 = retryAfterWholeSecondsInRun.judge(runTallyOf([recordOf('only', [{ outcome: answer(200) }], [retryAfterWholeSecondsInRun])], 'retryAfterWholeSecondsInRun'), context);
  assert.equal(s3.status, 'not-judged');
  assert.match(s3.reason ?? '', /no 429, 500 or 503 answer of the run carried Retry-After/);
});

test('before judging: only a body that is another program\'s document is foreign, never a header alone', () => {
  const response = (status: number, body: string, headers: Record<string, string> = {}) => ({ kind: 'response' as const, status, headers, body: Buffer.from(body), durationMs: 1 });
  const html = { 'content-type': 'text/html; charset=UTF-8' };
  assert.equal(foreignAnswer(response(200, '<!DOCTYPE html><html></html>')), 'an HTML page');
  assert.equal(foreignAnswer(response(404, '\r\n  <html lang="en"><head><title>404  Not\nFound\u202e</title></head></html>', html)), 'an HTML page titled "404 Not Found"', 'after whitespace, in any case; the title cleaned');
  assert.equal(foreignAnswer(response(200, '<!doctype html')), 'an HTML page', 'a document cut short');
  assert.match(foreignAnswer(response(404, '<?xml version="1.0"?><Error><Code>NoSuchBucket</Code></Error>', { 'content-type': 'application/xml' })) ?? '', /^an XML error <Code>NoSuchBucket<\/Code>, as another AWS service writes it$/);
  assert.match(foreignAnswer(response(400, '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code></Error></ErrorResponse>')) ?? '', /<Code>InvalidAction<\/Code>/, 'the query protocol\'s error, without an XML declaration');
  // PHP's default Content-Type on a conforming empty 200, and on a 200 with a leaked newline (M2 judges that).
  assert.equal(foreignAnswer(response(200, '', html)), undefined);
  assert.equal(foreignAnswer(response(200, '\n', html)), undefined);
  assert.equal(foreignAnswer(response(200, 'hello', html)), undefined);
  assert.equal(foreignAnswer(response(200, '<p>hello</p>', html)), undefined, 'a fragment is not a document');
  assert.equal(foreignAnswer(response(200, '<htmlish/>', html)), undefined);
  assert.equal(foreignAnswer(response(200, '<?xml version="1.0"?><ok/>', { 'content-type': 'application/xml' })), undefined, 'XML without an AWS error code');
  assert.equal(foreignAnswer(response(400, '<Error><Code>no such "thing"</Code></Error>')), undefined, 'a code that is not a name is not quoted, nor taken for AWS\'s');
  assert.equal(foreignAnswer(response(400, '{"message":"bad"}', { 'content-type': 'application/json' })), undefined);
  assert.equal(foreignAnswer(response(200, '')), undefined);
});

async function preflightAgainst(outcome: HttpOutcome, signed = false) {
  const ctx = fakeContext(async () => outcome);
  if (signed) ctx.settings.signing = { credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret-key-value' }, region: 'us-east-1' };
  return knownValidRequestAnswered.run(ctx);
}

test('before judging: no connection, 401/403 and no answer in time stop the run; any other answer goes on, a foreign one with a hint', async () => {
  const refused = await preflightAgainst(dropped);
  assert.equal(refused.status, 'could-not-judge');
  assert.ok(refused.stopsRun);
  assert.match(refused.error ?? '', /^Could not reach the target at http:\/\/127\.0\.0\.1:9\/: the connection was closed/);
  const denied = await preflightAgainst(answer(403, { message: 'no' }, { 'x-amzn-errortype': 'AccessDeniedException' }));
  assert.ok(denied.stopsRun);
  assert.match(denied.error ?? '', /refused a valid request with 403 AccessDeniedException; check the credentials/);
  const hang = await preflightAgainst(timeout);
  assert.equal(hang.status, 'failed');
  assert.ok(hang.stopsRun);
  assert.equal(hang.failure?.expectation?.kind, 'answered');
  // The wrong URL, as far as the answer shows: the run goes on (the checks judge it), with a hint.
  for (const status of [404, 405, 501]) {
    const wrong = await preflightAgainst(answer(status));
    assert.equal(wrong.status, 'passed', String(status));
    assert.equal(wrong.stopsRun, undefined, String(status));
    assert.match(wrong.targetHint ?? '', new RegExp(`^This looks like something other than a StopCisSession endpoint: a known-valid PUT /cissession/stop was answered ${status}\\. If it is the wrong URL, check the base URL and any path prefix .*set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`));
  }
  const named = await preflightAgainst(answer(404, { message: 'x' }, { 'x-amzn-errortype': 'UnknownOperationException' }));
  assert.match(named.targetHint ?? '', /answered 404 UnknownOperationException\./);
  const s3 = await preflightAgainst(answer(404, '<?xml version="1.0"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>', { 'content-type': 'application/xml' }));
  assert.equal(s3.status, 'passed');
  assert.match(s3.targetHint ?? '', /404 with an XML error <Code>NoSuchBucket<\/Code>, as another AWS service writes it/);
  assert.match(s3.targetHint ?? '', /routes requests by their SigV4 credential scope/);
  const page = await preflightAgainst(answer(200, '<!doctype html><html><title>Welcome to nginx!</title></html>', { 'content-type': 'text/html' }));
  assert.match(page.targetHint ?? '', /was answered 200 with an HTML page titled "Welcome to nginx!"\./);
  const signedWrong = await preflightAgainst(answer(404), true);
  assert.ok(signedWrong.targetHint);
  assert.doesNotMatch(signedWrong.targetHint ?? '', /set AWS_ACCESS_KEY_ID/, 'already signed: the hint is the URL alone');
  // Answers a StopCisSession endpoint may give, PHP's default Content-Type on them included: no hint.
  const php = { 'content-type': 'text/html; charset=UTF-8' };
  for (const outcome of [answer(200), answer(200, '', php), answer(200, '\n', php), answer(400, { message: 'm' }, php), answer(500), answer(409)]) {
    const go = await preflightAgainst(outcome);
    assert.equal(go.status, 'passed');
    assert.equal(go.stopsRun, undefined);
    assert.equal(go.targetHint, undefined);
  }
});
