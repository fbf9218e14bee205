// A check context whose "target" is a function: how the runners and judges are tested without a server.
import type { CheckContext } from '../../src/checks/types';
import { exchange } from '../../src/evidence/exchange';
import { recorderOf } from '../../src/settings';
import type { HttpOutcome, HttpRequest } from '../../src/transport/types';
import { settingsFor } from './engine';

export function fakeContext(answer: (request: HttpRequest) => Promise<HttpOutcome>, deadlineMs = 60_000): CheckContext & { sent: () => number } {
  const settings = settingsFor(new URL('http://127.0.0.1:9'), { runs: 200, timeoutMs: 1_000, concurrency: 8 });
  let sent = 0;
  return {
    settings,
    seed: 99,
    replay: 'replay',
    deadline: Date.now() + deadlineMs,
    lanes: () => settings.concurrency,
    send: async (request) => {
      sent++;
      return answer(request);
    },
    startSession: async () => {},
    record: (request, outcome) => exchange(recorderOf(settings), request, outcome),
    sent: () => sent,
  };
}

export const answered = (status: number, body = ''): HttpOutcome => ({ kind: 'response', status, headers: {}, body: Buffer.from(body), durationMs: 1 });

