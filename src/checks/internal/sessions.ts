// Session identifiers for valid stops. In session mode 'any' every case names a fresh session
// (CONFORMANCE-RULES, Sessions), so fixed cases get new UUIDs too; they come from the check's
// seed so that a replay sends the very same bytes.
import type { StopCisSessionRequest } from '../../generation/types';
import type { CheckContext } from '../types';

/** A lower-case UUID (it matches the request schema's pattern) drawn from a seeded xorshift. */
export function seededUuid(seed: number, index: number): string {
  let state = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0 || 1;
  let hex = '';
  while (hex.length < 32) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    hex += state.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function withFreshSession<T extends Partial<StopCisSessionRequest>>(value: T, seed: number, index: number): T {
  return { ...value, scanJobId: seededUuid(seed, 2 * index), sessionToken: seededUuid(seed, 2 * index + 1) };
}

/** Starts the session a valid body names (session mode 'start'); a no-op otherwise. */
export async function startSessionOf(ctx: CheckContext, value: unknown): Promise<void> {
  const body = value as Partial<StopCisSessionRequest> | null;
  if (body && typeof body.scanJobId === 'string' && typeof body.sessionToken === 'string') {
    await ctx.startSession(body.scanJobId, body.sessionToken);
  }
}
