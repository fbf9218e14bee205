// `merge DIR… [--report-dir OUT]`: combines the reports of shards (`certify --shard i/n`, same
// seed) into one verdict, one conformance.json and one conformance.html. The whole-run checks
// (M5, M7) are judged again over every shard's answers.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CheckRecord } from '../checks/types';
import { composeReport, type ConformanceReport } from '../report/model';
import { RECORDS_JSON, REPORT_JSON, writeRecords, writeReports } from '../report/write';
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

export async function merge(argv: string[], env: NodeJS.ProcessEnv): Promise<ConformanceReport> {
  const { dirs, reportDir } = parseMergeArgs(argv, env);
  const { report, records } = mergeShards(dirs.map(readShard));
  writeRecords(reportDir, records);
  writeReports(reportDir, report);
  return report;
}
