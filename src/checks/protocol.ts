// M5, M6, M7: what any HTTP request to the endpoint may not do to the target — answer 5xx, take
// another method for PUT, or leave a request (an oversized one included) unanswered. The run-wide
// M5 and M7 judgements over every request of every check are in src/report/model.ts; these checks
// send the cases that most often provoke such answers, with a shrunk or fixed case as evidence.
import type { GeneratedCase } from '../generation/types';
import { describeOutcome } from '../runner/record';
import { isServerError } from '../runner/context';
import type { HttpRequest } from '../transport/types';
import { anyGeneratedCase, describeGenerated, startSessionIfValid } from './internal/cases';
import { answeredWith, STOP_PATH, stopRequest } from './internal/expect';
import { observedAnswer } from './internal/observe';
import { forAll, forEachCase } from './internal/property';
import { seededUuid, startSessionOf } from './internal/sessions';
import type { Check, Observation } from './types';

export const noServerErrorForAnyInput: Check = {
  name: 'noServerErrorForAnyInput',
  requirement: 'M5',
  title: 'no generated request, valid or invalid, is answered 5xx',
  run: (ctx) =>
    forAll<GeneratedCase>(ctx, anyGeneratedCase(), {
      before: (c) => startSessionIfValid(ctx, c),
      toRequest: (c) => stopRequest(c.text),
      // Only a 5xx is M5's: a wrong 2xx/4xx is M1's or M3's, and a missing answer is M7's, judged
      // over the whole run. Not failing on it here also keeps a hang from being shrunk (a timeout a step).
      judge: (c, outcome) =>
        isServerError(stopRequest(c.text), outcome)
          ? { title: 'A request was answered 5xx', expected: 'an answer below 500', received: describeOutcome(outcome) }
          : undefined,
      describe: describeGenerated,
      constraint: (c) => (c.kind === 'valid' ? 'valid' : `invalid: ${c.label.family}`),
    }),
};

interface MethodCase {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** A valid stop body (naming a fresh session), or none. */
  value?: { scanJobId: string; sessionToken: string; message: { status: 'SUCCESS'; progress: Record<string, never> } };
}

const OTHER_METHODS: readonly MethodCase['method'][] = ['GET', 'POST', 'DELETE', 'PATCH'];

function methodRequest(c: MethodCase): HttpRequest {
  if (!c.value) return { method: c.method, path: STOP_PATH, headers: {} };
  return { method: c.method, path: STOP_PATH, headers: { 'content-type': 'application/json' }, body: JSON.stringify(c.value) };
}

function describeMethodCase(c: MethodCase): string {
  return `${c.method} ${STOP_PATH} ${c.value ? 'with a valid stop body' : 'without a body'}`;
}

export const otherMethodsNotSuccessful: Check = {
  name: 'otherMethodsNotSuccessful',
  requirement: 'M6',
  title: 'GET, POST, DELETE and PATCH on /cissession/stop, with or without a valid body, are not answered 2xx',
  via: 'request-fixture',
  async run(ctx) {
    // With a valid body that names a started session (mode 'start'), a server that takes POST for
    // PUT answers 200 and is caught; without one it might answer 409 and slip through.
    const cases: MethodCase[] = OTHER_METHODS.flatMap((method, index) => [
      { method },
      { method, value: { scanJobId: seededUuid(ctx.seed, 2 * index), sessionToken: seededUuid(ctx.seed, 2 * index + 1), message: { status: 'SUCCESS', progress: {} } } },
    ]);
    const observations: Observation[] = [];
    const result = await forEachCase(ctx, cases, {
      before: (c) => (c.value ? startSessionOf(ctx, c.value) : Promise.resolve()),
      toRequest: methodRequest,
      judge: (c, outcome) => {
        observations.push({ description: describeMethodCase(c), answer: observedAnswer(outcome) });
        // Any 4xx, and 501, are T4; a 5xx is M5's and a missing answer M7's, judged over the run.
        if (outcome.kind !== 'response' || outcome.status < 200 || outcome.status > 299) return undefined;
        return { title: 'Another method was answered 2xx', expected: `not 2xx: StopCisSession is PUT ${STOP_PATH} (any 4xx, or 501, conforms)`, received: describeOutcome(outcome) };
      },
      describe: describeMethodCase,
    });
    return { ...result, observations };
  },
};

/** Oversized bodies: a long run of one byte between a short head and tail, so the evidence's curl line stays short. */
const ONE_MIB = 1024 * 1024;

interface OversizedCase {
  description: string;
  text: string;
}

/** `head` + `fill` repeated + `tail`, exactly `bytes` long (fill is one ASCII byte). */
function padded(head: string, fill: string, tail: string, bytes: number): string {
  return head + fill.repeat(bytes - Buffer.byteLength(head) - Buffer.byteLength(tail)) + tail;
}

function oversizedCases(scanJobId: string, sessionToken: string): OversizedCase[] {
  const ids = `"scanJobId":"${scanJobId}","sessionToken":"${sessionToken}"`;
  return [
    {
      description: 'a 1 MiB body of valid JSON whose reason is 1 MiB long',
      text: padded(`{${ids},"message":{"status":"SUCCESS","progress":{},"reason":"`, 'a', '"}}', ONE_MIB),
    },
    {
      // Within 1 MiB an unknown member is skipped (S5); at 1 MiB and more M7 wants 400 or 413 all the same.
      description: 'a 1 MiB body, otherwise a valid request, with a 1 MiB unknown member',
      text: padded(`{${ids},"message":{"status":"SUCCESS","progress":{}},"padding":"`, 'x', '"}', ONE_MIB),
    },
    {
      description: 'a 1 MiB body that is not JSON (an unterminated string)',
      text: padded(`{${ids},"message":{"status":"SUCCESS","progress":{},"reason":"`, 'z', '', ONE_MIB),
    },
    {
      description: 'a 4 MiB body of valid JSON whose reason is 4 MiB long',
      text: padded(`{${ids},"message":{"status":"SUCCESS","progress":{},"reason":"`, 'b', '"}}', 4 * ONE_MIB),
    },
  ];
}

export const oversizedBodyAnsweredInTime: Check = {
  name: 'oversizedBodyAnsweredInTime',
  requirement: 'M7',
  title: 'a body of 1 MiB or more is answered 400 or 413 within the timeout',
  // Fixed cases, not a property: a hang costs one timeout and the check stops at the first
  // failure, where shrinking would pay a timeout for every step.
  run: (ctx) =>
    forEachCase(ctx, oversizedCases(seededUuid(ctx.seed, 0), seededUuid(ctx.seed, 1)), {
      toRequest: (c) => stopRequest(c.text),
      judge: (_c, outcome) =>
        answeredWith(outcome, [400, 413], 'An oversized body was not answered 400 or 413 in time', `400 or 413 within ${ctx.settings.timeoutMs} ms`),
      describe: (c) => c.description,
    }),
};
