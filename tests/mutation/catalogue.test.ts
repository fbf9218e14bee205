// The variant catalogue itself: well-formed entries, the text helpers the parser variants rest on,
// and `FAULT=<name> npm run reference`, which serves a variant by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isRequirementId } from '../../src/checks/requirements';
import { variants } from '../../src/reference/variants';
import { duplicateKey, firstValue, join as joinTokens, mapNumbers, tokenize, withDoubleQuotes, withoutComments, withoutTrailingCommas } from '../../src/reference/variants/jsonText';
import { textVariants } from '../../src/reference/variants/text';
import { referenceBehaviour } from '../../src/reference/server';

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

test('each reader of the body\'s text deviates from the reference exactly where its description says', () => {
  const parseOf = (name: string) => {
    const parse = textVariants.find((v) => v.name === name)?.options.behaviour?.parse;
    assert.ok(parse, `${name} replaces the parse stage`);
    return parse;
  };
  /** What the variant makes of a body: 'refused' (not parsed), 'invalid' (parsed, fails validation) or 'valid'. */
  const read = (name: string, text: string): string => {
    const parsed = parseOf(name)(Buffer.from(text, 'utf8'));
    if (!parsed.ok) return 'refused';
    return referenceBehaviour.validate('StopCisSession', parsed.value).length > 0 ? 'invalid' : 'valid';
  };
  const stop = { scanJobId: '0123abcd-4567-89ef-0123-456789abcdef', sessionToken: 'fedcba98-7654-3210-fedc-ba9876543210', message: { status: 'SUCCESS', reason: 'a/b', progress: { totalChecks: 1 } } };
  const text = JSON.stringify(stop);
  for (const variant of textVariants) assert.equal(read(variant.name, text), 'valid', `${variant.name} reads the canonical body`);

  const ordered = 'members-read-in-sdk-order';
  assert.equal(read(ordered, JSON.stringify({ message: stop.message, scanJobId: stop.scanJobId, sessionToken: stop.sessionToken })), 'invalid');
  assert.equal(read(ordered, JSON.stringify({ ...stop, message: { progress: {}, status: 'FAILED' } })), 'invalid');
  assert.equal(read(ordered, JSON.stringify({ ...stop, message: { reason: 'r', status: 'FAILED', extra: 1, progress: {} } })), 'valid', 'optional and unknown members anywhere');

  const trailing = 'trailing-whitespace-refused';
  for (const end of ['\n', '\r\n', ' ', '\t']) assert.equal(read(trailing, text + end), 'refused', JSON.stringify(end));
  assert.equal(read(trailing, `\r\n ${text}`), 'valid', 'leading whitespace is not trailing data');

  const raw = 'escaped-member-names-unread';
  assert.equal(read(raw, text.replace('"scanJobId"', '"scan\\u004aobId"')), 'invalid');
  assert.equal(read(raw, text.replace('"SUCCESS"', '"SUCCES\\u0053"').replace('a/b', 'a\\/b')), 'valid', 'escapes in values are decoded');

  const python = 'json-nan-infinity-accepted';
  assert.equal(read(python, text.replace('"totalChecks":1', '"totalChecks":1,"extra":[NaN,-Infinity]')), 'valid');
  assert.equal(read(python, text.replace('"totalChecks":1', '"totalChecks":Infinity')), 'invalid', 'a count that is Infinity is no integer');
  assert.equal(read(python, text.replace('"totalChecks":1', '"totalChecks":1,"extra":0x1')), 'refused', 'only NaN and Infinity');

  const skipper = 'unknown-values-skipped-leniently';
  for (const junk of ['{a:1,}', "[/* c */ 'x',]", 'NaN', '[1 // c\n]', '0x1f']) {
    assert.equal(read(skipper, text.replace('"totalChecks":1', `"totalChecks":1,"extra":${junk}`)), 'valid', junk);
    assert.equal(read(skipper, text.replace('{"totalChecks":1}', `{"totalChecks":1},"computePlatform":{"extra":${junk}}`)), 'valid', `${junk} in computePlatform`);
  }
  assert.equal(read(skipper, text.replace('"totalChecks":1', '"totalChecks":NaN')), 'refused', 'a modelled member is read strictly');
  assert.equal(read(skipper, text.replace('"totalChecks":1', '"totalChecks":1,}')), 'refused', 'and so is a modelled object');
  assert.equal(read(skipper, `{"deep":${'['.repeat(20_000)}${']'.repeat(20_000)},${text.slice(1)}`), 'valid', 'skipped however deep');
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
