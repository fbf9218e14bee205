// How S1/S2 read error answers (T8, T9, T10 are about this reading, not about requests), and the
// data the protocol, convention and tolerated checks send: no server, no certify run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { cannotBeDeserialized, twinSession } from '../../src/checks/internal/cases';
import { errorBodyProblem, isWholeSeconds, readErrorType, sanitizeErrorType, typesFittingStatus } from '../../src/checks/internal/errorType';
import { fixtureFiles, fixtureText, loadFixture, type FixtureName } from '../../src/checks/internal/fixtures';
import { validateStopRequest } from '../../src/schema';
import type { HttpResponse } from '../../src/transport/types';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { kind: 'response', status, headers, body: Buffer.from(text), durationMs: 1 };
}

test('T8: every spelling of an error type names the same type, as the AWS SDKs read it', () => {
  // Spellings from the restJson1 protocol tests (RestJsonFooErrorUsingXAmznErrorType…) and Coral.
  for (const raw of [
    'ValidationException',
    'com.amazonaws.inspector2#ValidationException',
    'ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/',
    'aws.protocoltests.restjson#ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/',
    'ValidationException, ValidationException',
  ]) {
    assert.equal(sanitizeErrorType(raw), 'ValidationException', raw);
  }
});

test('the type is read from X-Amzn-Errortype, else body code (any case), else __type', () => {
  const header = answer(400, { code: 'Other', __type: 'Other' }, { 'x-amzn-errortype': 'ValidationException' });
  assert.deepEqual(readErrorType(header), { name: 'ValidationException', raw: 'ValidationException', source: 'X-Amzn-Errortype' });
  assert.equal(readErrorType(answer(400, { Code: 'ValidationException', __type: 'Other' }))?.name, 'ValidationException');
  assert.equal(readErrorType(answer(400, { __type: 'com.amazonaws.inspector2#ValidationException' }))?.source, 'body __type');
  assert.equal(readErrorType(answer(400, { message: 'no type' })), undefined);
  assert.equal(readErrorType(answer(400, 'Bad Request')), undefined);
});

test('S1: the types fitting a status; SerializationException only for a body that cannot be deserialized (T10)', () => {
  assert.deepEqual(typesFittingStatus(400, false), ['ValidationException']);
  assert.deepEqual(typesFittingStatus(400, true), ['ValidationException', 'SerializationException']);
  assert.deepEqual(typesFittingStatus(409, false), ['ConflictException']);
  assert.deepEqual(typesFittingStatus(429, false), ['ThrottlingException']);
  assert.deepEqual(typesFittingStatus(500, false), ['InternalServerException']);
  assert.equal(typesFittingStatus(413, false), undefined, 'S1 names no type for 413: any named type fits');
  const label = (family: string, variant?: string) => ({ family, variant }) as Parameters<typeof cannotBeDeserialized>[0];
  for (const family of ['not-json', 'not-object', 'wrong-type']) assert.ok(cannotBeDeserialized(label(family)), family);
  assert.ok(cannotBeDeserialized(label('range', 'beyond-64-bits-above')));
  for (const [family, variant] of [['range', 'above-maximum'], ['missing-or-null', 'null'], ['pattern'], ['enum'], ['length']]) {
    assert.ok(!cannotBeDeserialized(label(family, variant)), `${family} ${variant ?? ''}`);
  }
});

