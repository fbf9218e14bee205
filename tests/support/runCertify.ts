// Runs `certify` as a child process, as `npm run certify` does, and collects what it prints.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface CertifyRun {
  code: number | null;
  output: string;
}

const root = join(__dirname, '..', '..');

export function runCertify(args: string[], env: NodeJS.ProcessEnv, options: { timeoutMs?: number } = {}): Promise<CertifyRun> {
  return runNode(['--import', 'tsx', join(root, 'src', 'cli', 'certify.ts'), ...args], env, options);
}

/** Runs node with these arguments, asynchronously: a server in the calling process keeps answering. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, { timeoutMs = 300_000 }: { timeoutMs?: number } = {}): Promise<CertifyRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, CI: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
