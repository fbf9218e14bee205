// The one settings parser: flags over the environment over .env, names that do not collide with a
// CI system's own variables, errors that say where a value came from, and the same settings read
// back in Playwright's processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKnownSelector } from '../../src/checks';
import { requirementRange } from '../../src/checks/requirements';
import { resolve } from 'node:path';
import { parseCertifyArgs, parseMergeArgs, settingsForChild, settingsInChild, sourcedEnv, SETTINGS_VARIABLE, UsageError, type SettingsDraft } from '../../src/settings';

const vocabulary = { isKnownSelector, selectorsHint: requirementRange() };
const COMMAND = 'npx stop-cis-session-conformance certify';

function parse(argv: string[], env: NodeJS.ProcessEnv = {}, dotenv?: string): SettingsDraft {
  const request = parseCertifyArgs(argv, sourcedEnv(env, dotenv, '.env'), vocabulary, COMMAND);
  assert.equal(request.kind, 'certify');
  return (request as { settings: SettingsDraft }).settings;
}

const rejects = (argv: string[], env: NodeJS.ProcessEnv, pattern: RegExp, dotenv?: string) =>
  assert.throws(() => parse(argv, env, dotenv), (error: unknown) => error instanceof UsageError && pattern.test(error.message));

test('a CI system\'s unrelated PROFILE, SEED, RUNS, ONLY, STRICT or SHARD changes nothing', () => {
  const plain = parse(['--seed', '1']);
  const stray = parse(['--seed', '1'], { PROFILE: 'dev', SEED: 'abc', RUNS: 'many', ONLY: 'nothing', STRICT: 'maybe', SHARD: '9/2', TIMEOUT_MS: 'x', SESSION_MODE: 'x', TRANSPORT: 'x' });
  assert.deepEqual({ ...stray, command: '' }, { ...plain, command: '' });
});

test('flags win over the environment, the environment over .env; prefixed names are read', () => {
  assert.equal(parse([], { CONFORMANCE_RUNS: '20' }, 'CONFORMANCE_RUNS=30').runs, 20);
  assert.equal(parse([], {}, 'CONFORMANCE_RUNS=30\n# CONFORMANCE_SEED=5').runs, 30);
  assert.equal(parse(['--runs', '10'], { CONFORMANCE_RUNS: '20' }).runs, 10);
  const s = parse([], { CONFORMANCE_STRICT: '1', CONFORMANCE_SESSION_MODE: 'start', CONFORMANCE_ONLY: 'M3,S1', CONFORMANCE_SHARD: '2/3', TARGET_URL: 'http://127.0.0.1:1/', REPORT_DIR: 'out' });
  assert.equal(s.strict, true);
  assert.equal(s.sessionMode, 'start');
  assert.deepEqual(s.only, ['M3', 'S1']);
  assert.deepEqual(s.shard, { index: 2, total: 3 });
  assert.equal(s.target?.toString(), 'http://127.0.0.1:1/');
  assert.equal(s.reportDir, 'out');
});

test('an error names where the bad value came from: the flag, the environment, or .env', () => {
  rejects(['--seed', 'x'], {}, /^--seed must be a whole number, not "x"\.$/);
  rejects([], { CONFORMANCE_SEED: 'x' }, /^CONFORMANCE_SEED \(from the environment\) must be a whole number/);
  rejects([], {}, /^CONFORMANCE_PROFILE \(from \.env\): unknown profile "dev"/, 'CONFORMANCE_PROFILE=dev');
  rejects([], { CONFORMANCE_ONLY: 'M99' }, /^CONFORMANCE_ONLY \(from the environment\): "M99" is neither a requirement id \(M1…M7, S1…S9, T1…T13\) nor a check name; see --list\.$/);
  rejects([], { AWS_ACCESS_KEY_ID: 'AKID' }, /^AWS_SECRET_ACCESS_KEY is not set while AWS_ACCESS_KEY_ID \(from the environment\) is/);
  rejects(['--target', 'ftp://x'], {}, /^--target: "ftp:\/\/x" is not an http:\/\/ or https:\/\/ URL/);
  rejects(['--frobnicate'], {}, /^unknown option "--frobnicate"; see --help\.$/);
  rejects(['--strict=1'], {}, /takes no value/);
});

test('-H is repeatable, and a header that is not "Name: value" is refused; the variable takes one per line', () => {
  assert.deepEqual(parse(['-H', 'x-api-key: abc123', '--header', 'X-Tenant:42']).headers, { 'x-api-key': 'abc123', 'X-Tenant': '42' });
  assert.deepEqual(parse([], { CONFORMANCE_HEADERS: 'x-api-key: abc\nx-b: c' }).headers, { 'x-api-key': 'abc', 'x-b': 'c' });
  rejects(['-H', 'no colon here'], {}, /^-H must be 'Name: value'/);
});

test('--help, --version, -h and --list are requests of their own', () => {
  for (const [argv, kind] of [[['--help'], 'help'], [['-h'], 'help'], [['--version'], 'version'], [['--list'], 'list']] as const) {
    assert.equal(parseCertifyArgs([...argv], sourcedEnv({}), vocabulary, COMMAND).kind, kind);
  }
  const replay = parseCertifyArgs(['--replay', 'r.json', 'validRequestAccepted'], sourcedEnv({}), vocabulary, COMMAND);
  assert.deepEqual(replay.kind === 'replay' && [replay.report, replay.check], ['r.json', 'validRequestAccepted']);
});

test('Playwright\'s processes read the same settings back; credentials stay out of the variable', () => {
  const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-access-key-value' };
  const draft = parse(['--seed', '3', '-H', 'x-api-key: k-123456789'], env);
  const settings = { ...draft, target: new URL('http://127.0.0.1:5/'), referenceTarget: false };
  const text = settingsForChild(settings);
  assert.ok(!text.includes('secret-access-key-value'));
  const back = settingsInChild({ ...env, [SETTINGS_VARIABLE]: text });
  const defined = (value: object) => JSON.parse(JSON.stringify(value)) as unknown;
  assert.deepEqual(defined(back), defined(settings));
  assert.equal(back.signing?.credentials.secretAccessKey, 'secret-access-key-value', 'read from the environment it inherits');
});

test('merge reads its two options as certify does: --flag value or --flag=value, then the environment, then .env', () => {
  const usage = 'merge DIR…';
  const merge = (argv: string[], env: NodeJS.ProcessEnv = {}, dotenv?: string) => parseMergeArgs(argv, sourcedEnv(env, dotenv, '.env'), usage);
  assert.deepEqual(merge(['a', '--report-dir=out', 'b']), { dirs: [resolve('a'), resolve('b')], reportDir: resolve('out') });
  assert.deepEqual(merge(['a', '--baseline', 'known.json'], { REPORT_DIR: 'from-env' }), { dirs: [resolve('a')], reportDir: resolve('from-env'), baseline: resolve('known.json') });
  assert.equal(merge(['a'], {}, 'CONFORMANCE_BASELINE=b.json').baseline, resolve('b.json'));
  assert.equal(merge(['a']).reportDir, resolve('reports'));
  const fails = (argv: string[], pattern: RegExp) => assert.throws(() => merge(argv), (error: unknown) => error instanceof UsageError && pattern.test(error.message));
  fails([], /^no shard directory given; usage: merge DIR…\.$/);
  fails(['a', '--seed', '1'], /^unknown option "--seed"; usage: merge DIR…\.$/);
  fails(['a', '--report-dir'], /^--report-dir needs a value \(DIR\)\.$/);
  fails(['a', '--report-dir', 'x', '--report-dir', 'y'], /given twice/);
});
