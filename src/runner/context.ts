// Hosts one check: its requests go through the run's pool (counted, throttling waited out), its
// sessions are started in mode 'start', and every answer is handed to the run-wide checks (M5, M7,
// S3), whose tallies are kept as the check's evidence. It judges nothing itself.
import { CannotJudge, type Check, type CheckContext, type CheckEvidence, type RunWideCheck, type SendOptions } from '../checks/types';
import { exchange, type Exchange, type Recorder } from '../evidence/exchange';
import type { Settings } from '../settings';
import type { HttpOutcome, HttpRequest, Transport } from '../transport/types';
import type { SendPool } from './pool';

/** How many of each kind of evidence a check keeps (counts are kept whole). */
const KEPT = 3;
/**
 * After this many of one check's requests go unanswered within the timeout, the check stops and
 * cannot judge: M7 already has the evidence, and every further case could cost another timeout
 * (fast-check shrinks a hang a timeout a step). It keeps a target that hangs on common input from
 * holding each check for the whole run.
 */
const TIMEOUTS_PER_CHECK = 3;

export interface HostedContext extends CheckContext {
  evidence(): CheckEvidence;
}

/** The command that runs `check` again with the run's seed and runs: it draws the same cases. */
export function replayCommand(settings: Settings, check: string): string {
  const args = [
    ...(settings.referenceTarget ? [] : ['--target', settings.target.toString()]),
    '--seed', String(settings.seed),
    '--runs', String(settings.runs),
    ...(settings.sessionMode !== 'any' ? ['--session-mode', settings.sessionMode] : []),
    ...(settings.profile.length > 0 ? ['--profile', settings.profile.join(',')] : []),
    ...(settings.strict ? ['--strict'] : []),
    '--only', check,
  ];
  return `${settings.command} ${args.join(' ')}`;
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

export interface HostOptions {
  settings: Settings;
  pool: SendPool;
  /** The client the check's requests go through. */
  transport: Transport;
  recorder: Recorder;
  /** End of the case phase (ms since the epoch). */
  deadline: number;
  /** The run-wide checks every answer is shown to. */
  watchers: readonly RunWideCheck[];
}

export function hostCheck(check: Pick<Check, 'name'>, { settings, pool, transport, recorder, deadline, watchers }: HostOptions): HostedContext {
  let timeouts = 0;
  const evidence: CheckEvidence = {
    requests: 0,
    tallies: Object.fromEntries(watchers.map((w) => [w.name, { judged: 0, unmet: 0, samples: [] }])),
  };
  const record = (request: HttpRequest, outcome: HttpOutcome): Exchange => exchange(recorder, request, outcome);

  function observe(request: HttpRequest, outcome: HttpOutcome, waitedOut: boolean): void {
    evidence.requests++;
    if (outcome.kind === 'no-answer' && outcome.reason === 'timeout') timeouts++;
    for (const watcher of watchers) {
      const verdict = watcher.classify(request, outcome, waitedOut);
      if (verdict === undefined) continue;
      const tally = evidence.tallies[watcher.name];
      tally.judged++;
      if (verdict === 'met') continue;
      tally.unmet++;
      if (tally.samples.length < KEPT) tally.samples.push(record(request, outcome));
    }
  }

  async function send(request: HttpRequest, options: SendOptions = {}): Promise<HttpOutcome> {
    if (timeouts >= TIMEOUTS_PER_CHECK) {
      throw new CannotJudge(`${timeouts} requests went unanswered within ${settings.timeoutMs} ms, so the check stopped (M7 reports them); if the target is only slow, run again with a longer --timeout.`);
    }
    return pool.send(transport, request, {
      timeoutMs: settings.timeoutMs,
      throttle: options.throttle,
      onAnswer: (outcome, waitedOut) => observe(request, outcome, waitedOut),
    });
  }

  async function startSession(scanJobId: string, sessionToken: string): Promise<void> {
    if (settings.sessionMode !== 'start') return;
    const request: HttpRequest = {
      method: 'PUT',
      path: '/cissession/start',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scanJobId, message: { sessionToken } }),
    };
    const outcome = await send(request);
    if (outcome.kind !== 'response' || outcome.status !== 200) {
      const got = outcome.kind === 'response' ? `${outcome.status}` : `no answer (${outcome.message})`;
      throw new CannotJudge(`session mode "start": PUT /cissession/start was answered ${got}, not 200, so no session could be started (${record(request, outcome).curl}).`);
    }
  }

  return {
    settings,
    seed: seedFor(settings.seed, check.name),
    replay: replayCommand(settings, check.name),
    deadline,
    lanes: () => pool.limitNow(),
    send,
    startSession,
    record,
    evidence: () => evidence,
  };
}
