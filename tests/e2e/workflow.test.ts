// The example GitHub Actions workflow fails its job on a non-conformant target: its Certify step
// (both shards of its matrix) and its merge step, run as written with the workflow's flags,
// exit non-zero against a broken server and zero against the reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReferenceServer, listen, close, type ReferenceOptions } from '../../src/reference/server';
import { runNode, type CertifyRun } from '../support/runCertify';

const root = join(__dirname, '..', '..');
const workflow = readFileSync(join(root, 'examples', 'github-actions', 'conformance.yml'), 'utf8');
// `npx stop-cis-session-conformance` runs the package's bin; in this clone that is the file itself.
const bin = join(root, 'bin', 'stop-cis-session-conformance.js');

/** A step's command words, after `npx stop-cis-session-conformance`. */
function stepWords(pattern: RegExp): string[] {
  const match = pattern.exec(workflow);
  assert.ok(match, `the workflow has the step ${pattern}`);
  const words = match[1].trim().split(/\s+/);
  assert.deepEqual(words.slice(0, 2), ['npx', 'stop-cis-session-conformance']);
  return words.slice(2);
}

async function runWorkflow(options: ReferenceOptions): Promise<{ shards: CertifyRun[]; merged: CertifyRun }> {
  const server = createReferenceServer(options);
  const url = await listen(server);
  const work = mkdtempSync(join(tmpdir(), 'workflow-'));
  try {
    const certify = stepWords(/- name: Certify\n\s+run: >\n((?:\s{10}.+\n)+)/).join(' ');
    const shards: CertifyRun[] = [];
    for (const shard of ['1', '2']) {
      const args = certify
        .replace('http://127.0.0.1:8080', url.toString())
        .replace('${{ github.run_id }}', '4242')
        .replace(/\$\{\{ matrix\.shard \}\}/g, shard)
        .replace(`reports/shard-${shard}`, join(work, 'shards', `conformance-shard-${shard}`))
        .split(' ');
      shards.push(await runNode([bin, ...args, '--runs', '40'], { TARGET_URL: '' }));
    }
    const merge = stepWords(/run: (npx stop-cis-session-conformance merge .+)\n/)
      .map((word) => (word === 'shards/*' ? [join(work, 'shards', 'conformance-shard-1'), join(work, 'shards', 'conformance-shard-2')] : [word === 'reports/merged' ? join(work, 'merged') : word]))
      .flat();
    const merged = await runNode([bin, ...merge], {});
    return { shards, merged };
  } finally {
    await close(server);
  }
}

test('the workflow fails its job on a non-conformant target', async () => {
  const { shards, merged } = await runWorkflow({ behaviour: { act: () => ({ status: 200, body: '{"ok":true}' }) } });
  assert.ok(shards.some((run) => run.code === 1), shards.map((run) => run.output).join('\n'));
  assert.equal(merged.code, 1, merged.output);
  assert.match(merged.output, /verdict: non-conformant/);
});

test('the workflow passes on the reference implementation', async () => {
  const { shards, merged } = await runWorkflow({});
  for (const run of shards) assert.equal(run.code, 0, run.output);
  assert.equal(merged.code, 0, merged.output);
});
