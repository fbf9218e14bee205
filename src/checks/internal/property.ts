// Runs a check's cases. forAll drives a fast-check property (one request per case) so that a
// failure is shrunk to its smallest case; forEachCase runs fixed cases from fixtures/.
import fc from 'fast-check';
import type { HttpOutcome, HttpRequest } from '../../transport/types';
import { CannotJudge, type CheckContext, type CheckResult, type Failure, type Observation } from '../types';

/** A case's answer did not meet the requirement. */
export interface Mismatch {
  title: string;
  expected: string;
  received: string;
}

export interface CaseRunner<C> {
  /** The request that carries the case. */
  toRequest(c: C): HttpRequest;
  /** Work before sending (starting a session for a valid stop). */
  before?(c: C): Promise<void>;
  /** undefined when the answer meets the requirement. */
  judge(c: C, outcome: HttpOutcome): Mismatch | undefined;
  describe(c: C): string;
  /** The schema constraint a case exercises, for the coverage table ("/scanJobId pattern"). */
  constraint?(c: C): string | undefined;
}

interface Seen<C> {
  c: C;
  request: HttpRequest;
  outcome: HttpOutcome;
  mismatch: Mismatch;
}

/** Sends one case (after its `before` step) and judges the answer. */
async function trial<C>(ctx: CheckContext, runner: CaseRunner<C>, c: C): Promise<{ request: HttpRequest; outcome: HttpOutcome; mismatch?: Mismatch }> {
  await runner.before?.(c);
  const request = runner.toRequest(c);
  const outcome = await ctx.send(request);
  return { request, outcome, mismatch: runner.judge(c, outcome) };
}

function failureOf<C>(ctx: CheckContext, runner: CaseRunner<C>, seen: Seen<C>): Failure {
  return {
    ...ctx.record(seen.request, seen.outcome),
    ...seen.mismatch,
    caseDescription: runner.describe(seen.c),
    replay: ctx.replay,
  };
}

function cannotJudge(error: unknown, cases: number): CheckResult {
  if (error instanceof CannotJudge) return { status: 'skipped', cases, error: error.message };
  throw error;
}

/** Cases in flight at once in forAll's first pass: enough to keep a keep-alive pool busy. */
export const CONCURRENCY = 16;

/**
 * A property over `runs` cases, in two passes. The first sends the very cases fast-check would
 * generate for this seed (fc.sample draws them as fc.check does), CONCURRENCY at a time: a
 * passing check costs no more than its requests. Only when a case fails does the second pass run
 * fc.check with the same seed, one case at a time, so fast-check shrinks the failure to its
 * smallest case. Verdicts do not depend on the first pass: it finds nothing fc.check would not.
 */
export async function forAll<C>(
  ctx: CheckContext,
  arbitrary: fc.Arbitrary<C>,
  runner: CaseRunner<C>,
  { runs = ctx.settings.runs }: { runs?: number } = {},
): Promise<CheckResult> {
  const coverage: Record<string, number> = {};
  // One budget for both passes: Playwright's test timeout is the budget plus a margin.
  const deadline = Date.now() + ctx.settings.checkBudgetMs;
  let firstPass: { cases: number; failure?: Seen<C>; outOfTime: boolean };
  try {
    firstPass = await sendConcurrently(ctx, fc.sample(arbitrary, { seed: ctx.seed, numRuns: runs }), runner, coverage, deadline);
  } catch (error) {
    return cannotJudge(error, 0);
  }
  if (firstPass.failure === undefined) {
    const note = firstPass.outOfTime ? `stopped after ${firstPass.cases} of ${runs} cases: the check's time budget (${ctx.settings.checkBudgetMs} ms) ran out` : undefined;
    return { status: 'passed', cases: firstPass.cases, coverage, note };
  }
  const shrunk = await shrink(ctx, arbitrary, runner, runs, deadline);
  const cases = firstPass.cases + shrunk.cases;
  if (shrunk.fatal !== undefined) return cannotJudge(shrunk.fatal, cases);
  // A target that answers the same case differently on a second try is shown as first seen.
  const seen = shrunk.last ?? firstPass.failure;
  return {
    status: 'failed',
    cases,
    coverage,
    failure: {
      ...failureOf(ctx, runner, seen),
      seed: ctx.seed,
      path: shrunk.last ? shrunk.path : undefined,
      shrinks: shrunk.last ? shrunk.shrinks : 0,
    },
  };
}

