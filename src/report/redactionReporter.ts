// A Playwright reporter listed before Playwright's own HTML report: it redacts each test's result
// in place (every reporter of a run is handed the same objects), so no secret reaches Playwright's
// report, whatever a message or attachment holds. It is also the run's one terminal reporter:
// the engine prints each check's line as it comes (globalSetup.ts), so this prints only an error
// that kept Playwright from running (redacted, in 100 columns), and Playwright adds no list of its own.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Reporter, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { redactTestResult, redactText } from '../evidence/redact';
import { policyOf, settingsInChild } from '../settings';
import { wrap } from './terminal';

export default class RedactionReporter implements Reporter {
  private readonly policy = policyOf(settingsInChild(process.env));

  printsToStdio(): boolean {
    return true;
  }

  onError(error: TestError): void {
    const text = redactText(error.message ?? error.value ?? 'an error', this.policy);
    process.stdout.write(`${text.split('\n').flatMap((line) => wrap(`playwright: ${line}`, '')).join('\n')}\n`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    redactTestResult(test, result, this.policy, (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    }, (path, text) => writeFileSync(path, text));
  }
}
