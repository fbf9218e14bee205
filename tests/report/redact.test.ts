// Secrets never written: redaction by header name, by sessionToken member (session mode "start")
// and by value (AWS secrets in the environment, and echoes of the above in a target's answer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskSessionToken, redactDeep, redactionPolicy, redactTestResult, redactText, type RedactionPolicy } from '../../src/evidence/redact';
import { exchange, type Recorder } from '../../src/evidence/exchange';
import type { HttpOutcome, HttpRequest } from '../../src/transport/types';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION = 'FwoGZXIvYXdzEXAMPLEsessionTOKENvalue+/=';
const SIGNATURE = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
const AUTH = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/inspector2/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=${SIGNATURE}`;
const TOKEN = '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
const JOB = '99999999-8888-4777-8666-555555555555';
const target = new URL('http://127.0.0.1:9/');
const recorder = (policy: RedactionPolicy): Recorder => ({ target, policy });

function signedRequest(body: string): HttpRequest {
  return {
    method: 'PUT',
    path: '/cissession/stop',
    headers: { 'content-type': 'application/json', Authorization: AUTH, 'X-Amz-Security-Token': SESSION, 'x-amz-date': '20260101T000000Z' },
    body,
  };
}

/** A target that sends every secret back: headers and body echoed. */
function echo(request: HttpRequest): HttpOutcome {
  const body = JSON.stringify({ headers: request.headers, body: request.body, secret: SECRET_KEY });
  return { kind: 'response', status: 200, headers: { 'x-echo-auth': AUTH, 'x-echo-token': SESSION }, body: Buffer.from(body), durationMs: 1 };
}

function assertClean(text: string, extra: string[] = [], secrets = [SECRET_KEY, SESSION, SIGNATURE]): void {
  for (const secret of [...secrets, ...extra]) assert.ok(!text.includes(secret), `"${secret}" leaked in ${text.slice(0, 400)}`);
}

test('recording a signed request keeps no credential: headers by name, echoes by value, curl line included', () => {
  {
    const policy = redactionPolicy({ sessionTokens: false, secrets: [SECRET_KEY, SESSION] });
    const request = signedRequest(JSON.stringify({ scanJobId: TOKEN, sessionToken: TOKEN, message: { status: 'SUCCESS', progress: {} } }));
    const recorded = exchange(recorder(policy), request, echo(request));
    const text = JSON.stringify(recorded);
    assertClean(text);
    assert.equal(recorded.request.headers.Authorization, 'AWS4-HMAC-SHA256 [REDACTED]', 'the scheme stays: the reader sees the request was signed');
    assert.equal(recorded.request.headers['X-Amz-Security-Token'], '[REDACTED]');
    assert.equal(recorded.request.headers['x-amz-date'], '20260101T000000Z', 'not a secret');
    assert.match(recorded.curl, /-H 'Authorization: AWS4-HMAC-SHA256 \[REDACTED\]'/);
    // In session mode "any" the session pair is the suite's random UUIDs, shown as they were sent.
    assert.ok(recorded.request.body?.includes(TOKEN));
    assert.ok(recorded.curl.includes(TOKEN));
  }
});

test('the user\'s own -H headers are secrets whatever they are called; a signed run\'s curl line signs with environment references', () => {
  const policy = redactionPolicy({ headers: { 'x-tenant-key': 'tenant-secret-1234' } });
  const request: HttpRequest = { method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body: '{}' };
  const recorded = exchange({ target, policy, headers: { 'x-tenant-key': 'tenant-secret-1234' }, signing: { region: 'eu-west-1', service: 'inspector2', sessionToken: true } }, request, {
    kind: 'response', status: 400, headers: { 'x-echo': 'tenant-secret-1234' }, body: Buffer.from('{"seen":"tenant-secret-1234"}'), durationMs: 1,
  });
  assertClean(JSON.stringify(recorded), ['tenant-secret-1234'], []);
  assert.equal(recorded.request.headers['x-tenant-key'], '[REDACTED]', 'shown, redacted, so the reader knows it was sent');
  assert.match(recorded.curl, /--aws-sigv4 'aws:amz:eu-west-1:inspector2' --user "\$AWS_ACCESS_KEY_ID:\$AWS_SECRET_ACCESS_KEY" -H "X-Amz-Security-Token: \$AWS_SESSION_TOKEN"/);
});

test('in session mode "start", session tokens are masked in bodies, curl lines and echoes, keeping their shape', () => {
  {
    const policy = redactionPolicy({ sessionTokens: true });
    const upper = TOKEN.toUpperCase();
    const body = JSON.stringify({ scanJobId: JOB, sessionToken: TOKEN, message: { status: 'SUCCESS', progress: {} }, again: `{"sessionToken":"${upper}"` });
    const request: HttpRequest = { method: 'PUT', path: '/cissession/start', headers: { 'content-type': 'application/json' }, body };
    const recorded = exchange(recorder(policy), request, echo(request));
    // The echo carries the token as sent and inside a JSON string (escaped quotes): neither survives.
    assertClean(JSON.stringify(recorded), [TOKEN, upper], []);
    assert.ok(recorded.request.body?.includes(`"scanJobId":"${JOB}"`), 'the scanJobId is an identifier, not a secret');
    assert.ok(recorded.request.body?.includes('"sessionToken":"[REDACTED:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx]"'));
    assert.equal(maskSessionToken('{ABCDEF01-cdef-ABCD-0123-abcdefABCDEF}'), '[REDACTED:{XXXXXXxx-xxxx-XXXX-xxxx-xxxxxxXXXXXX}]', 'an upper-case or braced case still reads as one');
    // A body cut short (the suite sends truncated JSON) leaks no prefix either.
    assert.equal(redactText('{"sessionToken":"0a1b2c3d-4e', policy), '{"sessionToken":"[REDACTED:xxxxxxxx-xx]');
  }
});

test('redactDeep: header maps by key anywhere, and the values found there scrubbed everywhere', () => {
  const policy: RedactionPolicy = { sessionTokens: true, secrets: [SECRET_KEY], secretHeaders: [] };
  const report = {
    checks: [{ failure: { request: { headers: { authorization: AUTH }, body: `{"sessionToken":"${TOKEN}"}` }, received: `200 with a body: ${TOKEN} ${SIGNATURE}`, note: `key ${SECRET_KEY}` } }],
  };
  const out = redactDeep(report, policy);
  assertClean(JSON.stringify(out), [TOKEN]);
  assert.equal(out.checks[0].failure.request.headers.authorization, 'AWS4-HMAC-SHA256 [REDACTED]');
  assert.match(out.checks[0].failure.received, /^200 with a body: \[REDACTED\] \[REDACTED\]$/);
});

test('redactText leaves ordinary evidence alone', () => {
  const policy: RedactionPolicy = { sessionTokens: false, secrets: [], secretHeaders: [] };
  for (const text of [
    `{"scanJobId":"${TOKEN}","sessionToken":"${TOKEN}"}`,
    '{"message":"Authorization header requires \'Credential\' parameter."}',
    "curl -sS -i -X PUT 'http://127.0.0.1:9/cissession/stop' -H 'content-type: application/json'",
  ]) {
    assert.equal(redactText(text, policy), text);
  }
});

test('redactTestResult scrubs what Playwright\'s reporters read: errors, steps, annotations, attachments, output', () => {
  const policy: RedactionPolicy = { sessionTokens: true, secrets: [SECRET_KEY], secretHeaders: [] };
  const leak = `Received: 200 {"sessionToken":"${TOKEN}"} -H 'Authorization: ${AUTH}' ${SECRET_KEY}`;
  const files = new Map([['/tmp/error-context.md', `# Error\n${leak}`]]);
  const error = { message: leak, stack: leak };
  const test = { annotations: [{ type: 'warning', description: leak }] };
  const result = {
    error,
    errors: [error],
    annotations: [{ type: 'note', description: leak }],
    attachments: [
      { name: 'conformance-check', contentType: 'application/json', body: Buffer.from(JSON.stringify({ received: leak })) },
      { name: 'error-context', contentType: 'text/markdown', path: '/tmp/error-context.md' },
      { name: 'screenshot', contentType: 'image/png', body: Buffer.from([0x89, 0x50]) },
    ],
    stdout: [leak],
    stderr: [Buffer.from(leak)],
    steps: [{ error: { message: leak }, steps: [{ error: { message: leak }, steps: [] }] }],
  };
  redactTestResult(test, result, policy, (path) => files.get(path), (path, text) => files.set(path, text));
  const everything = JSON.stringify({ test, result, files: [...files.values()], bodies: result.attachments.map((a) => a.body?.toString('utf8')), stderr: result.stderr.map(String) });
  assertClean(everything, [TOKEN]);
  assert.deepEqual([...result.attachments[2].body ?? []], [0x89, 0x50], 'binary attachments untouched');
});

test('SigV4 material is recognised wherever it shows up: remapped or echoed header names, bare signatures, presigned queries', () => {
  const policy: RedactionPolicy = { sessionTokens: false, secrets: [], secretHeaders: [] };
  const headers = redactDeep({ 'x-amzn-remapped-authorization': AUTH, 'x-echo-authorization': AUTH, 'content-type': 'application/json' }, policy);
  assert.deepEqual(headers, { 'x-amzn-remapped-authorization': 'AWS4-HMAC-SHA256 [REDACTED]', 'x-echo-authorization': 'AWS4-HMAC-SHA256 [REDACTED]', 'content-type': 'application/json' });
  assertClean(redactText(`{"seen":"${AUTH}"} /x?X-Amz-Signature=${SIGNATURE}&X-Amz-Security-Token=${encodeURIComponent(SESSION)}&a=1`, policy), [], [SIGNATURE, encodeURIComponent(SESSION)]);
});
