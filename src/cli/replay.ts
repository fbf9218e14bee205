// `certify --replay REPORT [CHECK]`: sends a recorded failing case again and says whether it
// still fails. Exit 0: it no longer fails; 1: it still fails; 2: the replay cannot tell.
//
// The recorded request is resent byte for byte when the report holds it whole. It does not when
// the body was longer than the report keeps (8 KiB), or when a session token in it was redacted
// (session mode "start"): then the check itself is run again with the run's seed
// (`--seed N --only NAME`), which draws the same cases, and its new verdict is the answer.
// A request with a redacted credential header (one a check set itself, as S7 does) is not
// resent either; requests the transport signs are signed afresh, as the run signed them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNamed } from '../checks';
import type { RecordedOutcome } from '../checks/types';
import type { CheckReport, ConformanceReport } from '../report/model';
import { configureRedaction, wasRedacted } from '../report/redact';
import { signingFromEnv } from '../runner/credentials';
import { isServerError } from '../runner/context';
import { describeOutcome, recordOutcome } from '../runner/record';
import { httpTransport } from '../transport/httpTransport';
import { signedIfConfigured } from '../transport/sigv4Transport';
import type { HttpOutcome, HttpRequest } from '../transport/types';

export type ReplayExit = 0 | 1 | 2;

export interface ReplayOptions {
  /** Path of a conformance.json. */
  report: string;
  /** A check name or a requirement id; every failure of the report when absent. */
  check?: string;
  /** Overrides the recorded target. */
  target?: URL;
  timeoutMs: number;
  /** For the signing credentials (AWS_ACCESS_KEY_ID…), as certify reads them. */
  env: NodeJS.ProcessEnv;
}

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

/** Why the recorded request cannot be resent byte for byte, or undefined when it can. */
function notExact(check: CheckReport): string | undefined {
  const f = check.failure;
  if (!f) return 'no request was recorded';
  if (f.request.body !== undefined && Buffer.byteLength(f.request.body) !== f.request.bodyBytes) {
    return `its ${f.request.bodyBytes}-byte body is longer than the report keeps`;
  }
  if (f.request.body !== undefined && wasRedacted(f.request.body)) return 'a session token in its body was redacted';
  // A credential header the check set itself (S7's unsigned or wrongly signed requests) is part
  // of the case; requests signed by the transport were recorded before signing and carry none.
  const redacted = Object.entries(f.request.headers).filter(([, value]) => wasRedacted(value)).map(([name]) => name);
  if (redacted.length) return `its ${redacted.join(', ')} header${redacted.length === 1 ? ' was' : 's were'} redacted`;
  return undefined;
}

/** Statuses the expectation starts with ("400: …", "200 with an empty body", "200 or 400"). */
export function expectedStatuses(expected: string): number[] {
  const lead = /^\s*(\d{3}(?:\s*(?:,|or|\/)\s*\d{3})*)\b/.exec(expected);
  return lead ? (lead[1].match(/\d{3}/g) ?? []).map(Number) : [];
}

function sameAnswer(recorded: RecordedOutcome, now: RecordedOutcome): boolean {
  if (recorded.kind === 'no-answer') return now.kind === 'no-answer' && recorded.reason === now.reason;
  return now.kind === 'response' && recorded.status === now.status && recorded.body === now.body;
}

/** Judges a resent request's answer against the recorded failure; undefined when only the check can tell. */
export function judgeResend(check: CheckReport, request: HttpRequest, outcome: HttpOutcome): Judgement | undefined {
  const f = check.failure;
  if (!f) return cannotTell('nothing was recorded');
  if (outcome.kind === 'no-answer' && outcome.reason === 'connection') {
    return cannotTell(`the target did not take the connection (${outcome.message}). If the report is of the bundled reference implementation, it ran for that run only: give --target.`);
  }
  const now = describeOutcome(outcome);
  // The whole-run requirements are judged here by the runner's own rules.
  if (check.id === 'M5') return isServerError(request, outcome) ? stillFails(`answered ${now}.`) : fixed(`answered ${now}, not 5xx.`);
  if (check.id === 'M7') return outcome.kind === 'no-answer' ? stillFails(`no answer (${outcome.message}).`) : fixed(`answered ${now} in ${outcome.durationMs} ms.`);
  const recorded = f.response;
  if (sameAnswer(recorded, recordOutcome(outcome))) return stillFails(`the target answers as it did when the failure was recorded (${now}).`);
  const statuses = expectedStatuses(f.expected);
  if (statuses.length === 0) return undefined;
  if (outcome.kind === 'no-answer') return stillFails(`no answer (${outcome.message}); expected ${f.expected}.`);
  if (!statuses.includes(outcome.status)) return stillFails(`answered ${now}; expected ${f.expected}.`);
  // The status is right now. If it was wrong before, the status was the failure: it is fixed.
  if (recorded.kind === 'no-answer' || !statuses.includes(recorded.status)) return fixed(`answered ${now}; expected ${f.expected}.`);
  // The status was right before too: the failure was about the body or headers, which only the check judges.
  return undefined;
}

/** The check to run again: a whole-run check (M5, M7) names the check that saw the failure in its replay command. */
function rerunnableName(check: CheckReport): string | undefined {
  const named = /--only\s+(\S+)/.exec(check.failure?.replay ?? '')?.[1];
  for (const name of [named, check.name]) if (name && checkNamed(name)) return name;
  return undefined;
}

