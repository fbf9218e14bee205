// The variant catalogue itself: well-formed entries, the text helpers the parser variants rest on,
// and `FAULT=<name> npm run reference`, which serves a variant by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isRequirementId } from '../../src/checks/requirements';
import { variants } from '../../src/reference/variants';
import { duplicateKey, firstValue, join as joinTokens, mapNumbers, tokenize, withDoubleQuotes, withoutComments, withoutTrailingCommas } from '../../src/reference/variants/jsonText';

const root = join(__dirname, '..', '..');

test('every variant has a kebab-case name, a description, and a faulty one the requirement it violates', () => {
  for (const variant of variants) {
    assert.match(variant.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, variant.name);
    assert.ok(variant.description.length > 20, `${variant.name} says what it does`);
    if (variant.kind === 'faulty') assert.ok(variant.violates && isRequirementId(variant.violates), `${variant.name} names a requirement`);
    else assert.equal(variant.violates, undefined, `${variant.name} is conforming and violates nothing`);
  }
});

test('the tokenizer gives back its input, and each rewrite changes only what it names', () => {
  const text = `{"a\\"b": 'x\\'y', // c\n "n": [1.0, 2e3, -4], /* d */ "s": "1.0,}",}`;
  assert.equal(joinTokens(tokenize(text)), text);
  assert.equal(withoutComments('{"a":"//not"}//yes\n'), '{"a":"//not"} \n');
  assert.equal(withoutTrailingCommas('{"a":[1,2,],"b":",}",}'), '{"a":[1,2],"b":",}"}');
  assert.deepEqual(JSON.parse(withDoubleQuotes(`{'a': 'it\\'s "x"'}`)), { a: `it's "x"` });
  assert.equal(mapNumbers('{"a":1.0,"b":"1.0"}', (t) => `<${t}>`), '{"a":<1.0>,"b":"1.0"}');
  assert.equal(firstValue(' {"a":[1,{}]} trailing'), '{"a":[1,{}]}');
  assert.equal(firstValue('{"a":'), undefined);
  assert.equal(duplicateKey('{"a":{"b":1,"c":2},"d":{"b":3}}'), undefined);
  assert.equal(duplicateKey('{"a":1,"\\u0061":2}'), 'a');
  assert.equal(duplicateKey('{"m":{"s":1,"s":2}}'), 's');
});

function serve(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; url?: URL; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'reference', 'main.ts')], {
      cwd: root,
      env: { ...process.env, PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const stop = () => child.kill('SIGTERM');
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (url) resolve({ code: null, stdout, stderr, url: new URL(url), stop });
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr, stop }));
  });
}

test('FAULT=<unknown> exits 2 with a sentence that lists the known variants', async () => {
  const run = await serve({ FAULT: 'no-such-variant' });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^FAULT="no-such-variant" names no variant; known variants: .*uuid-pattern-unanchored.*\.$/m);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
});

test('FAULT=<name> serves that variant', async () => {
  const run = await serve({ FAULT: 'status-case-folded' });
  assert.ok(run.url, `it listens: ${run.stdout}${run.stderr}`);
  try {
    assert.match(run.stdout, /as variant status-case-folded \(faulty, violates M3\)/);
    const body = { scanJobId: '0123abcd-4567-89ef-0123-456789abcdef', sessionToken: 'fedcba98-7654-3210-fedc-ba9876543210', message: { status: 'success', progress: {} } };
    const response = await fetch(new URL('/cissession/stop', run.url), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(response.status, 200, 'a lower-case status passes this variant');
  } finally {
    run.stop();
  }
});
