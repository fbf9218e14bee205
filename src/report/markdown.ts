// summary.md, rendered from the one result: what a CI job's summary page shows (certify appends it
// to $GITHUB_STEP_SUMMARY under GitHub Actions). The verdict, each cause of failure once with its
// smallest case, and the requirement matrix, in Markdown a person reads in a few seconds; a hint that
// the target may be the wrong one comes first, under the heading.
import type { CheckReport, ConformanceReport } from '../result/model';
import { findingOf } from './finding';
import { groupFailures } from './groups';
import { trafficLine } from './traffic';

export interface MarkdownOptions {
  reportJson?: string;
}

const icon = { conformant: '✅', 'non-conformant': '❌', inconclusive: '⚠️' } as const;

/** Text for a Markdown table cell: no pipes or line breaks, inline code kept from breaking out. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/`/g, "'");
}

function statusWord(check: CheckReport): string {
  switch (check.status) {
    case 'passed':
      return check.level === 'TOLERATED' ? 'observed' : 'passed';
    case 'failed':
      return check.counts ? '**FAILED**' : 'warning';
    case 'could-not-judge':
      return 'could not judge';
    case 'not-judged':
      return 'not judged';
    case 'skipped':
      return 'skipped';
  }
}

function fence(text: string): string {
  const ticks = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}\n${text}\n${ticks}`;
}

export function renderMarkdown(report: ConformanceReport, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(`## ${icon[report.verdict]} StopCisSession conformance: ${report.verdict}`, '');
  if (report.targetHint !== undefined) out.push(`> ⚠️ **Is this the right target?** ${cell(report.targetHint)}`, '');
  out.push(`${cell(report.summary)}`, '');
  out.push(`Target \`${cell(report.target)}\` · seed ${report.seed} (runs ${report.runs}) · ${report.requests} requests · ${(report.durationMs / 1000).toFixed(1)} s · suite ${report.suiteVersion}${report.insecure ? ' · **TLS not verified (--insecure)**' : ''}`, '');
  if (report.traffic) out.push(cell(trafficLine(report.traffic)), '');
  if (report.baseline) {
    out.push(`**Baseline** (${cell(report.baseline.file)}): ${cell(report.baseline.summary)}`, '');
    for (const mismatch of report.baseline.mismatches) out.push(`- ${cell(mismatch)}`);
    if (report.baseline.mismatches.length > 0) out.push('');
  }
  const failed = report.checks.filter((c) => c.status === 'failed');
  if (failed.length > 0) {
    out.push('### Failures', '');
    for (const group of groupFailures(failed)) {
      const f = group.example.failure;
      const head = group.checks.length === 1 ? `**${group.example.id} ${group.example.level}** \`${group.example.name}\`: ${cell(group.example.title)}` : `**${[...new Set(group.checks.map((c) => c.id))].join(', ')}**: ${group.checks.length} checks failed the same way (${group.checks.map((c) => `\`${c.name}\``).join(', ')})`;
      out.push(`- ${group.example.counts ? '❌' : '⚠️ warning:'} ${head}`);
      if (!f) continue;
      out.push(`  - ${cell(findingOf(f))}: expected ${cell(f.expected)}; received ${cell(f.received)}`);
      out.push('', '  <details><summary>Reproduce</summary>', '', fence(`${f.curl}\n\n# run the check again:\n${f.replay}\n# replay this failure:\n${report.command} --replay ${options.reportJson ?? 'conformance.json'} ${group.example.name}`).replace(/^/gm, '  '), '', '  </details>', '');
    }
    out.push('');
  }
  const unjudged = report.checks.filter((c) => c.status === 'could-not-judge');
  if (unjudged.length > 0) {
    out.push('### Could not judge', '');
    for (const c of unjudged) out.push(`- **${c.id}** \`${c.name}\`: ${cell(c.error ?? '')}`);
    out.push('');
  }
  out.push('### Requirements', '', '| id | level | check | result | judged |', '|---|---|---|---|---:|');
  for (const c of report.checks) out.push(`| ${c.id} | ${c.level} | ${cell(c.title)} (\`${c.name}\`) | ${statusWord(c)} | ${c.judged} |`);
  out.push('', 'Requirements and their sources: REQUIREMENTS.md of the conformance suite.', '');
  return out.join('\n');
}
