// Runs a check's cases through the run's pool and judges each answer. forAll drives a fast-check
// property (a failure is shrunk to its smallest case); forEachCase sends fixed cases; observeEach
// sends TOLERATED cases and shows the answers. Each counts the cases it judged: a check that
// judged none is not-judged, with the reason, never passed.
import fc from 'fast-check';
import { shrinkBudgetMs } from '../../settings';
import type { HttpOutcome, HttpRequest } from '../../transport/types';
import { judgeAnswer, notJudged, type Expectation, type Judgement, type Mismatch } from '../judge';
import { CannotJudge, type CheckContext, type CheckResult, type Failure, type Observation } from '../types';

export interface CaseRunner<C> {
  /** The request that carries the case. */
  request(c: C): HttpRequest;
  /** Work before sending (starting the session a valid stop names). */
  before?(c: C): Promise<void>;
  /**
   * A request sent just before the case (S4–S6): the case is judged only when it was answered 200,
   * so the check's own fault is told from one M1 already reports.
   */
  control?(c: C): { request: HttpRequest; before?(): Promise<void> };
  /** What the case's answer must be. */
  expect(c: C): Expectation;
  describe(c: C): string;
  /** The schema constraint a case exercises, for the coverage table ("/scanJobId pattern"). */
  constraint?(c: C): string | undefined;
}

export const CONTROL_NOT_ACCEPTED = 'the control request (the same valid stop, sent just before) was not answered 200 (M1 judges that)';

/** The judgement of one case's answer, given the control's answer when the runner has a control. */
export function judgeCase<C>(runner: CaseRunner<C>, c: C, outcome: HttpOutcome, control?: HttpOutcome): Judgement {
  if (runner.control && !(control?.kind === 'response' && control.status === 200)) return notJudged(CONTROL_NOT_ACCEPTED);
  return judgeAnswer(runner.expect(c), runner.request(c), outcome);
}

interface Trial<C> {
  c: C;
  request: HttpRequest;
  outcome: HttpOutcome;
  control?: { request: HttpRequest; outcome: HttpOutcome };
  judgement: Judgement;
}

/** Sends one case (after its `before` step and its control) and judges the answer. */
async function trial<C>(ctx: CheckContext, runner: CaseRunner<C>, c: C): Promise<Trial<C>> {
  let control: Trial<C>['control'];
  const controlled = runner.control?.(c);
  if (controlled) {
    await controlled.before?.();
    control = { request: controlled.request, outcome: await ctx.send(controlled.request) };
  }
  await runner.before?.(c);
  const request = runner.request(c);
  const outcome = await ctx.send(request);
  return { c, request, outcome, control, judgement: judgeCase(runner, c, outcome, control?.outcome) };
}

function failureOf<C>(ctx: CheckContext, runner: CaseRunner<C>, t: Trial<C>, mismatch: Mismatch): Failure {
  return {
    ...ctx.record(t.request, t.outcome),
    ...mismatch,
    caseDescription: runner.describe(t.c),
    expectation: runner.expect(t.c),
    ...(t.control ? { control: ctx.record(t.control.request, t.control.outcome) } : {}),
    seed: ctx.seed,
    replay: ctx.replay,
  };
}

/** What a pass over cases came to: counts, the not-judged reasons, and the earliest failure. */
class Tally<C> {
  cases = 0;
  judged = 0;
  readonly reasons = new Map<string, number>();
  readonly coverage: Record<string, number> = {};
  failure?: { index: number; trial: Trial<C>; mismatch: Mismatch };

  add(runner: CaseRunner<C>, index: number, t: Trial<C>): void {
    this.cases++;
    const key = runner.constraint?.(t.c);
    if (key !== undefined) this.coverage[key] = (this.coverage[key] ?? 0) + 1;
    if (!t.judgement.judged) {
      this.reasons.set(t.judgement.reason, (this.reasons.get(t.judgement.reason) ?? 0) + 1);
      return;
    }
    this.judged++;
    const mismatch = t.judgement.mismatch;
    if (mismatch !== undefined && (this.failure === undefined || index < this.failure.index)) this.failure = { index, trial: t, mismatch };
  }

