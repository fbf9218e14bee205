// M5, M6, M7: what any HTTP request to the endpoint may not do to the target: answer 5xx, take
// another method for PUT, or leave a request (an oversized one included) unanswered. The run-wide
// M5 and M7 checks (runWide.ts) judge every request of every check; these checks send the cases
// that most often provoke such answers, with a shrunk or fixed case as evidence.
import fc from 'fast-check';
import { knownValidStop, parserStressRequest, seededUuid } from '../generation';
import type { GeneratedCase, StressCase } from '../generation/types';
import type { HttpRequest } from '../transport/types';
import type { Expectation } from './judge';
import { anyGeneratedCase, bodyOf, describeGenerated, startSessionIfValid } from './internal/cases';
import { STOP_PATH, stopRequest } from './internal/expect';
import { forAll, forEachCase } from './internal/property';
import { startSessionOf } from './internal/sessions';
import type { CaseCheck } from './types';

const notServerError: Expectation = { kind: 'not-5xx', title: 'A request was answered 5xx', expected: 'an answer below 500' };

export const noServerErrorForAnyInput: CaseCheck = {
  kind: 'cases',
  name: 'noServerErrorForAnyInput',
  requirement: 'M5',
  title: 'no generated request, valid or invalid, is answered 5xx',
  run: (ctx) =>
    forAll<GeneratedCase>(ctx, anyGeneratedCase(), {
      before: (c) => startSessionIfValid(ctx, c),
      request: (c) => stopRequest(bodyOf(c)),
      // Only a 5xx is M5's: a wrong 2xx/4xx is M1's or M3's, and a missing answer is M7's.
      expect: () => notServerError,
      describe: describeGenerated,
      constraint: (c) => (c.kind === 'valid' ? 'valid' : `invalid: ${c.label.family}`),
    }),
};

interface MethodCase {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** A valid stop (naming a fresh session), or none. */
  valid?: ReturnType<typeof knownValidStop>;
}

const OTHER_METHODS: readonly MethodCase['method'][] = ['GET', 'POST', 'DELETE', 'PATCH'];

function methodRequest(c: MethodCase): HttpRequest {
  if (!c.valid) return { method: c.method, path: STOP_PATH, headers: {} };
  return { method: c.method, path: STOP_PATH, headers: { 'content-type': 'application/json' }, body: c.valid.text };
}

function describeMethodCase(c: MethodCase): string {
  return `${c.method} ${STOP_PATH} ${c.valid ? 'with a valid stop body' : 'without a body'}`;
}

// Any 4xx, and 501, are T4; a 5xx is M5's and a missing answer M7's.
const notSuccessful: Expectation = { kind: 'not-2xx', title: 'Another method was answered 2xx', expected: `not 2xx: StopCisSession is PUT ${STOP_PATH} (any 4xx, or 501, conforms)` };

export const otherMethodsNotSuccessful: CaseCheck = {
  kind: 'cases',
  name: 'otherMethodsNotSuccessful',
  requirement: 'M6',
  title: 'GET, POST, DELETE and PATCH on /cissession/stop, with or without a valid body, are not answered 2xx',
  via: 'request-fixture',
  run(ctx) {
    // With a valid body that names a started session (mode 'start'), a server that takes POST for
    // PUT answers 200 and is caught; without one it might answer 409 and slip through.
    const cases: MethodCase[] = OTHER_METHODS.flatMap((method, index) => [{ method }, { method, valid: knownValidStop(ctx.seed, index) }]);
    return forEachCase(ctx, cases, {
      before: (c) => (c.valid ? startSessionOf(ctx, c.valid.value) : Promise.resolve()),
      request: methodRequest,
      expect: () => notSuccessful,
      describe: describeMethodCase,
    });
  },
};

/** Oversized bodies: a long run of one byte between a short head and tail, so the evidence's curl line stays short. */
export const ONE_MIB = 1024 * 1024;

/** `head` + `fill` repeated + `tail`, exactly `bytes` long (fill is one ASCII byte). */
export function padded(head: string, fill: string, tail: string, bytes: number): string {
  return head + fill.repeat(bytes - Buffer.byteLength(head) - Buffer.byteLength(tail)) + tail;
}

