// The one place checks are registered. Names and titles are unique: a duplicate is a bug.
import * as acceptance from './acceptance';
import * as rejection from './rejection';
import * as protocol from './protocol';
import * as conventions from './conventions';
import * as tolerated from './tolerated';
import * as authentication from './authentication';
import * as realClient from './realClient';
import * as throttling from './throttling';
import type { RequirementId } from './requirements';
import type { Check } from './types';

function registry(groups: Record<string, Check>[]): readonly Check[] {
  const checks: Check[] = [];
  const names = new Set<string>();
  const titles = new Set<string>();
  for (const group of groups) {
    for (const check of Object.values(group)) {
      if (names.has(check.name)) throw new Error(`two checks are named ${check.name}`);
      if (titles.has(check.title)) throw new Error(`two checks are titled "${check.title}"`);
      names.add(check.name);
      titles.add(check.title);
      checks.push(check);
    }
  }
  return checks;
}

export const checks = registry([acceptance, rejection, protocol, conventions, tolerated, authentication, realClient, throttling]);

export function checksFor(...ids: RequirementId[]): Check[] {
  return checks.filter((check) => ids.includes(check.requirement));
}

export function checkNamed(name: string): Check | undefined {
  return checks.find((check) => check.name === name);
}