  /** passed, or not-judged with the most frequent reason, when nothing failed. */
  outcome(extra: { note?: string } = {}): CheckResult {
    const base = { cases: this.cases, judged: this.judged, coverage: this.coverage, ...extra };
    if (this.judged > 0) return { status: 'passed', ...base };
    const [reason, count] = [...this.reasons.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['no case was sent', 0];
    return { status: 'not-judged', ...base, reason: this.cases > 0 ? `none of ${this.cases} cases could be judged: ${reason}${count < this.cases ? ' (and other reasons)' : ''}` : reason };
  }
}

function cannotJudge(error: unknown, done: { cases: number; judged: number }): CheckResult {
  if (error instanceof CannotJudge) return { status: 'could-not-judge', cases: done.cases, judged: done.judged, error: error.message };
  throw error;
}

/** Cases by index, asked for in increasing order. */
interface CaseSource<C> {
  readonly length: number;
  at(index: number): C;
}

/** How many generated cases a check draws at once (its trials take them in order, as many going as the run may have in flight). */
const DRAW_CHUNK = 64;

/**
 * The cases fc.sample draws for `seed`, drawn DRAW_CHUNK at a time as the lanes reach them: a
 * sample's `path` starts its draw at a given run, so the chunks are, case for case, the run-long
 * sample (tests/runner/property.test.ts holds this). A check of 3000 runs then holds 64 bodies, not 3000.
 */
function drawnInChunks<C>(arbitrary: fc.Arbitrary<C>, seed: number, runs: number): CaseSource<C> {
  let start = 0;
  let cases: C[] = [];
  return {
    length: runs,
    at(index) {
      if (index < start || index >= start + cases.length) {
        start = index - (index % DRAW_CHUNK);
        cases = fc.sample(arbitrary, { seed, numRuns: Math.min(DRAW_CHUNK, runs - start), path: String(start) });
      }
      return cases[index - start];
    },
  };
}

/**
 * Sends the cases of `source` through the pool, about as many at once as the run may have in flight
 * (ctx.lanes(): the pool, not the check, bounds what is in flight, and a case is drawn only when it
 * can go); stops at the deadline, and (stopAtFailure) once a case fails. A trial that cannot judge
 * (CannotJudge) stops the drawing, and is raised once the trials still out have come back.
 */
function sendAll<C>(ctx: CheckContext, source: CaseSource<C>, runner: CaseRunner<C>, tally: Tally<C>, stopAtFailure: boolean): Promise<{ outOfTime: boolean }> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let active = 0;
    let outOfTime = false;
    let failed: { error: unknown } | undefined;
    const more = (): void => {
      while (failed === undefined && active < Math.max(1, ctx.lanes()) && next < source.length && !(stopAtFailure && tally.failure)) {
        if (Date.now() > ctx.deadline) {
          outOfTime = true;
          break;
        }
        const index = next++;
        active++;
        trial(ctx, runner, source.at(index)).then(
          (t) => {
            active--;
            tally.add(runner, index, t);
            more();
          },
          (error: unknown) => {
            active--;
            failed ??= { error };
            more();
          },
        );
      }
      if (active > 0) return;
      if (failed !== undefined) reject(failed.error);
      else resolve({ outOfTime });
    };
    more();
  });
}

function outOfTimeNote(tally: { cases: number }, of: number): string {
  return `stopped after ${tally.cases} of ${of} cases: the run's time budget (--max-duration) ran out`;
}

/**
 * A property over `runs` cases, in two passes. The first sends the very cases fast-check would
 * generate for this seed (fc.sample draws them as fc.check does, here a chunk at a time), as many
 * at a time as the pool allows: a passing check costs no more than its requests. Only when a case fails does the second
 * pass run fc.check with the same seed, one case at a time, so fast-check shrinks the failure to
 * its smallest case. Verdicts do not depend on the first pass: it finds nothing fc.check would not.
 */
export async function forAll<C>(ctx: CheckContext, arbitrary: fc.Arbitrary<C>, runner: CaseRunner<C>, { runs = ctx.settings.runs }: { runs?: number } = {}): Promise<CheckResult> {
  const tally = new Tally<C>();
  let outOfTime: boolean;
  try {
    ({ outOfTime } = await sendAll(ctx, drawnInChunks(arbitrary, ctx.seed, runs), runner, tally, true));
  } catch (error) {
    return cannotJudge(error, tally);
  }
  if (tally.failure === undefined) return tally.outcome(outOfTime ? { note: outOfTimeNote(tally, runs) } : {});
  const shrunk = await shrink(ctx, arbitrary, runner, runs);
  const cases = tally.cases + shrunk.cases;
  const judged = tally.judged + shrunk.judged;
  if (shrunk.fatal !== undefined) return cannotJudge(shrunk.fatal, { cases, judged });
  // A target that answers the same case differently on a second try is shown as first seen.
  const last = shrunk.last ?? { trial: tally.failure.trial, mismatch: tally.failure.mismatch };
  return {
    status: 'failed',
    cases,
    judged,
    coverage: tally.coverage,
    failure: { ...failureOf(ctx, runner, last.trial, last.mismatch), path: shrunk.last ? shrunk.path : undefined, shrinks: shrunk.last ? shrunk.shrinks : 0 },
  };
}

