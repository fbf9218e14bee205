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

export async function forAll<C>(
  ctx: CheckContext,
  arbitrary: fc.Arbitrary<C>,
  runner: CaseRunner<C>,
  { runs = ctx.settings.runs }: { runs?: number } = {},
): Promise<CheckResult> {
  let cases = 0;
  let last: Seen<C> | undefined;
  let fatal: unknown;
  const coverage: Record<string, number> = {};

  const property = fc.asyncProperty(arbitrary, async (c) => {
    if (fatal !== undefined) return true; // the check already cannot judge: let fast-check wind down
    try {
      await runner.before?.(c);
      const request = runner.toRequest(c);
      const outcome = await ctx.send(request);
      cases++;
      const mismatch = runner.judge(c, outcome);
      if (last === undefined) {
        const key = runner.constraint?.(c);
        if (key !== undefined) coverage[key] = (coverage[key] ?? 0) + 1;
      }
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
    interruptAfterTimeLimit: ctx.settings.checkBudgetMs,
    markInterruptAsFailure: false,
  });
  if (fatal !== undefined) return cannotJudge(fatal, cases);
  if (details.failed && last !== undefined) {
    return {
      status: 'failed',
      cases,
      coverage,
      failure: { ...failureOf(ctx, runner, last), seed: ctx.seed, path: details.counterexamplePath ?? undefined, shrinks: details.numShrinks },
    };
  }
  if (details.failed) throw details.errorInstance ?? new Error('property failed without a recorded case');
  return { status: 'passed', cases, coverage, note: details.interrupted ? `stopped after ${details.numRuns} cases: the check's time budget ran out` : undefined };
}

/** Fixed cases: every one is sent; the first mismatch is the failure. */
export async function forEachCase<C>(ctx: CheckContext, fixed: readonly C[], runner: CaseRunner<C>): Promise<CheckResult> {
  let cases = 0;
  const coverage: Record<string, number> = {};
  try {
    for (const c of fixed) {
      await runner.before?.(c);
      const request = runner.toRequest(c);
      const outcome = await ctx.send(request);
      cases++;
      const key = runner.constraint?.(c);
      if (key !== undefined) coverage[key] = (coverage[key] ?? 0) + 1;
      const mismatch = runner.judge(c, outcome);
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
