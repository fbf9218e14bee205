// conformance.json: the typed contract every output (HTML, JUnit, the Markdown and terminal
// summaries, the exit code, the shard merge, the baseline comparison) is rendered from. Fields are
// only ever added, never renamed; the package exports these types.
import type { Level, RequirementId } from '../checks/requirements';
import type { CheckRecord, CheckStatus, Failure, Observation } from '../checks/types';
import type { SessionMode } from '../settings';
import type { Verdict } from './verdict';

export type { Verdict, CheckStatus, Failure, Observation, Level, RequirementId };

/** A check as the report shows it: its record (what it judged, why, its failure…) without the runner's evidence; the check before judging's hint is the report's `targetHint`. */
export type CheckReport = Omit<CheckRecord, 'evidence' | 'stopsRun' | 'targetHint'> & {
  /** Whether this check's outcome counts for the verdict (MUST; SHOULD under --strict). */
  counts: boolean;
};

/** A check compared with a baseline's expectation of it (--baseline). */
export interface BaselineEntry {
  name: string;
  id: RequirementId | string;
  /** known: fails as the baseline expects; regressed: fails where the baseline expects a pass, or in a new way; fixed: passes where the baseline expects a failure. */
  comparison: 'known' | 'regressed' | 'fixed' | 'unchanged' | 'missing';
  /** What the baseline expected: 'pass', or the failure kind. */
  expected: string;
  /** What this run showed. */
  actual: string;
  /** Whether the check counts for the verdict (a regression of one that does not is a new warning). */
  counts: boolean;
  reason?: string;
}

export interface BaselineComparison {
  file: string;
  /** The gate's answer: 0 nothing regressed, 1 a regression, 2 inconclusive. */
  exitCode: 0 | 1 | 2;
  summary: string;
  /** Differences between the baseline's run and this one (suite version, target, a check no longer in the suite…), said plainly. */
  mismatches: string[];
  entries: BaselineEntry[];
}

/** Why the run's in-flight limit changed (src/runner/limit.ts). */
export type LimitReason =
  | 'fast' // answers as fast as the fastest of their kind: more in flight
  | 'slowing' // answers slowing down: fewer
  | 'stalled' // one answer slower by far than its kind (a dropped SYN, retransmitted): half
  | 'shed' // a 503 with Retry-After: just below the level that shed
  | 'throttled' // a 429: half, after the pause
  | 'dropped' // a connection refused or reset, not answered: half
  | 'timed-out' // no answer within the timeout: half, not below the start
  | 'probe'; // past a level that shed or throttled before, tried again

export interface LimitChange {
  /** Milliseconds since the run's pool was made. */
  atMs: number;
  from: number;
  to: number;
  why: LimitReason;
}

/** What the run's one pool saw: how many requests went, how many at once, and why that changed. */
export interface Traffic {
  /** Requests sent, second attempts and requests sent again after throttling included. */
  requests: number;
  /** Requests sent a second time because a reused connection was closed before any byte of an answer (RFC 9112 §9.3.1). */
  retries: number;
  /** Answers waited out: 429, or 503 with Retry-After. */
  throttled: number;
  /** Time all sending was paused, in total. */
  pausedMs: number;
  /** Requests with no answer within the timeout, and requests whose connection was refused or closed with no answer (M7 judges them). */
  timedOut: number;
  dropped: number;
  inFlight: {
    mode: 'adaptive' | 'fixed';
    /** --concurrency: the ceiling (fixed: the number). */
    ceiling: number;
    start: number;
    /** The lowest and highest limit of the run. */
    min: number;
    max: number;
    /** The limit at the end. */
    end: number;
    /** Most requests in flight at once. */
    peak: number;
    /** How often the limit changed, by reason. */
    reasons: Partial<Record<LimitReason, number>>;
    /** The first changes, in order (at most 200). */
    changes: LimitChange[];
  };
}

export interface ConformanceReport {
  verdict: Verdict;
  /** Why the verdict is what it is, in one sentence. */
  summary: string;
  target: string;
  seed: number;
  /** Property cases per check: with the seed, what reproduces the run. */
  runs: number;
  suiteVersion: string;
  startedAt: string;
  durationMs: number;
  /** Requests sent by every check. */
  requests: number;
  /** Time from the first check's start to the last one's end (the case phase; the benchmark's denominator). */
  casePhaseMs?: number;
  sessionMode: SessionMode;
  profile: string[];
  strict: boolean;
  transport: string;
  /** --concurrency: the most requests in flight (a fixed run's number); `traffic` says how many were. */
  concurrency: number;
  /** What the run's pool saw: requests, second attempts, throttling, and the in-flight limit's range and changes. */
  traffic?: Traffic;
  /** TLS certificates were not verified (--insecure). */
  insecure?: boolean;
  shard?: { index: number; total: number };
  /** Set when the run could not judge at all (nothing listening, credentials refused, the run broke off). */
  inconclusiveReason?: string;
  /**
   * Set when the answer to the known-valid request sent before judging looked like another
   * program's (an HTML document, another AWS service's XML error, 404, 405 or 501): "This looks
   * like something other than a StopCisSession endpoint: …; if it is the wrong URL, …". Every
   * output shows it at its top. The run went on and the checks judged the target: the verdict
   * stands on its own.
   */
  targetHint?: string;
  /** The command that ran certify, for every hint in the outputs. */
  command: string;
  /** Checks whose failure fails the verdict; SHOULD failures that are warnings; counted checks that could not judge. */
  failed: string[];
  warnings: string[];
  unjudged: string[];
  checks: CheckReport[];
  baseline?: BaselineComparison;
}
