// What is generated and committed stays current: the TypeScript types (from the schemas) and
// REQUIREMENTS.md (from the requirements, the checks and the catalogue). And the repository cites
// nothing outside itself: neither a clone nor the package holds ../shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');

for (const [what, script] of [['the generated types match the schemas', 'gen-types.ts'], ['REQUIREMENTS.md is current', 'requirements.ts']] as const) {
  test(what, () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', script), '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  });
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (['node_modules', '.git', 'dist', 'reports'].includes(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('nothing in the repository cites a path outside it', () => {
  const citing = files(root)
    .filter((path) => !path.endsWith('generated.test.ts'))
    .filter((path) => /\.\.\/shared|CONFORMANCE-RULES\.md/.test(readFileSync(path, 'utf8')))
    .map((path) => relative(root, path));
  assert.deepEqual(citing, []);
});
