// Hosts one check: sends its requests through a transport, counts them, waits out throttling,
// starts sessions in mode 'start', and keeps the answers that M5 and M7 judge across the run.
import { setTimeout as sleep } from 'node:timers/promises';
import { CannotJudge, type Check, type CheckContext, type Exchange, type Settings } from '../checks/types';
import type { HttpOutcome, HttpRequest, Transport } from '../transport/types';
import { exchange } from './record';
import { seedFor } from './settings';

/** How many of each kind of cross-cutting evidence a check keeps. */
const KEPT = 3;
/** Throttling is waited out at most this often and this long per request (CONFORMANCE-RULES, Before judging). */
const THROTTLE_RETRIES = 6;
const THROTTLE_WAIT_CAP_MS = 10_000;
/**
 * After this many of one check's requests go unanswered within the timeout, the check stops and
 * cannot judge: M7 already has the evidence, and every further case could cost another timeout
 * (fast-check shrinks a hang a timeout a step). It keeps a target that hangs on common input from
 * holding each check for its whole budget.
 */
const TIMEOUTS_PER_CHECK = 3;

export interface HostedContext extends CheckContext {
  requests(): number;
  serverErrors: Exchange[];
  noAnswers: Exchange[];
}

export function replayCommand(settings: Settings, check: Pick<Check, 'name'>): string {
  return `npm run certify -- --target ${settings.target.toString()} --seed ${settings.seed} --only ${check.name}`;
}

/** A 5xx that M5 counts: 501 to a method other than PUT is T4 (a method the server does not implement). */
export function isServerError(request: HttpRequest, outcome: HttpOutcome): boolean {
  if (outcome.kind !== 'response' || outcome.status < 500) return false;
  return !(outcome.status === 501 && request.method !== 'PUT');
}

export function throttleWaitMs(outcome: HttpOutcome, attempt: number): number {
  const header = outcome.kind === 'response' ? outcome.headers['retry-after'] : undefined;
  const seconds = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
  const wait = seconds !== undefined ? seconds * 1000 : 100 * 2 ** attempt;
  return Math.min(wait, THROTTLE_WAIT_CAP_MS);
}

export function createCheckContext(
  settings: Settings,
  transport: Transport,
  check: Pick<Check, 'name'>,
  options: { waitOutThrottling?: boolean } = {},
): HostedContext {
  const waitOutThrottling = options.waitOutThrottling ?? true;
  let count = 0;
  let timeouts = 0;
  const serverErrors: Exchange[] = [];
  const noAnswers: Exchange[] = [];

  const record = (request: HttpRequest, outcome: HttpOutcome) => exchange(settings.target, request, outcome);

  async function send(request: HttpRequest): Promise<HttpOutcome> {
    for (let attempt = 0; ; attempt++) {
      if (timeouts >= TIMEOUTS_PER_CHECK) {
        throw new CannotJudge(`${timeouts} requests went unanswered within ${settings.timeoutMs} ms, so the check stopped (M7 reports them); if the target is only slow, run again with a longer --timeout.`);
      }
      count++;
      const outcome = await transport.send(request, { timeoutMs: settings.timeoutMs });
      if (outcome.kind === 'no-answer' && outcome.reason === 'timeout') timeouts++;
      if (outcome.kind === 'no-answer' && noAnswers.length < KEPT) noAnswers.push(record(request, outcome));
      if (isServerError(request, outcome) && serverErrors.length < KEPT) serverErrors.push(record(request, outcome));
      if (!waitOutThrottling || outcome.kind !== 'response' || outcome.status !== 429) return outcome;
      if (attempt >= THROTTLE_RETRIES) {
        throw new CannotJudge(`the target kept answering 429 (throttled) after ${THROTTLE_RETRIES} waits; run again when it is less loaded, or with fewer --runs.`);
      }
      await sleep(throttleWaitMs(outcome, attempt));
    }
  }

  async function startSession(scanJobId: string, sessionToken: string): Promise<void> {
    if (settings.sessionMode !== 'start') return;
    const request: HttpRequest = {
      method: 'PUT',
      path: '/cissession/start',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scanJobId, message: { sessionToken } }),
    };
    const outcome = await send(request);
    if (outcome.kind !== 'response' || outcome.status !== 200) {
      const got = outcome.kind === 'response' ? `${outcome.status}` : `no answer (${outcome.message})`;
      throw new CannotJudge(`session mode "start": PUT /cissession/start was answered ${got}, not 200, so no session could be started (${record(request, outcome).curl}).`);
    }
  }

  return {
    settings,
    seed: seedFor(settings.seed, check.name),
    replay: replayCommand(settings, check),
    send,
    startSession,
    record,
    requests: () => count,
    serverErrors,
    noAnswers,
  };
}
