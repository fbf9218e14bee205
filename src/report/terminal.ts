// What certify prints: the hint that the target may be the wrong one, when there is one, the
// verdict, each cause of failure once (with its smallest case, the curl line that reproduces it and
// the command that runs the check again), and where the reports are, every line at most 100
// columns. It renders the result; it decides nothing.
import type { Level } from '../checks/requirements';
import type { CheckStatus } from '../checks/types';
import type { CheckReport, ConformanceReport } from '../result/model';
import { groupFailures } from './groups';
import { findingOf } from './finding';
import { trafficLine } from './traffic';

export const COLUMNS = 100;

/** The line cut to `width` columns (code points), with … where it was cut. */
export function fit(line: string, width = COLUMNS): string {
  const chars = Array.from(line);
  return chars.length <= width ? line : `${chars.slice(0, width - 1).join('')}…`;
}

/** Text wrapped at spaces into lines of at most `width`, each after `indent`. */
export function wrap(text: string, indent: string, width = COLUMNS): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.trim() !== '' && Array.from(line).length + 1 + Array.from(word).length > width) {
      lines.push(line);
      line = indent;
    }
    line += line.trim() === '' ? word : ` ${word}`;
  }
  if (line.trim() !== '') lines.push(line);
  return lines.map((l) => fit(l, width));
}

export function markOf(status: CheckStatus, counts: boolean, level: Level): string {
  switch (status) {
    case 'passed':
      return level === 'TOLERATED' ? '·' : '✓';
    case 'failed':
      return counts ? '✗' : '⚠';
    case 'could-not-judge':
      return '!';
    default:
      return '–';
  }
}

/**
 * A quoted shell word ('…' or $'…') as chunks of at most `size` columns that bash joins back into
 * the one word: each chunk quoted again, the lines joined by a backslash-newline and starting at
 * column 0 (leading blanks would split the word). Escapes of $'…' are never cut in two.
 */
function quotedChunks(word: string, size: number): string[] | undefined {
  const ansi = word.startsWith("$'");
  if (!(ansi ? /^\$'(?:[^'\\]|\\.)*'$/s : /^'[^']*'$/s).test(word)) return undefined;
  const inner = word.slice(ansi ? 2 : 1, -1);
  const units = ansi ? (inner.match(/\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|[^\\]/gsu) ?? []) : Array.from(inner);
  const open = ansi ? "$'" : "'";
  const chunks: string[] = [];
  let chunk = '';
  for (const unit of units) {
    if (Array.from(open + chunk + unit).length + 2 > size && chunk !== '') {
      chunks.push(`${open}${chunk}'`);
      chunk = '';
    }
    chunk += unit;
  }
  chunks.push(`${open}${chunk}'`);
  return chunks;
}

/**
 * A shell command as lines of at most `width`, split between its words with ` \`; a quoted word
 * too long for a line is split into chunks bash joins back, so the lines still run as one command.
 * Only a word that is neither (a process substitution) is cut, and `cut` says so.
 */