export interface OversizedCase {
  description: string;
  text: string;
  /** 'invalid': over a string's maximum or not JSON, so 400 or 413; 'size-only': valid but for its size (T11). */
  kind: 'invalid' | 'size-only';
}

export function oversizedCases(scanJobId: string, sessionToken: string): OversizedCase[] {
  const ids = `"scanJobId":"${scanJobId}","sessionToken":"${sessionToken}"`;
  return [
    { kind: 'invalid', description: 'a 1 MiB body of valid JSON whose reason is 1 MiB long', text: padded(`{${ids},"message":{"status":"SUCCESS","progress":{},"reason":"`, 'a', '"}}', ONE_MIB) },
    {
      kind: 'size-only',
      description: 'a 1 MiB body, otherwise a valid request, with a 1 MiB unknown member',
      text: padded(`{${ids},"message":{"status":"SUCCESS","progress":{}},"padding":"`, 'x', '"}', ONE_MIB),
    },
    { kind: 'invalid', description: 'a 1 MiB body that is not JSON (an unterminated string)', text: padded(`{${ids},"message":{"status":"SUCCESS","progress":{},"reason":"`, 'z', '', ONE_MIB) },
    { kind: 'invalid', description: 'a 4 MiB body of valid JSON whose reason is 4 MiB long', text: padded(`{${ids},"message":{"status":"SUCCESS","progress":{},"reason":"`, 'b', '"}}', 4 * ONE_MIB) },
  ];
}

export function oversizedExpectation(c: OversizedCase, timeoutMs: number): Expectation {
  // T11: a size limit is the implementation's choice, so a body valid but for its size may be
  // answered 200, 400 or 413; M7 still asks for an answer in time, below 500, on the connection.
  if (c.kind === 'size-only') return { kind: 'answered', below500: true, title: 'An oversized body was not answered in time, or was answered 5xx', expected: `an answer below 500 within ${timeoutMs} ms (200, 400 or 413 conform: T11)` };
  return { kind: 'status', statuses: [400, 413], answerRequired: true, title: 'An oversized invalid body was not answered 400 or 413 in time', expected: `400 or 413 within ${timeoutMs} ms` };
}

export const oversizedBodyAnsweredInTime: CaseCheck = {
  kind: 'cases',
  name: 'oversizedBodyAnsweredInTime',
  requirement: 'M7',
  title: 'a body of 1 MiB or more is answered in time, below 500; one invalid anyway is answered 400 or 413',
  // Fixed cases, not a property: a hang costs one timeout, where shrinking would pay a timeout for every step.
  run: (ctx) =>
    forEachCase(ctx, oversizedCases(seededUuid(ctx.seed, 0), seededUuid(ctx.seed, 1)), {
      before: (c) => (c.kind === 'size-only' ? startSessionOf(ctx, { scanJobId: seededUuid(ctx.seed, 0), sessionToken: seededUuid(ctx.seed, 1) }) : Promise.resolve()),
      request: (c) => stopRequest(c.text),
      // Both expectations judge a missing answer: a hang or a dropped connection is this check's failure.
      expect: (c) => oversizedExpectation(c, ctx.settings.timeoutMs),
      describe: (c) => c.description,
    }),
};

/** Stress cases are large (nesting 10,000 deep); fewer of them say as much. */
const STRESS_RUNS_CAP = 100;

export const parserStressAnswered: CaseCheck = {
  kind: 'cases',
  name: 'parserStressAnswered',
  requirement: 'M5',
  title: 'a valid body whose unknown member nests 10,000 deep or holds a number past 64 bits is answered below 500',
  // 200 (the member skipped, S5) and a 400 from a parser's depth or number limit both conform;
  // a recursive parser that overflows, or a number parser that throws, answers 5xx.
  run: (ctx) =>
    forAll<StressCase>(
      ctx,
      parserStressRequest(),
      {
        before: (c) => startSessionOf(ctx, c.valid.value),
        request: (c) => stopRequest(c.text),
        expect: () => notServerError,
        describe: (c) => c.label.description,
        constraint: (c) => `${c.label.pointer} ${c.label.variant}`,
      },
      { runs: Math.min(ctx.settings.runs, STRESS_RUNS_CAP) },
    ),
};
