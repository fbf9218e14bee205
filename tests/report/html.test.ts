// conformance.html from the report alone: self-contained, escaped (a target's answer is hostile
// text), failures first, the matrix grouped by level, observations and coverage shown, small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../src/report/html';
import type { CheckReport, ConformanceReport } from '../../src/report/model';

const HOSTILE = `</pre></script><script>alert(1)</script><img src="http://evil.example/x.png" onerror="fetch('http://evil.example')"><style>@import url(http://evil.example/a.css)</style>\u202egnp.exe\u0000`;

function check(overrides: Partial<CheckReport>): CheckReport {
  return { id: 'M1', name: 'validRequestAccepted', title: 'a request that satisfies the schema is answered 200', level: 'MUST', words: 'words', status: 'passed', cases: 300, requests: 300, ...overrides };
}

function failing(name: string, id: CheckReport['id'], level: CheckReport['level'], body: string): CheckReport {
  return check({
    id, name, level, title: `${name} <title>`, status: 'failed', cases: 12,
    failure: {
      request: { method: 'PUT', url: 'http://127.0.0.1:9/cissession/stop', headers: { 'content-type': 'application/json' }, body: '{"scanJobId":"<b>x</b>"}', bodyBytes: 24 },
      response: { kind: 'response', status: 200, headers: { 'x-evil': HOSTILE }, body, bodyBytes: Buffer.byteLength(body), durationMs: 3 },
      curl: `curl -sS -i -X PUT 'http://127.0.0.1:9/cissession/stop' --data-binary '<script>'`,
      title: 'An invalid request was not answered 400',
      expected: '400: scanJobId in upper case',
      received: `200 with a body: ${HOSTILE}`,
      caseDescription: HOSTILE,
      replay: `npm run certify -- --target http://127.0.0.1:9/ --seed 1 --only ${name}`,
      seed: 42, path: '0:1:2', shrinks: 3,
    },
  });
}

function report(checks: CheckReport[]): ConformanceReport {
  return {
    verdict: 'non-conformant', summary: `1 MUST check(s) failed ${HOSTILE}`, target: `http://127.0.0.1:9/"><script>alert(2)</script>`, seed: 7,
    suiteVersion: '0.1.0', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 3400, requests: 3647, sessionMode: 'any', profile: [], strict: false, transport: 'http', checks,
  };
}

const sample = report([
  failing('malformedUuidRejected', 'M3', 'MUST', HOSTILE),
  failing('errorTypeFitsStatus', 'S1', 'SHOULD', '{"message":"x"}'),
  check({ coverage: { '/scanJobId pattern': 154, '/sessionToken pattern': 146, [`/message/reason ${HOSTILE}`]: 1 } }),
  check({ id: 'T1', name: 'nullOptionalMemberObserved', title: 'null for an optional member', level: 'TOLERATED', cases: 2, observations: [{ description: 'reason null', answer: '400' }, { description: HOSTILE, answer: '200' }] }),
  check({ id: 'M4', name: 'everyStatusAccepted', title: 'every status value is answered 200', error: `could not judge ${HOSTILE}`, status: 'skipped' }),
]);

test('the target\'s text never becomes markup: one script (ours), no external reference of any kind', () => {
  const html = renderHtml(sample, { reportJson: '/tmp/r/conformance.json' });
  assert.equal(html.match(/<script\b/gi)?.length, 1, 'only the page\'s own script');
  assert.equal(html.match(/<style\b/gi)?.length, 1, 'only the page\'s own styles');
  // Escaped text holds no "<", so every "<" opens one of the page's own tags.
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
  for (const tag of tags) {
    assert.doesNotMatch(tag, /^<(img|iframe|object|embed|video|audio|source|form|base)\b/i, tag);
    assert.doesNotMatch(tag, /\s(src|srcset|action|formaction|on[a-z]+)=/i, `${tag}: no attribute that loads or runs anything`);
    for (const href of tag.match(/href="[^"]*"/g) ?? []) assert.match(href, /^href="(#|data:)/, `${href} stays inside the page`);
  }
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  assert.doesNotMatch(style, /url\(|@import|@font-face/i, 'no fonts or images fetched by the styles');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/, 'and the browser refuses any load besides');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'hostile text is shown, escaped');
  assert.ok(html.includes('⟨U+202E⟩') && html.includes('⟨U+0000⟩'), 'bidi overrides and control characters are made visible');
  assert.ok(!html.includes('\u202e') && !html.includes('\u0000'));
});

test('failures come first, each with expected, received, request, whole response, curl and replay commands', () => {
  const html = renderHtml(sample, { reportJson: '/tmp/r/conformance.json' });
  const at = (text: string) => html.indexOf(text);
  assert.ok(at('id="verdict"') < at('id="failures"') && at('id="failures"') < at('id="matrix"') && at('id="matrix"') < at('id="coverage"'));
  assert.ok(at('id="failure-1"') < at('id="failure-2"'));
  assert.match(html, /<article class="failure failed" id="failure-1">[\s\S]*malformedUuidRejected/);
  assert.match(html, /<article class="failure warning" id="failure-2">[\s\S]*errorTypeFitsStatus/, 'a SHOULD failure is a warning');
  for (const text of ['Expected', '400: scanJobId in upper case', 'Received', 'Reproduce with curl', 'Request (shrunk)', 'HTTP 200', 'x-evil: ', 'npm run certify -- --replay &#39;/tmp/r/conformance.json&#39; malformedUuidRejected', '--seed 1 --only malformedUuidRejected', 'check seed 42']) {
    assert.ok(html.includes(text), `shows ${text}`);
  }
});

test('the matrix is grouped MUST, SHOULD, TOLERATED; observations, could-not-judge, not-run and coverage are shown', () => {
  const html = renderHtml(sample);
  const at = (text: string) => html.indexOf(text);
  assert.ok(at('id="level-MUST"') < at('id="level-SHOULD"') && at('id="level-SHOULD"') < at('id="level-TOLERATED"'));
  assert.match(html, /reason null <span class="observed">observed: 400<\/span>/);
  assert.match(html, /s-unjudged">could not judge</);
  assert.match(html, /<td class="id">M6<\/td>[\s\S]*?not run/, 'a requirement no check ran is listed, marked not run');
  assert.match(html, /<code>\/scanJobId<\/code><\/td><td>pattern<\/td><td class="num">154<\/td>/);
  assert.match(html, /@media print/);
});

test('a report with many large failures stays under 2 MB', () => {
  const big = 'x'.repeat(8 * 1024);
  const many = report(Array.from({ length: 40 }, (_, i) => failing(`check${i}`, 'M3', 'MUST', big)));
  const size = Buffer.byteLength(renderHtml(many));
  assert.ok(size < 2 * 1024 * 1024, `${size} bytes`);
});
