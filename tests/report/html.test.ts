// conformance.html from the report alone: self-contained, escaped (a target's answer is hostile
// text), failures first, the matrix grouped by level, observations and coverage shown, small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../src/report/html';
import { HOSTILE, check, failing, report, sample } from './sample';

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
  for (const text of ['Expected', '400: scanJobId in upper case', 'Received', 'Reproduce with curl', 'Request (shrunk)', 'HTTP 200', 'x-evil: ', 'npm run certify -- --replay &#39;/tmp/r/conformance.json&#39; malformedUuidRejected', '--seed 1 --runs 300 --only malformedUuidRejected', 'check seed 42']) {
    assert.ok(html.includes(text), `shows ${text}`);
  }
});

test('the matrix is grouped MUST, SHOULD, TOLERATED; observations, could-not-judge, not-run and coverage are shown', () => {
  const html = renderHtml(sample);
  const at = (text: string) => html.indexOf(text);
  assert.ok(at('id="level-MUST"') < at('id="level-SHOULD"') && at('id="level-SHOULD"') < at('id="level-TOLERATED"'));
  assert.match(html, /reason null <span class="observed">observed: 400<\/span>/);
  assert.match(html, /s-unjudged">could not judge</);
  assert.match(html, /s-not-judged">not judged<[\s\S]*?no 429, 500 or 503 answer/, 'a check that judged nothing says so, with why');
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

test('failures with the same cause are one card, with a count and the smallest case', () => {
  const same = (name: string, bytes: number) => {
    const c = failing(name, 'M3', 'MUST', '{}');
    return { ...c, failure: c.failure && { ...c.failure, request: { ...c.failure.request, bodyBytes: bytes } } };
  };
  const html = renderHtml(report([same('wrongTypeRejected', 300), same('malformedUuidRejected', 90), same('unknownStatusRejected', 200), (() => {
    const m2 = failing('emptySuccessBody', 'M2', 'MUST', '{}');
    return { ...m2, failure: m2.failure && { ...m2.failure, title: 'A 200 answer had a body' } };
  })()]));
  assert.equal(html.match(/<article class="failure/g)?.length, 2, 'one card per cause: the three M3 checks answered alike, M2 another way');
  assert.match(html, /<article class="failure failed" id="failure-1">\n<header[^\n]*<code class="name">malformedUuidRejected<\/code><\/header>\n<p class="same">3 checks failed the same way/, 'the smallest case is the example');
  // The header links to the matrix: reachable from the first screen.
  assert.ok(html.indexOf('href="#matrix"') < html.indexOf('id="failures"'));
  assert.doesNotMatch(html, /overflow-wrap:anywhere/, 'words break only where they must');
});

test('the hint that the target may be the wrong one is in the header, under the verdict, as text', () => {
  const html = renderHtml({ ...sample, targetHint: `This looks like something other than a StopCisSession endpoint: ${HOSTILE}` });
  const at = (text: string) => html.indexOf(text);
  assert.ok(at('id="verdict"') < at('id="target-hint"') && at('id="target-hint"') < at('<main>'), 'under the verdict, above everything else');
  assert.match(html, /<p class="hint" id="target-hint"><strong>Is this the right target\?<\/strong> This looks like something other than a StopCisSession endpoint: &lt;\/pre&gt;&lt;\/script&gt;&lt;script&gt;/);
  assert.equal(html.match(/<script\b/gi)?.length, 1, 'only the page\'s own script');
  assert.ok(!html.includes('\u202e'));
  assert.ok(!renderHtml(sample).includes('id="target-hint"'), 'no hint, none shown');
});
