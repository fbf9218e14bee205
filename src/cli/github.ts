// Under GitHub Actions: the Markdown summary appended to the job's step summary, one
// ::error / ::warning annotation per cause of failure, so the job page says what failed without
// opening a log, and the step's outputs (verdict, report-dir, failed-requirements) for the steps
// after it and the action's own outputs. Rendered from the one result.
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

/** The step's outputs: the verdict, the report folder (absolute), and the requirement ids of the failures that count, comma-separated as --only takes them. */
export function stepOutputs(report: ConformanceReport, reportDir: string): Record<'verdict' | 'report-dir' | 'failed-requirements', string> {
  const failed = new Set(report.failed);
  const ids = [...new Set(report.checks.filter((c) => failed.has(c.name)).map((c) => c.id))];
  return { verdict: report.verdict, 'report-dir': reportDir, 'failed-requirements': ids.join(',') };
}

/** Outputs as $GITHUB_OUTPUT reads them: `name=value`, or a delimited block for a value with a line break. */
export function outputLines(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
      const delimiter = `EOF_${randomBytes(8).toString('hex')}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}

/** Under GitHub Actions (GITHUB_ACTIONS=true): the annotations printed, the summary appended to $GITHUB_STEP_SUMMARY, the outputs to $GITHUB_OUTPUT. */
export function publishToGithub(report: ConformanceReport, reportJson: string, env: NodeJS.ProcessEnv, say: (line: string) => void): void {
  if (env.GITHUB_ACTIONS !== 'true') return;
  for (const line of annotations(report)) say(line);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${renderMarkdown(report, { reportJson })}\n`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputLines(stepOutputs(report, dirname(reportJson))));
}

/**
 * A run that could not start (a bad option, an unwritable report folder): under GitHub Actions the
 * sentence is an ::error annotation too, and the step's verdict output says inconclusive, as exit 2 does.
 */
export function publishUsageErrorToGithub(message: string, env: NodeJS.ProcessEnv, say: (line: string) => void): void {
  if (env.GITHUB_ACTIONS !== 'true') return;
  say(`::error title=${escapeProperty('StopCisSession conformance: inconclusive')}::${escapeData(message)}`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputLines({ verdict: 'inconclusive' }));
}
