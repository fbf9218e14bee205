// Command-line options of `certify`, each with the environment variable that sets it too.
// Flags win over the environment; the environment (and .env, through dotenv) over defaults.
import { checks } from '../checks';
import { isRequirementId } from '../checks/requirements';
import type { SessionMode } from '../checks/types';
import { defaults, parseBoolean, parseSessionMode, parseTarget, parseWholeNumber, UsageError } from '../runner/settings';

export interface CertifyOptions {
  target?: URL;
  seed?: number;
  runs: number;
  timeoutMs: number;
  only: string[];
  strict: boolean;
  reportDir: string;
  sessionMode: SessionMode;
  profile: string[];
  transport: 'http' | 'playwright';
  /** A slice of the checks, "i/n" (Playwright sharding); merge the shards' reports with `merge`. */
  shard?: { index: number; total: number };
  help: boolean;
  /** Opt-in: the throttling probe (S9) sends a bounded burst until it sees a 429. */
  probeThrottling: boolean;
  /** `--replay REPORT [CHECK]`: resend a recorded failure instead of certifying (src/cli/replay.ts). */
  replay?: { report: string; check?: string };
}

interface OptionSpec {
  flag: string;
  env?: string;
  value?: string;
  help: string;
}

export const optionSpecs: OptionSpec[] = [
  { flag: '--target', env: 'TARGET_URL', value: 'URL', help: 'the implementation to certify (base URL; the suite adds /cissession/stop). Without it, the bundled reference implementation is started and certified.' },
  { flag: '--seed', env: 'SEED', value: 'N', help: 'the run seed (0 to 4294967295); the same seed sends the same cases. Default: random, printed.' },
  { flag: '--runs', env: 'RUNS', value: 'N', help: `property cases per check (default ${defaults.runs}).` },
  { flag: '--timeout', env: 'TIMEOUT_MS', value: 'MS', help: `per-request timeout in milliseconds (default ${defaults.timeoutMs}); M7 holds the target to it.` },
  { flag: '--only', env: 'ONLY', value: 'ID,…', help: 'run only these requirements or checks (M3, S1, validRequestAccepted…).' },
  { flag: '--strict', env: 'STRICT', help: 'SHOULD failures fail the verdict too.' },
  { flag: '--report-dir', env: 'REPORT_DIR', value: 'DIR', help: 'where conformance.json and conformance.html go (default reports/).' },
  { flag: '--session-mode', env: 'SESSION_MODE', value: 'any|start', help: 'any: every well-formed session is accepted (default); start: each valid stop is preceded by PUT /cissession/start.' },
  { flag: '--profile', env: 'PROFILE', value: 'NAME,…', help: 'allow-empty-object: accept {} as an empty 200 body (Smithy-generated servers send it).' },
  { flag: '--transport', env: 'TRANSPORT', value: 'http|playwright', help: 'client for property cases: a lean keep-alive client (default) or Playwright\'s request fixture.' },
  { flag: '--shard', env: 'SHARD', value: 'i/n', help: 'run slice i of n (for several machines); combine the slices with `merge` (see README).' },
  { flag: '--probe-throttling', env: 'PROBE_THROTTLING', help: 'send a bounded burst (at most 200 requests, 15 s) until the target answers 429, and judge the 429 (S9). Off by default.' },
  { flag: '--replay', value: 'REPORT [CHECK]', help: 'send the recorded failing case of CHECK (a check name or requirement id; default: every failure) in REPORT (a conformance.json) again, to the recorded target or --target, and say whether it still fails: exit 0 no longer, 1 still, 2 cannot tell.' },
  { flag: '--help', help: 'print this help.' },
];

const knownProfiles = ['allow-empty-object'];

export function helpText(): string {
  const lines = ['Usage: npm run certify -- [options]', '', 'Certifies an implementation of PUT /cissession/stop (Amazon Inspector StopCisSession).', ''];
  for (const spec of optionSpecs) {
    const left = `  ${spec.flag}${spec.value ? ` ${spec.value}` : ''}`;
    lines.push(`${left.padEnd(30)}${spec.help}${spec.env ? ` [env ${spec.env}]` : ''}`);
  }
  lines.push('', 'Exit codes: 0 conformant, 1 non-conformant, 2 inconclusive (could not run or judge).');
  return lines.join('\n');
}

function parseShard(raw: string | undefined): CertifyOptions['shard'] {
  if (raw === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = match ? Number(match[1]) : 0;
  const total = match ? Number(match[2]) : 0;
  if (!match || total < 1 || index < 1 || index > total) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n (for example 1/2), not "${raw}".`);
  return { index, total };
}

function splitList(raw: string): string[] {
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

export function parseCertifyArgs(argv: string[], env: NodeJS.ProcessEnv): CertifyOptions {
  const given = new Map<string, string | true>();
  let positional: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const spec = optionSpecs.find((s) => s.flag === flag);
    // The one positional argument: the CHECK of `--replay REPORT CHECK`.
    if (!spec && given.has('--replay') && positional === undefined && !arg.startsWith('-')) {
      positional = arg;
      continue;
    }
    if (!spec) throw new UsageError(`unknown option "${arg}"; see --help.`);
    if (!spec.value) {
      given.set(flag, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value (${spec.value}).`);
    given.set(flag, value);
  }
  const value = (flag: string): string | undefined => {
    const fromFlag = given.get(flag);
    if (typeof fromFlag === 'string') return fromFlag;
    const envName = optionSpecs.find((s) => s.flag === flag)?.env;
    const fromEnv = envName ? env[envName] : undefined;
    return fromEnv === '' ? undefined : fromEnv;
  };

  const only = splitList(value('--only') ?? '');
  for (const item of only) {
    if (!isRequirementId(item) && !checks.some((c) => c.name === item)) {
      throw new UsageError(`--only: "${item}" is neither a requirement id (M1…M7, S1…S9, T1…T10) nor a check name.`);
    }
  }
  const profile = splitList(value('--profile') ?? '');
  for (const item of profile) {
    if (!knownProfiles.includes(item)) throw new UsageError(`--profile: unknown profile "${item}"; known: ${knownProfiles.join(', ')}.`);
  }
  const transport = value('--transport') ?? 'http';
  if (transport !== 'http' && transport !== 'playwright') throw new UsageError(`--transport must be "http" or "playwright", not "${transport}".`);
  const target = value('--target');
  const seed = value('--seed');
  const runs = value('--runs');
  const timeout = value('--timeout');
  return {
    target: target === undefined ? undefined : parseTarget(target),
    seed: seed === undefined ? undefined : parseWholeNumber('--seed', seed, { min: 0, max: 2 ** 32 - 1 }),
    runs: runs === undefined ? defaults.runs : parseWholeNumber('--runs', runs, { min: 1, max: 1_000_000 }),
    timeoutMs: timeout === undefined ? defaults.timeoutMs : parseWholeNumber('--timeout', timeout, { min: 100, max: 600_000 }),
    only,
    strict: given.get('--strict') === true || parseBoolean('STRICT', env.STRICT),
    reportDir: value('--report-dir') ?? 'reports',
    sessionMode: parseSessionMode(value('--session-mode') ?? defaults.sessionMode),
    profile,
    transport,
    shard: parseShard(value('--shard')),
    help: given.get('--help') === true,
    probeThrottling: given.get('--probe-throttling') === true || parseBoolean('PROBE_THROTTLING', env.PROBE_THROTTLING),
    replay: typeof given.get('--replay') === 'string' ? { report: String(given.get('--replay')), check: positional } : undefined,
  };
}
