// T1–T11: cases where the requirements accept either answer. They are sent and what the target
// did is shown (the report's "observed: 400"); they are never failed or warned on. A 5xx or a
// missing answer to one of them is still M5's or M7's, judged over the whole run ("no request
// the suite sends").
import { describeOutcome } from '../evidence/exchange';
import type { HttpOutcome } from '../transport/types';
import { describeErrorType, jsonObjectBody, readErrorType } from './internal/errorType';
import { STOP_PATH, stopRequest } from './internal/expect';
import { fixtureText, loadFixture, type FixtureCase, type FixtureName } from './internal/fixtures';
import { observeEach, type ObservedCase } from './internal/property';
import fc from 'fast-check';
import { knownInvalidStop, knownValidStop, seededUuid, toleratedStopRequest, twoViolationsStop, type ToleratedForm } from '../generation';
import { oversizedCases } from './protocol';
import type { CaseCheck, CheckContext, CheckResult } from './types';

/** "400 ValidationException", "200", "no answer (…)". */
export function observedAnswer(outcome: HttpOutcome): string {
  if (outcome.kind !== 'response') return describeOutcome(outcome);
  const type = outcome.status >= 400 ? readErrorType(outcome)?.name : undefined;
  return `${outcome.status}${type ? ` ${type}` : ''}`;
}

function observeSent(ctx: CheckContext, cases: readonly ObservedCase[], answer: (outcome: HttpOutcome) => string = observedAnswer): Promise<CheckResult> {
  return observeEach(ctx, cases, answer);
}

/** The session the fixtures name; each case gets a fresh one in its place (CONFORMANCE-RULES, Sessions). */
const FIXTURE_SCAN_JOB_ID = '0123abcd-4567-89ef-0123-456789abcdef';
const FIXTURE_SESSION_TOKEN = 'fedcba98-7654-3210-fedc-ba9876543210';

/**
 * A fixture's cases with a fresh session each: raw texts have the fixtures' placeholder UUIDs
 * replaced (they are written as text to keep `1.0`, a lone surrogate or a duplicate key as is).
 */
function fixtureCases(ctx: CheckContext, file: FixtureName): ObservedCase[] {
  return loadFixture(file).cases.map((fixture: FixtureCase, index) => {
    const session = { scanJobId: seededUuid(ctx.seed, 2 * index), sessionToken: seededUuid(ctx.seed, 2 * index + 1) };
    const text = fixtureText(fixture).split(FIXTURE_SCAN_JOB_ID).join(session.scanJobId).split(FIXTURE_SESSION_TOKEN).join(session.sessionToken);
    return { description: fixture.description, session, request: stopRequest(text, fixture.headers ?? { 'content-type': 'application/json' }) };
  });
}

function fixtureCheck(name: string, requirement: CaseCheck['requirement'], title: string, file: FixtureName): CaseCheck {
  return { kind: 'cases', name, requirement, title, run: (ctx) => observeSent(ctx, fixtureCases(ctx, file)) };
}

export const nullOptionalMemberObserved = fixtureCheck(
  'nullOptionalMemberObserved',
  'T1',
  'null for an optional member is sent and the answer shown (200 or 400 conform)',
  'tolerated-null-optional.json',
);

export const integralNumberSpellingObserved = fixtureCheck(
  'integralNumberSpellingObserved',
  'T2',
  'a CheckCount written 1.0 or 1e2 is sent and the answer shown (200 or 400 conform)',
  'tolerated-number-spelling.json',
);

export const loneSurrogateObserved = fixtureCheck(
  'loneSurrogateObserved',
  'T3',
  'a string with a lone surrogate escape is sent and the answer shown (200 or 400 conform)',
  'tolerated-lone-surrogate.json',
);

export const contentTypeVariantsObserved = fixtureCheck(
  'contentTypeVariantsObserved',
  'T5',
  'a valid body with no or a non-JSON Content-Type is sent and the answer shown (200, 400 or 415 conform)',
  'tolerated-content-type.json',
);

export const duplicateKeysObserved = fixtureCheck(
  'duplicateKeysObserved',
  'T6',
  'a body with a duplicate key is sent and the answer shown (200 or 400 conform)',
  'tolerated-duplicate-keys.json',
);

function validStop(ctx: CheckContext, index: number) {
  return knownValidStop(ctx.seed, index).value;
}

export const wrongRouteObserved: CaseCheck = {
  kind: 'cases',
  name: 'wrongRouteObserved',
  requirement: 'T4',
  title: 'a wrong path, TRACE and a made-up method are sent and the answers shown (any 4xx, or 501 to a method, conform)',
  via: 'request-fixture',
  run(ctx) {
    // Wrong paths carry a valid stop of a started session: a server that ignores the path shows it.
    const withBody = (index: number, path: string, description: string): ObservedCase => {
      const value = validStop(ctx, index);
      return { description, session: value, request: { method: 'PUT', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) } };
    };
    return observeSent(ctx, [
      withBody(0, `${STOP_PATH}/`, `PUT ${STOP_PATH}/ (a trailing slash)`),
      withBody(1, '/cissession/STOP', 'PUT /cissession/STOP (another case)'),
      withBody(2, '/cissession/stopp', 'PUT /cissession/stopp'),
      withBody(3, '/cissession', 'PUT /cissession'),
      { description: 'GET /', request: { method: 'GET', path: '/', headers: {} } },
      { description: `TRACE ${STOP_PATH}`, request: { method: 'TRACE', path: STOP_PATH, headers: {} } },
      // CONNECT is left out: it asks for a tunnel, which HTTP clients do not send as a plain request.
      { description: `FROBNICATE ${STOP_PATH} (a made-up method)`, request: { method: 'FROBNICATE', path: STOP_PATH, headers: {} } },
    ]);
  },
};

