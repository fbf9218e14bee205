// The generation layer: fast-check arbitraries for StopCisSession request bodies, walked from
// schemas/stop-cis-session-request.schema.json. Cases carry the exact text to send.
export { validStopRequest, type ValidStopRequestConstraints } from './validStopRequest';
export { invalidStopRequest, type InvalidStopRequestConstraints } from './invalidStopRequest';
export { VIOLATION_FAMILIES } from './internal/families';
export type { OptionalMode } from './internal/validValue';
export type * from './types';