async function rerun(check: CheckReport, report: ConformanceReport, target: URL, options: ReplayOptions, io: ReplayIo): Promise<Judgement> {
  const name = rerunnableName(check);
  if (!name) return cannotTell(`"${check.name}" is not a check that runs alone; run certify again: npm run certify -- --target ${target.toString()} --seed ${report.seed}`);
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const argv = [
    '--target', target.toString(), '--seed', String(report.seed), '--only', name,
    '--session-mode', report.sessionMode, '--timeout', String(options.timeoutMs),
    ...(report.profile.length ? ['--profile', report.profile.join(',')] : []),
    ...(report.strict ? ['--strict'] : []),
  ];
  io.say(`  running the check again with the run's seed: npm run certify -- ${argv.join(' ')}`);
  try {
    // Its reports go to a scratch directory: the report being replayed stays as it was.
    const code = await io.rerun([...argv, '--report-dir', dir]);
    const again = readReport(join(dir, 'conformance.json'));
    if (typeof again === 'string') return cannotTell(`the re-run wrote no report (exit ${code}).`);
    if (again.verdict === 'inconclusive' && again.inconclusiveReason) return cannotTell(again.inconclusiveReason);
    const result = again.checks.find((c) => c.name === check.name);
    if (!result) return cannotTell(`the re-run did not report ${check.name}.`);
    if (result.error !== undefined) return cannotTell(`the check could not judge: ${result.error}`);
    if (result.status === 'failed') return stillFails(`${result.failure ? `${result.failure.title}${result.failure.caseDescription ? ` (${result.failure.caseDescription})` : ''}; expected ${result.failure.expected}; received ${result.failure.received}` : 'the check failed'}.`);
    if (result.status === 'passed') return fixed(`the check passed all ${result.cases} cases of the same seed.`);
    return cannotTell(`the check was ${result.status}.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function replayOne(check: CheckReport, report: ConformanceReport, target: URL, options: ReplayOptions, io: ReplayIo): Promise<Judgement> {
  const f = check.failure;
  io.say(`Replaying ${check.name} (${check.id} ${check.level}: ${check.title}) against ${target.toString()}`);
  if (!f) return cannotTell('the report holds no failing case for it.');
  io.say(`  recorded: ${f.title}${f.caseDescription ? ` (${f.caseDescription})` : ''}; expected ${f.expected}; received ${f.received}`);
  const inexact = notExact(check);
  if (inexact) {
    io.say(`  the recorded request cannot be resent exactly: ${inexact}.`);
    return rerun(check, report, target, options, io);
  }
  const request: HttpRequest = { method: f.request.method, path: pathOf(f.request.url, report.target), headers: f.request.headers, body: f.request.body };
  // Signed afresh when credentials are configured, as the run signed it.
  const transport = signedIfConfigured(httpTransport(target, { connections: 1 }), target, signingFromEnv(options.env));
  let outcome: HttpOutcome;
  try {
    outcome = await transport.send(request, { timeoutMs: options.timeoutMs });
  } finally {
    await transport.close();
  }
  io.say(`  sent the recorded request again: ${request.method} ${request.path}; now ${describeOutcome(outcome)}`);
  const judged = judgeResend(check, request, outcome);
  if (judged) return judged;
  io.say('  the answer changed, and only the check itself can judge it.');
  return rerun(check, report, target, options, io);
}

export async function replay(options: ReplayOptions, io: ReplayIo): Promise<ReplayExit> {
  const report = readReport(options.report);
  if (typeof report === 'string') {
    io.say(`replay: ${report}`);
    return 2;
  }
  // What the replay records is redacted as the report was.
  configureRedaction({ sessionMode: report.sessionMode });
  const named = options.check === undefined ? report.checks : report.checks.filter((c) => c.name === options.check || c.id === options.check);
  if (options.check !== undefined && named.length === 0) {
    io.say(`replay: "${options.check}" is neither a check name nor a requirement id of ${options.report}; its checks: ${report.checks.map((c) => c.name).join(', ')}.`);
    return 2;
  }
  const failing = named.filter((c) => c.status === 'failed' && c.failure);
  if (failing.length === 0) {
    io.say(`replay: ${options.check ?? 'no check'}${options.check ? ' did not fail' : ' failed'} in that run (verdict ${report.verdict}); there is no failing case to replay.`);
    return 2;
  }
  let target: URL;
  try {
    target = options.target ?? new URL(report.target);
  } catch {
    io.say(`replay: the report's target "${report.target}" is not a URL; give --target.`);
    return 2;
  }
  const exits: ReplayExit[] = [];
  for (const check of failing) {
    const judged = await replayOne(check, report, target, options, io);
    io.say(`  ${judged.why}`);
    exits.push(judged.exit);
  }
  // One failure still there is a failure; otherwise one the replay could not judge leaves it undecided.
  const exit: ReplayExit = exits.includes(1) ? 1 : exits.includes(2) ? 2 : 0;
  if (failing.length > 1) io.say(`replay: ${exits.filter((e) => e === 1).length} of ${failing.length} still fail, ${exits.filter((e) => e === 0).length} no longer fail, ${exits.filter((e) => e === 2).length} undecided.`);
  return exit;
}
