// The one-step gates, read and run as GitHub and GitLab would: action.yml (a composite action) and
// ci/gitlab/stop-cis-session-conformance.yml (an includable job). Both are read with the strict
// YAML reader of tests/support; every input or variable is one of certify's documented
// environment names (from optionSpecs, the table --help prints) or one of the files' own; and
// their shell steps run as written, with the inputs substituted, from the release tarball with no
// network but npm's cache: the reference passes (exit 0, outputs written), a faulty variant of the
// catalogue fails (exit 1, failed-requirements names the requirement it violates).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaults, optionSpecs, type OptionSpec } from '../../src/settings';
import { preflightCheck, runWideChecks } from '../../src/checks';
import { REPORT_HTML, REPORT_JSON, REPORT_JUNIT } from '../../src/report/write';
import { outputsDisagree } from '../../src/cli/outputsAgree';
import { variantNamed } from '../../src/reference/variants';
import type { ConformanceReport } from '../../src/result/model';
import type http from 'node:http';
import { referenceBehaviour } from '../../src/reference/server';
import { withServer } from '../support/withServer';
import { readGithubOutput } from '../support/githubOutput';
import { checkOutSuite, npmProject, packSuite, root } from '../support/suitePackage';
import { listAt, mappingAt, readYamlSubset, stringAt, type Yaml } from '../support/yamlSubset';

const ACTION = 'action.yml';
const GITLAB = join('ci', 'gitlab', 'stop-cis-session-conformance.yml');
const actionText = readFileSync(join(root, ACTION), 'utf8');
const gitlabText = readFileSync(join(root, GITLAB), 'utf8');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** certify's options by the environment variable that sets each: what the CLI reads. */
const optionByEnv = new Map(optionSpecs.filter((s): s is OptionSpec & { env: string } => s.env !== undefined).map((s) => [s.env, s]));
/** The files' own variables (which suite, anything else for its command line): the CLI reads none of them. */
const OWN = /^STOP_CIS_SESSION_CONFORMANCE_[A-Z_]+$/;
/** The options the issue names, as inputs, and the option each sets: `--<input>`, but for these two. */
const OPTION_INPUTS = ['target-url', 'baseline', 'strict', 'session-mode', 'profile', 'concurrency', 'concurrency-mode', 'headers', 'ca-cert', 'insecure', 'report-dir'];
const FLAG_OF: Record<string, string> = { 'target-url': '--target', headers: '--header' };
const flagOf = (input: string) => FLAG_OF[input] ?? `--${input}`;

// ——— the files, read ———

const action = mappingAt(readYamlSubset(actionText, ACTION), ACTION);
const inputs = mappingAt(action.inputs, 'inputs');
const steps = listAt(mappingAt(action.runs, 'runs').steps, 'runs.steps').map((step, i) => mappingAt(step, `runs.steps[${i}]`));
const certifyStep = steps.find((step) => step.id === 'certify');
const stepEnv = mappingAt(certifyStep?.env, 'the certify step\'s env');

const gitlab = mappingAt(readYamlSubset(gitlabText, GITLAB), GITLAB);
const template = mappingAt(gitlab['.stop-cis-session-conformance'], '.stop-cis-session-conformance');
const gitlabVariables = mappingAt(template.variables, '.stop-cis-session-conformance.variables');

