// The suite runs in Playwright: its global setup runs the engine (every check at once, one pool,
// one throttle gate), and one test per check renders that check's record. `certify` sets the one
// variable this reads (the run's settings).
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { settingsInChild, shrinkBudgetMs } from './src/settings';

const settings = settingsInChild(process.env);
// The worker only renders records: V8's size-over-speed mode costs it nothing that shows and
// saves ≈ 45 MB at the run's peak. Playwright forks its worker with the runner's execArgv; the
// runner itself (the engine) keeps full speed, since this is read after it started.
if (!process.execArgv.includes('--optimize-for-size')) process.execArgv.push('--optimize-for-size');
// The engine's case phase, shrinking after it, and a margin to write the records and the reports.
const bound = settings.maxDurationMs + shrinkBudgetMs(settings) + 120_000;
const reporter = (name: string) => join(__dirname, 'src', 'report', name);

export default defineConfig({
  testDir: join(__dirname, 'suites'),
  globalSetup: join(__dirname, 'src', 'runner', 'globalSetup'),
  // The tests only render records: one worker is plenty.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // A test renders one record: it takes milliseconds.
  timeout: 30_000,
  globalTimeout: bound,
  outputDir: join(settings.reportDir, 'test-results'),
  reporter: [
    // Before Playwright's own report: it redacts each result in place.
    [reporter('redactionReporter')],
    ['html', { outputFolder: join(settings.reportDir, 'playwright'), open: 'never' }],
    // A shard also keeps Playwright's blob report, which `merge` combines into one Playwright report.
    ...(settings.shard ? [['blob', { outputDir: join(settings.reportDir, 'blob'), fileName: `shard-${settings.shard.index}-of-${settings.shard.total}.zip` }] as const] : []),
  ],
});
