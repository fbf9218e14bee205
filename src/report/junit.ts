// junit.xml, rendered from the one result, for CI viewers (GitHub test reporters, GitLab's test
// report, Jenkins). One <testsuite> per level; each check a <testcase> whose classname is its
// requirement and level ("M3 MUST"), so viewers that show only names and classnames show what was
// judged. The verdict decides the element:
// - a failure that counts (MUST; SHOULD under --strict): <failure type="NonConformance">;
// - a SHOULD failure without --strict: <skipped message="warning: …">. Viewers show a skipped
//   case's message and never fail a build on it, where <system-out> and <property> are rarely
//   shown at all: a warning stays visible and does not read as a failure;
// - a check that counts and could not judge: <error type="CouldNotJudge">, and so is a run that
//   could not judge the target at all;
// - not judged, skipped, or a known failure of the baseline: <skipped message="…">.
// No code frames: messages are the finding, expected, received, curl, and how to run it again.
// The hint that the target may be the wrong one (`targetHint`) is a property of the run and heads
// the text of every <failure> and <error>, which is where viewers show text.
import type { CheckReport, ConformanceReport } from '../result/model';
import { findingOf } from './finding';

export interface JunitOptions {
  reportJson?: string;
}

export function escapeXml(text: string): string {
  // XML 1.0 cannot carry most control characters even escaped, and bidi overrides would reorder
  // what a viewer shows: both are written out as \u{…}.
  return text
    .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udfff]/gu, (ch) => `\\u{${ch.codePointAt(0)?.toString(16)}}`);
}

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

/** The hint that the target may be the wrong one, as the first paragraph of a failure's or error's text. */
function hintLines(report: ConformanceReport): string[] {
  return report.targetHint !== undefined ? [`Is this the right target? ${report.targetHint}`, ''] : [];
}

function failureText(check: CheckReport, report: ConformanceReport, options: JunitOptions): string {
  const f = check.failure;
  if (!f) return [...hintLines(report), check.title].join('\n');
  return [
    ...hintLines(report),
    `${check.id} ${check.level}: ${check.words}`,
    '',
    findingOf(f),
    `Expected: ${f.expected}`,
    `Received: ${f.received}`,
    `Reproduce: ${f.curl}`,
    `Run the check again: ${f.replay}`,
    `Replay this failure: ${report.command} --replay ${options.reportJson ?? 'conformance.json'} ${check.name}`,
    'Requirements: REQUIREMENTS.md',
  ].join('\n');
}

function known(report: ConformanceReport, check: CheckReport): boolean {
  return report.baseline?.entries.some((e) => e.name === check.name && e.comparison === 'known') ?? false;
}

type Outcome = { kind: 'passed' } | { kind: 'failure'; message: string } | { kind: 'error'; message: string } | { kind: 'skipped'; message: string };

function outcomeOf(check: CheckReport, report: ConformanceReport): Outcome {
  switch (check.status) {
    case 'passed':
      return { kind: 'passed' };
    case 'failed': {
      const what = `${check.failure?.title ?? 'failed'}: received ${check.failure?.received ?? '?'}`;
      if (known(report, check)) return { kind: 'skipped', message: `known failure (baseline): ${what}` };
      return check.counts ? { kind: 'failure', message: what } : { kind: 'skipped', message: `warning: ${check.level} ${check.id}: ${what}` };
    }
    case 'could-not-judge':
      return check.counts ? { kind: 'error', message: `could not judge: ${check.error ?? ''}` } : { kind: 'skipped', message: `could not judge (does not count for the verdict): ${check.error ?? ''}` };
    case 'not-judged':
      return { kind: 'skipped', message: `not judged: ${check.reason ?? ''}` };
    case 'skipped':
      return { kind: 'skipped', message: `skipped: ${check.reason ?? ''}` };
  }
}

function systemOut(check: CheckReport): string {
  const lines = [`${check.id} ${check.level} ${check.name}: ${check.status}; ${check.judged} of ${check.cases} cases judged, ${check.requests} requests`];
  if (check.note) lines.push(check.note);
  for (const o of check.observations ?? []) lines.push(`observed: ${o.description}: ${o.answer}`);
  return lines.join('\n');
}

