// Runs `certify` as a child process, as a user does, and collects what it prints.
import { join } from 'node:path';
import { runNode as runChild, type NodeRun } from '../../src/cli/runNode';

export type CertifyRun = NodeRun;

const root = join(__dirname, '..', '..');

export function runCertify(args: string[], env: NodeJS.ProcessEnv, options: { timeoutMs?: number } = {}): Promise<CertifyRun> {
  return runNode(['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'certify', ...args], env, options);
}

/** Runs node with these arguments, asynchronously: a server in the calling process keeps answering. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, { timeoutMs = 300_000 }: { timeoutMs?: number } = {}): Promise<CertifyRun> {
  return runChild(args, { cwd: root, env: { ...process.env, CI: '1', ...env }, timeoutMs });
}
