// The run's progress as a CI log shows it: one line per check as its record comes in, marked by
// what it came to (✓ passed, ✗ failed, ⚠ warning, – not judged or skipped, ! could not judge), in
// at most 100 columns. It renders each check's record; it decides nothing.
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import type { CheckRecord } from '../checks/types';
import { RECORD_ATTACHMENT } from '../runner/fixtures';
import { countsForVerdict } from '../result/verdict';
import { settingsInChild } from '../settings';
import { fit, markOf } from './terminal';

export default class ProgressReporter implements Reporter {
  private readonly strict = settingsInChild(process.env).strict;

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    const attachment = result.attachments.find((a) => a.name === RECORD_ATTACHMENT && a.body);
    if (!attachment?.body) {
      if (result.error) process.stdout.write(`${fit(`! ${_test.title}: ${result.error.message?.split('\n')[0] ?? result.status}`)}\n`);
      return;
    }
    const record = JSON.parse(attachment.body.toString('utf8')) as CheckRecord;
    process.stdout.write(`${progressLine(record, this.strict)}\n`);
  }
}

export function progressLine(record: CheckRecord, strict: boolean): string {
  const mark = markOf(record.status, countsForVerdict(record.level, strict), record.level);
  const what =
    record.status === 'passed' ? `${record.judged} judged`
    : record.status === 'failed' ? (record.failure ? `${record.failure.title}: ${record.failure.received}` : 'failed')
    : record.status === 'could-not-judge' ? `could not judge: ${record.error ?? ''}`
    : `${record.status === 'skipped' ? 'skipped' : 'not judged'}: ${record.reason ?? ''}`;
  return fit(`${mark} ${record.id.padEnd(3)} ${record.name}  ${what}`);
}
