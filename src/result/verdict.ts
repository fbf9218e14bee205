// The verdict, decided once, from the checks' results and nothing else. Every output (exit code,
// conformance.json, the HTML, JUnit, the summaries, Playwright's view) renders this decision.
import type { Level } from '../checks/requirements';
import type { CheckStatus } from '../checks/types';

export type Verdict = 'conformant' | 'non-conformant' | 'inconclusive';

/** Whether a check's failure fails the verdict: MUST always, SHOULD under --strict, TOLERATED never. */
export function countsForVerdict(level: Level, strict: boolean): boolean {
  return level === 'MUST' || (level === 'SHOULD' && strict);
}

export interface JudgedCheck {
  id: string;
  name: string;
  level: Level;
  status: CheckStatus;
  error?: string;
  reason?: string;
  stopsRun?: boolean;
}

export interface Decision {
  verdict: Verdict;
  /** Why, in one sentence. */
  summary: string;
  /** Set when no check could judge the target at all (nothing listening, credentials refused, the run broke off). */
  inconclusiveReason?: string;
  /** Checks whose failure fails the verdict. */
  failed: string[];
  /** SHOULD failures that do not (without --strict). */
  warnings: string[];
  /** Checks that count for the verdict and could not judge, or judged nothing. */
  unjudged: string[];
}

const ids = (list: JudgedCheck[]) => [...new Set(list.map((c) => c.id))].join(', ');

/**
 * - a check that counts for the verdict failed: non-conformant (a proven failure stands even when
 *   other checks could not judge);
 * - the run could not judge the target at all, or a check that counts could not judge or judged
 *   nothing: inconclusive;
 * - otherwise conformant, with the SHOULD failures as warnings.
 * A SHOULD check that judged nothing (no 429 came, so no Retry-After to judge) never makes a run
 * inconclusive: SHOULD conventions apply when their case arises.
 */
export function decideVerdict(checks: readonly JudgedCheck[], options: { strict: boolean; runFailure?: string }): Decision {
  const counted = checks.filter((c) => countsForVerdict(c.level, options.strict));
  const failed = counted.filter((c) => c.status === 'failed');
  const warnings = checks.filter((c) => c.level === 'SHOULD' && !options.strict && c.status === 'failed');
  const unjudged = counted.filter((c) => c.status === 'could-not-judge' || (c.status === 'not-judged' && c.level === 'MUST'));
  const base = { failed: failed.map((c) => c.name), warnings: warnings.map((c) => c.name), unjudged: unjudged.map((c) => c.name) };
  const warned = warnings.length > 0 ? ` ${warnings.length} SHOULD warning${warnings.length === 1 ? '' : 's'} (${ids(warnings)}).` : '';
  if (failed.length > 0) {
    const strictNote = failed.some((c) => c.level === 'SHOULD') ? ' (--strict)' : '';
    return { ...base, verdict: 'non-conformant', summary: `${failed.length} check${failed.length === 1 ? '' : 's'} failed${strictNote}: ${ids(failed)}.${warned}` };
  }
  const stopped = checks.find((c) => c.stopsRun && c.status === 'could-not-judge');
  const inconclusiveReason = options.runFailure ?? stopped?.error;
  if (inconclusiveReason !== undefined) return { ...base, verdict: 'inconclusive', summary: inconclusiveReason, inconclusiveReason };
  if (unjudged.length > 0) {
    const first = unjudged[0];
    return { ...base, verdict: 'inconclusive', summary: `${unjudged.length} check${unjudged.length === 1 ? '' : 's'} that count${unjudged.length === 1 ? 's' : ''} for the verdict could not judge (${ids(unjudged)}): ${first.error ?? first.reason ?? ''}` };
  }
  if (!checks.some((c) => c.level === 'MUST' && c.status === 'passed')) {
    return { ...base, verdict: 'inconclusive', summary: 'No MUST check judged anything, so there is nothing to certify.' };
  }
  return { ...base, verdict: 'conformant', summary: `Every MUST check passed.${warned}` };
}
