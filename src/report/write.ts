// The report directory: made (and checked) before anything runs, cleared of an earlier run's
// outputs, and written with every output of the one result. Every run writes conformance.json,
// conformance.html, junit.xml and summary.md, an inconclusive one included.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { redactDeep, type RedactionPolicy } from '../evidence/redact';
import type { ConformanceReport } from '../result/model';
import { UsageError } from '../settings';
import { renderHtml } from './html';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';

export const REPORT_JSON = 'conformance.json';
export const REPORT_HTML = 'conformance.html';
export const REPORT_JUNIT = 'junit.xml';
export const REPORT_MARKDOWN = 'summary.md';
/** Playwright's own HTML report, a folder. */
export const REPORT_PLAYWRIGHT = 'playwright';
import { RECORDS_JSON } from '../result/recordsFile';

/** Everything a run writes, removed at the start of the next so no output of an earlier run is taken for this one's. */
const OUTPUTS = [REPORT_JSON, REPORT_HTML, REPORT_JUNIT, REPORT_MARKDOWN, RECORDS_JSON, REPORT_PLAYWRIGHT, 'test-results', 'blob', 'screenshots'];

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EEXIST':
      return 'it is a file, not a directory';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOENT':
      return 'it cannot be created there';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return code ?? String(error);
  }
}

/**
 * Makes `dir`, proves it writable with a probe file, and removes an earlier run's outputs. A
 * directory that cannot hold the reports is the user's to fix: one sentence, before any request.
 */
/**
 * mkdir -p one directory at a time. Node's own recursive mkdir loops for ever on some paths
 * (under /proc it keeps getting ENOENT and trying again); this fails at the first level it cannot make.
 */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const path of missing) mkdirSync(path);
}

export function prepareReportDir(dir: string, origin: string): void {
  try {
    makeDirectory(dir);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'EEXIST' });
    const probe = join(dir, `.conformance-write-probe-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (error) {
    throw new UsageError(`${origin}: cannot write the reports to ${dir} (${why(error)}); give a directory the suite may create and write, with --report-dir or REPORT_DIR.`);
  }
  for (const name of OUTPUTS) rmSync(join(dir, name), { recursive: true, force: true });
}

/** Every rendering of the one result. Redacted once more before anything reaches a file. */
export function writeOutputs(dir: string, raw: ConformanceReport, policy: RedactionPolicy): ConformanceReport {
  makeDirectory(dir);
  const report = redactDeep(raw, policy);
  const json = join(dir, REPORT_JSON);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, REPORT_HTML), renderHtml(report, { reportJson: json }));
  writeFileSync(join(dir, REPORT_JUNIT), renderJunit(report, { reportJson: json }));
  writeFileSync(join(dir, REPORT_MARKDOWN), renderMarkdown(report, { reportJson: json }));
  return report;
}

export function readReport(path: string): ConformanceReport {
  return JSON.parse(readFileSync(path, 'utf8')) as ConformanceReport;
}
