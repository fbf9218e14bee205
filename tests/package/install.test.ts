// Installable: the packed tarball, installed into an empty project as a dev dependency, gives a
// working `npx stop-cis-session-conformance certify` (against the bundled reference).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

test('npm pack, installed into an empty project, certifies with npx', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: root, stdio: 'ignore' });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made a tarball');
  const project = join(dir, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'implementer', version: '1.0.0', private: true }));
  // The dependencies are the suite's own, already in npm's cache after `npm ci`.
  execFileSync('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', join(dir, tarball)], { cwd: project, stdio: 'ignore' });
  const reportDir = join(project, 'reports');
  const run = spawnSync('npx', ['stop-cis-session-conformance', 'certify', '--runs', '30', '--seed', '5'], {
    cwd: project,
    env: { ...process.env, TARGET_URL: '', REPORT_DIR: reportDir, CI: '1' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as { verdict: string; checks: unknown[] };
  assert.equal(report.verdict, 'conformant');
  assert.ok(report.checks.length >= 10);
  const help = spawnSync('npx', ['stop-cis-session-conformance', 'certify', '--help'], { cwd: project, encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--target URL/);
});
