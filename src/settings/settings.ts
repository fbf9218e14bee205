// The one settings parser. The CLI reads flags, the environment and .env here, once; the
// Playwright workers and the reporters get the same Settings back from one environment variable
// the CLI sets (settingsForChild / settingsInChild). Nothing else reads options from the
// environment. A value a user can get wrong gets a sentence that says where it came from.
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import dotenv from 'dotenv';
import type { SigningConfig } from '../transport/sigv4Transport';
import { signingFromEnv } from './credentials';
import { UsageError } from './errors';

export { UsageError };

export type SessionMode = 'any' | 'start';
export type TransportName = 'http' | 'playwright';
/** 'adaptive': the run learns how many requests the target takes at once, up to `concurrency`; 'fixed': exactly `concurrency`. */
export type ConcurrencyMode = 'adaptive' | 'fixed';

export interface Shard {
  index: number;
  total: number;
}

export interface Settings {
  target: URL;
  /** The bundled reference implementation, started by certify for this run only. */
  referenceTarget: boolean;
  /** The run's seed; each check derives its own from it and its name, so `--only` replays the same cases. */
  seed: number;
  /** Property cases per check (fast-check numRuns). */
  runs: number;
  /** Per-request timeout (M7). */
  timeoutMs: number;
  /** The most requests in flight at once, for the whole run (every check sends through one pool); in mode 'fixed', the number in flight. */
  concurrency: number;
  concurrencyMode: ConcurrencyMode;
  /** Bound on the case phase: past it, checks stop drawing cases and say how many they judged. */
  maxDurationMs: number;
  /** How long the target may answer nothing but throttling before the run gives up (inconclusive). */
  throttlePatienceMs: number;
  strict: boolean;
  sessionMode: SessionMode;
  profile: string[];
  transport: TransportName;
  /** Requirement ids and check names to run; empty: every check. */
  only: string[];
  shard?: Shard;
  /** The throttling probe (S9) runs; off by default. */
  probeThrottling: boolean;
  /** Headers added to every request (-H), redacted like credentials. */
  headers: Record<string, string>;
  /** A PEM file of certificate authorities to trust besides the system's (--ca-cert). */
  caCertFile?: string;
  /** TLS certificates are not verified (--insecure); every report says so. */
  insecure: boolean;
  /** Set when credentials are configured: every request is signed (SigV4) and S7 is judged. Read from AWS_* only. */
  signing?: SigningConfig;
  reportDir: string;
  /** A conformance.json or expectations file the outcome is compared with (--baseline). */
  baseline?: string;
  /** How the user ran certify, for every hint the suite prints: `npx stop-cis-session-conformance certify`. */
  command: string;
}

export const defaults = {
  runs: 300,
  timeoutMs: 10_000,
  // The ceiling of an adaptive run, which starts at 32 (src/runner/pool.ts) and grows while the
  // target keeps up: a laptop and a CI runner both hold 256 connections (BENCHMARKS.md).
  concurrency: 256,
  // The number in flight of a fixed run: the suite's default before it adapted.
  fixedConcurrency: 32,
  concurrencyMode: 'adaptive' as ConcurrencyMode,
  maxDurationSeconds: 600,
  throttlePatienceSeconds: 60,
  sessionMode: 'any' as SessionMode,
  reportDir: 'reports',
} as const;

export const MAX_CONCURRENCY = 1024;
export const KNOWN_PROFILES = ['allow-empty-object'];

/** Profile allow-empty-object (M2): `{}` is taken as an empty 200 body. */
export function allowsEmptyObject(settings: Pick<Settings, 'profile'>): boolean {
  return settings.profile.includes('allow-empty-object');
}

/** How long a failing check may spend shrinking: room for a few timeouts. */
export function shrinkBudgetMs(settings: Pick<Settings, 'timeoutMs'>): number {
  return Math.max(60_000, settings.timeoutMs * 4);
}

// ——— where a value came from ———

/** The environment as certify sees it: the process's own variables, then .env for what they leave unset. */
export interface SourcedEnv {
  values: NodeJS.ProcessEnv;
  /** Names whose value came from the .env file, not the process environment. */
  fromDotenv: Set<string>;
  dotenvPath?: string;
}

/** Reads `.env` in `cwd` (when there is one) under the process environment, remembering which is which. */
export function sourcedEnv(env: NodeJS.ProcessEnv, dotenvText?: string, dotenvPath?: string): SourcedEnv {
  const fromFile = dotenvText === undefined ? {} : parseDotenv(dotenvText);
  const fromDotenv = new Set(Object.keys(fromFile).filter((name) => env[name] === undefined));
  const values: NodeJS.ProcessEnv = { ...fromFile, ...env };
  return { values, fromDotenv, dotenvPath };
}

