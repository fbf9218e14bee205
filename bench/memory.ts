// `npx tsx bench/memory.ts [--reps N] [--probe] [--gc] [--runs N] [--node-options '…'] [--env NAME=VALUE]…`: the memory of
// a default certify of the bundled reference, by process. Without options it repeats the run and
// gives, for each process (certify's own, Playwright's runner which hosts the engine, the worker
// which renders the records), its own peak and what it held when the whole tree peaked, /proc
// sampled every 25 ms, and the wall time. --probe preloads bench/memoryProbe.cjs into every process
// (heap, loaded packages); --gc adds --expose-gc so the probe also finds each process's live heap
// (it collects every 250 ms, which slows the run: not for timing). --node-options passes V8/Node
// flags to every process of the run, and --env more environment (MALLOC_ARENA_MAX=2, or a switch
// of a change being tried in src/), to try a setting before proposing it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certifyRun, root } from './certifyRun';
import { roleOf, type Role } from './procTree';

interface ProbeFile {
  pid: number;
  argv: string;
  ms: number;
  peakMB: Record<string, number>;
  modules: number;
  packages: Record<string, number>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const reps = Number(value('--reps') ?? 3);
  const runs = value('--runs') === undefined ? undefined : Number(value('--runs'));
  const probe = argv.includes('--probe') || argv.includes('--gc');
  const nodeOptions = [value('--node-options') ?? '', argv.includes('--gc') ? '--expose-gc' : '', probe ? `--require ${join(root, 'bench', 'memoryProbe.cjs')}` : ''].filter(Boolean).join(' ');
  // --env NAME=VALUE (repeatable): more environment for every process of the run (MALLOC_ARENA_MAX=2…).
  const extraEnv: NodeJS.ProcessEnv = {};
  argv.forEach((arg, i) => {
    if (arg === '--env') {
      const [name, ...rest] = argv[i + 1].split('=');
      extraEnv[name] = rest.join('=');
    }
  });
  const roles: Role[] = ['certify', 'runner', 'worker'];
  const peaks: number[] = [];
  const pss: number[] = [];
  const walls: number[] = [];
  const phases: number[] = [];
  const own: Record<string, number[]> = {};
  const atPeak: Record<string, number[]> = {};
  for (let i = 0; i < reps; i++) {
    const probeDir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
    const run = await certifyRun({ runs, env: { ...extraEnv, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions, MEMORY_PROBE_DIR: probeDir } : {}) } });
    peaks.push(run.memory.peakBytes / 2 ** 20);
    pss.push(run.memory.peakPssBytes / 2 ** 20);
    walls.push(run.wallMs / 1000);
    phases.push(run.report.casePhaseMs ?? run.report.durationMs);
    for (const role of roles) {
      (own[role] ??= []).push((run.memory.peakByRole[role] ?? 0) / 2 ** 20);
      (atPeak[role] ??= []).push((run.memory.atPeakByRole[role] ?? 0) / 2 ** 20);
    }
    process.stderr.write(
      `run ${i + 1}: ${run.report.verdict}, ${run.report.requests} requests, wall ${(run.wallMs / 1000).toFixed(2)} s, case phase ${((run.report.casePhaseMs ?? 0) / 1000).toFixed(2)} s, tree peak ${(run.memory.peakBytes / 2 ** 20).toFixed(0)} MB (PSS ${(run.memory.peakPssBytes / 2 ** 20).toFixed(0)}); at the peak ${roles.map((r) => `${r} ${((run.memory.atPeakByRole[r] ?? 0) / 2 ** 20).toFixed(0)}`).join(', ')}\n`,
    );
    if (probe) {
      for (const name of readdirSync(probeDir)) {
        const file = JSON.parse(readFileSync(join(probeDir, name), 'utf8')) as ProbeFile;
        const top = Object.entries(file.packages)
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        process.stderr.write(`  ${roleOf(file.argv).padEnd(7)} pid ${file.pid}, ${file.ms} ms: peak ${JSON.stringify(file.peakMB)}; ${file.modules} modules: ${top}\n`);
      }
    }
    rmSync(probeDir, { recursive: true, force: true });
  }
  const line = (name: string, values: number[]) => `${name.padEnd(28)} ${median(values).toFixed(0).padStart(5)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
  process.stdout.write(
    [
      `default certify${runs ? ` --runs ${runs}` : ''}, ${reps} runs${nodeOptions ? `, NODE_OPTIONS="${nodeOptions}"` : ''}${Object.entries(extraEnv).map(([k, v]) => `, ${k}=${v}`).join('')}: median (min–max)`,
      line('wall, ms', walls.map((w) => w * 1000)),
      line('case phase, ms', phases),
      line('tree peak, MB', peaks),
      line('tree peak PSS, MB', pss),
      ...roles.map((r) => line(`${r} at the tree peak, MB`, atPeak[r])),
      ...roles.map((r) => line(`${r} own peak, MB`, own[r])),
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`memory: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
