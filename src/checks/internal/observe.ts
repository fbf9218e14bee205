// Shows what a target did with cases that are not judged (TOLERATED, and the answers behind a
// judged check). An observation's answer is what came back ("400 ValidationException"); the
// report puts "observed:" before it.
import { describeOutcome } from '../../runner/record';
import type { HttpOutcome, HttpRequest } from '../../transport/types';
import type { CheckContext, CheckResult } from '../types';
import { readErrorType } from './errorType';
import { observeEach } from './property';
import { startSessionOf } from './sessions';

export interface SentCase {
  description: string;
  request: HttpRequest;
  /** The session a case names, started first in session mode 'start'. */
  session?: { scanJobId: string; sessionToken: string };
}

/** "400 ValidationException", "200", "no answer (…)". */
export function observedAnswer(outcome: HttpOutcome): string {
  if (outcome.kind !== 'response') return describeOutcome(outcome);
  const type = outcome.status >= 400 ? readErrorType(outcome)?.name : undefined;
  return `${outcome.status}${type ? ` ${type}` : ''}`;
}

/** Sends every case (starting its session first in mode 'start') and shows each answer. */
export function observeSent(ctx: CheckContext, cases: readonly SentCase[], answer: (outcome: HttpOutcome) => string = observedAnswer): Promise<CheckResult> {
  return observeEach(
    ctx,
    cases,
    {
      before: (c) => (c.session ? startSessionOf(ctx, c.session) : Promise.resolve()),
      toRequest: (c) => c.request,
      describe: (c) => c.description,
    },
    answer,
  );
}
