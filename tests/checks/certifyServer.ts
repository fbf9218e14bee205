// Shared by the protocol, convention, tolerated, preflight, throttling and session self-tests:
// serve something on 127.0.0.1, certify it as a user would (tests/support/runCertify.ts), and read
// the report back.
import http from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { close, createReferenceServer, listen, type ReferenceOptions } from '../../src/reference/server';
import { variantNamed } from '../../src/reference/variants';
import type { ConformanceReport } from '../../src/result/model';
import { runCertify } from '../support/runCertify';

export interface Certified {
  code: number | null;
  output: string;
  report: ConformanceReport;
  durationMs: number;
  /** Requirement ids with a failed check (MUST failures and SHOULD warnings). */
  failedIds: string[];
}

/** Serves `server` for the length of `body`. */
export async function serving<T>(server: http.Server, body: (url: URL) => Promise<T>): Promise<T> {
  const url = await listen(server);
  try {
    return await body(url);
  } finally {
    await close(server);
  }
}

/** Certifies `url` with a fixed seed (unless args give one) into a fresh report folder. */
export async function certify(url: URL | undefined, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Certified> {
  const dir = mkdtempSync(join(tmpdir(), 'certify-checks-'));
  const started = performance.now();
  const target = url ? ['--target', url.toString()] : [];
  const seed = args.includes('--seed') ? [] : ['--seed', '424242'];
  const run = await runCertify([...target, ...seed, ...args], { REPORT_DIR: dir, TARGET_URL: '', ...env }, { timeoutMs: 170_000 });
  const durationMs = performance.now() - started;
  let report: ConformanceReport;
  try {
    report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
  } catch {
    throw new Error(`certify wrote no conformance.json (exit ${run.code}):\n${run.output}`);
  }
  const failedIds = [...new Set(report.checks.filter((c) => c.status === 'failed').map((c) => c.id))];
  return { ...run, report, durationMs, failedIds };
}

/** Serves a variant of the catalogue and certifies it with the variant's own arguments and `args`. */
export async function certifyVariant(name: string, args: string[]): Promise<Certified> {
  const variant = variantNamed(name);
  if (!variant) throw new Error(`no variant named ${name}`);
  return serving(createReferenceServer(variant.options), (url) => certify(url, [...(variant.certifyArgs ?? []), ...args], variant.env));
}

/** Serves the reference (with `options`) and certifies it. */
export function certifyReference(options: ReferenceOptions, args: string[]): Promise<Certified> {
  return serving(createReferenceServer(options), (url) => certify(url, args));
}

/** A plain HTTP server on 127.0.0.1 that answers every request with `handler` (bodies are drained first). */
export function answering(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
