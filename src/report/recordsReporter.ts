// A Playwright reporter that collects each test's check record (the attachment the `run` fixture
// writes) and, once, in onEnd, writes them to check-records.json for certify, which composes the
// one result and renders every output from it. It also redacts each test's result in place
// before Playwright's own HTML report, listed after it, reads the same objects. It judges nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import type { CheckRecord } from '../checks/types';
import { redactDeep, redactTestResult } from '../evidence/redact';
import { RECORD_ATTACHMENT } from '../runner/fixtures';
import { policyOf, settingsInChild } from '../settings';
import { writeRecords } from './write';

export default class RecordsReporter implements Reporter {
  private readonly records = new Map<string, CheckRecord>();
  private firstTestStart?: number;
  private lastTestEnd?: number;
  private readonly settings = settingsInChild(process.env);
  private readonly policy = policyOf(this.settings);

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    redactTestResult(test, result, this.policy, (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    }, (path, text) => writeFileSync(path, text));
    const start = result.startTime.getTime();
    this.firstTestStart = Math.min(this.firstTestStart ?? start, start);
    this.lastTestEnd = Math.max(this.lastTestEnd ?? 0, start + result.duration);
    const attachment = result.attachments.find((a) => a.name === RECORD_ATTACHMENT && a.body);
    if (attachment?.body) this.records.set(test.id, JSON.parse(attachment.body.toString('utf8')) as CheckRecord);
  }

  onEnd(): void {
    const casePhaseMs = this.firstTestStart !== undefined && this.lastTestEnd !== undefined ? this.lastTestEnd - this.firstTestStart : undefined;
    writeRecords(this.settings.reportDir, { casePhaseMs, records: redactDeep([...this.records.values()], this.policy) });
  }
}
