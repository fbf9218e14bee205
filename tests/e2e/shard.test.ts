// Sharding: two shards and a merge reach the same verdict and the same checks as one unsharded
// run with the same seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createReferenceServer, listen, close } from '../../src/reference/server';
import type { ConformanceReport } from '../../src/result/model';
import { outputsDisagree } from '../../src/cli/outputsAgree';
import { runCertify } from '../support/runCertify';

const root = join(__dirname, '..', '..');

function checksOf(dir: string): string[] {
  const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
  return report.checks.map((c) => `${c.id} ${c.name} ${c.status} ${c.judged}`).sort();
}

test('two shards merged equal one unsharded run', async () => {
  const server = createReferenceServer();
  const url = await listen(server);
  try {
    const dirs = ['whole', 'one', 'two', 'merged'].map((name) => mkdtempSync(join(tmpdir(), `shard-${name}-`)));
    const [whole, one, two, merged] = dirs;
    const common = ['--target', url.toString(), '--seed', '21', '--runs', '60'];
    const runs = await Promise.all([
      runCertify(common, { REPORT_DIR: whole }),
      runCertify([...common, '--shard', '1/2'], { REPORT_DIR: one }),
      runCertify([...common, '--shard', '2/2'], { REPORT_DIR: two }),
    ]);
    for (const run of runs) assert.equal(run.code, 0, run.output);
    assert.notDeepEqual(checksOf(one), checksOf(two), 'each shard ran a different slice');
    const mergeRun = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'merge', one, two, '--report-dir', merged], { cwd: root, encoding: 'utf8' });
    assert.equal(mergeRun.status, 0, `${mergeRun.stdout}${mergeRun.stderr}`);
    assert.match(mergeRun.stdout, /verdict: conformant/);
    assert.deepEqual(checksOf(merged), checksOf(whole));
    const mergedReport = JSON.parse(readFileSync(join(merged, 'conformance.json'), 'utf8')) as ConformanceReport;
    const wholeReport = JSON.parse(readFileSync(join(whole, 'conformance.json'), 'utf8')) as ConformanceReport;
    assert.equal(mergedReport.verdict, wholeReport.verdict);
    assert.equal(mergedReport.seed, 21);
    // Every output of the merge renders its one result; Playwright's blob reports of the shards are merged into one HTML report.
    assert.deepEqual(outputsDisagree(merged, mergeRun.status), []);
    assert.ok(existsSync(join(merged, 'playwright', 'index.html')), 'merged Playwright report');
    const junit = readFileSync(join(merged, 'junit.xml'), 'utf8');
    assert.equal(junit.match(/<testcase /g)?.length ?? 0, wholeReport.checks.length);
    assert.match(junit, /<testcase classname="M3 MUST"/);
  } finally {
    await close(server);
  }
});

test('merge refuses directories without shard reports, with a sentence', () => {
  const empty = mkdtempSync(join(tmpdir(), 'shard-empty-'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'merge', empty], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /holds no shard report/);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});