test('the strict YAML reader refuses what it does not read, and reads these files as a full YAML parser does', (t) => {
  for (const [text, why] of [
    ['a: {b: 1}\n', /plain scalar starting with "\{"/],
    ['a: &x 1\n', /plain scalar starting with "&"/],
    ['a: 1 # note\n', /comment after a value/],
    ['a:\n  b: 1\n    c: 2\n', /indented deeper/],
    ['a: 1\na: 2\n', /the key "a" twice/],
    ['a:\n', /a key with no value/],
    ['---\na: 1\n', /document marker/],
  ] as const) assert.throws(() => readYamlSubset(text, 'x.yml'), why, text);
  assert.deepEqual(readYamlSubset("a:\n  - b: 'it''s'\n    c: |\n      one\n        two\n  - \"q\\\"\"\nd: >\n  x\n  y\n", 'x.yml'), { a: [{ b: "it's", c: 'one\n  two\n' }, 'q"'], d: 'x y\n' });

  // js-yaml arrives with a development tool, not as the project's own: a cross-check when present.
  let load: ((text: string) => unknown) | undefined;
  try {
    load = (require('js-yaml') as { load(text: string): unknown }).load;
  } catch {
    t.diagnostic('js-yaml is not installed: the files are read by the strict reader alone');
  }
  if (!load) return;
  const asStrings = (value: unknown): unknown => (Array.isArray(value) ? value.map(asStrings) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asStrings(v)])) : String(value));
  assert.deepEqual(readYamlSubset(actionText, ACTION), asStrings(load(actionText)));
  assert.deepEqual(readYamlSubset(gitlabText, GITLAB), asStrings(load(gitlabText)));
});

