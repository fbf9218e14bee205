// The plain valid body that scenario checks need (a control, a preflight, a repeat, a signed
// request): the minimal stop, naming a session whose UUIDs come from the check's seed, so that a
// replay sends the very same bytes and each index names a fresh session.
import type { StopCisSessionMessage } from '../types/generated/stop-cis-session-request';
import { validateStopRequest } from '../schema';
import type { StopCisSessionRequest, ValidCase } from './types';
import { checkConstraintKeys } from './internal/constraints';
import { seededUuid } from './internal/uuid';

export interface KnownValidStopOverrides {
  scanJobId?: string;
  sessionToken?: string;
  /** Members of `message`, laid over `{ status: 'SUCCESS', progress: {} }`. */
  message?: Partial<StopCisSessionMessage>;
}

/**
 * `{"scanJobId":…,"sessionToken":…,"message":{"status":"SUCCESS","progress":{}}}` with
 * scanJobId = seededUuid(seed, 2·index) and sessionToken = seededUuid(seed, 2·index + 1), the
 * UUIDs the checks have always used, and `overrides` laid over it. Overrides that would make the
 * body invalid are refused at once: an invalid body is invalidStopRequest's business.
 */
export function knownValidStop(seed: number, index: number, overrides?: KnownValidStopOverrides): ValidCase {
  checkWhole('seed', seed);
  checkWhole('index', index);
  const given = checkConstraintKeys('knownValidStop', overrides, ['scanJobId', 'sessionToken', 'message']) as KnownValidStopOverrides;
  const value: StopCisSessionRequest = {
    scanJobId: given.scanJobId ?? seededUuid(seed, 2 * index),
    sessionToken: given.sessionToken ?? seededUuid(seed, 2 * index + 1),
    message: { status: 'SUCCESS', progress: {}, ...given.message },
  };
  const verdict = validateStopRequest(value);
  if (!verdict.valid) {
    const where = verdict.errors.map((e) => `${e.instancePath || '(body)'} ${e.message ?? e.keyword}`).join('; ');
    throw new RangeError(`knownValidStop: the overrides make the body invalid (${where}); draw invalid bodies from invalidStopRequest`);
  }
  return { kind: 'valid', value, text: JSON.stringify(value) };
}

function checkWhole(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`knownValidStop: ${name} must be a whole number, got ${typeof value === 'number' ? value : typeof value}`);
  }
}
