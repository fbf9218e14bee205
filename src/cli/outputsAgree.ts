// Whether every output of a run tells the same truth: the exit code, conformance.json, junit.xml,
// conformance.html and summary.md name the same verdict and the same failed checks, and show the
// hint that the target may be the wrong one at their top when the result holds one. The mutation
// score asks it of every run it makes, so a rendering that starts to judge on its own is caught.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from '../result/model';
import { REPORT_HTML, REPORT_JSON, REPORT_JUNIT, REPORT_MARKDOWN } from '../report/write';
import { escapeXml } from '../report/junit';
import { cell } from '../report/markdown';
import { EXIT } from './certify';

function unescapeXml(text: string): string {
  return text.replace(/&(quot|apos|#39|lt|gt|amp);/g, (m, e: string) => ({ quot: '"', apos: "'", '#39': "'", lt: '<', gt: '>', amp: '&' })[e] ?? m);
}

const HINT_LABEL = 'Is this the right target?';

/** Text of conformance.html as the page reads: entities and the marks of invisible characters (⟨U+202E⟩) made characters again. */
function unescapeHtml(text: string): string {
  return unescapeXml(text.replace(/<span class="ctl">⟨U\+([0-9A-F]{4})⟩<\/span>/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

/** Where the outputs leave out the result's hint, show another one, or show one the result does not hold. */
function hintDisagreements(hint: string | undefined, junit: string, html: string, markdown: string): string[] {
  const problems: string[] = [];
  const said = hint === undefined ? 'no hint' : 'a hint';
  // junit.xml: a property of every suite's run.
  const junitHints = [...junit.matchAll(/<property name="targetHint" value="([^"]*)"\/>/g)].map((m) => m[1]);
  const suites = [...junit.matchAll(/<testsuite\b/g)].length;
  const junitAgrees = hint === undefined ? junitHints.length === 0 : junitHints.length === suites && junitHints.every((h) => h === escapeXml(hint));
  if (!junitAgrees) problems.push(`junit.xml's run properties hold ${junitHints.length === 0 ? 'no hint' : `the hint "${unescapeXml(junitHints[0])}" in ${junitHints.length} of ${suites} suites`}, conformance.json ${said}`);
  // conformance.html: in the header, above the main part.
  const shown = new RegExp(`<p class="hint" id="target-hint"><strong>${HINT_LABEL.replace('?', '\\?')}</strong> ((?:[^<]|<span class="ctl">⟨U\\+[0-9A-F]{4}⟩</span>)*)</p>`).exec(html);
  const htmlHint = shown && shown.index < html.indexOf('<main>') ? unescapeHtml(shown[1]) : undefined;
  if (htmlHint !== hint || (hint === undefined && html.includes('id="target-hint"'))) problems.push(`conformance.html shows ${htmlHint === undefined ? 'no hint at its top' : `the hint "${htmlHint}"`}, conformance.json ${said}`);
  // summary.md: the line under the heading.
  const lines = markdown.split('\n');
  const at = lines.findIndex((line) => line.startsWith(`> ⚠️ **${HINT_LABEL}**`));
  const markdownAgrees = hint === undefined ? at < 0 : at === 2 && lines[2] === `> ⚠️ **${HINT_LABEL}** ${cell(hint)}`;
  if (!markdownAgrees) problems.push(`summary.md ${at < 0 ? 'shows no hint' : `shows "${lines[at]}" on line ${at + 1}`}, conformance.json ${said} (the line under the heading)`);
  return problems;
}

/** The check names of the JUnit test cases holding `element` (failure, error, skipped). */
function junitCases(xml: string, element: 'failure' | 'error'): string[] {
  return [...xml.matchAll(/<testcase\b[^>]*>([\s\S]*?)<\/testcase>/g)]
    .filter((m) => new RegExp(`<${element}\\b`).test(m[1]))
    .map((m) => /<property name="check" value="([^"]*)"\/>/.exec(m[1])?.[1] ?? 'run')
    .map(unescapeXml);
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** The disagreements among a run's outputs; none when they agree. */
export function outputsDisagree(dir: string, exitCode: number | null): string[] {
  const problems: string[] = [];
  const missing = [REPORT_JSON, REPORT_JUNIT, REPORT_HTML, REPORT_MARKDOWN].filter((name) => !existsSync(join(dir, name)));
  if (missing.length > 0) return [`missing outputs: ${missing.join(', ')}`];
  const report = JSON.parse(readFileSync(join(dir, REPORT_JSON), 'utf8')) as ConformanceReport;
  const expectedExit = report.baseline?.exitCode ?? EXIT[report.verdict];
  if (exitCode !== expectedExit) problems.push(`exit code ${exitCode}, but conformance.json says ${report.verdict} (exit ${expectedExit})`);

  const failed = report.checks.filter((c) => c.status === 'failed' && c.counts).map((c) => c.name);
  const unjudged = report.checks.filter((c) => c.status === 'could-not-judge' && c.counts).map((c) => c.name);
  if (!sameSet(failed, report.failed)) problems.push(`conformance.json lists failed ${report.failed.join(', ')}, its checks ${failed.join(', ')}`);

  const junit = readFileSync(join(dir, REPORT_JUNIT), 'utf8');
  const suiteName = unescapeXml(/<testsuites name="([^"]*)"/.exec(junit)?.[1] ?? '');
  if (!suiteName.endsWith(`: ${report.verdict}`)) problems.push(`junit.xml names the run "${suiteName}", not ${report.verdict}`);
  const known = new Set(report.baseline?.entries.filter((e) => e.comparison === 'known').map((e) => e.name) ?? []);
  const junitFailures = junitCases(junit, 'failure');
  if (!sameSet(junitFailures, failed.filter((name) => !known.has(name)))) problems.push(`junit.xml fails ${junitFailures.join(', ') || 'nothing'}, conformance.json ${failed.join(', ') || 'nothing'}`);
  const junitErrors = junitCases(junit, 'error').filter((name) => name !== 'run');
  if (!sameSet(junitErrors, unjudged)) problems.push(`junit.xml errs on ${junitErrors.join(', ') || 'nothing'}, conformance.json could not judge ${unjudged.join(', ') || 'nothing'}`);
  const counted = /<testsuites[^>]*\bfailures="(\d+)"[^>]*\berrors="(\d+)"/.exec(junit);
  if (!counted || Number(counted[1]) !== junitFailures.length || Number(counted[2]) !== junitCases(junit, 'error').length) problems.push('junit.xml counts do not match its test cases');

  const html = readFileSync(join(dir, REPORT_HTML), 'utf8');
  const htmlVerdict = /<span class="verdict v-[^"]*" id="verdict">([^<]*)<\/span>/.exec(html)?.[1];
  if (htmlVerdict !== report.verdict) problems.push(`conformance.html says ${htmlVerdict}, conformance.json ${report.verdict}`);
  const cards = html.slice(html.indexOf('<section id="failures">'), html.indexOf('<section id="matrix">'));
  const allFailed = report.checks.filter((c) => c.status === 'failed').map((c) => c.name);
  const unshown = allFailed.filter((name) => !cards.includes(`>${name}<`));
  if (html.includes('<section id="failures">') !== allFailed.length > 0 || unshown.length > 0) problems.push(`conformance.html's failure cards leave out ${unshown.join(', ') || '(the section)'}`);

  const markdown = readFileSync(join(dir, REPORT_MARKDOWN), 'utf8');
  if (!markdown.split('\n')[0].endsWith(`conformance: ${report.verdict}`)) problems.push(`summary.md's heading is "${markdown.split('\n')[0]}", not ${report.verdict}`);
  problems.push(...hintDisagreements(report.targetHint, junit, html, markdown));
  return problems;
}