/** The variables a .env file sets, read as dotenv reads them (its parser, without touching process.env). */
export function parseDotenv(text: string): Record<string, string> {
  return dotenv.parse(text);
}

export function readDotenv(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

// ——— options ———

export interface OptionSpec {
  flag: string;
  /** A one-letter alias (`-H`). */
  short?: string;
  env?: string;
  value?: string;
  help: string;
  /** May be given more than once (values collected in order). */
  repeatable?: boolean;
}

export const optionSpecs: OptionSpec[] = [
  { flag: '--target', env: 'TARGET_URL', value: 'URL', help: 'the implementation to certify (base URL; the suite adds /cissession/stop). Without it, the bundled reference implementation is started and certified.' },
  { flag: '--seed', env: 'CONFORMANCE_SEED', value: 'N', help: 'the run seed (0 to 4294967295); the same seed sends the same cases. Default: random, printed.' },
  { flag: '--runs', env: 'CONFORMANCE_RUNS', value: 'N', help: `property cases per check (default ${defaults.runs}).` },
  { flag: '--timeout', env: 'CONFORMANCE_TIMEOUT_MS', value: 'MS', help: `per-request timeout in milliseconds (default ${defaults.timeoutMs}); M7 holds the target to it.` },
  { flag: '--concurrency', env: 'CONFORMANCE_CONCURRENCY', value: 'N', help: `the most requests in flight at once, for the whole run (default ${defaults.concurrency}, at most ${MAX_CONCURRENCY}): the run starts at 32 and takes as many as the target answers as fast as its fastest, fewer when it slows down, throttles, sheds or drops. With --concurrency-mode fixed, exactly this many (default ${defaults.fixedConcurrency}).` },
  { flag: '--concurrency-mode', env: 'CONFORMANCE_CONCURRENCY_MODE', value: 'adaptive|fixed', help: 'adaptive (default): requests in flight follow the target, up to --concurrency; fixed: always --concurrency, fewer only while the target throttles.' },
  { flag: '--max-duration', env: 'CONFORMANCE_MAX_DURATION', value: 'SECONDS', help: `bound on the case phase (default ${defaults.maxDurationSeconds}); past it, checks stop drawing cases and say how many they judged.` },
  { flag: '--throttle-patience', env: 'CONFORMANCE_THROTTLE_PATIENCE', value: 'SECONDS', help: `how long a target may answer nothing but 429 (or 503 with Retry-After) before the run gives up as inconclusive (default ${defaults.throttlePatienceSeconds}).` },
  { flag: '--only', env: 'CONFORMANCE_ONLY', value: 'ID,…', help: 'run only these requirements or checks (M3, S1, validRequestAccepted…; see --list).' },
  { flag: '--strict', env: 'CONFORMANCE_STRICT', help: 'SHOULD failures fail the verdict too.' },
  { flag: '--report-dir', env: 'REPORT_DIR', value: 'DIR', help: 'where the reports go (default reports/); earlier outputs there are removed first.' },
  { flag: '--session-mode', env: 'CONFORMANCE_SESSION_MODE', value: 'any|start', help: 'any: every well-formed session is accepted (default); start: each valid stop is preceded by PUT /cissession/start.' },
  { flag: '--profile', env: 'CONFORMANCE_PROFILE', value: 'NAME,…', help: 'allow-empty-object: accept {} as an empty 200 body (Smithy-generated servers send it).' },
  { flag: '--transport', env: 'CONFORMANCE_TRANSPORT', value: 'http|playwright', help: "client for property cases: a lean keep-alive client (default) or Playwright's request fixture." },
  { flag: '--shard', env: 'CONFORMANCE_SHARD', value: 'i/n', help: 'run slice i of n of the checks (for several machines); combine the slices with `merge`.' },
  { flag: '--probe-throttling', env: 'CONFORMANCE_PROBE_THROTTLING', help: 'send a bounded burst (at most 200 requests, 15 s) until the target answers 429, and judge the 429 (S9).' },
  { flag: '--header', short: '-H', env: 'CONFORMANCE_HEADERS', value: "'NAME: VALUE'", repeatable: true, help: 'add a header to every request (repeatable; the variable takes one per line). Values are redacted like credentials.' },
  { flag: '--ca-cert', env: 'CONFORMANCE_CA_CERT', value: 'FILE', help: 'trust the certificate authorities in this PEM file too (a self-signed HTTPS target).' },
  { flag: '--insecure', env: 'CONFORMANCE_INSECURE', help: 'do not verify TLS certificates; every report says so.' },
  { flag: '--baseline', env: 'CONFORMANCE_BASELINE', value: 'FILE', help: 'judge the outcome against known failures (a conformance.json or a `baseline` expectations file): exit 1 only on a regression.' },
  { flag: '--replay', value: 'REPORT [CHECK]', help: 'send the recorded failing case of CHECK (a check name or requirement id; default: every failure) in REPORT again and say whether it still fails: exit 0 no longer, 1 still, 2 cannot tell.' },
  { flag: '--list', help: 'list the checks: id, level, name, title.' },
  { flag: '--version', help: 'print the suite version.' },
  { flag: '--help', short: '-h', help: 'print this help.' },
];

export type CertifyRequest =
  | { kind: 'certify'; settings: SettingsDraft }
  | { kind: 'replay'; report: string; check?: string; settings: SettingsDraft }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'list' };