export function commandLines(command: string, indent: string, width = COLUMNS): { lines: string[]; cut: boolean } {
  const words = command.match(/(?:[^\s'"$]+|'[^']*'|"[^"]*"|\$'(?:[^'\\]|\\.)*'|\$)+/g) ?? [command];
  const lines: string[] = [];
  let line = indent;
  let cut = false;
  const fits = (text: string) => Array.from(text).length <= width;
  for (const word of words) {
    const joined = line.trim() === '' ? line + word : `${line} ${word}`;
    if (fits(`${joined} \\`) || line.trim() === '' ? fits(joined) : false) {
      line = joined;
      continue;
    }
    if (line.trim() !== '') {
      lines.push(`${line} \\`);
      line = `${indent}  `;
    }
    if (fits(line + word)) {
      line += word;
      continue;
    }
    const chunks = quotedChunks(word, width);
    if (chunks) {
      // Every chunk at column 0: bash joins them back into the one word.
      if (line.trim() !== '') lines.push(`${line}\\`);
      chunks.forEach((chunk, i) => (i < chunks.length - 1 ? lines.push(`${chunk}\\`) : (line = chunk)));
      continue;
    }
    cut = true;
    line = fit(line + word, width);
  }
  lines.push(line);
  return { lines, cut };
}

const verdictWord = { conformant: 'CONFORMANT', 'non-conformant': 'NON-CONFORMANT', inconclusive: 'INCONCLUSIVE' } as const;

export interface SummaryPaths {
  json: string;
  html: string;
  junit: string;
  markdown: string;
  playwright?: string;
}

/** The hint that the target may be the wrong one, as certify prints it (once it has the answer, and atop the summary). */
export function hintLines(hint: string): string[] {
  return wrap(`Is this the right target? ${hint}`, '');
}

export function summaryLines(report: ConformanceReport, paths: SummaryPaths): string[] {
  const out: string[] = [''];
  if (report.targetHint !== undefined) out.push(...hintLines(report.targetHint), '');
  const failed = report.checks.filter((c) => c.status === 'failed');
  const known = new Set(report.baseline?.entries.filter((e) => e.comparison === 'known').map((e) => e.name) ?? []);
  for (const group of groupFailures(failed)) out.push(...groupLines(group.checks, group.example, group.checks.every((c) => known.has(c.name))));
  for (const check of report.checks.filter((c) => c.status === 'could-not-judge')) {
    out.push(...wrap(`! ${check.id} ${check.name} could not judge: ${check.error ?? ''}`, '', COLUMNS));
  }
  out.push('');
  out.push(...wrap(`verdict: ${verdictWord[report.verdict]}. ${report.summary}`, ''));
  if (report.baseline) {
    out.push(...wrap(`baseline (${report.baseline.file}): ${report.baseline.summary}`, ''));
    for (const mismatch of report.baseline.mismatches) out.push(...wrap(`  note: ${mismatch}`, '    '));
    for (const entry of report.baseline.entries.filter((e) => e.comparison === 'regressed' || e.comparison === 'fixed')) {
      out.push(...wrap(`  ${entry.comparison === 'regressed' ? (entry.counts ? 'REGRESSED' : 'new warning') : 'fixed'} ${entry.id} ${entry.name}: expected ${entry.expected}; now ${entry.actual}`, '    '));
    }
  }
  out.push(fit(`target ${report.target}, seed ${report.seed} (runs ${report.runs}), ${report.requests} requests, ${(report.durationMs / 1000).toFixed(1)} s`));
  if (report.traffic) out.push(...wrap(trafficLine(report.traffic), ''));
  if (report.insecure) out.push('warning: --insecure: TLS certificates were not verified.');
  out.push(...wrap(`reports: ${[paths.html, paths.json, paths.junit, paths.markdown, paths.playwright].filter(Boolean).join('  ')}`, '', COLUMNS));
  const first = failed[0];
  if (first) out.push(...commandLines(`replay the first failure: ${report.command} --replay ${paths.json} ${first.name}`, '').lines);
  return out;
}

function groupLines(checks: CheckReport[], example: CheckReport, known: boolean): string[] {
  const f = example.failure;
  const mark = known ? '·' : markOf('failed', example.counts, example.level);
  const word = known ? 'KNOWN' : example.counts ? 'FAIL' : 'WARN';
  const ids = [...new Set(checks.map((c) => c.id))].join(', ');
  const head = checks.length === 1 ? `${mark} ${word} ${example.id} ${example.level} ${example.name}: ${example.title}` : `${mark} ${word} ${ids}: ${checks.length} checks failed the same way: ${checks.map((c) => c.name).join(', ')}`;
  const lines = wrap(head, '');
  if (!f) return lines;
  lines.push(...wrap(findingOf(f), '    '));
  lines.push(...wrap(`expected ${f.expected}; received ${f.received}`, '    '));
  const curl = commandLines(f.curl, '    ');
  lines.push(...curl.lines);
  if (curl.cut) lines.push('    (the command is cut here; conformance.html and summary.md hold it whole)');
  lines.push(...commandLines(`run again: ${f.replay}`, '    ').lines);
  return lines;
}