async function sendConcurrently<C>(
  ctx: CheckContext,
  all: readonly C[],
  runner: CaseRunner<C>,
  coverage: Record<string, number>,
  deadline: number,
): Promise<{ cases: number; failure?: Seen<C>; outOfTime: boolean }> {
  // A slow target (answering, but near the timeout) must not run a check past its budget.
  let outOfTime = false;
  let next = 0;
  let cases = 0;
  const found: { failure?: { index: number; seen: Seen<C> } } = {};
  async function lane(): Promise<void> {
    while (found.failure === undefined && next < all.length) {
      if (Date.now() > deadline) {
        outOfTime = true;
        return;
      }
      const index = next++;
      const c = all[index];
      const { request, outcome, mismatch } = await trial(ctx, runner, c);
      cases++;
      const key = runner.constraint?.(c);
      if (key !== undefined) coverage[key] = (coverage[key] ?? 0) + 1;
      const earliest = found.failure as { index: number } | undefined;
      if (mismatch !== undefined && (earliest === undefined || index < earliest.index)) {
        found.failure = { index, seen: { c, request, outcome, mismatch } };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, all.length) }, lane));
  return { cases, failure: found.failure?.seen, outOfTime };
}

async function shrink<C>(
  ctx: CheckContext,
  arbitrary: fc.Arbitrary<C>,
  runner: CaseRunner<C>,
  runs: number,
  deadline: number,
): Promise<{ cases: number; last?: Seen<C>; fatal?: unknown; path?: string; shrinks: number }> {
  let cases = 0;
  let last: Seen<C> | undefined;
  let fatal: unknown;
  const property = fc.asyncProperty(arbitrary, async (c) => {
    if (fatal !== undefined) return true; // the check already cannot judge: let fast-check wind down
    try {
      const { request, outcome, mismatch } = await trial(ctx, runner, c);
      cases++;
      if (mismatch === undefined) return true;
      last = { c, request, outcome, mismatch }; // the last failure seen is the most shrunk one
      return false;
    } catch (error) {
      fatal = error;
      return true;
    }
  });
  const details = await fc.check(property, {
    seed: ctx.seed,
    numRuns: runs,
    // What is left of the budget; interrupted while shrinking, fast-check keeps the smallest case so far.
    interruptAfterTimeLimit: Math.max(1_000, deadline - Date.now()),
    markInterruptAsFailure: false,
  });
  return { cases, last, fatal, path: details.counterexamplePath ?? undefined, shrinks: details.numShrinks };
}

/** Fixed cases: every one is sent; the first mismatch is the failure. */
export async function forEachCase<C>(ctx: CheckContext, fixed: readonly C[], runner: CaseRunner<C>): Promise<CheckResult> {
  let cases = 0;
  const coverage: Record<string, number> = {};
  try {
    for (const c of fixed) {
      const { request, outcome, mismatch } = await trial(ctx, runner, c);
      cases++;
      const key = runner.constraint?.(c);
      if (key !== undefined) coverage[key] = (coverage[key] ?? 0) + 1;
      if (mismatch !== undefined) return { status: 'failed', cases, coverage, failure: failureOf(ctx, runner, { c, request, outcome, mismatch }) };
    }
  } catch (error) {
    return cannotJudge(error, cases);
  }
  return { status: 'passed', cases, coverage };
}

/** TOLERATED cases: sent and shown, never judged. */
export async function observeEach<C>(
  ctx: CheckContext,
  fixed: readonly C[],
  runner: Pick<CaseRunner<C>, 'toRequest' | 'describe' | 'before'>,
  answer: (outcome: HttpOutcome) => string,
): Promise<CheckResult> {
  const observations: Observation[] = [];
  try {
    for (const c of fixed) {
      await runner.before?.(c);
      const outcome = await ctx.send(runner.toRequest(c));
      observations.push({ description: runner.describe(c), answer: answer(outcome) });
    }
  } catch (error) {
    return cannotJudge(error, observations.length);
  }
  return { status: 'passed', cases: observations.length, observations };
}