test('action.yml: every option input sets its option\'s documented environment variable, and only through it', () => {
  assert.equal(mappingAt(action.runs, 'runs').using, 'composite');
  assert.deepEqual(Object.keys(inputs).sort(), [...OPTION_INPUTS, 'args', 'version', 'node-version', 'artifact-name'].sort());
  assert.equal(mappingAt(inputs['target-url'], 'target-url').required, 'true');
  for (const [name, spec] of Object.entries(inputs)) assert.ok(stringAt(mappingAt(spec, name).description, `${name}.description`).length > 0, `${name} is described`);
  assert.ok(certifyStep, 'a step with id certify');
  assert.equal(certifyStep.shell, 'bash');

  const setBy = (input: string) => Object.entries(stepEnv).filter(([, value]) => value === `\${{ inputs.${input} }}`).map(([envName]) => envName);
  for (const input of OPTION_INPUTS) {
    const [envName, ...more] = setBy(input);
    assert.equal(more.length, 0, `${input} sets one variable`);
    assert.equal(optionByEnv.get(envName)?.flag, flagOf(input), `${input} sets ${envName}, which certify reads as ${flagOf(input)}`);
    assert.match(stringAt(mappingAt(inputs[input], input).description, input), new RegExp(`\\(${envName}\\)$`), `${input}'s description names ${envName}`);
  }
  for (const input of ['args', 'version']) assert.match(setBy(input)[0] ?? '', OWN, `${input} is the action's own`);
  for (const [envName, value] of Object.entries(stepEnv)) {
    assert.ok(optionByEnv.has(envName) || OWN.test(envName), `${envName} is an option's variable or the action's own`);
    assert.ok(!(OWN.test(envName) && optionByEnv.has(envName)), `${envName} is not read by certify`);
    assert.match(stringAt(value, envName), /^\$\{\{ (inputs\.[a-z-]+|github\.action_path) \}\}$/, `${envName} is an input as given`);
  }
  // The shell script holds no expression: an input reaches it as a variable, never as shell text.
  assert.doesNotMatch(stringAt(certifyStep.run, 'run'), /\$\{\{/);
  assert.equal(mappingAt(inputs['report-dir'], 'report-dir').default, defaults.reportDir, 'the default report folder is certify\'s');
});

test('action.yml: Node is set up, the outputs are the ones certify writes, and the report folder is uploaded even when certify fails', () => {
  const setup = steps.find((step) => typeof step.uses === 'string' && step.uses.startsWith('actions/setup-node@'));
  assert.ok(setup && steps.indexOf(setup) < steps.indexOf(certifyStep!), 'setup-node runs before certify');
  assert.equal(mappingAt(setup.with, 'setup-node.with')['node-version'], '${{ inputs.node-version }}');
  const outputs = mappingAt(action.outputs, 'outputs');
  assert.deepEqual(Object.keys(outputs), ['verdict', 'report-dir', 'failed-requirements']);
  for (const [name, output] of Object.entries(outputs)) assert.equal(mappingAt(output, name).value, `\${{ steps.certify.outputs.${name} }}`);
  const upload = steps.find((step) => typeof step.uses === 'string' && step.uses.startsWith('actions/upload-artifact@'));
  assert.ok(upload && steps.indexOf(upload) > steps.indexOf(certifyStep!), 'the upload follows certify');
  assert.match(stringAt(upload.if, 'upload.if'), /^always\(\)/);
  const uploaded = mappingAt(upload.with, 'upload.with');
  assert.equal(uploaded.path, '${{ steps.certify.outputs.report-dir || inputs.report-dir }}');
  assert.equal(uploaded.name, '${{ inputs.artifact-name }}');
});

test('the GitLab job: a hidden template with a variable for each of the action\'s options, the JUnit report and the report folder kept either way', () => {
  assert.equal(mappingAt(gitlab['stop-cis-session-conformance'], 'job').extends, '.stop-cis-session-conformance');
  const cliNames = Object.keys(gitlabVariables).filter((name) => optionByEnv.has(name));
  const actionCliNames = Object.keys(stepEnv).filter((name) => optionByEnv.has(name));
  assert.deepEqual(cliNames.sort(), actionCliNames.sort(), 'the same options as the action\'s');
  for (const name of Object.keys(gitlabVariables)) assert.ok(optionByEnv.has(name) || OWN.test(name), `${name} is an option's variable or the job's own`);
  assert.deepEqual(Object.keys(gitlabVariables).filter((name) => OWN.test(name)).sort(), Object.keys(stepEnv).filter((name) => OWN.test(name) && !name.endsWith('_ACTION_PATH')).sort());
  assert.equal(gitlabVariables.REPORT_DIR, defaults.reportDir);
  const artifacts = mappingAt(template.artifacts, 'artifacts');
  assert.equal(artifacts.when, 'always');
  assert.equal(mappingAt(artifacts.reports, 'artifacts.reports').junit, `$REPORT_DIR/${REPORT_JUNIT}`);
  assert.deepEqual(artifacts.paths, ['$REPORT_DIR/']);
  const script = listAt(template.script, 'script');
  assert.equal(script.length, 1);
  // The suite it falls back to is this version, and the include it shows names this version's tag.
  assert.match(stringAt(script[0], 'script'), new RegExp(`\\$\\{spec:=${version.replace(/\./g, '\\.')}\\}`));
  assert.match(gitlabText, new RegExp(`/v${version.replace(/\./g, '\\.')}/ci/gitlab/stop-cis-session-conformance\\.yml`));
  assert.match(actionText, new RegExp(`stop-cis-session-conformance@v${version.replace(/\./g, '\\.')}\\n`));
});

// ——— the steps, run ———

const work = mkdtempSync(join(tmpdir(), 'ci-adoption-'));
const actionPath = join(work, 'suite-checkout');
let packed: string | undefined;
/** The release tarball, packed (and built) the first time a test needs it; its checkout is the action's path. */
function suiteTarball(): string {
  packed ??= packSuite(work);
  return packed;
}

after(() => {
  // npm exec keeps what it installed in its cache, under _npx: the installs of this run's tarball go.
  const npx = join(execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim(), '_npx');
  if (packed && existsSync(npx)) {
    for (const dir of readdirSync(npx)) {
      const manifest = join(npx, dir, 'package.json');
      if (existsSync(manifest) && readFileSync(manifest, 'utf8').includes(work)) rmSync(join(npx, dir), { recursive: true, force: true });
    }
  }
  rmSync(work, { recursive: true, force: true });
});

interface StepRun {
  code: number | null;
  output: string;
  outputs: Record<string, string>;
  summary: string;
}

/** The environment a CI step starts from here: this machine's, less any option certify would read. */
function ciEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!optionByEnv.has(name) && !OWN.test(name)) env[name] = value;
  // Packages come from npm's cache, as in the workflow test: no network but the registry, and that only for a miss.
  return { ...env, CI: 'true', npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
}

function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const file = join(mkdtempSync(join(work, 'step-')), 'step.sh');
  writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    // As GitHub runs `shell: bash` (and GitLab a job's script): errexit and pipefail.
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** The action's certify step as the runner runs it: its env with `${{ … }}` substituted, its run: in the workspace. */
async function runAction(given: Record<string, string>, workspace: string, base: NodeJS.ProcessEnv = ciEnvironment()): Promise<StepRun> {
  for (const name of Object.keys(given)) assert.ok(name in inputs, `the action has an input ${name}`);
  const valueOf = (expression: string): string => {
    const input = /^inputs\.([a-z-]+)$/.exec(expression)?.[1];
    if (input) return given[input] ?? (mappingAt(inputs[input], input).default as string | undefined) ?? '';
    if (expression === 'github.action_path') {
      // The action's path is the suite's repository as `uses:` checks it out (the tarball is packed from the same).
      if (!existsSync(join(actionPath, 'package.json'))) checkOutSuite(actionPath);
      return actionPath;
    }
    throw new Error(`an expression the test does not know: ${expression}`);
  };
  const files = mkdtempSync(join(work, 'runner-'));
  const env: NodeJS.ProcessEnv = { ...base, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: join(files, 'output'), GITHUB_STEP_SUMMARY: join(files, 'summary') };
  writeFileSync(env.GITHUB_OUTPUT!, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY!, '');
  for (const [name, value] of Object.entries(stepEnv)) env[name] = stringAt(value, name).replace(/\$\{\{ ([^}]+) \}\}/g, (_m, e: string) => valueOf(e));
  const run = await runBash(stringAt(certifyStep!.run, 'run'), workspace, env);
  return { ...run, outputs: readGithubOutput(readFileSync(env.GITHUB_OUTPUT!, 'utf8')), summary: readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8') };
}

/** The GitLab job's script as a runner runs it: the job's variables (with the user's) in the environment, in the project folder. */
function runGitlabJob(variables: Record<string, string>, project: string, base: NodeJS.ProcessEnv = ciEnvironment()): Promise<{ code: number | null; output: string }> {
  for (const name of Object.keys(variables)) assert.ok(name in gitlabVariables, `the job has a variable ${name}`);
  const env: NodeJS.ProcessEnv = { ...base, GITLAB_CI: 'true', CI_PROJECT_DIR: project };
  for (const [name, value] of Object.entries(gitlabVariables)) env[name] = variables[name] ?? stringAt(value, name);
  return runBash(listAt(template.script, 'script').map((line, i) => stringAt(line, `script[${i}]`)).join('\n'), project, env);
}

const readJson = (dir: string) => JSON.parse(readFileSync(join(dir, REPORT_JSON), 'utf8')) as ConformanceReport;
const faulty = variantNamed('success-body-ok-true');

test('the action on the reference, with the project\'s installed suite: exit 0, its inputs reach certify, the outputs and summary are written', async () => {
  const project = npmProject(join(work, 'installed'), suiteTarball());
  // The reference, watching the headers of what reaches it.
  const seen: http.IncomingHttpHeaders[] = [];
  const watching = { route: (method: string, path: string, headers: http.IncomingHttpHeaders) => (seen.push(headers), referenceBehaviour.route(method, path, headers)) };
  const run = await withServer({ behaviour: watching }, (url) =>
    runAction({ 'target-url': url.toString(), strict: 'true', concurrency: '8', 'session-mode': 'any', headers: 'x-conformance-run: action\nx-team: gate', args: "--runs 20 --seed 7 --only 'M1,M2,M3,S1'" }, project),
  );
  assert.equal(run.code, 0, run.output);
  const dir = join(project, 'reports');
  assert.deepEqual(run.outputs, { verdict: 'conformant', 'report-dir': dir, 'failed-requirements': '' });
  const report = readJson(dir);
  assert.deepEqual({ seed: report.seed, runs: report.runs, strict: report.strict, concurrency: report.concurrency }, { seed: 7, runs: 20, strict: true, concurrency: 8 });
  const runWide = new Set([preflightCheck, ...runWideChecks].map((c) => c.name));
  assert.deepEqual(report.checks.filter((c) => !runWide.has(c.name) && !['M1', 'M2', 'M3', 'S1'].includes(c.id)).map((c) => c.name), [], 'args reached certify: the checks of --only ran, besides the check before judging and the run-wide ones');
  assert.ok(seen.length > 0 && seen.every((h) => h['x-conformance-run'] === 'action' && h['x-team'] === 'gate'), 'every request carried the headers input, one a line');
  assert.match(run.summary, /StopCisSession conformance: conformant/);
  assert.doesNotMatch(run.output, /npm exec|will be installed/, 'the installed suite ran, nothing was fetched');
  assert.deepEqual(outputsDisagree(dir, run.code), []);
});

test('the action on a faulty catalogue variant, with the suite named by version (a tarball): exit 1, failed-requirements names the requirement, the annotations say it', async () => {
  assert.ok(faulty?.violates, 'the catalogue has the variant');
  const project = npmProject(join(work, 'bare'));
  const run = await withServer(faulty.options, (url) => runAction({ 'target-url': url.toString(), version: suiteTarball(), 'report-dir': 'conformance', args: '--runs 20 --seed 11' }, project));
  assert.equal(run.code, 1, run.output);
  assert.ok(!existsSync(join(project, 'node_modules')), 'nothing was installed into the project');
  assert.equal(run.outputs.verdict, 'non-conformant');
  assert.equal(run.outputs['report-dir'], join(project, 'conformance'));
  assert.ok(run.outputs['failed-requirements'].split(',').includes(faulty.violates), `failed-requirements "${run.outputs['failed-requirements']}" names ${faulty.violates}`);
  assert.match(run.output, new RegExp(`^::error title=${faulty.violates} MUST`, 'm'));
  assert.match(run.summary, /StopCisSession conformance: non-conformant/);
  assert.deepEqual(outputsDisagree(join(project, 'conformance'), run.code), []);
});

test('the action without a target, with args it cannot read, or with a bad option: exit 2 and one sentence, never a run of the bundled reference', async () => {
  const project = npmProject(join(work, 'mistakes'), suiteTarball());
  const empty = await runAction({ 'target-url': '' }, project);
  assert.equal(empty.code, 2, empty.output);
  assert.match(empty.output, /^::error title=StopCisSession conformance%3A inconclusive::the target-url input is empty/m);
  assert.doesNotMatch(empty.output, /bundled reference/);
  const quote = await runAction({ 'target-url': 'http://127.0.0.1:9', args: "--only 'M3" }, project);
  assert.equal(quote.code, 2, quote.output);
  assert.match(quote.output, /the args input cannot be read as a command line/);
  const bad = await runAction({ 'target-url': 'http://127.0.0.1:9', concurrency: 'many' }, project);
  assert.equal(bad.code, 2, bad.output);
  assert.match(bad.output, /CONFORMANCE_CONCURRENCY \(from the environment\) must be a whole number, not "many"/);
  assert.deepEqual(bad.outputs, { verdict: 'inconclusive' });
});

test('the GitLab job on a faulty variant fails with exit 1 and leaves junit.xml and the HTML report where its artifacts say; on the reference it passes', async () => {
  assert.ok(faulty?.violates);
  const project = npmProject(join(work, 'gitlab'), suiteTarball());
  const failing = await withServer(faulty.options, (url) => runGitlabJob({ TARGET_URL: url.toString(), STOP_CIS_SESSION_CONFORMANCE_ARGS: '--runs 20 --seed 5' }, project));
  assert.equal(failing.code, 1, failing.output);
  const dir = join(project, stringAt(gitlabVariables.REPORT_DIR, 'REPORT_DIR'));
  const junit = readFileSync(join(dir, REPORT_JUNIT), 'utf8');
  const cases = [...junit.matchAll(/<testcase classname="([^"]*)"[\s\S]*?<\/testcase>/g)];
  assert.ok(cases.some((m) => m[1] === `${faulty.violates} MUST` && m[0].includes('<failure type="NonConformance"')), `junit.xml fails a ${faulty.violates} test case`);
  assert.ok(existsSync(join(dir, REPORT_HTML)));
  assert.deepEqual(outputsDisagree(dir, failing.code), []);

  const bare = npmProject(join(work, 'gitlab-bare'));
  const passing = await withServer({}, (url) => runGitlabJob({ TARGET_URL: url.toString(), CONFORMANCE_STRICT: 'true', STOP_CIS_SESSION_CONFORMANCE_VERSION: suiteTarball(), STOP_CIS_SESSION_CONFORMANCE_ARGS: '--runs 20 --seed 5' }, bare));
  assert.equal(passing.code, 0, passing.output);
  assert.equal(readJson(join(bare, 'reports')).verdict, 'conformant');
  const empty = await runGitlabJob({}, bare);
  assert.equal(empty.code, 2, empty.output);
  assert.match(empty.output, /TARGET_URL is empty/);
});

test('which suite runs: the version asked for, as a version or any npm spec; else the installed one; else the version the file belongs to; args as words', async () => {
  // A stand-in npm first on PATH says what it was asked to run; no package is fetched.
  const bin = mkdtempSync(join(work, 'bin-'));
  const asked = join(bin, 'asked');
  writeFileSync(join(bin, 'npm'), `#!/bin/sh\nprintf '%s\\0' "$@" > '${asked}'\n`, { mode: 0o755 });
  const project = npmProject(join(work, 'resolution'));
  const PATH = `${bin}:${process.env.PATH ?? ''}`;
  const argv = () => readFileSync(asked, 'utf8').split('\0').slice(0, -1);
  const command = (spec: string) => ['exec', '--yes', `--package=${spec}`, '--', 'stop-cis-session-conformance', 'certify', '--seed', '1', '--only', 'M3, S1', '-H', 'x-a: b c'];
  const args = "--seed 1 --only 'M3, S1' -H \"x-a: b c\"";
  const cases: [string, string][] = [
    ['', `stop-cis-session-conformance@${version}`],
    ['0.2', 'stop-cis-session-conformance@0.2'],
    ['^0.2.0', 'stop-cis-session-conformance@^0.2.0'],
    ['stop-cis-session-conformance@next', 'stop-cis-session-conformance@next'],
    ['./suite.tgz', './suite.tgz'],
    ['suite.tgz', 'suite.tgz'],
  ];
  const base = ciEnvironment();
  for (const [given, spec] of cases) {
    const env = { ...base, PATH };
    const github = await runAction({ 'target-url': 'http://127.0.0.1:9', version: given, args }, project, env);
    assert.equal(github.code, 0, github.output);
    assert.deepEqual(argv(), command(spec), `the action, version "${given}"`);
    const gitlabRun = await runGitlabJob({ TARGET_URL: 'http://127.0.0.1:9', STOP_CIS_SESSION_CONFORMANCE_VERSION: given, STOP_CIS_SESSION_CONFORMANCE_ARGS: args }, project, env);
    assert.equal(gitlabRun.code, 0, gitlabRun.output);
    assert.deepEqual(argv(), command(spec), `the GitLab job, version "${given}"`);
  }

  // A project that installed the suite runs its own, unless a version is asked for.
  const installed = npmProject(join(work, 'resolution-installed'));
  mkdirSync(join(installed, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(join(installed, 'node_modules', '.bin', 'stop-cis-session-conformance'), `#!/bin/sh\nprintf '%s\\0' installed "$@" > '${asked}'\n`, { mode: 0o755 });
  const own = ['installed', 'certify', '--seed', '1', '--only', 'M3, S1', '-H', 'x-a: b c'];
  assert.equal((await runAction({ 'target-url': 'http://127.0.0.1:9', args }, installed, { ...base, PATH })).code, 0);
  assert.deepEqual(argv(), own, 'the action runs the installed suite');
  assert.equal((await runGitlabJob({ TARGET_URL: 'http://127.0.0.1:9', STOP_CIS_SESSION_CONFORMANCE_ARGS: args }, installed, { ...base, PATH })).code, 0);
  assert.deepEqual(argv(), own, 'the GitLab job runs the installed suite');
  assert.equal((await runAction({ 'target-url': 'http://127.0.0.1:9', version: '0.2', args }, installed, { ...base, PATH })).code, 0);
  assert.deepEqual(argv(), command('stop-cis-session-conformance@0.2'), 'a version asked for wins over the installed suite');
});
