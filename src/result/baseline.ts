// A baseline of known failures, so an implementation that is not conformant yet can gate its CI
// on what gets worse. The verdict never changes: a baseline adds a comparison, per check, to the
// one result, and the gate's exit code is read from it: 0 when nothing that counts regressed, 1
// on a regression, 2 when the run was inconclusive.
//
// A baseline is a conformance.json of an earlier run, or an expectations file (`baseline REPORT`
// writes one): the checks known to fail, each with the kind of failure it is known for and a
// reason for people. The kind of a failure is its title and the answer's class (its status, or
// "no answer"): a check known to answer invalid input 200 that starts answering it 500 fails in
// a new way, and that is a regression.
import { readFileSync } from 'node:fs';
import { checkNamed } from '../checks';
import { UsageError } from '../settings';
import type { BaselineComparison, BaselineEntry, CheckReport, ConformanceReport } from './model';

export const EXPECTATIONS_FORMAT = 'stop-cis-session-conformance/baseline@1';

export interface Expectation {
  requirement: string;
  /** The kind of failure the check is known for: "An invalid request was not answered 400 → 200". */
  fails: string;
  /** Why it is accepted for now, for people; the suite does not read it. */
  reason?: string;
}

export interface ExpectationsFile {
  format: typeof EXPECTATIONS_FORMAT;
  suiteVersion: string;
  target: string;
  /** The run it was taken from: its start and seed. */
  takenFrom: { startedAt: string; seed: number; verdict: string };
  /** Checks known to fail, by name. Every other check is expected to pass. */
  knownFailures: Record<string, Expectation>;
}

/** The kind of a failure: what failed, and the class of answer that showed it. */
export function failureKind(check: Pick<CheckReport, 'failure' | 'title'>): string {
  const f = check.failure;
  if (!f) return `${check.title} → failed`;
  const answer = f.response.kind === 'response' ? String(f.response.status) : `no answer (${f.response.reason})`;
  return `${f.title} → ${answer}`;
}

/** The expectations file of a run: its failed checks, each with its kind. */
export function expectationsOf(report: ConformanceReport): ExpectationsFile {
  const knownFailures: Record<string, Expectation> = {};
  for (const check of report.checks.filter((c) => c.status === 'failed')) {
    knownFailures[check.name] = {
      requirement: check.id,
      fails: failureKind(check),
      reason: `${check.counts ? 'fails' : 'warns'} since ${report.startedAt.slice(0, 10)} (${check.failure?.caseDescription ?? check.title}); say here why it is accepted for now`,
    };
  }
  return {
    format: EXPECTATIONS_FORMAT,
    suiteVersion: report.suiteVersion,
    target: report.target,
    takenFrom: { startedAt: report.startedAt, seed: report.seed, verdict: report.verdict },
    knownFailures,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a baseline file in either form; a file that is neither is the user's to fix. */
export function readBaseline(path: string): ExpectationsFile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--baseline: ${path} is not a JSON file (${error instanceof Error ? error.message : String(error)}); give a conformance.json or a file \`baseline\` wrote.`);
  }
  if (isRecord(value) && value.format === EXPECTATIONS_FORMAT && isRecord(value.knownFailures)) return value as unknown as ExpectationsFile;
  if (isRecord(value) && Array.isArray(value.checks) && typeof value.verdict === 'string') return expectationsOf(value as unknown as ConformanceReport);
  throw new UsageError(`--baseline: ${path} is neither a conformance.json nor a baseline file (format ${EXPECTATIONS_FORMAT}); make one with \`baseline REPORT > conformance-baseline.json\`.`);
}

export function compare(report: ConformanceReport, baseline: ExpectationsFile, file: string): BaselineComparison {
  const mismatches: string[] = [];
  if (baseline.suiteVersion !== report.suiteVersion) {
    mismatches.push(`The baseline was taken with suite ${baseline.suiteVersion}; this is ${report.suiteVersion}: checks may have changed, so take a new baseline once the differences below are understood.`);
  }
  if (baseline.target !== report.target) mismatches.push(`The baseline was taken against ${baseline.target}; this run certified ${report.target}.`);
  const entries: BaselineEntry[] = [];
  const ran = new Map(report.checks.map((c) => [c.name, c]));
  for (const [name, expected] of Object.entries(baseline.knownFailures)) {
    if (ran.has(name)) continue;
    const why = checkNamed(name) ? 'it did not run in this run (see --only and --shard), so it is not compared' : 'this suite version has no check of that name, so it cannot be compared';
    mismatches.push(`The baseline expects ${name} (${expected.requirement}) to fail, but ${why}.`);
    entries.push({ name, id: expected.requirement, comparison: 'missing', expected: `fails: ${expected.fails}`, actual: 'not run', counts: false, ...(expected.reason ? { reason: expected.reason } : {}) });
  }
  for (const check of report.checks) {
    const expected = baseline.knownFailures[check.name];
    const actual = check.status === 'failed' ? `fails: ${failureKind(check)}` : check.status;
    const base = { name: check.name, id: check.id, counts: check.counts, expected: expected ? `fails: ${expected.fails}` : 'pass', actual, ...(expected?.reason ? { reason: expected.reason } : {}) };
    if (check.status === 'failed') {
      const comparison = expected === undefined || expected.fails !== failureKind(check) ? 'regressed' : 'known';
      entries.push({ ...base, comparison });
    } else if (expected !== undefined && check.status === 'passed') {
      entries.push({ ...base, comparison: 'fixed' });
    } else {
      entries.push({ ...base, comparison: 'unchanged' });
    }
  }
  const regressed = entries.filter((e) => e.comparison === 'regressed' && e.counts);
  const known = entries.filter((e) => e.comparison === 'known');
  const fixed = entries.filter((e) => e.comparison === 'fixed');
  const exitCode = report.verdict === 'inconclusive' ? 2 : regressed.length > 0 ? 1 : 0;
  const parts = [
    regressed.length > 0 ? `${regressed.length} regression${regressed.length === 1 ? '' : 's'} (${regressed.map((e) => e.name).join(', ')})` : 'nothing regressed',
    `${known.length} known failure${known.length === 1 ? '' : 's'}`,
    fixed.length > 0 ? `${fixed.length} fixed (${fixed.map((e) => e.name).join(', ')}): update the baseline` : '',
  ].filter(Boolean);
  const newWarnings = entries.filter((e) => e.comparison === 'regressed' && !e.counts);
  if (newWarnings.length > 0) parts.push(`${newWarnings.length} new SHOULD warning${newWarnings.length === 1 ? '' : 's'} (${newWarnings.map((e) => e.name).join(', ')})`);
  const gate = exitCode === 2 ? 'the run was inconclusive' : exitCode === 1 ? 'the gate fails' : 'the gate passes';
  return { file, exitCode, summary: `${parts.join('; ')}: ${gate}. The verdict stays ${report.verdict}.`, mismatches, entries };
}

export function compareWithBaseline(report: ConformanceReport, baseline: ExpectationsFile, path: string): ConformanceReport {
  return { ...report, baseline: compare(report, baseline, path) };
}
