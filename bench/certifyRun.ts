// One certify run as the `certify` npm script starts it (`node --require tsx/cjs src/cli/main.ts certify …`), in a report
// directory of its own, timed from the command to its exit, its process tree's memory sampled every
// 25 ms; and the reference in a process of its own (bench/referenceProcess.ts) for the rows that
// need a far, slow or rate-limited target.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { ConformanceReport } from '../src/result/model';
import { sampleTree, type MemoryFacts } from './procTree';
import type { ReferenceStats } from './referenceProcess';

export const root = join(__dirname, '..');

/** The environment a run gets: this one, without anything that would change what certify does. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(CONFORMANCE_|REFERENCE_|AWS_|TARGET_URL$|REPORT_DIR$|GITHUB_|NODE_OPTIONS$|FAULT$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, CI: '1', ...extra };
}

export interface CertifyOptions {
  /** A target URL; without it certify starts the bundled reference in its own process. */
  target?: string;
  runs?: number;
  concurrency?: number;
  concurrencyMode?: 'adaptive' | 'fixed';
  /** Extra environment (NODE_OPTIONS for the memory probe). */
  env?: NodeJS.ProcessEnv;
}

export interface CertifyOutcome {
  wallMs: number;
  exitCode: number | null;
  report: ConformanceReport;
  memory: MemoryFacts;
  htmlBytes: number;
}

export async function certifyRun(options: CertifyOptions = {}): Promise<CertifyOutcome> {
  const reportDir = mkdtempSync(join(tmpdir(), 'bench-certify-'));
  const args = ['--require', 'tsx/cjs', join(root, 'src', 'cli', 'main.ts'), 'certify', '--seed', '1', '--report-dir', reportDir];
  if (options.target) args.push('--target', options.target);
  if (options.runs !== undefined) args.push('--runs', String(options.runs));
  if (options.concurrency !== undefined) args.push('--concurrency', String(options.concurrency));
  if (options.concurrencyMode !== undefined) args.push('--concurrency-mode', options.concurrencyMode);
  const log = join(tmpdir(), `bench-certify-${process.pid}.log`);
  const out = createWriteStream(log);
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: cleanEnv({ TARGET_URL: '', REPORT_DIR: reportDir, ...options.env }), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const sampler = sampleTree(child.pid as number, 25);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const memory = sampler.stop();
  const wallMs = performance.now() - started;
  const json = join(reportDir, 'conformance.json');
  if (!existsSync(json)) throw new Error(`certify ${args.slice(3).join(' ')} exited ${exitCode} without conformance.json; its output is in ${log}`);
  const report = JSON.parse(readFileSync(json, 'utf8')) as ConformanceReport;
  const html = join(reportDir, 'conformance.html');
  const htmlBytes = existsSync(html) ? statSync(html).size : 0;
  rmSync(reportDir, { recursive: true, force: true });
  return { wallMs, exitCode, report, memory, htmlBytes };
}

/** Python's one-thread HTTP/1.0 server with a listen backlog of 5 (tests/support/one_thread_target.py), in a process of its own. */
export async function oneThreadTarget(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn('python3', [join(root, 'tests', 'support', 'one_thread_target.py')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error('the one-thread target printed no URL (is python3 installed?)');
  return {
    url: first.value.trim(),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}

/** The reference in a process of its own; `modes` are its opt-in modes (REFERENCE_DELAY_MS, REFERENCE_RATE_LIMIT, REFERENCE_WORKERS). */
export class ReferenceProcess {
  private readonly replies: ((line: string) => void)[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    lines: AsyncIterator<string>,
  ) {
    void (async () => {
      for (let next = await lines.next(); !next.done; next = await lines.next()) this.replies.shift()?.(next.value);
    })();
  }

  static async start(modes: NodeJS.ProcessEnv = {}): Promise<ReferenceProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'referenceProcess.ts')], { cwd: root, env: cleanEnv(modes), stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
    const first = await Promise.race([lines.next(), new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the reference process exited ${code}`))))]);
    if (first.done) throw new Error('the reference process printed no URL');
    return new ReferenceProcess(child, first.value.trim(), lines);
  }

  private ask(command: string): Promise<string> {
    return new Promise((resolve) => {
      this.replies.push(resolve);
      this.child.stdin?.write(`${command}\n`);
    });
  }

  async stats(): Promise<ReferenceStats> {
    return JSON.parse(await this.ask('stats')) as ReferenceStats;
  }

  async reset(): Promise<void> {
    await this.ask('reset');
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill(), 2000);
    await exited;
    clearTimeout(timer);
  }
}
