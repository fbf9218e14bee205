// S1–S6: the reference passes with no warning; a variant broken for each is caught under it, as a
// warning (exit 0) that --strict turns into a failure; every spelling T8 and T10 allow passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceBehaviour, type Answer, type ErrorAnswer } from '../../src/reference/server';
import { certifyReference, certifyVariant } from './certifyServer';

const SHOULD_IDS = 'S1,S2,S3,S4,S5,S6';

test('the reference passes S1–S6 with no warning', async () => {
  const run = await certifyReference({}, ['--only', SHOULD_IDS, '--runs', '60']);
  assert.equal(run.code, 0, run.output);
  assert.deepEqual(run.failedIds, []);
  for (const name of ['errorTypeFitsStatus', 'errorBodyModelled', 'repeatedStopAccepted', 'unknownMembersSkipped', 'charsetUtf8Accepted']) {
    assert.equal(run.report.checks.find((c) => c.name === name)?.status, 'passed', name);
  }
  // Nothing to judge against the reference: it never throttles and needs no session.
  assert.equal(run.report.checks.find((c) => c.name === 'retryAfterWholeSeconds')?.status, 'skipped');
  assert.equal(run.report.checks.find((c) => c.name === 'conflictErrorTypeNamed')?.status, 'skipped');
});

const caughtBy: Array<[variant: string, id: string, check: string]> = [
  ['no-error-type', 'S1', 'errorTypeFitsStatus'],
  ['bad-request-exception', 'S1', 'errorTypeFitsStatus'],
  ['plain-text-error-body', 'S2', 'errorBodyModelled'],
  ['fields-as-object', 'S2', 'errorBodyModelled'],
  ['conflict-without-resource', 'S2', 'conflictErrorBodyModelled'],
  ['retry-after-http-date', 'S3', 'retryAfterWholeSeconds'],
  ['repeat-stop-conflict', 'S4', 'repeatedStopAccepted'],
  ['unknown-members-rejected', 'S5', 'unknownMembersSkipped'],
  ['charset-not-parsed', 'S6', 'charsetUtf8Accepted'],
];

for (const [variant, id, check] of caughtBy) {
  test(`${id}: variant ${variant} is caught by ${check}, as a warning`, async () => {
    const run = await certifyVariant(variant, ['--only', id, '--runs', '60']);
    assert.equal(run.code, 0, `a SHOULD failure alone keeps the verdict: ${run.output}`);
    assert.equal(run.report.verdict, 'conformant');
    assert.deepEqual(run.failedIds, [id], run.output);
    const failed = run.report.checks.find((c) => c.name === check);
    assert.equal(failed?.status, 'failed');
    assert.ok(failed?.failure?.curl.startsWith('curl '));
    assert.match(run.output, new RegExp(`WARN ${id} SHOULD`));
  });
}

test('--strict turns a SHOULD warning into a non-conformant verdict', async () => {
  const run = await certifyVariant('charset-not-parsed', ['--only', 'S6', '--runs', '20', '--strict']);
  assert.equal(run.code, 1, run.output);
  assert.equal(run.report.verdict, 'non-conformant');
});

/** Every error answer in another spelling T8 and T10 allow, in turn. */
function spellingsInTurn(): (res: Parameters<typeof referenceBehaviour.respond>[0], answer: Answer) => void {
  let turn = 0;
  const spellings: Array<(error: ErrorAnswer) => { type?: string; body: Record<string, unknown> }> = [
    (e) => ({ type: `com.amazonaws.inspector2#${e.type}`, body: e.body }),
    (e) => ({ type: `${e.type}:http://internal.amazon.com/coral/com.amazonaws.inspector2/`, body: e.body }),
    (e) => ({ body: { __type: `com.amazonaws.inspector2#${e.type}`, ...e.body } }),
    (e) => ({ body: { code: e.type, ...e.body, message: 'Another wording (T9).' } }),
    // T10: what smithy-rs sends for a body it cannot deserialize.
    (e) => (e.body.reason === 'CANNOT_PARSE' ? { type: 'SerializationException', body: {} } : { type: e.type, body: { ...e.body, message: undefined, Message: 'capital M' } }),
  ];
  return (res, answer) => {
    if (!('type' in answer)) return referenceBehaviour.respond(res, answer);
    const { type, body } = spellings[turn++ % spellings.length](answer);
    const text = JSON.stringify(body);
    res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(type ? { 'x-amzn-errortype': type } : {}) });
    res.end(text);
  };
}

test('S1 and S2 accept every spelling of the error type (T8), any message (T9), and SerializationException {} (T10)', async () => {
  const run = await certifyReference({ behaviour: { respond: spellingsInTurn() } }, ['--only', 'S1,S2', '--runs', '150']);
  assert.equal(run.code, 0, run.output);
  assert.deepEqual(run.failedIds, []);
});
