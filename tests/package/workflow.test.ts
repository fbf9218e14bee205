// The install path as CI users take it, and the example workflow run as written: the suite's
// repository packed into a release tarball, installed into an empty project with no network but
// the registry, `npx stop-cis-session-conformance certify` in both shards and `merge`, against a
// faulty implementation (the job fails) and the reference (it passes). The installed tree holds no
// TypeScript compiler and no package with an install script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { variantNamed } from '../../src/reference/variants';
import { outputsDisagree } from '../../src/cli/outputsAgree';
import { withServer } from '../support/withServer';
import { checkOutSuite, root } from '../support/suitePackage';

const workflow = readFileSync(join(root, 'examples', 'github-actions', 'conformance.yml'), 'utf8');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** The `run:` text of the first step named `name` (a `|` block or a `>` folded one). */
function stepRun(name: string): string {
  const match = new RegExp(`- name: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n(?:\\s+#.*\\n)*\\s+run: ([|>])\\n((?:\\s{10}.*\\n)+)`).exec(workflow);
  assert.ok(match, `the workflow has a step "${name}" with a run block`);
  const lines = match[2].split('\n').map((line) => line.trim()).filter(Boolean);
  return match[1] === '>' ? lines.join(' ') : lines.join('\n');
}

/** A one-line `run:` of the first step named `name`. */
function stepLine(name: string): string {
  const match = new RegExp(`- name: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n\\s+run: (.+)\\n`).exec(workflow);
  assert.ok(match, `the workflow has a step "${name}" with a one-line run`);
  return match[1];
}

const stepEnv = (): NodeJS.ProcessEnv => ({ ...process.env, CI: '1', TARGET_URL: '', REPORT_DIR: '' });

function bash(script: string, cwd: string): { code: number | null; output: string } {
  const run = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd, env: stepEnv(), encoding: 'utf8', timeout: 600_000 });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A step run while a server in this process answers: asynchronously. */
function bashAsync(script: string, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd, env: stepEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

function installScripts(modules: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    const dirs = name.startsWith('@') ? readdirSync(join(modules, name)).map((inner) => join(name, inner)) : [name];
    for (const dir of dirs) {
      const manifest = join(modules, dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const scripts = (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      if (['preinstall', 'install', 'postinstall'].some((hook) => hook in scripts)) found.push(dir);
    }
  }
  return found;
}


test('the example workflow, run as written: installed from its release tarball, it fails the job on a faulty target and passes the reference', async () => {
  const work = mkdtempSync(join(tmpdir(), 'workflow-'));
  const project = join(work, 'implementation');
  mkdirSync(project);
  execFileSync('npm', ['init', '-y'], { cwd: project, stdio: 'ignore' });
  checkOutSuite(join(project, 'conformance-suite'));

  const install = stepRun('Install the suite');
  assert.match(install, new RegExp(`stop-cis-session-conformance-${version.replace(/\./g, '\\.')}\\.tgz`), `the workflow installs this version's tarball (${version})`);
  const installed = bash(install.replace(/npm (ci|install) /g, 'npm $1 --prefer-offline '), project);
  assert.equal(installed.code, 0, installed.output);

  // Nothing compiles at run time, and nothing runs at install time.
  const modules = join(project, 'node_modules');
  const suite = join(modules, 'stop-cis-session-conformance');
  assert.ok(existsSync(join(suite, 'dist', 'src', 'cli', 'main.js')), 'the built suite is in the package');
  assert.ok(!existsSync(join(modules, 'tsx')) && !existsSync(join(modules, 'esbuild')) && !existsSync(join(modules, 'typescript')), 'no tsx, esbuild or typescript installed');
  assert.deepEqual(installScripts(modules), [], 'no installed package has an install script');
  for (const file of ['LICENSE', 'REQUIREMENTS.md', 'README.md']) assert.ok(existsSync(join(suite, file)), `${file} ships`);
  assert.ok(existsSync(join(suite, 'dist', 'src', 'index.d.ts')), 'the report\'s types ship');
  assert.ok(!existsSync(join(suite, 'src')) && !existsSync(join(suite, 'tests')), 'no TypeScript sources or self-tests ship');

  const certify = stepRun('Certify');
  const merge = stepLine('Merge the shards into one verdict');
  const runJob = async (url: URL, run: string) => {
    const dir = join(work, run);
    mkdirSync(join(dir, 'shards'), { recursive: true });
    for (const name of ['node_modules', 'package.json']) symlinkSync(join(project, name), join(dir, name));
    const shards = [];
    for (const shard of ['1', '2']) {
      shards.push(await bashAsync(`${certify.replace('http://127.0.0.1:8080', url.toString()).replace('${{ github.run_id }}', '4242').replace(/\$\{\{ matrix\.shard \}\}/g, shard)} --runs 40`, dir));
      bash(`mv reports/shard-${shard} shards/conformance-shard-${shard}`, dir);
    }
    return { shards, merged: await bashAsync(merge, dir), dir };
  };

  const faulty = await withServer(variantNamed('success-body-ok-true')?.options ?? {}, (url) => runJob(url, 'faulty'));
  assert.ok(faulty.shards.some((s) => s.code === 1), faulty.shards.map((s) => s.output).join('\n'));
  assert.equal(faulty.merged.code, 1, faulty.merged.output);
  assert.match(faulty.merged.output, /verdict: non-conformant/);
  assert.deepEqual(outputsDisagree(join(faulty.dir, 'reports', 'merged'), faulty.merged.code), []);
  // The hints are the command as the project runs it.
  const json = readFileSync(join(faulty.dir, 'reports', 'merged', 'conformance.json'), 'utf8');
  assert.match(json, /"replay": "npx stop-cis-session-conformance certify /);
  assert.doesNotMatch(json, /npm run certify/);

  const reference = await withServer({}, (url) => runJob(url, 'reference'));
  for (const shard of reference.shards) assert.equal(shard.code, 0, shard.output);
  assert.equal(reference.merged.code, 0, reference.merged.output);
  assert.ok(statSync(join(reference.dir, 'reports', 'merged', 'junit.xml')).size > 0);
});
