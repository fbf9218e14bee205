// Failures with the same cause, grouped: a target that answers 200 `{}` to everything fails a
// dozen checks the same way, and a reader needs that said once, with the smallest case, not a
// dozen times. Same cause: the same kind of failure (its title) and the same answer (status and
// the start of the body, or the same kind of missing answer).
import type { CheckReport } from '../result/model';

export interface FailureGroup {
  /** The failing checks, in report order (MUST first). */
  checks: CheckReport[];
  /** The check whose failing request is the smallest: the group's example. */
  example: CheckReport;
}

function causeOf(check: CheckReport): string {
  const f = check.failure;
  if (!f) return `${check.name}`;
  const answer = f.response.kind === 'response' ? `${f.response.status} ${f.response.body.slice(0, 120)}` : `no answer ${f.response.reason}`;
  return `${check.level === 'MUST' || check.counts ? 'counts' : 'warning'}\u241f${f.title}\u241f${answer}`;
}

export function groupFailures(failed: readonly CheckReport[]): FailureGroup[] {
  const groups = new Map<string, CheckReport[]>();
  for (const check of failed) {
    const key = causeOf(check);
    groups.set(key, [...(groups.get(key) ?? []), check]);
  }
  return [...groups.values()].map((checks) => ({
    checks,
    example: checks.reduce((small, c) => ((c.failure?.request.bodyBytes ?? Infinity) < (small.failure?.request.bodyBytes ?? Infinity) ? c : small)),
  }));
}
