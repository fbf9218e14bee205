// A failure in words, the same in every output: what failed and on which case, and what was
// expected and received. Outputs that escape (HTML, Markdown) spell it with their own escaping.
import type { Failure } from '../checks/types';

/** "An invalid request was not answered 400 (scanJobId in upper case)". */
export function findingOf(f: Pick<Failure, 'title' | 'caseDescription'>): string {
  return `${f.title}${f.caseDescription ? ` (${f.caseDescription})` : ''}`;
}

/** The finding, then "; expected …; received …". */
export function findingWithAnswer(f: Pick<Failure, 'title' | 'caseDescription' | 'expected' | 'received'>): string {
  return `${findingOf(f)}; expected ${f.expected}; received ${f.received}`;
}
