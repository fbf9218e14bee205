// Hosts the checks in Playwright. One worker runs the whole engine (a worker-scoped fixture that
// starts every selected check at once, all sending through one pool); each Playwright test awaits
// its own check's record, attaches it for the reporters, and shows its status the way Playwright
// can: a failure that counts for the verdict fails the test, a SHOULD warning passes with a
// `warning` annotation, a check that judged nothing is skipped with the reason. The test renders
// the check's status; it decides nothing.
import { test as base, type TestDetails, type TestInfo } from '@playwright/test';
import { preflightCheck, runWideChecks, selectedCaseChecks } from '../checks';
import { requirement } from '../checks/requirements';
import type { Check, CheckRecord } from '../checks/types';
import { countsForVerdict } from '../result/verdict';
import { recorderOf, settingsInChild, type Settings } from '../settings';
import { startRun, type Run } from './engine';
import { bulkTransport, fixtureTransport } from './transports';

/** The attachment that carries a check's record to the reporters. */
export const RECORD_ATTACHMENT = 'conformance-check';
/** The variable that carries the records of checks certify ran before Playwright (the check before judging). */
export const EARLIER_RECORDS_VARIABLE = 'CONFORMANCE_RUN_EARLIER';

/** Annotations and tags that carry a check's requirement into Playwright's report. */
export function detailsOf(check: Check): TestDetails {
  const req = requirement(check.requirement);
  return {
    tag: [`@${req.id}`, `@${req.level}`],
    annotation: [
      { type: 'requirement', description: `${req.id} ${req.level}` },
      { type: 'check', description: check.name },
      { type: 'spec', description: `${req.words} (${req.source}; REQUIREMENTS.md)` },
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
    `${record.id} ${record.level}: ${f.title}${f.caseDescription ? ` (${f.caseDescription})` : ''}`,
    `Expected: ${f.expected}`,
    `Received: ${f.received}`,
    `Reproduce: ${f.curl.length > 2000 ? `${f.curl.slice(0, 2000)}…` : f.curl}`,
    `Run again: ${f.replay}`,
  ].join('\n');
}

export async function showRecord(record: CheckRecord, settings: Settings, testInfo: TestInfo): Promise<void> {
  await testInfo.attach(RECORD_ATTACHMENT, { body: JSON.stringify(record), contentType: 'application/json' });
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

function earlierRecords(env: NodeJS.ProcessEnv): CheckRecord[] {
  const text = env[EARLIER_RECORDS_VARIABLE];
  return text ? (JSON.parse(text) as CheckRecord[]) : [];
}

export const test = base.extend<{ settings: Settings }, { run: Run; runSettings: Settings }>({
  runSettings: [async ({}, use) => use(settingsInChild(process.env)), { scope: 'worker' }],
  run: [
    async ({ playwright, runSettings: settings }, use) => {
      const bulk = bulkTransport(settings);
      const fixture = await fixtureTransport(settings, playwright.request, process.env);
      const run = startRun({
        settings,
        transports: { bulk, fixture },
        recorder: recorderOf(settings),
        checks: selectedCaseChecks(settings),
        runWide: runWideChecks,
        earlier: earlierRecords(process.env),
      });
      await use(run);
      await run.done.catch(() => undefined);
      await Promise.all([bulk.close(), fixture.close()]);
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  settings: async ({ runSettings }, use) => use(runSettings),
});

/** Declares one test per check of `ids` this run selected (and the run-wide checks of those ids). */
export function declareChecks(ids: readonly string[]): void {
  const settings = settingsInChild(process.env);
  const chosen: Check[] = [...selectedCaseChecks(settings), ...runWideChecks].filter((check) => ids.includes(check.requirement) && check !== preflightCheck);
  for (const check of chosen) {
    test(check.title, detailsOf(check), async ({ run, settings: s }, testInfo) => showRecord(await run.record(check.name), s, testInfo));
  }
}