function testcase(check: CheckReport, report: ConformanceReport, options: JunitOptions): { xml: string; outcome: Outcome } {
  const outcome = outcomeOf(check, report);
  const open = `    <testcase classname="${escapeXml(`${check.id} ${check.level}`)}" name="${escapeXml(`${check.title} [${check.name}]`)}" time="${seconds(check.durationMs)}">`;
  const properties = `      <properties>
        <property name="requirement" value="${escapeXml(check.id)}"/>
        <property name="level" value="${escapeXml(check.level)}"/>
        <property name="check" value="${escapeXml(check.name)}"/>
        <property name="status" value="${escapeXml(check.status)}"/>
        <property name="spec" value="${escapeXml(`${check.words} (REQUIREMENTS.md ${check.id})`)}"/>
      </properties>`;
  const body =
    outcome.kind === 'passed' ? ''
    : outcome.kind === 'failure' ? `\n      <failure type="NonConformance" message="${escapeXml(outcome.message)}">${escapeXml(failureText(check, report, options))}</failure>`
    : outcome.kind === 'error' ? `\n      <error type="CouldNotJudge" message="${escapeXml(outcome.message)}">${escapeXml([...hintLines(report), outcome.message].join('\n'))}</error>`
    : `\n      <skipped message="${escapeXml(outcome.message)}"/>`;
  const details = check.status === 'failed' ? `\n${escapeXml(failureText(check, report, options))}` : '';
  return { xml: `${open}\n${properties}${body}\n      <system-out>${escapeXml(systemOut(check))}${details}</system-out>\n    </testcase>`, outcome };
}

/** What the run was: what replays it, a warning when TLS was not verified, and the hint that the target may be the wrong one. */
function runProperties(report: ConformanceReport): string {
  const properties: Array<[string, string]> = [
    ['verdict', report.verdict],
    ['target', report.target],
    ['seed', String(report.seed)],
    ['runs', String(report.runs)],
    ['suiteVersion', report.suiteVersion],
    ...(report.insecure ? ([['insecure', 'true']] as Array<[string, string]>) : []),
    ...(report.targetHint !== undefined ? ([['targetHint', report.targetHint]] as Array<[string, string]>) : []),
  ];
  return `    <properties>\n${properties.map(([name, value]) => `      <property name="${name}" value="${escapeXml(value)}"/>`).join('\n')}\n    </properties>`;
}

export function renderJunit(report: ConformanceReport, options: JunitOptions = {}): string {
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const level of ['MUST', 'SHOULD', 'TOLERATED'] as const) {
    const checks = report.checks.filter((c) => c.level === level);
    const cases = checks.map((c) => testcase(c, report, options));
    // A run that could not judge the target at all, with no check of its own to carry it (it broke off): one error case says why.
    if (level === 'MUST' && report.inconclusiveReason !== undefined && !report.checks.some((c) => c.status === 'could-not-judge' && c.level === 'MUST')) {
      cases.push({
        xml: `    <testcase classname="run" name="the run judged the target">\n      <error type="CouldNotJudge" message="${escapeXml(report.inconclusiveReason)}">${escapeXml(report.inconclusiveReason)}</error>\n    </testcase>`,
        outcome: { kind: 'error', message: report.inconclusiveReason },
      });
    }
    if (cases.length === 0) continue;
    const count = (kind: Outcome['kind']) => cases.filter((c) => c.outcome.kind === kind).length;
    const tally = { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
    total.tests += tally.tests;
    total.failures += tally.failures;
    total.errors += tally.errors;
    total.skipped += tally.skipped;
    const time = seconds(checks.reduce((sum, c) => sum + (c.durationMs ?? 0), 0));
    suites.push(`  <testsuite name="${level}" tests="${tally.tests}" failures="${tally.failures}" errors="${tally.errors}" skipped="${tally.skipped}" time="${time}" timestamp="${escapeXml(report.startedAt)}">\n${runProperties(report)}\n${cases.map((c) => c.xml).join('\n')}\n  </testsuite>`);
  }
  const name = `StopCisSession conformance of ${report.target}: ${report.verdict}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${escapeXml(name)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="${seconds(report.durationMs)}">
${suites.join('\n')}
</testsuites>
`;
}
