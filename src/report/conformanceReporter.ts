// A Playwright reporter that reads each test's check record (a JSON attachment written by the
// `conformance` fixture) and, once, in onEnd, writes conformance.json and conformance.html.
// It only reads results; it never sends a request.
import type { FullConfig, Reporter, TestCase, TestResult, FullResult } from '@playwright/test/reporter';
import { requirement, isRequirementId } from '../checks/requirements';
import type { CheckRecord } from '../checks/types';
import { composeReport } from './model';
import { runInfoFromEnv, writeRecords, writeReports, reportDir } from './write';
import { readFileSync, writeFileSync } from 'node:fs';
import { redactionPolicy, redactTestResult } from './redact';

export const RECORD_ATTACHMENT = 'conformance-check';

function annotation(test: TestCase, type: string): string | undefined {
  return test.annotations.find((a) => a.type === type)?.description;
}

/** A test that ended without a record (it crashed or timed out before judging) could not judge. */
function unjudged(test: TestCase, result: TestResult): CheckRecord | undefined {
  const id = annotation(test, 'requirement');
  if (!id || !isRequirementId(id)) return undefined;
  const why = result.status === 'timedOut' ? 'the check ran out of time' : (result.error?.message ?? `the test ended ${result.status}`);
  return {
    id,
    name: annotation(test, 'check') ?? test.title,
    title: test.title,
    level: requirement(id).level,
    words: requirement(id).words,
    status: 'skipped',
    cases: 0,
    requests: 0,
    error: why.split('\n')[0],
    serverErrors: [],
    noAnswers: [],
  };
}

export default class ConformanceReporter implements Reporter {
  private readonly records = new Map<string, CheckRecord>();
  private readonly started = Date.now();
  private firstTestStart?: number;
  private lastTestEnd?: number;

  printsToStdio(): boolean {
    return false;
  }

  onBegin(_config: FullConfig): void {}

  onTestEnd(test: TestCase, result: TestResult): void {
    // First of all: Playwright's HTML and junit reporters, listed after this one, read the same objects.
    redactTestResult(test, result, redactionPolicy(), (path) => {
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
    // Retries would overwrite: the last attempt stands. Tests are keyed by id, so titles may repeat across files.
    if (attachment?.body) this.records.set(test.id, JSON.parse(attachment.body.toString('utf8')) as CheckRecord);
    else {
      const record = unjudged(test, result);
      if (record && result.status !== 'skipped') this.records.set(test.id, record);
    }
  }

  async onEnd(_result: FullResult): Promise<void> {
    const dir = reportDir(process.env);
    const records = [...this.records.values()];
    const info = runInfoFromEnv(process.env, Date.now() - this.started);
    if (this.firstTestStart !== undefined && this.lastTestEnd !== undefined) info.casePhaseMs = this.lastTestEnd - this.firstTestStart;
    writeRecords(dir, records);
    writeReports(dir, composeReport(records, info));
  }
}
