// S9, opt-in (--probe-throttling): throttling is recoverable. A bounded burst of valid requests
// runs until the target answers 429; that 429 must name ThrottlingException, give a Retry-After
// (if any) in whole seconds, and after waiting it out the target must answer again.
//
// Why one check under a new S9 rather than checks under S1 (the name) and S3 (Retry-After): the
// three facts come from one probe, and a client recovers only when all three hold (the AWS SDK
// classifies throttling by the error name, reads retryAfterSeconds as an Integer, and retries).
// One check sends one bounded burst; checks under S1 and S3 would each be picked up by the suites
// that run every S1 and S3 check, sending the burst again alongside them.
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { describeOutcome } from '../evidence/exchange';
import type { HttpOutcome, HttpRequest, HttpResponse } from '../transport/types';
import { errorTypeOf, isWholeSeconds } from './internal/errorType';
import { stopRequest } from './internal/expect';
import { knownValidStop } from '../generation';
import { CannotJudge, type CaseCheck, type CheckContext, type CheckResult, type Failure } from './types';

/** The burst's bounds: it stops at the first 429, or at whichever of these comes first. */
const PROBE_MAX_REQUESTS = 200;
const PROBE_MAX_MS = 15_000;
/** Requests in flight at once: enough to outrun a per-second limit, few enough for 2 shared cores. */
const PROBE_CONCURRENCY = 4;
/** A Retry-After longer than this is not waited out (the runner's own cap on a throttle wait). */
const MAX_WAIT_SECONDS = 10;
/** The wait when a 429 gives no usable Retry-After. */
const DEFAULT_WAIT_SECONDS = 1;

interface Burst {
  requests: number;
  elapsedMs: number;
  throttled?: { request: HttpRequest; outcome: HttpResponse };
}

/** Valid requests, as fast as PROBE_CONCURRENCY allows, until a 429 or a bound. */
async function burst(ctx: CheckContext, request: HttpRequest): Promise<Burst> {
  const started = performance.now();
  let requests = 0;
  let throttled: Burst['throttled'];
  const sender = async () => {
    while (throttled === undefined && requests < PROBE_MAX_REQUESTS && performance.now() - started < PROBE_MAX_MS) {
      requests++;
      // The probe judges the 429 itself: it comes back as sent, not waited out.
      const outcome = await ctx.send(request, { throttle: 'return' });
      if (outcome.kind === 'response' && outcome.status === 429) throttled ??= { request, outcome };
    }
  };
  await Promise.all(Array.from({ length: PROBE_CONCURRENCY }, sender));
  return { requests, elapsedMs: Math.round(performance.now() - started), throttled };
}

function failed(ctx: CheckContext, request: HttpRequest, outcome: HttpOutcome, cases: number, f: Pick<Failure, 'title' | 'expected' | 'received'>, note: string): CheckResult {
  return { status: 'failed', cases, judged: 1, note, failure: { ...ctx.record(request, outcome), ...f, caseDescription: 'the throttling probe', replay: ctx.replay } };
}

export const throttlingRecoverable: CaseCheck = {
  kind: 'cases',
  name: 'throttlingRecoverable',
  requirement: 'S9',
  title: 'a 429 names ThrottlingException, gives Retry-After in whole seconds, and the target answers again after it',
  async run(ctx) {
    if (!ctx.settings.probeThrottling) {
      return { status: 'skipped', cases: 0, judged: 0, reason: `Opt-in: run with --probe-throttling (CONFORMANCE_PROBE_THROTTLING=1) to send a burst of at most ${PROBE_MAX_REQUESTS} requests in ${PROBE_MAX_MS / 1000} s and judge the 429.` };
    }
    // One session, stopped again and again: the operation is idempotent (S4), and only one start is spent.
    const { value: body, text } = knownValidStop(ctx.seed, 0);
    const request = stopRequest(text);
    try {
      await ctx.startSession(body.scanJobId, body.sessionToken);
    } catch (error) {
      if (error instanceof CannotJudge) return { status: 'could-not-judge', cases: 0, judged: 0, error: error.message };
      throw error;
    }
    const seen = await burst(ctx, request);
    const bounds = `${seen.requests} requests in ${seen.elapsedMs} ms (bounds: ${PROBE_MAX_REQUESTS} requests, ${PROBE_MAX_MS} ms)`;
    // No 429 within the bounds: there was no throttling to judge.
    if (!seen.throttled) return { status: 'not-judged', cases: seen.requests, judged: 0, reason: `no throttling observed: ${bounds}, none answered 429.` };

    const { outcome } = seen.throttled;
    const type = errorTypeOf(outcome);
    if (type !== 'ThrottlingException') {
      return failed(ctx, request, outcome, seen.requests, {
        title: 'A 429 did not name ThrottlingException',
        expected: '429 named ThrottlingException (X-Amzn-Errortype, or body __type/code), as S1 requires',
        received: `429 ${type === undefined ? 'naming no error type' : `named ${type}`}`,
      }, `throttled after ${bounds}`);
    }
    const retryAfter = outcome.headers['retry-after'];
    if (retryAfter !== undefined && !isWholeSeconds(retryAfter)) {
      return failed(ctx, request, outcome, seen.requests, {
        title: 'A 429 gave a Retry-After that is not a whole number of seconds',
        expected: 'Retry-After absent, or a whole number of seconds, as S3 requires (the model reads it as an Integer)',
        received: `Retry-After: ${retryAfter}`,
      }, `throttled after ${bounds}`);
    }
    const waitSeconds = retryAfter === undefined ? DEFAULT_WAIT_SECONDS : Number(retryAfter.trim());
    if (waitSeconds > MAX_WAIT_SECONDS) {
      return { status: 'not-judged', cases: seen.requests, judged: 0, reason: `throttled after ${bounds}, named ThrottlingException; Retry-After ${waitSeconds} s is beyond the probe's ${MAX_WAIT_SECONDS} s wait, so recovery is not judged.` };
    }
    await sleep(waitSeconds * 1000);
    const again = await ctx.send(request, { throttle: 'return' });
    const cases = seen.requests + 1;
    const note = `throttled after ${bounds}; waited ${waitSeconds} s (${retryAfter === undefined ? 'no Retry-After: 1 s' : `Retry-After: ${retryAfter}`}), then sent 1 request`;
    if (again.kind === 'response' && again.status !== 429) return { status: 'passed', cases, judged: 1, note: `${note}, answered ${again.status}.` };
    return failed(ctx, request, again, cases, {
      title: 'The target was still throttling after its Retry-After',
      expected: `an answer other than 429 once ${waitSeconds} s had passed`,
      received: describeOutcome(again),
    }, note);
  },
};
