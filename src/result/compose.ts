// The one result of a run: the checks' records, sorted, with the verdict decided once. certify
// composes it after Playwright's processes end (or without them, when the check before judging
// stopped the run); merge composes it from every shard's records.
import type { Level } from '../checks/requirements';
import type { CheckRecord } from '../checks/types';
import type { Settings } from '../settings';
import type { CheckReport, ConformanceReport, Traffic } from './model';
import { countsForVerdict, decideVerdict } from './verdict';

export interface RunFacts {
  suiteVersion: string;
  startedAt: Date;
  durationMs: number;
  casePhaseMs?: number;
  traffic?: Traffic;
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
    ...(facts.traffic ? { traffic: facts.traffic } : {}),
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

/**
 * The traffic of a run's shards as one: their requests, second attempts, throttled answers and
 * pauses added up, the in-flight range and peak over every shard (each had a pool of its own, so
 * the peak is the largest shard's); the changes are the first shard's, in full.
 */
export function mergedTraffic(shards: readonly (Traffic | undefined)[]): Traffic | undefined {
  const known = shards.filter((t): t is Traffic => t !== undefined);
  const [first] = known;
  if (!first) return undefined;
  const sum = (pick: (t: Traffic) => number) => known.reduce((total, t) => total + pick(t), 0);
  const reasons: Traffic['inFlight']['reasons'] = {};
  for (const t of known) for (const [why, n] of Object.entries(t.inFlight.reasons)) reasons[why as keyof typeof reasons] = (reasons[why as keyof typeof reasons] ?? 0) + (n ?? 0);
  return {
    requests: sum((t) => t.requests),
    retries: sum((t) => t.retries),
    throttled: sum((t) => t.throttled),
    pausedMs: sum((t) => t.pausedMs),
    timedOut: sum((t) => t.timedOut ?? 0),
    dropped: sum((t) => t.dropped ?? 0),
    inFlight: {
      ...first.inFlight,
      min: Math.min(...known.map((t) => t.inFlight.min)),
      max: Math.max(...known.map((t) => t.inFlight.max)),
      peak: Math.max(...known.map((t) => t.inFlight.peak)),
      reasons,
    },
  };
}
