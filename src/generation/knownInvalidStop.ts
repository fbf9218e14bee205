// The few fixed invalid bodies scenario checks need (the TOLERATED observations of error answers:
// how a target spells the type, words the message, answers a body it cannot parse), made from the
// seeded valid body and labelled like the invalid generator's cases, so the kit's oracle holds them
// to their labels as it holds every other case.
import type { InvalidCase, ViolationLabel } from './types';
import { knownValidStop } from './knownValidStop';

export type KnownInvalidKind =
  /** status "BOGUS": outside the enum. */
  | 'bad-status'
  /** scanJobId left out. */
  | 'missing-scan-job-id'
  /** The body cut after 40 characters: not JSON. */
  | 'truncated';

/** A body that breaks two members at once (an upper-case scanJobId and status "BOGUS"): which one an error names is T9's. */
export interface TwoViolationsCase {
  kind: 'invalid';
  text: string;
  labels: [ViolationLabel, ViolationLabel];
}

export function knownInvalidStop(seed: number, index: number, kind: KnownInvalidKind): InvalidCase {
  const valid = knownValidStop(seed, index).value;
  switch (kind) {
    case 'bad-status':
      return {
        kind: 'invalid',
        text: JSON.stringify({ ...valid, message: { ...valid.message, status: 'BOGUS' } }),
        label: { family: 'enum', pointer: '/message/status', keyword: 'enum', requirement: 'M3', description: 'status "BOGUS"', variant: 'other' },
      };
    case 'missing-scan-job-id': {
      const { scanJobId: _left, ...rest } = valid;
      return { kind: 'invalid', text: JSON.stringify(rest), label: { family: 'missing-or-null', pointer: '/scanJobId', keyword: 'required', requirement: 'M3', description: 'scanJobId missing', variant: 'missing' } };
    }
    case 'truncated':
      return { kind: 'invalid', text: JSON.stringify(valid).slice(0, 40), label: { family: 'not-json', pointer: '', keyword: 'json', requirement: 'M3', description: 'a body cut after 40 characters', variant: 'truncated' } };
  }
}

export function twoViolationsStop(seed: number, index: number): TwoViolationsCase {
  const valid = knownValidStop(seed, index).value;
  return {
    kind: 'invalid',
    text: JSON.stringify({ ...valid, scanJobId: valid.scanJobId.toUpperCase(), message: { ...valid.message, status: 'BOGUS' } }),
    labels: [
      { family: 'pattern', pointer: '/scanJobId', keyword: 'pattern', requirement: 'M3', description: 'scanJobId in upper case', variant: 'upper-case' },
      { family: 'enum', pointer: '/message/status', keyword: 'enum', requirement: 'M3', description: 'status "BOGUS"', variant: 'other' },
    ],
  };
}
