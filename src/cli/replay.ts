// `certify --replay REPORT [CHECK]`: sends a recorded failing case again and says whether it still
// fails. Exit 0: it no longer fails; 1: it still fails; 2: the replay cannot tell.
//
// A failure records what its answer had to be, as data (its Expectation). When the report holds
// the request whole, it is sent again (its control first, for S4–S6) and the new answer is judged
// against that expectation by the same function the check judged it with. When it does not (a body
// longer than the report keeps, a redacted session token or credential header), or when the
// failure's judgement needs the check itself (the AWS SDK calls, the throttling probe), the check
// is run again with the run's seed and runs, which draw the same cases, and its verdict is the answer.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNamed } from '../checks';
import { judgeAnswer } from '../checks/judge';
import { describeOutcome, recordedBody, type Exchange } from '../evidence/exchange';
import { wasRedacted } from '../evidence/redact';
import type { CheckReport, ConformanceReport } from '../result/model';
import { bulkTransport } from '../runner/transports';
import type { Settings, SettingsDraft } from '../settings';
import type { HttpOutcome, HttpRequest } from '../transport/types';
import { findingWithAnswer } from '../report/finding';

export type ReplayExit = 0 | 1 | 2;

export interface ReplayIo {
  say(line: string): void;
  /** Runs certify with these arguments (the fallback); returns its exit code. */
  rerun(argv: string[]): Promise<number>;
}

interface Judgement {
  exit: ReplayExit;
  why: string;
}

const stillFails = (why: string): Judgement => ({ exit: 1, why: `STILL FAILS: ${why}` });
const fixed = (why: string): Judgement => ({ exit: 0, why: `NO LONGER FAILS: ${why}` });
const cannotTell = (why: string): Judgement => ({ exit: 2, why: `CANNOT TELL: ${why}` });

function readReport(path: string): ConformanceReport | string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return `there is no report at ${path}; give the conformance.json a certify run wrote (REPORT_DIR/conformance.json).`;
  }
  try {
    const report = JSON.parse(text) as ConformanceReport;
    if (!Array.isArray(report.checks) || typeof report.target !== 'string') return `${path} is not a conformance.json (it has no checks or target).`;
    return report;
  } catch {
    return `${path} is not JSON; give the conformance.json a certify run wrote.`;
  }
}

/** The recorded request's path and query, relative to the recorded target (its base path kept out). */
function pathOf(recordedUrl: string, recordedTarget: string): string {
  const base = recordedTarget.replace(/\/$/, '');
  if (recordedUrl.startsWith(base)) return recordedUrl.slice(base.length) || '/';
  const url = new URL(recordedUrl);
  return `${url.pathname}${url.search}`;
}

/** Why a recorded request cannot be sent again byte for byte, or undefined when it can. */
export function notExact(exchange: Exchange): string | undefined {
  const r = exchange.request;
  if (r.body !== undefined && r.bodyBase64 === undefined && Buffer.byteLength(r.body) !== r.bodyBytes) return `its ${r.bodyBytes}-byte body is longer than the report keeps`;
  if (r.body !== undefined && wasRedacted(r.body)) return 'a session token in its body was redacted';
  // A credential header the check set itself (S7's unsigned or wrongly signed requests) is part of
  // the case; requests the transport signs were recorded before signing and carry none.
  const redacted = Object.entries(r.headers).filter(([, value]) => wasRedacted(value)).map(([name]) => name);
  if (redacted.length) return `its ${redacted.join(', ')} header${redacted.length === 1 ? ' was' : 's were'} redacted`;
  return undefined;
}

function requestOf(exchange: Exchange, report: ConformanceReport): HttpRequest {
  const r = exchange.request;
  return { method: r.method, path: pathOf(r.url, report.target), headers: r.headers, body: recordedBody(r) };
}

/** Judges a resent answer by the failure's own expectation; undefined when only the check can judge it. */
export function judgeResend(check: CheckReport, request: HttpRequest, outcome: HttpOutcome): Judgement | undefined {
  const f = check.failure;
  if (!f?.expectation) return undefined;
  if (outcome.kind === 'no-answer' && outcome.reason === 'connection') {
    return cannotTell(`the target did not take the connection (${outcome.message}). If the report is of the bundled reference implementation, it ran for that run only: give --target.`);
  }
  const judgement = judgeAnswer(f.expectation, request, outcome);
  if (!judgement.judged) return undefined;
  const now = describeOutcome(outcome);
  return judgement.mismatch ? stillFails(`answered ${now}; expected ${f.expected}.`) : fixed(`answered ${now}; expected ${f.expected}.`);
}

/** The check to run again: for a run-wide check's failure (M5, M7, S3), the check whose case it was. */
function rerunnableName(check: CheckReport): string | undefined {
  for (const name of [check.failure?.seenIn, check.name]) {
    const found = name ? checkNamed(name) : undefined;
    if (found && found.kind === 'cases' && found.phase !== 'before') return found.name;
  }
  return undefined;
}

