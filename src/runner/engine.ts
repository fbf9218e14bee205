// The engine of a run: every selected check at once, all sending through one pool, so no check
// waits for another's slowest case and the pool (not the number of checks or processes) bounds
// what is in flight. Once the case checks are done, the run-wide checks judge the tallies every
// answer left. The engine records; the checks judge.
import { requirement } from '../checks/requirements';
import { runTallyOf } from '../checks/runWide';
import { CannotJudge, type CaseCheck, type CheckRecord, type CheckResult, type RunWideCheck } from '../checks/types';
import type { Recorder } from '../evidence/exchange';
import type { Pace } from '../report/progress';
import type { Settings } from '../settings';
import type { Transport } from '../transport/types';
import { hostCheck, replayCommand } from './context';
import { SendPool } from './pool';

export interface EngineTransports {
  /** The lean client, for most checks. */
  bulk: Transport;
  /** Playwright's request fixture, for checks marked `via: 'request-fixture'` (the bulk client when absent). */
  fixture?: Transport;
}

export interface EngineOptions {
  settings: Settings;
  transports: EngineTransports;
  recorder: Recorder;
  /** The case checks to run. */
  checks: readonly CaseCheck[];
  /** The run-wide checks: every answer is shown to them, and they judge once the case checks are done. */
  runWide: readonly RunWideCheck[];
  /** Records of checks run earlier in the run (the check before judging), whose answers the run-wide checks count too. */
  earlier?: readonly CheckRecord[];
  /** A pool of the caller's (certify's check before judging has its own); a new one by default. */
  pool?: SendPool;
  /** Called with each record as it comes in, and the run's pace then (the progress lines). */
  onRecord?(record: CheckRecord, pace: Pace): void;
  /** Called with the run's pace when no record has come for PACE_EVERY_MS. */
  onPace?(pace: Pace): void;
}

/** How long the progress lines may be silent before a line of the run's pace. */
export const PACE_EVERY_MS = 10_000;

export function recordOf(check: CaseCheck | RunWideCheck, result: CheckResult, extra: Pick<CheckRecord, 'requests' | 'durationMs' | 'evidence'>): CheckRecord {
  const req = requirement(check.requirement);
  return { ...result, id: req.id, name: check.name, title: check.title, level: req.level, words: req.words, ...extra };
}

/** Runs one case check to its record; a CannotJudge anywhere makes it could-not-judge. */
export async function runCaseCheck(check: CaseCheck, options: Omit<EngineOptions, 'checks' | 'earlier'> & { pool: SendPool; deadline: number }): Promise<CheckRecord> {
  const { settings, transports } = options;
  const transport = check.via === 'request-fixture' || settings.transport === 'playwright' ? (transports.fixture ?? transports.bulk) : transports.bulk;
  const ctx = hostCheck(check, { settings, pool: options.pool, transport, recorder: options.recorder, deadline: options.deadline, watchers: options.runWide });
  const started = Date.now();
  let result: CheckResult;
  try {
    result = await check.run(ctx);
  } catch (error) {
    if (!(error instanceof CannotJudge)) throw error;
    result = { status: 'could-not-judge', cases: 0, judged: 0, error: error.message };
  }
  const evidence = ctx.evidence();
  return recordOf(check, result, { requests: evidence.requests, durationMs: Date.now() - started, evidence });
}

/** The run-wide checks' records over `records` (a run's, or every shard's). */
export function judgeRunWide(runWide: readonly RunWideCheck[], records: readonly CheckRecord[], settings: Settings): CheckRecord[] {
  const requests = records.reduce((sum, r) => sum + r.requests, 0);
  return runWide.map((check) => recordOf(check, check.judge(runTallyOf(records, check.name), { requests, replay: (name) => replayCommand(settings, name) }), { requests: 0 }));
}

export interface Run {
  /** Every record: the case checks', then the run-wide ones. */
  done: Promise<CheckRecord[]>;
  /** The run's pool: how many are in flight now, and (once done) what it saw. */
  pool: SendPool;
}

/** Starts every check at once. */
export function startRun(options: EngineOptions): Run {
  const pool = options.pool ?? new SendPool({ concurrency: options.settings.concurrency, mode: options.settings.concurrencyMode, patienceMs: options.settings.throttlePatienceMs });
  const deadline = Date.now() + options.settings.maxDurationMs;
  let told = Date.now();
  const tell = (record: CheckRecord) => {
    told = Date.now();
    options.onRecord?.(record, pool.pace());
    return record;
  };
  const heartbeat = setInterval(() => {
    if (Date.now() - told < PACE_EVERY_MS) return;
    told = Date.now();
    options.onPace?.(pool.pace());
  }, 1000);
  heartbeat.unref();
  const caseRecords = Promise.all(options.checks.map((check) => runCaseCheck(check, { ...options, pool, deadline }).then(tell)));
  const done = caseRecords.then((cases) => {
    clearInterval(heartbeat);
    pool.close();
    return [...cases, ...judgeRunWide(options.runWide, [...(options.earlier ?? []), ...cases], options.settings).map(tell)];
  });
  return { done, pool };
}
