// Playwright's junit reporter already writes each test's annotations as <property> elements
// (requirement, level, check, spec), which is what CI systems read. What it cannot know is our
// meaning of a thrown error: it files every one as <error>, which CI dashboards read as "the test
// broke". A check that judged the target and found it wanting is a <failure> (non-conformance);
// one that could not judge stays an <error>. This reporter, listed after junit in
// playwright.config.ts (reporters end one after another, in list order), rewrites junit.xml
// accordingly and redacts it like every other report file. It only reads results.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import type { CheckRecord } from '../checks/types';
import { RECORD_ATTACHMENT } from './conformanceReporter';
import { redactionPolicy, redactText } from './redact';
import { REPORT_JUNIT, reportDir } from './write';

export const NON_CONFORMANCE = 'NonConformance';

function unescapeXml(text: string): string {
  return text.replace(/&(quot|apos|lt|gt|amp);/g, (_m, e: string) => ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' })[e] ?? _m);
}

function shiftCounts(openTag: string, moved: number): string {
  if (moved === 0) return openTag;
  return openTag
    .replace(/\bfailures="(\d+)"/, (_m, n: string) => `failures="${Number(n) + moved}"`)
    .replace(/\berrors="(\d+)"/, (_m, n: string) => `errors="${Math.max(0, Number(n) - moved)}"`);
}

/** Turns the <error> of each test whose check judged a failure into a <failure>, counts included. */
export function reclassify(xml: string, failedChecks: ReadonlySet<string>): string {
  let total = 0;
  const suites = xml.replace(/(<testsuite\b[^>]*>)([\s\S]*?)(<\/testsuite>)/g, (_m, open: string, body: string, close: string) => {
    let moved = 0;
    const cases = body.replace(/<testcase\b[\s\S]*?<\/testcase>/g, (testcase) => {
      const check = /<property name="check" value="([^"]*)">/.exec(testcase)?.[1];
      if (check === undefined || !failedChecks.has(unescapeXml(check)) || !/<error\b/.test(testcase)) return testcase;
      moved++;
      return testcase.replace(/<error\b([^>]*?)\btype="[^"]*"/, `<failure$1type="${NON_CONFORMANCE}"`).replace('</error>', '</failure>');
    });
    total += moved;
    return `${shiftCounts(open, moved)}${cases}${close}`;
  });
  return suites.replace(/<testsuites\b[^>]*>/, (open) => shiftCounts(open, total));
}

export default class JunitFailures implements Reporter {
  /** Names of checks that judged the target and failed it. */
  private readonly failedChecks = new Set<string>();

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    const attachment = result.attachments.find((a) => a.name === RECORD_ATTACHMENT && a.body);
    if (!attachment?.body) return;
    const record = JSON.parse(attachment.body.toString('utf8')) as CheckRecord;
    if (record.status === 'failed' && record.error === undefined) this.failedChecks.add(record.name);
  }

  onEnd(): void {
    const file = join(reportDir(process.env), REPORT_JUNIT);
    if (!existsSync(file)) return;
    const xml = readFileSync(file, 'utf8');
    writeFileSync(file, reclassify(redactText(xml, redactionPolicy()), this.failedChecks));
  }
}
