// `merge DIR… [--report-dir OUT]`: combines the reports of shards (`certify --shard i/n`, same
// seed) into one result, composed once as certify composes one. The run-wide checks (M5, M7, S3)
// judge again, over every shard's tallies; every output is rendered from that one result.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { preflightCheck, runWideChecks } from '../checks';
import type { CheckRecord } from '../checks/types';
import { compareWithBaseline, readBaseline } from '../result/baseline';
import { composeReport, mergedTraffic } from '../result/compose';
import type { ConformanceReport, Traffic } from '../result/model';
import { judgeRunWide } from '../runner/engine';
import { prepareReportDir, readReport, REPORT_JSON, REPORT_PLAYWRIGHT, writeOutputs } from '../report/write';
import { readRecordsFile, RECORDS_JSON, writeRecordsFile } from '../result/recordsFile';
import { BASELINE_POLICY } from '../evidence/redact';
import { parseMergeArgs, UsageError, type Settings, type SourcedEnv } from '../settings';
import { publishToGithub } from './github';
import { suiteVersion } from './paths';

export const MERGE_USAGE = 'merge DIR… [--report-dir OUT] [--baseline FILE]: the report directories of the shards of one run';

interface Shard {
  dir: string;
  report: ConformanceReport;
  records: CheckRecord[];
  traffic?: Traffic;
}

function readShard(dir: string): Shard {
  const file = readRecordsFile(dir);
  if (!existsSync(join(dir, REPORT_JSON)) || !file) {
    throw new UsageError(`${dir} holds no shard report (${REPORT_JSON} and ${RECORDS_JSON}); give the --report-dir of each shard.`);
  }
  return { dir, report: readReport(join(dir, REPORT_JSON)), records: file.records, traffic: file.traffic };
}

/** The settings the shards ran with, as their reports say (the same in every shard of one run). */
function settingsOf(report: ConformanceReport, reportDir: string): Settings {
  return {
    target: new URL(report.target),
    referenceTarget: false,
    seed: report.seed,
    runs: report.runs,
    timeoutMs: 0,
    concurrency: report.concurrency,
    concurrencyMode: report.traffic?.inFlight.mode ?? 'fixed',
    maxDurationMs: 0,
    throttlePatienceMs: 0,
    strict: report.strict,
    sessionMode: report.sessionMode,
    profile: report.profile,
    transport: report.transport === 'playwright' ? 'playwright' : 'http',
    only: [],
    probeThrottling: false,
    headers: {},
    insecure: report.insecure ?? false,
    reportDir,
    command: report.command,
  };
}

export function mergeShards(shards: Shard[], reportDir: string): { report: ConformanceReport; records: CheckRecord[] } {
  const [first] = shards;
  for (const shard of shards) {
    if (shard.report.seed !== first.report.seed || shard.report.target !== first.report.target) {
      throw new UsageError(`${shard.dir} is from another run (target ${shard.report.target}, seed ${shard.report.seed}); shards must share target and seed.`);
    }
  }
  const runWide = new Set(runWideChecks.map((c) => c.name));
  // Every shard sent the same check before judging: one record of it stands for all, as in one
  // unsharded run, and the run-wide checks judge again over it and every shard's case checks.
  const before = first.records.filter((r) => r.name === preflightCheck.name);
  const cases = shards.flatMap((shard) => shard.records.filter((r) => !runWide.has(r.name) && r.name !== preflightCheck.name));
  const settings = settingsOf(first.report, reportDir);
  const records = [...before, ...cases, ...judgeRunWide(runWideChecks, [...before, ...cases], settings)];
  const starts = shards.map((shard) => Date.parse(shard.report.startedAt));
  const ends = shards.map((shard) => Date.parse(shard.report.startedAt) + shard.report.durationMs);
  const broke = shards.find((shard) => shard.report.inconclusiveReason && !shard.records.some((r) => r.stopsRun));
  const report = composeReport(records, settings, {
    suiteVersion: suiteVersion(),
    startedAt: new Date(Math.min(...starts)),
    durationMs: Math.max(...ends) - Math.min(...starts),
    traffic: mergedTraffic(shards.map((shard) => shard.traffic)),
    ...(broke ? { runFailure: `${broke.dir}: ${broke.report.inconclusiveReason}` } : {}),
  });
  return { report, records };
}

/** The shards' Playwright blob reports, when every shard kept one (certify --shard does). */
function blobsOf(dirs: string[]): string[] | undefined {
  const blobs = dirs.map((dir) => {
    const blobDir = join(dir, 'blob');
    return existsSync(blobDir) ? readdirSync(blobDir).filter((name) => name.endsWith('.zip')).map((name) => join(blobDir, name)) : [];
  });
  return blobs.every((list) => list.length > 0) ? blobs.flat() : undefined;
}

/** Merges blob reports into one Playwright HTML report, with Playwright's own merge-reports. */
async function mergePlaywrightReports(blobs: string[], reportDir: string): Promise<void> {
  const staging = mkdtempSync(join(tmpdir(), 'conformance-blobs-'));
  try {
    for (const blob of blobs) copyFileSync(blob, join(staging, basename(blob)));
    mkdirSync(reportDir, { recursive: true });
    const cli = require.resolve('@playwright/test/cli');
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(process.execPath, [cli, 'merge-reports', '--reporter', 'html', staging], {
        env: {
          ...process.env,
          PLAYWRIGHT_HTML_OUTPUT_DIR: join(reportDir, REPORT_PLAYWRIGHT),
          PLAYWRIGHT_HTML_OPEN: 'never',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('error', fail);
      child.on('exit', done);
    });
    if (code !== 0) throw new Error(`playwright merge-reports exited ${code}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export async function merge(argv: string[], env: SourcedEnv, say: (line: string) => void = () => {}): Promise<ConformanceReport> {
  const { dirs, reportDir, baseline } = parseMergeArgs(argv, env, MERGE_USAGE);
  const expectations = baseline ? readBaseline(baseline) : undefined;
  const shards = dirs.map(readShard);
  prepareReportDir(reportDir, 'the merged report directory (--report-dir, REPORT_DIR)');
  const merged = mergeShards(shards, reportDir);
  const records = merged.records;
  const report = baseline && expectations ? compareWithBaseline(merged.report, expectations, baseline) : merged.report;
  writeRecordsFile(reportDir, { records, traffic: report.traffic });
  // Shard records were redacted when written; the baseline policy catches what any later text holds.
  const written = writeOutputs(reportDir, report, BASELINE_POLICY);
  publishToGithub(written, join(reportDir, REPORT_JSON), env.values, say);
  const blobs = blobsOf(dirs);
  if (blobs) await mergePlaywrightReports(blobs, reportDir);
  return report;
}
