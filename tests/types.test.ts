// The TypeScript types are generated from the schemas; committed types that lag behind fail here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

test('the committed generated types match the schemas', () => {
  const root = join(__dirname, '..');
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'gen-types.ts'), '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
});
