// The resident memory of a process tree, sampled from /proc (Linux): the whole tree's peak, each
// process's own peak, and what each process held at the moment the tree peaked. A certify run is
// three processes at most: certify's own, Playwright's runner (which hosts the engine in its global
// setup) and the one Playwright worker (which renders the records as tests).
import { readFileSync } from 'node:fs';

export type Role = 'certify' | 'runner' | 'worker' | 'other';

/** Which process of a run a command line is. */
export function roleOf(cmdline: string): Role {
  if (cmdline.includes('workerProcessEntry')) return 'worker';
  if (/@playwright[/\\]test[/\\]cli\.js/.test(cmdline) || /playwright[/\\]cli\.js/.test(cmdline)) return 'runner';
  if (/src[/\\]cli[/\\](main|certify)\.ts/.test(cmdline) || /bin[/\\]stop-cis-session-conformance/.test(cmdline)) return 'certify';
  return 'other';
}

interface Proc {
  pid: number;
  rss: number;
  cmdline: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return { pid, rss: kb ? Number(kb[1]) * 1024 : 0, cmdline };
  } catch {
    return undefined; // the process ended between two reads
  }
}

function childrenOf(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text ? text.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** A process's proportional set size, bytes (0 once it has ended). */
function pssOf(pid: number): number {
  try {
    const kb = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The processes of the tree under `pid` (itself included), now. */
export function treeNow(pid: number): Proc[] {
  const found: Proc[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    const proc = readProc(current);
    if (proc) found.push(proc);
    stack.push(...childrenOf(current));
  }
  return found;
}

export interface MemoryFacts {
  /** Peak of the sum of the tree's resident memory (RSS), bytes: the figure the targets are stated in. */
  peakBytes: number;
  /**
   * Peak of the sum of the tree's proportional set size (PSS), bytes, sampled every fourth tick:
   * pages shared between the processes (node's own code, ≈ 45 MB a process) counted once, so what
   * the run costs the machine. RSS counts them in every process.
   */
  peakPssBytes: number;
  /** Each role's own peak (the largest process of that role), bytes. */
  peakByRole: Partial<Record<Role, number>>;
  /** What each role held when the tree peaked, bytes. */
  atPeakByRole: Partial<Record<Role, number>>;
  samples: number;
}

/** Samples the tree under `pid` every `everyMs` until stopped. */
export function sampleTree(pid: number, everyMs = 25): { stop(): MemoryFacts } {
  const facts: MemoryFacts = { peakBytes: 0, peakPssBytes: 0, peakByRole: {}, atPeakByRole: {}, samples: 0 };
  const tick = () => {
    const procs = treeNow(pid);
    facts.samples++;
    if (facts.samples % 4 === 1) facts.peakPssBytes = Math.max(facts.peakPssBytes, procs.reduce((sum, proc) => sum + pssOf(proc.pid), 0));
    let total = 0;
    const byRole: Partial<Record<Role, number>> = {};
    for (const proc of procs) {
      total += proc.rss;
      const role = roleOf(proc.cmdline);
      byRole[role] = (byRole[role] ?? 0) + proc.rss;
      facts.peakByRole[role] = Math.max(facts.peakByRole[role] ?? 0, proc.rss);
    }
    if (total > facts.peakBytes) {
      facts.peakBytes = total;
      facts.atPeakByRole = byRole;
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return facts;
    },
  };
}