/** Settings before the target is known: without --target, certify starts the reference and fills it in. */
export type SettingsDraft = Omit<Settings, 'target' | 'referenceTarget'> & { target?: URL };

interface Given {
  value: string;
  /** How to name the value's origin in an error: `--seed`, `CONFORMANCE_SEED (from the environment)`. */
  origin: string;
}

function originOf(name: string, env: SourcedEnv): string {
  return env.fromDotenv.has(name) ? `${name} (from ${env.dotenvPath ?? '.env'})` : `${name} (from the environment)`;
}

/** What parses a value knows: whether it names the user's check names and requirement ids. */
export interface Vocabulary {
  isKnownSelector(item: string): boolean;
  selectorsHint: string;
}

type Flags = Map<string, string[] | true>;

/**
 * Reads `argv` against `specs` (`--flag value`, `--flag=value`, switches, repeatable flags):
 * each flag's values, or true for a switch, and the positional arguments `takesPositional` accepts;
 * anything else is a usage error ending in `hint`.
 */
function readFlags(argv: readonly string[], specs: readonly OptionSpec[], hint: string, takesPositional: (arg: string, flags: Flags, positionals: readonly string[]) => boolean): { flags: Flags; positionals: string[] } {
  const flags: Flags = new Map();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [name, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const spec = specs.find((s) => s.flag === name || s.short === name);
    if (!spec) {
      if (!arg.startsWith('-') && takesPositional(arg, flags, positionals)) {
        positionals.push(arg);
        continue;
      }
      throw new UsageError(`unknown option "${arg}"; ${hint}.`);
    }
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`${spec.flag} takes no value (got "${arg}").`);
      flags.set(spec.flag, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${spec.flag} needs a value (${spec.value}).`);
    const list = flags.get(spec.flag);
    if (Array.isArray(list) && spec.repeatable) list.push(value);
    else if (Array.isArray(list)) throw new UsageError(`${spec.flag} is given twice; give it once.`);
    else flags.set(spec.flag, [value]);
  }
  return { flags, positionals };
}

/** A flag's value, else its variable's (from the environment or .env), each with its origin for errors. */
function givenIn(flags: Flags, env: SourcedEnv): (flag: string) => Given | undefined {
  return (flag) => {
    const fromFlag = flags.get(flag);
    if (Array.isArray(fromFlag)) return { value: fromFlag[fromFlag.length - 1], origin: flag };
    const envName = optionSpecs.find((s) => s.flag === flag)?.env;
    const fromEnv = envName ? env.values[envName] : undefined;
    return envName && fromEnv !== undefined && fromEnv !== '' ? { value: fromEnv, origin: originOf(envName, env) } : undefined;
  };
}

export function parseCertifyArgs(argv: readonly string[], env: SourcedEnv, vocabulary: Vocabulary, command: string): CertifyRequest {
  // The one positional argument: the CHECK of `--replay REPORT CHECK`.
  const { flags, positionals } = readFlags(argv, optionSpecs, 'see --help', (_arg, read, taken) => read.has('--replay') && taken.length === 0);
  const positional = positionals[0];
  if (flags.has('--help')) return { kind: 'help' };
  if (flags.has('--version')) return { kind: 'version' };
  if (flags.has('--list')) return { kind: 'list' };

  const given = givenIn(flags, env);
  const switchOn = (flag: string): boolean => {
    if (flags.get(flag) === true) return true;
    const envName = optionSpecs.find((s) => s.flag === flag)?.env;
    const raw = envName ? env.values[envName] : undefined;
    return envName !== undefined && raw !== undefined && raw !== '' && parseBoolean(originOf(envName, env), raw);
  };

  const only = splitList(given('--only'));
  for (const item of only.items) {
    if (!vocabulary.isKnownSelector(item)) throw new UsageError(`${only.origin}: "${item}" is neither a requirement id (${vocabulary.selectorsHint}) nor a check name; see --list.`);
  }
  const profile = splitList(given('--profile'));
  for (const item of profile.items) {
    if (!KNOWN_PROFILES.includes(item)) throw new UsageError(`${profile.origin}: unknown profile "${item}"; known: ${KNOWN_PROFILES.join(', ')}.`);
  }
  const transport = given('--transport');
  if (transport && transport.value !== 'http' && transport.value !== 'playwright') {
    throw new UsageError(`${transport.origin} must be "http" or "playwright", not "${transport.value}".`);
  }
  const target = given('--target');
  const seed = given('--seed');
  const runs = given('--runs');
  const timeout = given('--timeout');
  const concurrency = given('--concurrency');
  const concurrencyMode = given('--concurrency-mode');
  if (concurrencyMode && concurrencyMode.value !== 'adaptive' && concurrencyMode.value !== 'fixed') {
    throw new UsageError(`${concurrencyMode.origin} must be "adaptive" or "fixed", not "${concurrencyMode.value}".`);
  }
  const mode: ConcurrencyMode = concurrencyMode?.value === 'fixed' ? 'fixed' : 'adaptive';
  const maxDuration = given('--max-duration');
  const patience = given('--throttle-patience');
  const sessionMode = given('--session-mode');
  const caCert = given('--ca-cert');
  const baseline = given('--baseline');
  const draft: SettingsDraft = {
    target: target === undefined ? undefined : parseTarget(target.value, target.origin),
    seed: seed === undefined ? randomSeed() : parseWholeNumber(seed.origin, seed.value, { min: 0, max: 2 ** 32 - 1 }),
    runs: runs === undefined ? defaults.runs : parseWholeNumber(runs.origin, runs.value, { min: 1, max: 1_000_000 }),
    timeoutMs: timeout === undefined ? defaults.timeoutMs : parseWholeNumber(timeout.origin, timeout.value, { min: 100, max: 600_000 }),
    concurrency: concurrency === undefined ? (mode === 'fixed' ? defaults.fixedConcurrency : defaults.concurrency) : parseWholeNumber(concurrency.origin, concurrency.value, { min: 1, max: MAX_CONCURRENCY }),
    concurrencyMode: mode,
    maxDurationMs: 1000 * (maxDuration === undefined ? defaults.maxDurationSeconds : parseWholeNumber(maxDuration.origin, maxDuration.value, { min: 10, max: 24 * 3600 })),
    throttlePatienceMs: 1000 * (patience === undefined ? defaults.throttlePatienceSeconds : parseWholeNumber(patience.origin, patience.value, { min: 1, max: 3600 })),
    strict: switchOn('--strict'),
    sessionMode: sessionMode === undefined ? defaults.sessionMode : parseSessionMode(sessionMode.origin, sessionMode.value),
    profile: profile.items,
    transport: transport?.value === 'playwright' ? 'playwright' : 'http',
    only: only.items,
    shard: parseShard(given('--shard')),
    probeThrottling: switchOn('--probe-throttling'),
    headers: parseHeaders(flags.get('--header'), env),
    caCertFile: caCert === undefined ? undefined : readableFile(caCert, 'a PEM file of certificate authorities'),
    insecure: switchOn('--insecure'),
    signing: signingFromEnv(env.values, (name) => originOf(name, env)),
    reportDir: given('--report-dir')?.value ?? defaults.reportDir,
    baseline: baseline === undefined ? undefined : readableFile(baseline, 'a conformance.json or a baseline file'),
    command,
  };
  const replay = flags.get('--replay');
  if (Array.isArray(replay)) return { kind: 'replay', report: replay[0], check: positional, settings: draft };
  return { kind: 'certify', settings: draft };
}

export interface MergeRequest {
  dirs: string[];
  reportDir: string;
  baseline?: string;
}

/** `merge DIR… [--report-dir OUT] [--baseline FILE]`: the same two options as certify's, read the same way. */
export function parseMergeArgs(argv: readonly string[], env: SourcedEnv, usage: string): MergeRequest {
  const specs = optionSpecs.filter((s) => s.flag === '--report-dir' || s.flag === '--baseline');
  const { flags, positionals } = readFlags(argv, specs, `usage: ${usage}`, () => true);
  if (positionals.length === 0) throw new UsageError(`no shard directory given; usage: ${usage}.`);
  const given = givenIn(flags, env);
  const baseline = given('--baseline');
  return {
    dirs: positionals.map((dir) => resolve(dir)),
    reportDir: resolve(given('--report-dir')?.value ?? defaults.reportDir),
    ...(baseline ? { baseline: resolve(baseline.value) } : {}),
  };
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32);
}

function readableFile(given: Given, what: string): string {
  try {
    readFileSync(given.value);
  } catch {
    throw new UsageError(`${given.origin}: cannot read "${given.value}"; give ${what}.`);
  }
  return given.value;
}

function splitList(given: Given | undefined): { items: string[]; origin: string } {
  if (!given) return { items: [], origin: '' };
  return { items: given.value.split(',').map((s) => s.trim()).filter(Boolean), origin: given.origin };
}

/** -H 'Name: value', repeatable; CONFORMANCE_HEADERS holds one per line. */
function parseHeaders(flag: string[] | true | undefined, env: SourcedEnv): Record<string, string> {
  const lines: Given[] = Array.isArray(flag)
    ? flag.map((value) => ({ value, origin: '-H' }))
    : (env.values.CONFORMANCE_HEADERS ?? '')
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((value) => ({ value, origin: originOf('CONFORMANCE_HEADERS', env) }));
  const headers: Record<string, string> = {};
  for (const { value, origin } of lines) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(value.trim());
    if (!match) throw new UsageError(`${origin} must be 'Name: value' (for example -H 'x-api-key: abc'), not "${value}".`);
    headers[match[1]] = match[2];
  }
  return headers;
}

export function parseTarget(raw: string, origin = '--target'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${origin}: "${raw}" is not a URL; give the target as http://host:port (for example http://127.0.0.1:8080).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${origin}: "${raw}" is not an http:// or https:// URL; the target is an HTTP endpoint.`);
  }
  if (url.search || url.hash) {
    throw new UsageError(`${origin}: "${raw}" has a query or fragment; give the target's base URL only (the suite adds /cissession/stop).`);
  }
  return url;
}

