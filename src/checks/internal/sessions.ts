// Sessions of valid stops. In session mode 'any' every case names a fresh session (the rules'
// Sessions), so fixed cases get new UUIDs too, from the check's seed, so that a replay sends the
// very same bytes; in mode 'start' each is started before it is stopped.
import { seededUuid } from '../../generation';
import type { StopCisSessionRequest } from '../../generation/types';
import type { CheckContext } from '../types';

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
