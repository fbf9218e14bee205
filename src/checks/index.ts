// The one place checks are registered: the check before judging, the checks that send cases, and
// the run-wide checks that judge every answer of the run. Names and titles are unique: a
// duplicate is a bug.
import * as acceptance from './acceptance';
import * as rejection from './rejection';
import * as protocol from './protocol';
import * as conventions from './conventions';
import * as tolerated from './tolerated';
import * as authentication from './authentication';
import * as realClient from './realClient';
import * as throttling from './throttling';
import * as runWide from './runWide';
import * as preflight from './preflight';
import { isRequirementId, requirement, type RequirementId } from './requirements';
import type { CaseCheck, Check, RunWideCheck } from './types';

function isCheck(value: unknown): value is Check {
  return typeof value === 'object' && value !== null && 'kind' in value && 'name' in value && 'requirement' in value;
}

function registry(groups: Record<string, unknown>[]): readonly Check[] {
  const checks: Check[] = [];
  const names = new Set<string>();
  const titles = new Set<string>();
  for (const group of groups) {
    for (const check of Object.values(group).filter(isCheck)) {
      if (names.has(check.name)) throw new Error(`two checks are named ${check.name}`);
      if (titles.has(check.title)) throw new Error(`two checks are titled "${check.title}"`);
      if (!isRequirementId(check.requirement)) throw new Error(`check ${check.name} names no requirement`);
      names.add(check.name);
      titles.add(check.title);
      checks.push(check);
    }
  }
  return checks;
}

export const checks = registry([preflight, acceptance, rejection, protocol, conventions, tolerated, authentication, realClient, throttling, runWide]);

/** The check before judging: run by certify before every other. */
export const preflightCheck = checks.find((c): c is CaseCheck => c.kind === 'cases' && c.phase === 'before') as CaseCheck;
/** The checks that send their own cases, in registry order. */
export const caseChecks = checks.filter((c): c is CaseCheck => c.kind === 'cases' && c.phase !== 'before');
/** The run-wide checks: every answer of the run is shown to them. */
export const runWideChecks = checks.filter((c): c is RunWideCheck => c.kind === 'run-wide');

export function checkNamed(name: string): Check | undefined {
  return checks.find((check) => check.name === name);
}

/** An --only item: a requirement id or a check name. */
export function isKnownSelector(item: string): boolean {
  return isRequirementId(item) || checks.some((c) => c.name === item);
}

/**
 * The case checks a run sends: those --only names (by requirement id or name), then this shard's
 * share of them (every n-th, so shards get a like mix of cheap and costly checks). The check
 * before judging and the run-wide checks run in every run and every shard.
 */
export function selectedCaseChecks(selection: { only: readonly string[]; shard?: { index: number; total: number } }): CaseCheck[] {
  const wanted = selection.only.length === 0 ? caseChecks : caseChecks.filter((c) => selection.only.includes(c.name) || selection.only.includes(c.requirement));
  if (!selection.shard) return wanted;
  const { index, total } = selection.shard;
  return wanted.filter((_, i) => i % total === index - 1);
}

/** For messages and --list: id, level, name, title. */
export function describeCheck(check: Check): { id: RequirementId; level: string; name: string; title: string } {
  return { id: check.requirement, level: requirement(check.requirement).level, name: check.name, title: check.title };
}
