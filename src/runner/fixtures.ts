// How the checks show in Playwright: one test per check this run selected, each rendering the
// record the engine wrote (src/runner/globalSetup.ts) the way Playwright can. A failure that counts
// for the verdict fails the test, with the finding as its message and no code frame; a SHOULD
// warning passes with a `warning` annotation; a check that judged nothing, or does not apply, is
// skipped with the reason. The tests decide nothing, and load nothing of the checks themselves.
import { test, type TestDetails, type TestInfo } from '@playwright/test';
import type { CheckRecord } from '../checks/types';
import { countsForVerdict } from '../result/verdict';
import { settingsInChild, type Settings } from '../settings';
import { readRecordsFile } from '../result/recordsFile';
import { findingOf } from '../report/finding';

/** The attachment that carries a check's record into Playwright's report. */
export const RECORD_ATTACHMENT = 'conformance-check';
/** The check before judging runs in certify, before Playwright: it has no test here. */
const BEFORE_JUDGING = 'knownValidRequestAnswered';

/** Annotations and tags that carry a check's requirement into Playwright's report. */
export function detailsOf(record: CheckRecord): TestDetails {
  return {
    tag: [`@${record.id}`, `@${record.level}`],
    annotation: [
      { type: 'requirement', description: `${record.id} ${record.level}` },
      { type: 'check', description: record.name },
      { type: 'spec', description: `${record.words} (REQUIREMENTS.md ${record.id})` },
    ],
  };
}

/** An error that is only its message: the report shows the finding, not the suite's code frame. */
function finding(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}

function describeFailure(record: CheckRecord): string {
  const f = record.failure;
  if (!f) return `${record.id} ${record.level}: ${record.title}: failed`;
  return [
    `${record.id} ${record.level}: ${findingOf(f)}`,
    `Expected: ${f.expected}`,
    `Received: ${f.received}`,
    `Reproduce: ${f.curl.length > 2000 ? `${f.curl.slice(0, 2000)}…` : f.curl}`,
    `Run again: ${f.replay}`,
  ].join('\n');
}

export async function showRecord(record: CheckRecord, settings: Settings, testInfo: TestInfo): Promise<void> {
  const { evidence: _evidence, ...shown } = record;
  await testInfo.attach(RECORD_ATTACHMENT, { body: JSON.stringify(shown), contentType: 'application/json' });
  const counts = countsForVerdict(record.level, settings.strict);
  switch (record.status) {
    case 'passed':
      testInfo.annotations.push({ type: 'judged', description: `${record.judged} case${record.judged === 1 ? '' : 's'}${record.note ? `; ${record.note}` : ''}` });
      return;
    case 'failed':
      if (counts) throw finding(describeFailure(record));
      testInfo.annotations.push({ type: 'warning', description: describeFailure(record) });
      return;
    case 'could-not-judge':
      if (counts) throw finding(`${record.id} ${record.level}: could not judge: ${record.error ?? ''}`);
      testInfo.skip(true, `could not judge: ${record.error ?? ''}`);
      return;
    case 'not-judged':
      testInfo.skip(true, `not judged: ${record.reason ?? ''}`);
      return;
    case 'skipped':
      testInfo.skip(true, record.reason ?? 'does not apply to this run');
  }
}

/** Declares one test per record of `ids` (requirement ids) the engine wrote; one failing test when it wrote none. */
export function declareChecks(ids: readonly string[]): void {
  const settings = settingsInChild(process.env);
  const file = readRecordsFile(settings.reportDir);
  if (!file) {
    test(`the engine's records of ${ids.join(', ')}`, () => {
      throw finding(`The engine wrote no records to ${settings.reportDir}; its error is above.`);
    });
    return;
  }
  for (const record of file.records.filter((r) => ids.includes(r.id) && r.name !== BEFORE_JUDGING)) {
    test(record.title, detailsOf(record), async ({}, testInfo) => showRecord(record, settings, testInfo));
  }
}
