// The contract between checks, the runner that hosts them and the result every output renders.
// A check judges; the runner sends and records; nothing else decides anything.
import type { Exchange } from '../evidence/exchange';
import type { Settings } from '../settings';
import type { HttpOutcome, HttpRequest } from '../transport/types';
import type { Expectation } from './judge';
import type { Level, RequirementId } from './requirements';

/**
 * - passed: at least one case was judged, and every judged case met the requirement;
 * - failed: a judged case did not;
 * - not-judged: the check ran, but nothing it could judge came back (`reason` says what);
 * - skipped: the check does not apply to this run's configuration (`reason` says how to run it);
 * - could-not-judge: the check was stopped (`error` says why: throttled for good, sessions refused…).
 */
export type CheckStatus = 'passed' | 'failed' | 'not-judged' | 'skipped' | 'could-not-judge';

export interface Failure extends Exchange {
  /** A fixed title per kind of failure ("An invalid request was not answered 400"). */
  title: string;
  expected: string;
  received: string;
  /** What the failing case is, in words ("scanJobId in upper case"). */
  caseDescription?: string;
  /** What the answer had to be, as data: --replay judges a new answer against it. */
  expectation?: Expectation;
  /** S4–S6: the request sent first, whose 200 makes the case judgeable; a replay sends it first too. */
  control?: Exchange;
  /** The check's own seed, the fast-check path of the shrunk case, and how many shrinks it took. */
  seed?: number;
  path?: string;
  shrinks?: number;
  /** A command that runs this check again with the run's seed and runs: the same cases. */
  replay: string;
  /** A run-wide check's failure (M5, M7, S3): the check whose case it was; its replay runs that check. */
  seenIn?: string;
}

/** For TOLERATED cases: what the target did, shown and never judged. */
export interface Observation {
  description: string;
  answer: string;
}

export interface CheckResult {
  status: CheckStatus;
  /** Cases sent. */
  cases: number;
  /** Cases judged: only a check that judged at least one may pass. */
  judged: number;
  failure?: Failure;
  /** could-not-judge: why the check stopped. */
  error?: string;
  /** not-judged and skipped: why. */
  reason?: string;
  observations?: Observation[];
  /** How many cases exercised each schema constraint ("/message/reason maxLength": 31). */
  coverage?: Record<string, number>;
  note?: string;
  /** The check before judging found that no check can judge this target (nothing listening, credentials refused, no answer in time). */
  stopsRun?: boolean;
  /**
   * The check before judging: its answer looked like another program's (an HTML document, another
   * AWS service's XML error, 404, 405 or 501), so the URL may be the wrong one. A hint for the top
   * of every output, in one paragraph; the run goes on and the checks judge the target.
   */
  targetHint?: string;
}

/** What the answers of one check showed one run-wide check: how many it judged, how many fell short, and the first few of those. */
export interface Tally {
  judged: number;
  unmet: number;
  samples: Exchange[];
}

/** What a check's requests showed beyond its own judgement, per run-wide check (M5, M7, S3). */
export interface CheckEvidence {
  /** Requests sent, retries after a 429 included. */
  requests: number;
  tallies: Record<string, Tally>;
}

/** A check's result with what the report needs to show it, as the runner hands it over. */
export interface CheckRecord extends CheckResult {
  id: RequirementId;
  name: string;
  title: string;
  level: Level;
  words: string;
  /** Requests this check sent. */
  requests: number;
  durationMs?: number;
  evidence?: CheckEvidence;
}

export interface SendOptions {
  /** 'return': a 429 comes back to the check as it was sent (the throttling probe judges it), instead of being waited out. */
  throttle?: 'wait' | 'return';
}

export interface CheckContext {
  settings: Settings;
  /** This check's seed (derived from the run's seed and the check's name). */
  seed: number;
  /** A command that re-runs this check with the same cases. */
  replay: string;
  /** Past this time (ms since the epoch) a check draws no new cases: the run's case phase is over. */
  deadline: number;
  /** How many requests the run may have in flight now (its in-flight limit): a check keeps about that many of its cases going, no more. */
  lanes(): number;
  /** Sends one request through the run's pool: counted, throttling waited out, 5xx and missing answers kept for M5/M7. */
  send(request: HttpRequest, options?: SendOptions): Promise<HttpOutcome>;
  /** In session mode 'start', starts the session a valid stop names; a no-op in mode 'any'. */
  startSession(scanJobId: string, sessionToken: string): Promise<void>;
  record(request: HttpRequest, outcome: HttpOutcome): Exchange;
}

interface CheckMeta {
  /** The function-like name of the property it asserts: `validRequestAccepted`. */
  name: string;
  requirement: RequirementId;
  /** The behaviour in the indicative: "an upper-case scanJobId is answered 400". */
  title: string;
}

/** A check that sends its own cases. */
export interface CaseCheck extends CheckMeta {
  kind: 'cases';
  /** 'request-fixture': its requests go through Playwright's `request` fixture rather than the lean client. */
  via?: 'request-fixture';
  /** 'before': the check before judging, run by certify ahead of every other (it may stop the run). */
  phase?: 'before';
  run(ctx: CheckContext): Promise<CheckResult>;
}

/** Every answer of the run, as one run-wide check saw it: its tallies over every check, the first few shortfalls named by check. */
export interface RunTally {
  judged: number;
  unmet: number;
  samples: Array<{ check: string; exchange: Exchange }>;
}

/**
 * A check that judges every answer of the run (M5, M7, S3). The runner hands it each answer as it
 * comes (`classify`, the judge of one answer) and keeps the tally; once every other check has run,
 * `judge` turns the run's tally into the check's result.
 */
export interface RunWideCheck extends CheckMeta {
  kind: 'run-wide';
  /** `waitedOut`: throttling the runner waited out (not an answer to the request). undefined: not an answer this check judges. */
  classify(request: HttpRequest, outcome: HttpOutcome, waitedOut: boolean): 'met' | 'unmet' | undefined;
  judge(tally: RunTally, context: { requests: number; replay: (check: string) => string }): CheckResult;
}

export type Check = CaseCheck | RunWideCheck;

/** Raised inside a check when it cannot judge; the check is reported could-not-judge with the message. */
export class CannotJudge extends Error {
  override name = 'CannotJudge';
}