export function parseWholeNumber(origin: string, raw: string, { min, max }: { min: number; max: number }): number {
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${origin} must be a whole number, not "${raw}".`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new UsageError(`${origin} must be between ${min} and ${max}, not ${value}.`);
  return value;
}

function parseSessionMode(origin: string, raw: string): SessionMode {
  if (raw === 'any' || raw === 'start') return raw;
  throw new UsageError(`${origin} must be "any" or "start", not "${raw}".`);
}

function parseBoolean(origin: string, raw: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new UsageError(`${origin} must be 1 or 0 (true or false), not "${raw}".`);
}

function parseShard(given: Given | undefined): Shard | undefined {
  if (given === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(given.value.trim());
  const index = match ? Number(match[1]) : 0;
  const total = match ? Number(match[2]) : 0;
  if (!match || total < 1 || index < 1 || index > total) throw new UsageError(`${given.origin} must be i/n with 1 ≤ i ≤ n (for example 1/2), not "${given.value}".`);
  return { index, total };
}

// ——— to the Playwright processes and back ———

/** The variable that carries the run's settings to the Playwright runner, its workers and the reporters. */
export const SETTINGS_VARIABLE = 'CONFORMANCE_RUN_SETTINGS';

/**
 * The settings as the child processes read them. Credentials stay out: the children inherit the
 * AWS_* variables and read them with the same function the CLI used.
 */
export function settingsForChild(settings: Settings): string {
  const { signing: _signing, target, ...rest } = settings;
  return JSON.stringify({ ...rest, target: target.toString() });
}

export function settingsInChild(env: NodeJS.ProcessEnv): Settings {
  const text = env[SETTINGS_VARIABLE];
  if (!text) throw new UsageError(`${SETTINGS_VARIABLE} is not set: the suite's Playwright files are run by \`certify\`, which sets it.`);
  const parsed = JSON.parse(text) as Omit<Settings, 'target' | 'signing'> & { target: string };
  return { ...parsed, target: new URL(parsed.target), signing: signingFromEnv(env) };
}
