// The reference implementation's opt-in modes, from the environment of `npm run reference`:
// REFERENCE_SIGV4=1 verifies SigV4 against AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
// AWS_SESSION_TOKEN / AWS_REGION (read where the suite reads them), and
// REFERENCE_RATE_LIMIT=<per second>[:<retry-after seconds>] throttles, and REFERENCE_DELAY_MS=<ms>
// makes every answer wait, as a far target's would, and REFERENCE_WORKERS=<count>:<ms>[:<retry-after
// seconds>] works on <count> requests at once for <ms> each and sheds one more with 503 and
// Retry-After, as a worker pool does. All are off by default.
import { signingFromEnv } from '../settings/credentials';
import { parseRateLimit } from './rateLimit';
import type { ReferenceOptions } from './server';

export interface OptInModes {
  options: Pick<ReferenceOptions, 'sigv4' | 'rateLimit' | 'delayMs' | 'workers'>;
  /** For the startup line: " (SigV4, rate limit 20/s)"; empty when no mode is on. */
  label: string;
}

/** Throws an Error whose message is a sentence saying what to set. */
export function optInModesFromEnv(env: NodeJS.ProcessEnv): OptInModes {
  const options: OptInModes['options'] = {};
  const labels: string[] = [];
  if (env.REFERENCE_SIGV4 === '1') {
    const signing = signingFromEnv(env);
    if (!signing) throw new Error('REFERENCE_SIGV4=1 needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_REGION, default us-east-1): the credentials requests must be signed with.');
    options.sigv4 = { ...signing.credentials, region: signing.region };
    labels.push(`SigV4 in ${signing.region}`);
  }
  if (env.REFERENCE_DELAY_MS) {
    if (!/^\d+$/.test(env.REFERENCE_DELAY_MS) || Number(env.REFERENCE_DELAY_MS) > 60_000) throw new Error(`REFERENCE_DELAY_MS must be a whole number of milliseconds up to 60000, not "${env.REFERENCE_DELAY_MS}".`);
    options.delayMs = Number(env.REFERENCE_DELAY_MS);
    labels.push(`${options.delayMs} ms per answer`);
  }
  if (env.REFERENCE_WORKERS) {
    const match = /^(\d+):(\d+)(?::(\d+))?$/.exec(env.REFERENCE_WORKERS);
    if (!match || Number(match[1]) < 1) throw new Error(`REFERENCE_WORKERS must be <workers>:<milliseconds per request>[:<Retry-After seconds>], such as 8:20, not "${env.REFERENCE_WORKERS}".`);
    options.workers = { count: Number(match[1]), serviceMs: Number(match[2]), retryAfterSeconds: match[3] === undefined ? 1 : Number(match[3]) };
    labels.push(`${options.workers.count} workers, ${options.workers.serviceMs} ms a request, shedding past them`);
  }
  if (env.REFERENCE_RATE_LIMIT) {
    options.rateLimit = parseRateLimit(env.REFERENCE_RATE_LIMIT);
    labels.push(`rate limit ${options.rateLimit.perSecond}/s`);
  }
  return { options, label: labels.length > 0 ? ` (${labels.join(', ')})` : '' };
}
