// The suite runs as Playwright tests, in one worker that hosts the whole engine (one pool, one
// throttle gate for the run). `certify` sets the one variable this reads (the run's settings).
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { settingsInChild, shrinkBudgetMs } from './src/settings';

const settings = settingsInChild(process.env);
// The case phase, shrinking after it, and a margin to write the records.
const bound = settings.maxDurationMs + shrinkBudgetMs(settings) + 60_000;
const reporter = (name: string) => join(__dirname, 'src', 'report', name);

export default defineConfig({
  testDir: join(__dirname, 'suites'),
  // One worker: every check runs at once inside it, through one bounded pool (src/runner/engine.ts).
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: bound,
  globalTimeout: bound + 60_000,
  outputDir: join(settings.reportDir, 'test-results'),
  reporter: [
    [reporter('progressReporter')],
    // Before Playwright's own report: it redacts each result in place, and collects the records.
    [reporter('recordsReporter')],
    ['html', { outputFolder: join(settings.reportDir, 'playwright'), open: 'never' }],
    // A shard also keeps Playwright's blob report, which `merge` combines into one Playwright report.
    ...(settings.shard ? [['blob', { outputDir: join(settings.reportDir, 'blob'), fileName: `shard-${settings.shard.index}-of-${settings.shard.total}.zip` }] as const] : []),
  ],
  use: { baseURL: settings.target.toString() },
});