/**
 * Cases a shrink may send. A fault that fails almost every case shrinks for a thousand steps, and a
 * chained arbitrary (a valid body, then members to add to it) can offer many thousands of
 * candidates that pass; past this many, the smallest failure found so far is the evidence (each
 * later candidate is let through unsent, so fast-check winds down in microseconds).
 */
export const SHRINK_TRIALS = 200;

async function shrink<C>(
  ctx: CheckContext,
  arbitrary: fc.Arbitrary<C>,
  runner: CaseRunner<C>,
  runs: number,
): Promise<{ cases: number; judged: number; last?: { trial: Trial<C>; mismatch: Mismatch }; fatal?: unknown; path?: string; shrinks: number }> {
  let cases = 0;
  let judged = 0;
  let last: { trial: Trial<C>; mismatch: Mismatch } | undefined;
  let fatal: unknown;
  const property = fc.asyncProperty(arbitrary, async (c) => {
    if (fatal !== undefined || cases >= runs + SHRINK_TRIALS) return true; // cannot judge, or out of trials: let fast-check wind down
    try {
      const t = await trial(ctx, runner, c);
      cases++;
      if (!t.judgement.judged) return true;
      judged++;
      if (t.judgement.mismatch === undefined) return true;
      last = { trial: t, mismatch: t.judgement.mismatch }; // the last failure seen is the most shrunk one
      return false;
    } catch (error) {
      fatal = error;
      return true;
    }
  });
  const details = await fc.check(property, {
    seed: ctx.seed,
    numRuns: runs,
    // Interrupted while shrinking, fast-check keeps the smallest case so far.
    interruptAfterTimeLimit: shrinkBudgetMs(ctx.settings),
    markInterruptAsFailure: false,
  });
  return { cases, judged, last, fatal, path: details.counterexamplePath ?? undefined, shrinks: details.numShrinks };
}

/** Fixed cases: every one is sent (as many at a time as the pool allows); the earliest that fails is the failure. */
export async function forEachCase<C>(ctx: CheckContext, fixed: readonly C[], runner: CaseRunner<C>): Promise<CheckResult> {
  const tally = new Tally<C>();
  let outOfTime: boolean;
  try {
    ({ outOfTime } = await sendAll(ctx, { length: fixed.length, at: (index) => fixed[index] }, runner, tally, false));
  } catch (error) {
    return cannotJudge(error, tally);
  }
  const note = outOfTime ? { note: outOfTimeNote(tally, fixed.length) } : {};
  if (tally.failure === undefined) return tally.outcome(note);
  return { status: 'failed', cases: tally.cases, judged: tally.judged, coverage: tally.coverage, ...note, failure: failureOf(ctx, runner, tally.failure.trial, tally.failure.mismatch) };
}

export interface ObservedCase {
  description: string;
  request: HttpRequest;
  /** The session a case names, started first in session mode 'start'. */
  session?: { scanJobId: string; sessionToken: string };
}

/** TOLERATED cases: sent and shown, never judged (their 5xx and missing answers are M5's and M7's). */
export async function observeEach(ctx: CheckContext, cases: readonly ObservedCase[], answer: (outcome: HttpOutcome) => string): Promise<CheckResult> {
  const observations: Array<Observation | undefined> = new Array<Observation | undefined>(cases.length);
  let next = 0;
  let sent = 0;
  const lane = async (): Promise<void> => {
    while (next < cases.length) {
      const index = next++;
      const c = cases[index];
      if (c.session) await ctx.startSession(c.session.scanJobId, c.session.sessionToken);
      const outcome = await ctx.send(c.request);
      sent++;
      observations[index] = { description: c.description, answer: answer(outcome) };
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(ctx.settings.concurrency, cases.length) }, lane));
  } catch (error) {
    return cannotJudge(error, { cases: sent, judged: 0 });
  }
  const shown = observations.filter((o): o is Observation => o !== undefined);
  return { status: shown.length > 0 ? 'passed' : 'not-judged', cases: sent, judged: shown.length, observations: shown, ...(shown.length === 0 ? { reason: 'no case was sent' } : {}) };
}