async function rerun(check: CheckReport, report: ConformanceReport, target: URL, settings: SettingsDraft, io: ReplayIo): Promise<Judgement> {
  const name = rerunnableName(check);
  if (!name) return cannotTell(`"${check.name}" is not a check that runs alone; run certify again: ${report.command} --target ${target.toString()} --seed ${report.seed} --runs ${report.runs}`);
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const argv = [
    '--target', target.toString(), '--seed', String(report.seed), '--runs', String(report.runs ?? 300), '--only', name,
    '--session-mode', report.sessionMode, '--timeout', String(settings.timeoutMs),
    ...(report.profile.length ? ['--profile', report.profile.join(',')] : []),
    ...(report.strict ? ['--strict'] : []),
  ];
  io.say(`  running the check again with the run's seed: ${report.command} ${argv.join(' ')}`);
  try {
    // Its reports go to a scratch directory: the report being replayed stays as it was.
    const code = await io.rerun([...argv, '--report-dir', dir]);
    const again = readReport(join(dir, 'conformance.json'));
    if (typeof again === 'string') return cannotTell(`the re-run wrote no report (exit ${code}).`);
    if (again.verdict === 'inconclusive' && again.inconclusiveReason) return cannotTell(again.inconclusiveReason);
    const result = again.checks.find((c) => c.name === check.name) ?? again.checks.find((c) => c.name === name);
    if (!result) return cannotTell(`the re-run did not report ${check.name}.`);
    if (result.status === 'could-not-judge') return cannotTell(`the check could not judge: ${result.error ?? ''}`);
    if (result.status === 'failed') return stillFails(`${result.failure ? findingWithAnswer(result.failure) : 'the check failed'}.`);
    if (result.status === 'passed') return fixed(`the check passed: ${result.judged} cases of the same seed judged.`);
    return cannotTell(`the check was ${result.status}${result.reason ? `: ${result.reason}` : ''}.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function replayOne(check: CheckReport, report: ConformanceReport, settings: Settings, io: ReplayIo): Promise<Judgement> {
  const f = check.failure;
  io.say(`Replaying ${check.name} (${check.id} ${check.level}: ${check.title}) against ${settings.target.toString()}`);
  if (!f) return cannotTell('the report holds no failing case for it.');
  io.say(`  recorded: ${findingWithAnswer(f)}`);
  const inexact = [f, ...(f.control ? [f.control] : [])].map(notExact).find((why) => why !== undefined);
  if (!f.expectation || inexact) {
    io.say(`  the recorded request cannot be judged again on its own: ${inexact ?? 'only the check itself judges this failure'}.`);
    return rerun(check, report, settings.target, settings, io);
  }
  // Signed afresh when credentials are configured, with the user's headers, as the run sent it.
  const transport = bulkTransport(settings, 1);
  try {
    if (f.control) {
      const control = await transport.send(requestOf(f.control, report), { timeoutMs: settings.timeoutMs });
      io.say(`  sent its control request again first: now ${describeOutcome(control)}`);
      if (!(control.kind === 'response' && control.status === 200)) return cannotTell(`the control request was answered ${describeOutcome(control)}, not 200, so the case cannot be judged (M1 judges that).`);
    }
    const request = requestOf(f, report);
    const outcome = await transport.send(request, { timeoutMs: settings.timeoutMs });
    io.say(`  sent the recorded request again: ${request.method} ${request.path}; now ${describeOutcome(outcome)}`);
    const judged = judgeResend(check, request, outcome);
    if (judged) return judged;
  } finally {
    await transport.close();
  }
  io.say('  the new answer is not one the failure\'s expectation judges; running the check.');
  return rerun(check, report, settings.target, settings, io);
}

export async function replay(draft: SettingsDraft, reportPath: string, checkName: string | undefined, io: ReplayIo): Promise<ReplayExit> {
  const report = readReport(reportPath);
  if (typeof report === 'string') {
    io.say(`replay: ${report}`);
    return 2;
  }
  const named = checkName === undefined ? report.checks : report.checks.filter((c) => c.name === checkName || c.id === checkName);
  if (checkName !== undefined && named.length === 0) {
    io.say(`replay: "${checkName}" is neither a check name nor a requirement id of ${reportPath}; its checks: ${report.checks.map((c) => c.name).join(', ')}.`);
    return 2;
  }
  const failing = named.filter((c) => c.status === 'failed' && c.failure);
  if (failing.length === 0) {
    io.say(`replay: ${checkName ?? 'no check'}${checkName ? ' did not fail' : ' failed'} in that run (verdict ${report.verdict}); there is no failing case to replay.`);
    return 2;
  }
  let target: URL;
  try {
    target = draft.target ?? new URL(report.target);
  } catch {
    io.say(`replay: the report's target "${report.target}" is not a URL; give --target.`);
    return 2;
  }
  // Redacted as the report was: session tokens in mode "start".
  const settings: Settings = { ...draft, target, referenceTarget: false, sessionMode: report.sessionMode };
  const exits: ReplayExit[] = [];
  for (const check of failing) {
    const judged = await replayOne(check, report, settings, io);
    io.say(`  ${judged.why}`);
    exits.push(judged.exit);
  }
  // One failure still there is a failure; otherwise one the replay could not judge leaves it undecided.
  const exit: ReplayExit = exits.includes(1) ? 1 : exits.includes(2) ? 2 : 0;
  if (failing.length > 1) io.say(`replay: ${exits.filter((e) => e === 1).length} of ${failing.length} still fail, ${exits.filter((e) => e === 0).length} no longer fail, ${exits.filter((e) => e === 2).length} undecided.`);
  return exit;
}
