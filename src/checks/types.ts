// The contract between checks, the runner that hosts them (a Playwright fixture) and the report.
import type { HttpOutcome, HttpRequest } from '../transport/types';
import type { SigningConfig } from '../transport/sigv4Transport';
import type { Level, RequirementId } from './requirements';

export type SessionMode = 'any' | 'start';

export interface Settings {
  target: URL;
  /** The run's seed; each check derives its own from it and its name, so `--only` replays the same cases. */
  seed: number;
  /** Property runs per check (fast-check numRuns). */
  runs: number;
  /** Per-request timeout (M7). */
  timeoutMs: number;
  /** Upper bound on one check's time, shrinking included, so a hanging target cannot stall a run. */
  checkBudgetMs: number;
  strict: boolean;
  sessionMode: SessionMode;
  /** Profile allow-empty-object (M2): `{}` is taken as an empty 200 body. */
  allowEmptyObject: boolean;
  /** Set when credentials are configured: every request is signed (SigV4) and S7 is judged. */
  signing?: SigningConfig;
  /** --probe-throttling: the throttling probe (S9) runs; off by default, it is skipped. */
  probeThrottling?: boolean;
}

/** A request as the report shows it: the body as text, cut when long. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  bodyBytes: number;
}

export type RecordedOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string; bodyBytes: number; durationMs: number }
  | { kind: 'no-answer'; reason: 'timeout' | 'connection'; message: string; durationMs: number };

/** One request and what came of it, with a curl line that sends it again. */
export interface Exchange {
  request: RecordedRequest;
  response: RecordedOutcome;
  curl: string;
}

export interface Failure extends Exchange {
  /** A fixed title per kind of failure ("An invalid request was accepted"). */
  title: string;
  expected: string;
  received: string;
  /** What the failing case is, in words ("scanJobId in upper case"). */
  caseDescription?: string;
  /** The check's own seed, the fast-check path of the shrunk case, and how many shrinks it took. */
  seed?: number;
  path?: string;
  shrinks?: number;
  /** A command that runs this check again with the same cases. */
  replay: string;
}

/** For TOLERATED cases: what the target did, shown and never judged. */
export interface Observation {
  description: string;
  answer: string;
}

export interface CheckResult {
  status: 'passed' | 'failed' | 'skipped';
  cases: number;
  failure?: Failure;
  /** Set when the check could not judge (the target throttled for good, a session could not be started…). */
  error?: string;
  observations?: Observation[];
  /** How many cases exercised each schema constraint ("/message/reason maxLength": 31). */
  coverage?: Record<string, number>;
  note?: string;
}

/** What the runner tells the report about a check: its result and what its requests showed. */
export interface CheckRecord extends CheckResult {
  id: RequirementId;
  name: string;
  title: string;
  level: Level;
  words: string;
  requests: number;
  /** Answers that M5 and M7 judge across the whole run: the first few of each. */
  serverErrors: Exchange[];
  noAnswers: Exchange[];
}

export interface CheckContext {
  settings: Settings;
  /** This check's seed (derived from the run's seed and the check's name). */
  seed: number;
  /** A command that replays this check. */
  replay: string;
  /** Sends one request; counts it, waits out 429s, keeps 5xx and missing answers for M5/M7. */
  send(request: HttpRequest): Promise<HttpOutcome>;
  /** In session mode 'start', starts the session a valid stop names; a no-op in mode 'any'. */
  startSession(scanJobId: string, sessionToken: string): Promise<void>;
  record(request: HttpRequest, outcome: HttpOutcome): Exchange;
}

export interface Check {
  /** The function-like name of the property it asserts: `validRequestAccepted`. */
  name: string;
  requirement: RequirementId;
  /** The behaviour in the indicative: "an upper-case scanJobId is answered 400". */
  title: string;
  /**
   * 'request-fixture': the check's few scenario requests (other methods, wrong paths) go through
   * Playwright's `request` fixture rather than the lean bulk client.
   */
  via?: 'request-fixture';
  run(ctx: CheckContext): Promise<CheckResult>;
  /** false for a check that judges 429s itself (the throttling probe): the runner then does not wait them out. */
  waitOutThrottling?: boolean;
}

/** Raised inside a check when it cannot judge; the check is reported skipped with the message. */
export class CannotJudge extends Error {
  override name = 'CannotJudge';
}
