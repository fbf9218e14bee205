// `merge DIR… [--report-dir OUT]`: combines the reports of shards (`certify --shard i/n`, same
// seed) into one verdict, one conformance.json and one conformance.html. The whole-run checks
// (M5, M7) are judged again over every shard's answers.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { CheckRecord } from '../checks/types';
import { composeReport, type ConformanceReport } from '../report/model';
import { RECORDS_JSON, REPORT_JSON, REPORT_JUNIT, REPORT_PLAYWRIGHT, writeRecords, writeReports } from '../report/write';
import { UsageError } from '../runner/settings';

export const MERGE_USAGE = 'merge DIR… [--report-dir OUT]: the report directories of the shards of one run';

interface Shard {
  dir: string;
  report: ConformanceReport;
  records: CheckRecord[];
}

function readShard(dir: string): Shard {
  const reportPath = join(dir, REPORT_JSON);
  const recordsPath = join(dir, RECORDS_JSON);
  if (!existsSync(reportPath) || !existsSync(recordsPath)) {
    throw new UsageError(`${dir} holds no shard report (${REPORT_JSON} and ${RECORDS_JSON}); give the --report-dir of each shard.`);
  }
  return {
    dir,
    report: JSON.parse(readFileSync(reportPath, 'utf8')) as ConformanceReport,
    records: JSON.parse(readFileSync(recordsPath, 'utf8')) as CheckRecord[],
  };
}

export function mergeShards(shards: Shard[]): { report: ConformanceReport; records: CheckRecord[] } {
  const [first] = shards;
  for (const shard of shards) {
    if (shard.report.seed !== first.report.seed || shard.report.target !== first.report.target) {
      throw new UsageError(`${shard.dir} is from another run (target ${shard.report.target}, seed ${shard.report.seed}); shards must share target and seed.`);
    }
  }
  const records = shards.flatMap((shard) => shard.records);
  const starts = shards.map((shard) => Date.parse(shard.report.startedAt));
  const ends = shards.map((shard) => Date.parse(shard.report.startedAt) + shard.report.durationMs);
  const preflightRequests = shards.reduce(
    (sum, shard) => sum + shard.report.requests - shard.records.reduce((n, record) => n + record.requests, 0),
    0,
  );
  const inconclusive = shards.find((shard) => shard.report.inconclusiveReason);
  const report = composeReport(records, {
    target: first.report.target,
    seed: first.report.seed,
    suiteVersion: first.report.suiteVersion,
    startedAt: new Date(Math.min(...starts)).toISOString(),
    durationMs: Math.max(...ends) - Math.min(...starts),
    sessionMode: first.report.sessionMode,
    profile: first.report.profile,
    strict: first.report.strict,
    transport: first.report.transport,
    preflightRequests,
    inconclusiveReason: inconclusive?.report.inconclusiveReason,
  });
  return { report, records };
}

export function parseMergeArgs(argv: string[], env: NodeJS.ProcessEnv): { dirs: string[]; reportDir: string } {
  const dirs: string[] = [];
  let reportDir = env.REPORT_DIR || 'reports';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--report-dir') {
      const value = argv[++i];
      if (!value) throw new UsageError('--report-dir needs a directory.');
      reportDir = value;
    } else if (argv[i].startsWith('--')) {
      throw new UsageError(`unknown option "${argv[i]}"; usage: ${MERGE_USAGE}.`);
    } else dirs.push(resolve(argv[i]));
  }
  if (dirs.length === 0) throw new UsageError(`no shard directory given; usage: ${MERGE_USAGE}.`);
  return { dirs, reportDir: resolve(reportDir) };
}

/** The shards' Playwright blob reports, when every shard kept one (certify --shard does). */
function blobsOf(dirs: string[]): string[] | undefined {
  const blobs = dirs.map((dir) => {
    const blobDir = join(dir, 'blob');
    return existsSync(blobDir) ? readdirSync(blobDir).filter((name) => name.endsWith('.zip')).map((name) => join(blobDir, name)) : [];
  });
  return blobs.every((list) => list.length > 0) ? blobs.flat() : undefined;
}

/** Merges blob reports into one Playwright HTML report and one junit.xml, with Playwright's own merge-reports. */
async function mergePlaywrightReports(blobs: string[], reportDir: string): Promise<void> {
  const staging = mkdtempSync(join(tmpdir(), 'conformance-blobs-'));
  try {
    for (const blob of blobs) copyFileSync(blob, join(staging, basename(blob)));
    mkdirSync(reportDir, { recursive: true });
    const cli = require.resolve('@playwright/test/cli');
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(process.execPath, [cli, 'merge-reports', '--reporter', 'html,junit', staging], {
        env: {
          ...process.env,
          PLAYWRIGHT_HTML_OUTPUT_DIR: join(reportDir, REPORT_PLAYWRIGHT),
          PLAYWRIGHT_HTML_OPEN: 'never',
          PLAYWRIGHT_JUNIT_OUTPUT_FILE: join(reportDir, REPORT_JUNIT),
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

export async function merge(argv: string[], env: NodeJS.ProcessEnv): Promise<ConformanceReport> {
  const { dirs, reportDir } = parseMergeArgs(argv, env);
  const { report, records } = mergeShards(dirs.map(readShard));
  writeRecords(reportDir, records);
  writeReports(reportDir, report);
  const blobs = blobsOf(dirs);
  if (blobs) await mergePlaywrightReports(blobs, reportDir);
  return report;
}
