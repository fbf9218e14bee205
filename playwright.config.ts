// The suite runs as Playwright tests; `npm run certify` sets the environment this reads.
import { defineConfig } from '@playwright/test';
import { checkBudgetFor, defaults } from './src/runner/settings';

const timeoutMs = Number(process.env.CONFORMANCE_TIMEOUT_MS ?? defaults.timeoutMs);
const reportDir = process.env.REPORT_DIR || 'reports';
const shard = process.env.CONFORMANCE_SHARD;

export default defineConfig({
  testDir: './suites',
  fullyParallel: true,
  workers: Number(process.env.CONFORMANCE_WORKERS ?? 2),
  retries: 0,
  // A check is bounded by its budget (shrinking included); this leaves room to write its record.
  timeout: checkBudgetFor(timeoutMs) + 30_000,
  // The whole run is bounded too: a target that hangs cannot stall CI.
  globalTimeout: Number(process.env.CONFORMANCE_GLOBAL_TIMEOUT_MS ?? 15 * 60_000),
  outputDir: `${reportDir}/test-results`,
  reporter: [
    [process.env.CI ? 'dot' : 'list'],
    ['./src/report/conformanceReporter.ts'],
    // Playwright's own report, for the per-test view; never opened, CI keeps it as an artifact.
    ['html', { outputFolder: `${reportDir}/playwright`, open: 'never' }],
    // The junit reporter writes each annotation as a <property>: requirement, level, check, spec.
    ['junit', { outputFile: `${reportDir}/junit.xml` }],
    // After junit: files a judged non-conformance as <failure> (not <error>) and redacts the file.
    ['./src/report/junitFailures.ts'],
    // A shard also keeps Playwright's blob report, which `merge` combines into one Playwright report.
    ...(shard ? [['blob', { outputDir: `${reportDir}/blob`, fileName: `shard-${shard.replace('/', '-of-')}.zip` }] as const] : []),
  ],
  use: {
    baseURL: process.env.TARGET_URL,
  },
});
