// Playwright fixtures that host the checks. Settings and the bulk transport are worker-scoped
// (one keep-alive client per worker); `conformance` is the thin per-test fixture a suite uses.
import { test as base, type TestInfo, type TestDetails } from '@playwright/test';
import { requirement } from '../checks/requirements';
import { CannotJudge, type Check, type CheckRecord, type CheckResult, type Settings } from '../checks/types';
import { RECORD_ATTACHMENT } from '../report/conformanceReporter';
import { httpTransport } from '../transport/httpTransport';
import { playwrightTransport } from '../transport/playwrightTransport';
import type { Transport } from '../transport/types';
import { signedIfConfigured } from '../transport/sigv4Transport';
import { signingFromEnv } from './credentials';
import { createCheckContext } from './context';
import { parseBoolean, settingsFromEnv } from './settings';

export interface ConformanceRunner {
  run(check: Check): Promise<void>;
}

/** Annotations and tags that carry a check's requirement into every Playwright report. */
export function detailsOf(check: Check): TestDetails {
  const req = requirement(check.requirement);
  return {
    tag: [`@${req.id}`, `@${req.level}`, `@${check.name}`],
    annotation: [
      { type: 'requirement', description: req.id },
      { type: 'level', description: req.level },
      { type: 'check', description: check.name },
      { type: 'spec', description: `${req.words} (${req.source})` },
    ],
  };
}

function formatFailure(check: Check, result: CheckResult): string {
  const f = result.failure;
  if (!f) return `${check.requirement} ${check.title}: failed`;
  return [
    `${check.requirement} ${requirement(check.requirement).level}: ${f.title}${f.caseDescription ? ` (${f.caseDescription})` : ''}`,
    `Expected: ${f.expected}`,
    `Received: ${f.received}`,
    `Reproduce: ${f.curl}`,
    `Replay: ${f.replay}`,
  ].join('\n');
}

async function runCheck(check: Check, settings: Settings, transport: Transport, testInfo: TestInfo): Promise<void> {
  const ctx = createCheckContext(settings, transport, check, { waitOutThrottling: check.waitOutThrottling });
  let result: CheckResult;
  try {
    result = await check.run(ctx);
  } catch (error) {
    if (!(error instanceof CannotJudge)) throw error;
    result = { status: 'skipped', cases: 0, error: error.message };
  }
  const req = requirement(check.requirement);
  const record: CheckRecord = {
    ...result,
    id: req.id,
    name: check.name,
    title: check.title,
    level: req.level,
    words: req.words,
    requests: ctx.requests(),
    serverErrors: ctx.serverErrors,
    noAnswers: ctx.noAnswers,
  };
  await testInfo.attach(RECORD_ATTACHMENT, { body: JSON.stringify(record), contentType: 'application/json' });
  if (result.error) throw new Error(`${check.requirement}: could not judge: ${result.error}`);
  if (result.status === 'failed') {
    if (req.level === 'MUST' || settings.strict) throw new Error(formatFailure(check, result));
    testInfo.annotations.push({ type: 'warning', description: formatFailure(check, result) });
  }
  if (result.status === 'skipped') testInfo.skip(true, result.note ?? 'nothing to judge');
}

export const test = base.extend<{ conformance: ConformanceRunner }, { settings: Settings; bulkTransport: Transport }>({
  settings: [
    async ({}, use) => {
      // Credentials (SigV4) and the throttling probe's opt-in travel as env, like every other setting.
      const signing = signingFromEnv(process.env);
      await use({ ...settingsFromEnv(process.env), signing, probeThrottling: parseBoolean('PROBE_THROTTLING', process.env.PROBE_THROTTLING) });
    },
    { scope: 'worker' },
  ],
  bulkTransport: [
    async ({ settings }, use) => {
      const transport = signedIfConfigured(httpTransport(settings.target), settings.target, settings.signing);
      await use(transport);
      await transport.close();
    },
    { scope: 'worker' },
  ],
  conformance: async ({ settings, bulkTransport, request }, use, testInfo) => {
    // TRANSPORT=playwright sends every case through the request fixture (slower; same verdicts).
    const viaFixture = () => signedIfConfigured(playwrightTransport(settings.target, request), settings.target, settings.signing);
    const transport = process.env.TRANSPORT === 'playwright' ? viaFixture() : bulkTransport;
    // Scenario checks (check.via) send their few requests through the request fixture whatever TRANSPORT says.
    await use({ run: (check) => runCheck(check, settings, check.via === 'request-fixture' ? viaFixture() : transport, testInfo) });
  },
});
