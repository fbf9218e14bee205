// Settings travel from the CLI to the Playwright workers as environment variables, the one
// channel Playwright passes through unchanged. Parsing them here rejects bad values with a
// sentence, before any request is sent.
import type { SessionMode, Settings } from '../checks/types';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const defaults = {
  runs: 300,
  timeoutMs: 10_000,
  sessionMode: 'any' as SessionMode,
} as const;

export function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`"${raw}" is not a URL; give the target as http://host:port (for example http://127.0.0.1:8080).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`"${raw}" is not an http:// or https:// URL; the target is an HTTP endpoint.`);
  }
  if (url.search || url.hash) {
    throw new UsageError(`"${raw}" has a query or fragment; give the target's base URL only (the suite adds /cissession/stop).`);
  }
  return url;
}

export function parseWholeNumber(name: string, raw: string, { min, max }: { min: number; max: number }): number {
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${name} must be a whole number, not "${raw}".`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new UsageError(`${name} must be between ${min} and ${max}, not ${value}.`);
  return value;
}

export function parseSessionMode(raw: string): SessionMode {
  if (raw === 'any' || raw === 'start') return raw;
  throw new UsageError(`session mode must be "any" or "start", not "${raw}".`);
}

export function parseBoolean(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return false;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new UsageError(`${name} must be 1 or 0 (true or false), not "${raw}".`);
}

/** Per-check bound: room for the cases, plus shrinking, never less than a few timeouts. */
export function checkBudgetFor(timeoutMs: number): number {
  return Math.max(60_000, timeoutMs * 4);
}

/** Reads the settings the CLI exported (CONFORMANCE_* variables) in a Playwright worker. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): Settings {
  const rawTarget = env.TARGET_URL;
  if (!rawTarget) throw new UsageError('TARGET_URL is not set; run the suite through `npm run certify`, which sets it.');
  const timeoutMs = env.CONFORMANCE_TIMEOUT_MS
    ? parseWholeNumber('the request timeout', env.CONFORMANCE_TIMEOUT_MS, { min: 100, max: 600_000 })
    : defaults.timeoutMs;
  return {
    target: parseTarget(rawTarget),
    seed: env.CONFORMANCE_SEED ? parseWholeNumber('the seed', env.CONFORMANCE_SEED, { min: 0, max: 2 ** 32 - 1 }) : 0,
    runs: env.CONFORMANCE_RUNS ? parseWholeNumber('runs', env.CONFORMANCE_RUNS, { min: 1, max: 1_000_000 }) : defaults.runs,
    timeoutMs,
    checkBudgetMs: checkBudgetFor(timeoutMs),
    strict: parseBoolean('STRICT', env.STRICT),
    sessionMode: env.SESSION_MODE ? parseSessionMode(env.SESSION_MODE) : defaults.sessionMode,
    allowEmptyObject: (env.CONFORMANCE_PROFILE ?? '').split(',').includes('allow-empty-object'),
  };
}

/** A check's seed: the run's seed mixed with the check's name (FNV-1a), so each check replays alone. */
export function seedFor(runSeed: number, checkName: string): number {
  let hash = 0x811c9dc5 ^ runSeed;
  for (const ch of checkName) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
