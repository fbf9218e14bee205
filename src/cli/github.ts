// Under GitHub Actions: the Markdown summary appended to the job's step summary, and one
// ::error / ::warning annotation per cause of failure, so the job page says what failed without
// opening a log. Rendered from the one result.
import { appendFileSync } from 'node:fs';
import type { ConformanceReport } from '../result/model';
import { groupFailures } from '../report/groups';
import { renderMarkdown } from '../report/markdown';
import { findingOf } from '../report/finding';

/** Workflow-command data: %, CR and LF escaped as GitHub reads them. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotations(report: ConformanceReport): string[] {
  const lines: string[] = [];
  if (report.targetHint !== undefined) lines.push(`::warning title=${escapeProperty('StopCisSession conformance: is this the right target?')}::${escapeData(report.targetHint)}`);
  if (report.verdict === 'inconclusive') lines.push(`::error title=${escapeProperty('StopCisSession conformance: inconclusive')}::${escapeData(report.summary)}`);
  for (const group of groupFailures(report.checks.filter((c) => c.status === 'failed'))) {
    const check = group.example;
    const known = report.baseline?.entries.some((e) => e.name === check.name && e.comparison === 'known');
    const level = check.counts && !known ? 'error' : 'warning';
    const names = group.checks.map((c) => c.name).join(', ');
    const f = check.failure;
    const title = `${check.id} ${check.level}${known ? ' (known failure)' : check.counts ? '' : ' (warning)'}: ${names}`;
    const message = f ? `${findingOf(f)}. Expected ${f.expected}; received ${f.received}. Run again: ${f.replay}` : check.title;
    lines.push(`::${level} title=${escapeProperty(title)}::${escapeData(message)}`);
  }
  for (const check of report.checks.filter((c) => c.status === 'could-not-judge' && c.counts)) {
    lines.push(`::error title=${escapeProperty(`${check.id} ${check.name}: could not judge`)}::${escapeData(check.error ?? '')}`);
  }
  return lines;
}

/** Under GitHub Actions (GITHUB_ACTIONS=true): the annotations printed, the summary appended to $GITHUB_STEP_SUMMARY. */
export function publishToGithub(report: ConformanceReport, reportJson: string, env: NodeJS.ProcessEnv, say: (line: string) => void): void {
  if (env.GITHUB_ACTIONS !== 'true') return;
  for (const line of annotations(report)) say(line);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${renderMarkdown(report, { reportJson })}\n`);
}
