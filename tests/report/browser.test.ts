// conformance.html looked at in a real browser: headless Debian Chromium through playwright-core
// opens each report from file://, with no network, and the page must show what matters. A
// screenshot of each is kept beside its report (REPORT_DIR/conformance.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html';
import type { ConformanceReport } from '../../src/result/model';
import { runCertify } from '../support/runCertify';
import { CHROMIUM, launchChromium, withServer } from './support';

const VIEWPORT = { width: 1366, height: 768 };

interface Opened {
  page: Page;
  consoleErrors: string[];
  requests: string[];
}

async function open(browser: Browser, html: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  await page.goto(pathToFileURL(html).toString(), { waitUntil: 'load' });
  return { page, consoleErrors, requests };
}

/** True when the element is laid out wholly inside the first screen. */
async function onFirstScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= VIEWPORT.height && box.width > 0;
}

async function certifyInto(target: URL, dir: string): Promise<number | null> {
  const run = await runCertify(['--target', target.toString(), '--seed', '4', '--runs', '100'], { REPORT_DIR: dir });
  assert.ok(existsSync(join(dir, 'conformance.html')), run.output);
  return run.code;
}

test('conformance.html in Chromium: a failing and a passing report, from file://, no network, no console error', { skip: !existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM} (apt-get install chromium)` }, async () => {
  const failingDir = mkdtempSync(join(tmpdir(), 'report-failing-'));
  const passingDir = mkdtempSync(join(tmpdir(), 'report-passing-'));
  // A server that answers every valid stop 200 with `{}`: M2 fails, the rest conforms.
  const braces = { behaviour: { act: () => ({ status: 200 as const, body: '{}', headers: { 'content-type': 'application/json' } }) } };
  assert.equal(await withServer(braces, (url) => certifyInto(url, failingDir)), 1);
  assert.equal(await withServer({}, (url) => certifyInto(url, passingDir)), 0);

  const browser = await launchChromium();
  try {
    // The failing run: the first screen says what failed, why, and how to send it again.
    const failing = await open(browser, join(failingDir, 'conformance.html'));
    const { page } = failing;
    assert.match(await page.locator('#verdict').innerText(), /non-conformant/i);
    assert.ok(await onFirstScreen(page, '#verdict'), 'the verdict is on the first screen');
    const first = page.locator('#failures article.failure').first();
    assert.match(await first.locator('h3').innerText(), /a 200 answer has an empty body/);
    assert.ok(await onFirstScreen(page, '#failures article.failure h3'), 'what failed is on the first screen');
    assert.ok(await onFirstScreen(page, '#failures article.failure .why'), 'why (expected / received) is on the first screen');
    assert.match(await first.locator('.received').innerText(), /2-byte body: \{\}/);
    assert.ok(await onFirstScreen(page, '#failures article.failure pre.curl'), 'the curl line is on the first screen');
    assert.match(await first.locator('pre.curl').innerText(), /^curl .* -X PUT 'http:\/\/127\.0\.0\.1:\d+\/cissession\/stop'/);
    await page.screenshot({ path: join(failingDir, 'conformance.png') });

    // The copy button works from file:// (or falls back) without an error.
    await first.locator('button.copy').first().click();
    await page.waitForFunction(() => document.querySelector('#failures button.copy')?.textContent !== 'Copy');
    assert.match((await first.locator('button.copy').first().innerText()) ?? '', /Copied|Select the text/);

    // The matrix: every MUST row is there, the failed one marked.
    await page.locator('#matrix').scrollIntoViewIfNeeded();
    assert.ok(await page.locator('#matrix table').first().isVisible());
    assert.ok((await page.locator('#level-MUST tbody tr').count()) >= 7, 'M1..M7 rows');
    assert.equal(await page.locator('#level-MUST tr.row-failed').count(), 1);
    assert.deepEqual(failing.consoleErrors, []);
    assert.deepEqual(failing.requests, [], 'no request leaves the page');

    // The passing run.
    const passing = await open(browser, join(passingDir, 'conformance.html'));
    assert.match(await passing.page.locator('#verdict').innerText(), /^conformant$/i);
    assert.equal(await passing.page.locator('#failures').count(), 0);
    assert.ok(await passing.page.locator('#matrix table').first().isVisible());
    assert.ok(await passing.page.locator('#level-TOLERATED .observed').first().isVisible(), 'TOLERATED observations are shown');
    await passing.page.screenshot({ path: join(passingDir, 'conformance.png') });
    assert.deepEqual(passing.consoleErrors, []);
    assert.deepEqual(passing.requests, []);

    // Printable: the print stylesheet applies and the curl line is not clipped.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('button.copy').first().isVisible(), false, 'no buttons on paper');
    assert.equal(await page.locator('pre.curl').first().evaluate((el) => getComputedStyle(el).maxHeight), 'none');

    // A target's answer written to attack the page: nothing runs, nothing loads, it is shown as text.
    const hostile = `</pre><script>alert(1)</script><img src="http://127.0.0.1:9/x.png" onerror="alert(2)"><style>body{background:url(http://127.0.0.1:9/y)}</style>`;
    const report = JSON.parse(readFileSync(join(failingDir, 'conformance.json'), 'utf8')) as ConformanceReport;
    for (const c of report.checks) {
      if (c.failure?.response.kind === 'response') c.failure.response.body = hostile;
      if (c.failure) c.failure.received = hostile;
    }
    writeFileSync(join(failingDir, 'hostile.html'), renderHtml(report));
    const attacked = await open(browser, join(failingDir, 'hostile.html'));
    const dialogs: string[] = [];
    attacked.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await attacked.page.reload({ waitUntil: 'load' });
    assert.deepEqual(dialogs, [], 'no script of the target ran');
    assert.deepEqual(attacked.requests, [], 'nothing of the target loaded');
    assert.ok((await attacked.page.locator('#failures .received').first().innerText()).includes('<script>alert(1)</script>'), 'shown as text');

    // A hint that the target may be the wrong one: under the verdict, on the first screen, and what
    // failed still on the first screen below it.
    const hinted = { ...report, targetHint: 'This looks like something other than a StopCisSession endpoint: a known-valid PUT /cissession/stop was answered 404 with an XML error <Code>NoSuchBucket</Code>, as another AWS service writes it. If it is the wrong URL, check the base URL and any path prefix (the suite adds /cissession/stop to http://127.0.0.1:4566/); or, for an AWS emulator that routes requests by their SigV4 credential scope (one endpoint for every service), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY so the suite signs its requests for inspector2. The checks judged the target all the same.' };
    writeFileSync(join(failingDir, 'hinted.html'), renderHtml(hinted));
    const hint = await open(browser, join(failingDir, 'hinted.html'));
    assert.match(await hint.page.locator('#target-hint').innerText(), /^Is this the right target\? This looks like .*<Code>NoSuchBucket<\/Code>/);
    assert.ok(await onFirstScreen(hint.page, '#target-hint'), 'the hint is on the first screen');
    assert.ok(await onFirstScreen(hint.page, '#verdict'), 'so is the verdict');
    assert.ok(await onFirstScreen(hint.page, '#failures article.failure h3'), 'and what failed');
    await hint.page.screenshot({ path: join(failingDir, 'hinted.png') });
    assert.deepEqual(hint.consoleErrors, []);
    assert.deepEqual(hint.requests, []);

    // Many checks failing the same way (a target that takes everything): one card with the count and
    // the smallest case, on the first screen, and the matrix one link away.
    const lax = { behaviour: { validate: () => [], act: () => ({ status: 200 as const, body: '{}', headers: { 'content-type': 'application/json' } }) } };
    const laxDir = mkdtempSync(join(tmpdir(), 'report-lax-'));
    assert.equal(await withServer(lax, (url) => certifyInto(url, laxDir)), 1);
    const grouped = await open(browser, join(laxDir, 'conformance.html'));
    const card = grouped.page.locator('#failures article.failure').first();
    assert.match(await card.locator('.same').innerText(), /^\d+ checks failed the same way/);
    assert.ok(await onFirstScreen(grouped.page, '#failures article.failure .same'), 'the grouped cause is on the first screen');
    assert.ok(await onFirstScreen(grouped.page, 'a[href="#matrix"]'), 'the matrix is reachable from the first screen');
    const cards = await grouped.page.locator('#failures article.failure').count();
    const failedChecks = (JSON.parse(readFileSync(join(laxDir, 'conformance.json'), 'utf8')) as ConformanceReport).checks.filter((c) => c.status === 'failed').length;
    assert.ok(cards * 2 <= failedChecks, `${cards} cards for ${failedChecks} failed checks`);
    await grouped.page.screenshot({ path: join(laxDir, 'conformance.png') });
    assert.deepEqual(grouped.consoleErrors, []);

    for (const dir of [failingDir, passingDir, laxDir]) {
      assert.ok(statSync(join(dir, 'conformance.html')).size < 2 * 1024 * 1024, 'under 2 MB');
      assert.ok(statSync(join(dir, 'conformance.png')).size > 10_000, 'a screenshot was saved');
    }
    process.stdout.write(`# screenshots: ${join(failingDir, 'conformance.png')} ${join(passingDir, 'conformance.png')} ${join(laxDir, 'conformance.png')}\n`);
  } finally {
    await browser.close();
  }
});