test('S2: modelled bodies pass; SerializationException may be {} (smithy-rs); other shapes are named', () => {
  const read = (r: HttpResponse) => errorBodyProblem(r, readErrorType(r));
  const validation = { 'x-amzn-errortype': 'ValidationException' };
  assert.equal(read(answer(400, { message: 'm', reason: 'FIELD_VALIDATION_FAILED', fields: [{ name: '/a', message: 'b' }] }, validation)), undefined);
  assert.equal(read(answer(400, { Message: 'capital M, as some services send it' }, validation)), undefined);
  assert.equal(read(answer(400, {}, { 'x-amzn-errortype': 'SerializationException' })), undefined);
  assert.equal(read(answer(400, '', { 'x-amzn-errortype': 'SerializationException' })), undefined);
  assert.match(read(answer(400, 'not json', validation)) ?? '', /not a JSON object/);
  assert.match(read(answer(400, { message: 'm', reason: 'fieldValidationFailed' }, validation)) ?? '', /reason/);
  assert.match(read(answer(400, { message: 'm', fields: { '/a': 'b' } }, validation)) ?? '', /fields/);
  assert.match(read(answer(400, { reason: 'OTHER' }, validation)) ?? '', /message/);
  assert.match(read(answer(409, { message: 'm' }, { 'x-amzn-errortype': 'ConflictException' })) ?? '', /resourceId/);
  // No type named: judged by the status's modelled error (S1 reports the missing name).
  assert.match(read(answer(400, 'oops')) ?? '', /ValidationException body is not a JSON object/);
});

test('S3: Retry-After in whole seconds, not an HTTP date or a fraction', () => {
  assert.ok(isWholeSeconds('0') && isWholeSeconds('120') && isWholeSeconds(' 5 '));
  assert.ok(!isWholeSeconds('Wed, 21 Oct 2026 07:28:00 GMT') && !isWholeSeconds('1.5') && !isWholeSeconds('-1') && !isWholeSeconds(''));
});

test('the control of S5/S6 names another session of the same pattern', () => {
  const value = { scanJobId: '0123abcd-4567-89ef-0123-456789abcdef', sessionToken: 'ffffffff-ffff-4fff-8fff-000000000000', message: { status: 'SUCCESS' as const, progress: {} } };
  const twin = twinSession(value);
  assert.notEqual(twin.scanJobId, value.scanJobId);
  assert.notEqual(twin.sessionToken, value.sessionToken);
  assert.equal(twin.sessionToken.slice(0, 24), value.sessionToken.slice(0, 24), 'version and variant digits kept');
  assert.ok(validateStopRequest(twin).valid);
});

test('tolerated fixtures: every case is TOLERATED, and is a valid request but for its tolerated feature', () => {
  const files = readdirSync(join(__dirname, '..', '..', 'fixtures')).filter((name): name is FixtureName => name.startsWith('tolerated-'));
  assert.deepEqual(files.sort(), Object.keys(fixtureFiles).filter((name) => name.startsWith('tolerated-')).sort(), 'every fixture file is loaded by the suite');
  assert.deepEqual(files.sort(), ['tolerated-content-type.json', 'tolerated-duplicate-keys.json', 'tolerated-lone-surrogate.json', 'tolerated-null-optional.json', 'tolerated-number-spelling.json']);
  const withoutNulls = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([, member]) => member !== null).map(([key, member]) => [key, withoutNulls(member)]))
      : value;
  for (const file of files) {
    const fixture = loadFixture(file);
    assert.match(fixture.requirement, /^T\d+$/);
    for (const c of fixture.cases) {
      assert.equal(c.valid, 'tolerated', `${file}: ${c.description}`);
      // JSON.parse drops what makes a case tolerated (1.0 is 1, a duplicate keeps its last value);
      // for T1 the nulls are dropped as Smithy does: what remains satisfies the schema.
      const value = withoutNulls(JSON.parse(fixtureText(c)));
      assert.ok(validateStopRequest(value).valid, `${file}: ${c.description}: ${JSON.stringify(validateStopRequest(value).errors)}`);
    }
  }
  assert.ok(loadFixture('tolerated-lone-surrogate.json').cases.every((c) => /\\ud[89a-f][0-9a-f]{2}/i.test(c.text ?? '')), 'T3 texts keep the escape');
  assert.ok(loadFixture('tolerated-number-spelling.json').cases.every((c) => /\d[.eE]/.test(c.text ?? '')), 'T2 texts keep the spelling');
});
