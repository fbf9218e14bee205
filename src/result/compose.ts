// The one result of a run: the checks' records, sorted, with the verdict decided once. certify
// composes it after Playwright's processes end (or without them, when the check before judging
// stopped the run); merge composes it from every shard's records.
import type { Level } from '../checks/requirements';
import type { CheckRecord } from '../checks/types';
import type { Settings } from '../settings';
import type { CheckReport, ConformanceReport } from './model';
import { countsForVerdict, decideVerdict } from './verdict';

export interface RunFacts {
  suiteVersion: string;
  startedAt: Date;
  durationMs: number;
  casePhaseMs?: number;
  /** Set when the run broke off before the checks could report (Playwright's processes ended without records). */
  runFailure?: string;
}

const levelOrder: Record<Level, number> = { MUST: 0, SHOULD: 1, TOLERATED: 2 };

export function sortChecks(checks: CheckReport[]): CheckReport[] {
  const idNumber = (id: string) => Number(id.slice(1));
  return [...checks].sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || idNumber(a.id) - idNumber(b.id) || a.title.localeCompare(b.title));
}

/** A record as the report shows it: without the run-wide tallies (nor the hint, which the report carries once), with whether it counts for the verdict. */
function checkReport(record: CheckRecord, strict: boolean): CheckReport {
  const { evidence: _evidence, stopsRun: _stops, targetHint: _hint, ...rest } = record;
  return { ...rest, counts: countsForVerdict(record.level, strict) };
}

export function composeReport(records: readonly CheckRecord[], settings: Settings, facts: RunFacts): ConformanceReport {
  const checks = sortChecks(records.map((record) => checkReport(record, settings.strict)));
  const decision = decideVerdict(records, { strict: settings.strict, runFailure: facts.runFailure });
  const targetHint = records.find((record) => record.targetHint !== undefined)?.targetHint;
  return {
    verdict: decision.verdict,
    summary: decision.summary,
    target: settings.target.toString(),
    seed: settings.seed,
    runs: settings.runs,
    suiteVersion: facts.suiteVersion,
    startedAt: facts.startedAt.toISOString(),
    durationMs: facts.durationMs,
    requests: records.reduce((sum, record) => sum + record.requests, 0),
    ...(facts.casePhaseMs !== undefined ? { casePhaseMs: facts.casePhaseMs } : {}),
    sessionMode: settings.sessionMode,
    profile: settings.profile,
    strict: settings.strict,
    transport: settings.transport,
    concurrency: settings.concurrency,
    ...(settings.insecure ? { insecure: true } : {}),
    ...(settings.shard ? { shard: settings.shard } : {}),
    ...(decision.inconclusiveReason !== undefined ? { inconclusiveReason: decision.inconclusiveReason } : {}),
    ...(targetHint !== undefined ? { targetHint } : {}),
    command: settings.command,
    failed: decision.failed,
    warnings: decision.warnings,
    unjudged: decision.unjudged,
    checks,
  };
}
