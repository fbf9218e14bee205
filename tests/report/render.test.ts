// Every output renders the one result: JUnit as CI viewers read it, the Markdown summary, the
// terminal summary (100 columns), GitHub's annotations, and a check that they all agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotations } from '../../src/cli/github';
import { outputsDisagree } from '../../src/cli/outputsAgree';
import { BASELINE_POLICY } from '../../src/evidence/redact';
import { renderJunit } from '../../src/report/junit';
import { renderMarkdown } from '../../src/report/markdown';
import { COLUMNS, summaryLines } from '../../src/report/terminal';
import { writeOutputs } from '../../src/report/write';
import { HOSTILE, check, failing, report, sample } from './sample';

test('JUnit: one suite per level, classname the requirement and level, and the verdict decides each element', () => {
  const xml = renderJunit(sample);
  assert.match(xml, /<testsuites name="StopCisSession conformance of [^"]*: non-conformant" tests="6" failures="1" errors="1" skipped="2"/);
  assert.deepEqual([...xml.matchAll(/<testsuite name="([A-Z]+)"/g)].map((m) => m[1]), ['MUST', 'SHOULD', 'TOLERATED']);
  assert.match(xml, /<testcase classname="M3 MUST" name="malformedUuidRejected &lt;title&gt; \[malformedUuidRejected\]"[^>]*>[\s\S]*?<failure type="NonConformance" message="An invalid request was not answered 400: received/);
  // A SHOULD failure without --strict: visible as a skipped case with its warning, not a failure.
  assert.match(xml, /<testcase classname="S1 SHOULD"[\s\S]*?<skipped message="warning: SHOULD S1: An invalid request was not answered 400/);
  assert.match(xml, /<testcase classname="M4 MUST"[\s\S]*?<error type="CouldNotJudge" message="could not judge: could not judge/);
  assert.match(xml, /<skipped message="not judged: no 429, 500 or 503 answer of the run carried Retry-After"\/>/);
  assert.doesNotMatch(xml, /fixtures\.ts:\d|at [A-Za-z]+ \(/, 'no code frames');
  assert.doesNotMatch(xml, /<script>|\u0000|\u202e/, 'the target\'s text is escaped, control characters written out');
  assert.match(xml, /Replay this failure: npm run certify -- --replay conformance\.json malformedUuidRejected/);
  assert.match(xml, /REQUIREMENTS\.md/);
  // Under --strict a SHOULD failure is a failure.
  const strict = report([check({}), failing('charsetUtf8Accepted', 'S6', 'SHOULD', '{}', { counts: true })], { strict: true });
  assert.match(renderJunit(strict), /<testcase classname="S6 SHOULD"[\s\S]*?<failure type="NonConformance"/);
});

test('a run that could not judge the target is an <error> in JUnit too', () => {
  const stopped = report([check({ id: 'M7', name: 'knownValidRequestAnswered', status: 'could-not-judge', judged: 0, error: 'Could not reach the target.' })], { verdict: 'inconclusive', summary: 'Could not reach the target.', inconclusiveReason: 'Could not reach the target.' });
  assert.match(renderJunit(stopped), /errors="1"[\s\S]*<error type="CouldNotJudge" message="could not judge: Could not reach the target\."/);
  const broke = report([check({})], { verdict: 'inconclusive', summary: 'Playwright stopped.', inconclusiveReason: 'Playwright stopped.' });
  assert.match(renderJunit(broke), /<testcase classname="run" name="the run judged the target">\s*<error type="CouldNotJudge" message="Playwright stopped\."/);
});

test('the Markdown summary: verdict, each cause once with its reproduction, the matrix', () => {
  const md = renderMarkdown(sample, { reportJson: 'reports/conformance.json' });
  assert.match(md.split('\n')[0], /^## ❌ StopCisSession conformance: non-conformant$/);
  assert.match(md, /- ❌ \*\*M3 MUST\*\* `malformedUuidRejected`/);
  assert.match(md, /- ⚠️ warning: \*\*S1 SHOULD\*\*/);
  assert.match(md, /npm run certify -- --replay reports\/conformance\.json malformedUuidRejected/);
  assert.match(md, /\| S3 \| SHOULD \| .* \| not judged \| 0 \|/);
  assert.match(md, /REQUIREMENTS\.md/);
});

test('the terminal summary fits 100 columns, a long curl line split between its words', () => {
  const long = failing('nonJsonBodyRejected', 'M3', 'MUST', '{}');
  const withLongCurl = { ...long, failure: long.failure && { ...long.failure, curl: `curl -sS -i -X PUT 'http://127.0.0.1:9/cissession/stop' -H 'content-type: application/json' --data-binary '${'{"a":1}'.repeat(40)}'` } };
  const lines = summaryLines(report([withLongCurl, check({})]), { json: 'reports/conformance.json', html: 'reports/conformance.html', junit: 'reports/junit.xml', markdown: 'reports/summary.md' });
  for (const line of lines) assert.ok(Array.from(line).length <= COLUMNS, `${Array.from(line).length} columns: ${line}`);
  assert.ok(lines.some((l) => l.startsWith('verdict: NON-CONFORMANT.')));
  const first = lines.findIndex((l) => l.includes('curl -sS -i -X PUT'));
  const last = lines.findIndex((l, i) => i > first && !l.endsWith('\\'));
  assert.ok(first >= 0 && last > first, 'the curl line is continued over lines');
  // Run as bash reads them, the lines are the very command: the same words.
  const words = (script: string) => execFileSync('bash', ['-c', `set -- ${script}\nprintf '%s\\0' "$@"`]).toString().split('\0');
  assert.deepEqual(words(lines.slice(first, last + 1).join('\n').trimStart()), words(withLongCurl.failure?.curl ?? ''));
});

test('GitHub annotations: an error per cause that counts, a warning for SHOULD failures, escaped', () => {
  const lines = annotations(sample);
  assert.ok(lines.some((l) => l.startsWith('::error title=M3 MUST%3A malformedUuidRejected::An invalid request was not answered 400')));
  assert.ok(lines.some((l) => l.startsWith('::warning title=S1 SHOULD (warning)%3A errorTypeFitsStatus::')));
  assert.ok(lines.some((l) => l.startsWith('::error title=M4 everyStatusAccepted%3A could not judge::')));
  for (const line of lines) assert.doesNotMatch(line, /\n|\r/);
});

test('the outputs of one result agree, and a rendering that says otherwise is caught', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agree-'));
  writeOutputs(dir, sample, BASELINE_POLICY);
  assert.deepEqual(outputsDisagree(dir, 1), []);
  assert.match(outputsDisagree(dir, 0).join('\n'), /exit code 0, but conformance.json says non-conformant/);
  const junit = join(dir, 'junit.xml');
  writeFileSync(junit, readFileSync(junit, 'utf8').replace('<failure type="NonConformance"', '<skipped message="x"/><x'));
  assert.match(outputsDisagree(dir, 1).join('\n'), /junit.xml fails nothing, conformance.json malformedUuidRejected/);
});

test('the hint that the target may be the wrong one heads every output, escaped, and the outputs agree on it', () => {
  const hint = `This looks like something other than a StopCisSession endpoint: a known-valid PUT /cissession/stop was answered 404 with ${HOSTILE}. If it is the wrong URL, check the base URL and any path prefix. The checks judged the target all the same.`;
  const hinted = { ...sample, targetHint: hint };
  const xml = renderJunit(hinted);
  assert.equal([...xml.matchAll(/<property name="targetHint" value="This looks like something other than a StopCisSession endpoint: [^"]*"\/>/g)].length, 3, 'a run property of every suite');
  assert.match(xml, /<failure type="NonConformance" message="An invalid request[^"]*">Is this the right target\? This looks like/, 'and the first paragraph of a failure');
  assert.match(xml, /<error type="CouldNotJudge" message="could not judge: [^"]*">Is this the right target\? This looks like/, 'and of an error');
  assert.doesNotMatch(xml, /<script>|\u0000|\u202e/);
  assert.doesNotMatch(renderJunit(sample), /targetHint|Is this the right target/, 'no hint, none shown');
  const md = renderMarkdown(hinted).split('\n');
  assert.match(md[0], /^## ❌ StopCisSession conformance: non-conformant$/, 'the heading first');
  assert.match(md[2], /^> ⚠️ \*\*Is this the right target\?\*\* This looks like something other than a StopCisSession endpoint:/, 'the hint under it');
  const lines = summaryLines(hinted, { json: 'reports/conformance.json', html: 'reports/conformance.html', junit: 'reports/junit.xml', markdown: 'reports/summary.md' });
  assert.match(lines.find((l) => l !== '') ?? '', /^Is this the right target\? This looks like something other than/, 'the terminal summary starts with it');
  for (const line of lines) assert.ok(Array.from(line).length <= COLUMNS, `${Array.from(line).length} columns: ${line}`);
  assert.ok(!summaryLines(sample, { json: 'j', html: 'h', junit: 'x', markdown: 'm' }).some((l) => l.includes('right target')));
  const notes = annotations(hinted);
  assert.match(notes[0], /^::warning title=StopCisSession conformance%3A is this the right target\?::This looks like something other than/);
  for (const line of notes) assert.doesNotMatch(line, /\n|\r/);
  assert.ok(!annotations(sample).some((l) => l.includes('right target')));

  const dir = mkdtempSync(join(tmpdir(), 'agree-hint-'));
  writeOutputs(dir, hinted, BASELINE_POLICY);
  assert.deepEqual(outputsDisagree(dir, 1), []);
  const html = join(dir, 'conformance.html');
  const page = readFileSync(html, 'utf8');
  writeFileSync(html, page.replace(/<p class="hint" id="target-hint">[\s\S]*?<\/p>/, ''));
  assert.match(outputsDisagree(dir, 1).join('\n'), /conformance\.html shows no hint at its top, conformance\.json a hint/);
  writeFileSync(html, page);
  const markdown = join(dir, 'summary.md');
  writeFileSync(markdown, readFileSync(markdown, 'utf8').replace(/^> ⚠️ .*\n\n/m, ''));
  assert.match(outputsDisagree(dir, 1).join('\n'), /summary\.md shows no hint, conformance\.json a hint/);
  // A result without a hint: an output that shows one anyway disagrees.
  const plain = mkdtempSync(join(tmpdir(), 'agree-plain-'));
  writeOutputs(plain, sample, BASELINE_POLICY);
  assert.deepEqual(outputsDisagree(plain, 1), []);
  const junit = join(plain, 'junit.xml');
  writeFileSync(junit, readFileSync(junit, 'utf8').replace('<property name="verdict"', '<property name="targetHint" value="x"/><property name="verdict"'));
  assert.match(outputsDisagree(plain, 1).join('\n'), /junit\.xml's run properties hold the hint "x" in 1 of 3 suites, conformance\.json no hint/);
});
