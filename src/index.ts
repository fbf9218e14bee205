// What the package offers a program: the typed contract of conformance.json (and of a baseline
// file), and the requirements the verdict rests on. The command line is the `stop-cis-session-conformance`
// bin; reading a report is `JSON.parse` typed with these.
export type {
  BaselineComparison,
  BaselineEntry,
  CheckReport,
  CheckStatus,
  ConformanceReport,
  Failure,
  Level,
  Observation,
  RequirementId,
  Verdict,
} from './result/model';
export type { Expectation } from './checks/judge';
export type { Exchange, RecordedOutcome, RecordedRequest } from './evidence/exchange';
export type { ExpectationsFile } from './result/baseline';
export { requirements, type Requirement } from './checks/requirements';
