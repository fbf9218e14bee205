// Failures with the same cause, grouped: a target that answers 200 `{}` to everything fails a
// dozen checks the same way, and a reader needs that said once, with the smallest case, not a
// dozen times. Same cause: the same kind of failure (its title) and the same kind of answer (an
// error's status and type, a success's status and the start of its body, or no answer).
import type { CheckReport } from '../result/model';

export interface FailureGroup {
  /** The failing checks, in report order (MUST first). */
  checks: CheckReport[];
  /** The check whose failing request is the smallest: the group's example. */
  example: CheckReport;
}

/** The answer's class: an error's status and type (its message differs case by case), else the status and the start of the body. */
function answerOf(check: CheckReport): string {
  const r = check.failure?.response;
  if (!r) return '';
  if (r.kind === 'no-answer') return `no answer ${r.reason}`;
  if (r.status >= 400) return `${r.status} ${r.headers['x-amzn-errortype'] ?? ''}`;
  return `${r.status} ${r.body.slice(0, 120)}`;
}

function causeOf(check: CheckReport): string {
  const f = check.failure;
  if (!f) return `${check.name}`;
  return `${check.counts ? 'counts' : 'warning'}\u241f${f.title}\u241f${answerOf(check)}`;
}

export function groupFailures(failed: readonly CheckReport[]): FailureGroup[] {
  const groups = new Map<string, CheckReport[]>();
  for (const check of failed) {
    const key = causeOf(check);
    groups.set(key, [...(groups.get(key) ?? []), check]);
  }
  // Causes that fail the verdict first, then the cause that failed most checks: what to fix first.
  return [...groups.values()]
    .map((checks, order) => ({
      checks,
      example: checks.reduce((small, c) => ((c.failure?.request.bodyBytes ?? Infinity) < (small.failure?.request.bodyBytes ?? Infinity) ? c : small)),
      order,
    }))
    .sort((a, b) => Number(b.example.counts) - Number(a.example.counts) || b.checks.length - a.checks.length || a.order - b.order)
    .map(({ checks, example }) => ({ checks, example }));
}