function headerNames(outcome: HttpOutcome): string {
  if (outcome.kind !== 'response') return describeOutcome(outcome);
  return `${outcome.status}; headers: ${Object.keys(outcome.headers).sort().join(', ') || 'none'}`;
}

export const responseHeadersObserved: CaseCheck = {
  kind: 'cases',
  name: 'responseHeadersObserved',
  requirement: 'T7',
  title: 'the response headers of a 200 and of an error are shown (extra headers and keep-alive conform)',
  run: (ctx) => {
    const value = validStop(ctx, 0);
    return observeSent(
      ctx,
      [
        { description: 'a valid stop', session: value, request: stopRequest(JSON.stringify(value)) },
        { description: 'a stop without scanJobId', request: stopRequest(knownInvalidStop(ctx.seed, 1, 'missing-scan-job-id').text) },
      ],
      headerNames,
    );
  },
};

export const errorTypeSpellingObserved: CaseCheck = {
  kind: 'cases',
  name: 'errorTypeSpellingObserved',
  requirement: 'T8',
  title: 'the error type as the target spells it is shown, and read as clients read it',
  async run(ctx) {
    const result = await observeSent(
      ctx,
      [{ description: 'a stop whose status is "BOGUS"', request: stopRequest(knownInvalidStop(ctx.seed, 0, 'bad-status').text) }],
      (outcome) => (outcome.kind === 'response' ? `${outcome.status} ${describeErrorType(readErrorType(outcome))}` : describeOutcome(outcome)),
    );
    return {
      ...result,
      note: 'S1 reads the type as the AWS SDKs do (X-Amzn-Errortype, else body code, else __type; cut at "," and ":", kept after "#"), so ValidationException, com.amazonaws.inspector2#ValidationException and ValidationException:http://… all name ValidationException.',
    };
  },
};

export const errorMessageTextObserved: CaseCheck = {
  kind: 'cases',
  name: 'errorMessageTextObserved',
  requirement: 'T9',
  title: 'the message of an error naming one of two violations is shown (its text and choice conform)',
  async run(ctx) {
    const twoFaults = twoViolationsStop(ctx.seed, 0);
    const result = await observeSent(ctx, [{ description: `a stop with ${twoFaults.labels.map((l) => l.description).join(' and ')}`, request: stopRequest(twoFaults.text) }], (outcome) => {
      if (outcome.kind !== 'response') return describeOutcome(outcome);
      const body = jsonObjectBody(outcome.body);
      const message = body?.message ?? body?.Message;
      const fields = Array.isArray(body?.fields) ? ` fields ${JSON.stringify(body.fields)}` : '';
      return `${outcome.status}${typeof message === 'string' ? ` message ${JSON.stringify(message)}` : ''}${fields}`;
    });
    return { ...result, note: 'S2 asks for a string message and never judges its text, nor which of several violations it names.' };
  },
};

export const unparseableBodyErrorObserved: CaseCheck = {
  kind: 'cases',
  name: 'unparseableBodyErrorObserved',
  requirement: 'T10',
  title: 'the error type and reason answering a body that cannot be parsed are shown (SerializationException or ValidationException CANNOT_PARSE conform)',
  async run(ctx) {
    const truncated = knownInvalidStop(ctx.seed, 0, 'truncated');
    const result = await observeSent(ctx, [{ description: truncated.label.description, request: stopRequest(truncated.text) }], (outcome) => {
      if (outcome.kind !== 'response') return describeOutcome(outcome);
      const reason = jsonObjectBody(outcome.body)?.reason;
      return `${observedAnswer(outcome)}${typeof reason === 'string' ? ` (reason ${reason})` : ''}`;
    });
    return { ...result, note: 'S1 accepts SerializationException or ValidationException for a 400 to a body that cannot be deserialized; S2 asks no particular reason.' };
  },
};

export const oversizedValidBodyObserved: CaseCheck = {
  kind: 'cases',
  name: 'oversizedValidBodyObserved',
  requirement: 'T11',
  title: 'a 1 MiB body, valid but for its size, is sent and the answer shown (200, 400 or 413 conform)',
  run(ctx) {
    // The same case M7's oversized check sends: there it must be answered in time and below 500.
    const session = { scanJobId: seededUuid(ctx.seed, 0), sessionToken: seededUuid(ctx.seed, 1) };
    const cases = oversizedCases(session.scanJobId, session.sessionToken).filter((c) => c.kind === 'size-only');
    return observeSent(ctx, cases.map((c) => ({ description: c.description, session, request: stopRequest(c.text) })));
  },
};

/** Byte-level forms the rules tolerate either way, drawn from the check's seed: a handful shows what a target does. */
const BYTE_FORM_CASES = 10;

function byteFormCheck(name: string, requirement: 'T12' | 'T13', title: string, form: ToleratedForm): CaseCheck {
  return {
    kind: 'cases',
    name,
    requirement,
    title,
    run(ctx) {
      const cases = fc.sample(toleratedStopRequest({ forms: [form] }), { seed: ctx.seed, numRuns: BYTE_FORM_CASES });
      return observeSent(ctx, cases.map((c) => ({ description: c.label.description, session: c.valid.value, request: stopRequest(c.bytes) })));
    },
  };
}

export const byteOrderMarkObserved = byteFormCheck('byteOrderMarkObserved', 'T12', 'a valid body after a UTF-8 byte order mark is sent and the answer shown (200 or 400 conform)', 'bom');
export const invalidUtf8Observed = byteFormCheck('invalidUtf8Observed', 'T13', 'a valid body with bytes that are not UTF-8 inside a string is sent and the answer shown (200 or 400 conform)', 'invalid-utf8');
