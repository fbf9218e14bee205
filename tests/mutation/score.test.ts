// The mutation score as CI runs it: every fault of the variant catalogue caught under the
// requirement it violates, neither the reference nor any conforming variant failed, and every
// run's outputs (exit code, conformance.json, junit.xml, conformance.html, summary.md) agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** stdout holds the table and the score line; stderr the progress lines. */
function runScore(): Promise<{ code: number | null; stdout: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'mutationScore.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Far above its few minutes on 2 cores; only a hang gets here.
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, output });
    });
  });
}

test('the suite catches every fault of the catalogue and raises no false alarm', async () => {
  const { code, stdout, output } = await runScore();
  const last = stdout.trimEnd().split('\n').pop() ?? '';
  const score = /^caught (\d+)\/(\d+) faults, false alarms (\d+)\/(\d+)$/.exec(last);
  assert.ok(score, `the last line is the score, not: ${last}\n${output}`);
  const [caught, faults, falseAlarms, clean] = score.slice(1).map(Number);
  assert.ok(faults >= 30, `the catalogue has ${faults} faults; it needs at least 30\n${output}`);
  assert.ok(clean >= 2, `only ${clean} implementations are expected to pass (the reference and the conforming variants)\n${output}`);
  assert.equal(caught, faults, `faults missed:\n${output}`);
  const agree = /^outputs agree \(exit code, conformance\.json, junit\.xml, conformance\.html, summary\.md\) in (\d+)\/(\d+) runs$/m.exec(stdout);
  assert.ok(agree && agree[1] === agree[2] && Number(agree[2]) === faults + clean, `outputs disagree:\n${output}`);
  assert.equal(falseAlarms, 0, `false alarms:\n${output}`);
  assert.equal(code, 0, output);
});
