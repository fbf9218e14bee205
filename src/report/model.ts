// conformance.json: the typed contract every report (HTML, JUnit properties, the CLI's summary,
// the shard merge) is rendered from. Fields are only ever added, never renamed.
import type { CheckRecord, Exchange, SessionMode } from '../checks/types';
import type { Level, RequirementId } from '../checks/requirements';
import { requirement } from '../checks/requirements';

export type Verdict = 'conformant' | 'non-conformant' | 'inconclusive';

export interface CheckReport {
  id: RequirementId;
  name: string;
  title: string;
  level: Level;
  words: string;
  status: 'passed' | 'failed' | 'skipped';
  cases: number;
  requests: number;
  failure?: CheckRecord['failure'];
  error?: string;
  observations?: CheckRecord['observations'];
  coverage?: CheckRecord['coverage'];
  note?: string;
}

export interface ConformanceReport {
  verdict: Verdict;
  /** Why the verdict is what it is, in one sentence. */
  summary: string;
  target: string;
  seed: number;
  suiteVersion: string;
  startedAt: string;
  durationMs: number;
  /** Requests sent, the preflight included. */
  requests: number;
  /** Time from the first check's start to the last one's end (the case phase; the benchmark's denominator). */
  casePhaseMs?: number;
  sessionMode: SessionMode;
  profile: string[];
  strict: boolean;
  transport: string;
  /** Set when the run could not judge at all (nothing listening, credentials refused…). */
  inconclusiveReason?: string;
  checks: CheckReport[];
}

export interface RunInfo {
  target: string;
  seed: number;
  suiteVersion: string;
  startedAt: string;
  durationMs: number;
  sessionMode: SessionMode;
  profile: string[];
  strict: boolean;
  transport: string;
  preflightRequests: number;
  casePhaseMs?: number;
  inconclusiveReason?: string;
}

/** The whole-run M5 and M7 checks: every answer of every check, judged together. */
function crossCuttingChecks(records: CheckRecord[]): CheckReport[] {
  const total = records.reduce((sum, record) => sum + record.requests, 0);
  const whole = (id: 'M5' | 'M7', name: string, title: string, seen: (r: CheckRecord) => Exchange[], expected: string): CheckReport => {
    const offending = records.find((record) => seen(record).length > 0);
    const first = offending ? seen(offending)[0] : undefined;
    const base = { id, name, title, level: requirement(id).level, words: requirement(id).words, cases: total, requests: 0 };
    if (!offending || !first) return { ...base, status: 'passed' };
    const received = first.response.kind === 'response' ? `${first.response.status}` : `no answer (${first.response.message})`;
    return {
      ...base,
      status: 'failed',
      failure: {
        ...first,
        title: id === 'M5' ? 'A request was answered 5xx' : 'A request was not answered in time',
        expected,
        received,
        caseDescription: `seen while running "${offending.title}"`,
        replay: `npm run certify -- --target ${first.request.url.replace(/\/cissession\/.*$/, '')} --only ${offending.name}`,
      },
    };
  };
  return [
    whole('M5', 'noServerErrorInRun', 'no request of the run is answered 5xx', (r) => r.serverErrors, 'an answer below 500 (501 only to a method other than PUT)'),
    whole('M7', 'everyRequestAnsweredInRun', 'every request of the run is answered within the timeout', (r) => r.noAnswers, 'an answer within the request timeout'),
  ];
}

export function checkReport(record: CheckRecord): CheckReport {
  const { serverErrors: _s, noAnswers: _n, ...rest } = record;
  return rest;
}

export function decideVerdict(checks: CheckReport[], strict: boolean, inconclusiveReason?: string): { verdict: Verdict; summary: string } {
  if (inconclusiveReason) return { verdict: 'inconclusive', summary: inconclusiveReason };
  const failedMust = checks.filter((c) => c.level === 'MUST' && c.status === 'failed');
  const failedShould = checks.filter((c) => c.level === 'SHOULD' && c.status === 'failed');
  const unjudged = checks.filter((c) => c.level !== 'TOLERATED' && c.error !== undefined);
  const ids = (list: CheckReport[]) => [...new Set(list.map((c) => c.id))].join(', ');
  if (failedMust.length > 0) {
    return { verdict: 'non-conformant', summary: `${failedMust.length} MUST check(s) failed (${ids(failedMust)}).` };
  }
  if (unjudged.length > 0) {
    return { verdict: 'inconclusive', summary: `${unjudged.length} check(s) could not judge (${ids(unjudged)}): ${unjudged[0].error}` };
  }
  if (strict && failedShould.length > 0) {
    return { verdict: 'non-conformant', summary: `--strict: ${failedShould.length} SHOULD check(s) failed (${ids(failedShould)}).` };
  }
  if (checks.length === 0) return { verdict: 'inconclusive', summary: 'No check ran.' };
  const warnings = failedShould.length > 0 ? ` ${failedShould.length} SHOULD warning(s) (${ids(failedShould)}).` : '';
  return { verdict: 'conformant', summary: `Every MUST check passed.${warnings}` };
}

const levelOrder: Record<Level, number> = { MUST: 0, SHOULD: 1, TOLERATED: 2 };

export function sortChecks(checks: CheckReport[]): CheckReport[] {
  const idNumber = (id: string) => Number(id.slice(1));
  return [...checks].sort(
    (a, b) => levelOrder[a.level] - levelOrder[b.level] || idNumber(a.id) - idNumber(b.id) || a.title.localeCompare(b.title),
  );
}

export function composeReport(records: CheckRecord[], info: RunInfo): ConformanceReport {
  const judged = records.length > 0 ? [...records.map(checkReport), ...crossCuttingChecks(records)] : [];
  const checks = sortChecks(judged);
  const { verdict, summary } = decideVerdict(checks, info.strict, info.inconclusiveReason);
  const { preflightRequests, ...rest } = info;
  return {
    verdict,
    summary,
    ...rest,
    requests: preflightRequests + records.reduce((sum, record) => sum + record.requests, 0),
    checks,
  };
}
