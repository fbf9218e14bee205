// Judgements shared by checks: each returns a Mismatch (title, expected, received) or undefined.
import type { HttpOutcome, HttpRequest } from '../../transport/types';
import { describeOutcome } from '../../runner/record';
import type { Mismatch } from './property';

export const STOP_PATH = '/cissession/stop';

export function stopRequest(text: string, headers: Record<string, string> = { 'content-type': 'application/json' }): HttpRequest {
  return { method: 'PUT', path: STOP_PATH, headers, body: text };
}

export function answeredWith(outcome: HttpOutcome, statuses: readonly number[], title: string, expected: string): Mismatch | undefined {
  if (outcome.kind === 'response' && statuses.includes(outcome.status)) return undefined;
  return { title, expected, received: describeOutcome(outcome) };
}

/** M2: 0 bytes; with profile allow-empty-object, `{}` (whitespace aside) too. */
export function isEmptySuccessBody(body: Buffer, allowEmptyObject: boolean): boolean {
  if (body.length === 0) return true;
  return allowEmptyObject && /^\s*\{\s*\}\s*$/.test(body.toString('utf8'));
}

export function statusText(outcome: HttpOutcome): string {
  return outcome.kind === 'response' ? String(outcome.status) : `no answer (${outcome.reason})`;
}
