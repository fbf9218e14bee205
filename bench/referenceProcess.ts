// The reference implementation in a process of its own, so the client and the server do not share
// an event loop (as a real target and the suite do not), with the reference's opt-in modes from
// the environment (REFERENCE_DELAY_MS=<ms>, REFERENCE_RATE_LIMIT=<n>[:<s>]; src/reference/optInModes.ts).
// Prints its URL on the first line of stdout. It counts the answers it gives by status, seen from
// the server: a line "stats" on stdin is answered with one JSON line of counts, "reset" zeroes them.
import { createInterface } from 'node:readline';
import { optInModesFromEnv } from '../src/reference/optInModes';
import { createReferenceServer, listen } from '../src/reference/server';

export interface ReferenceStats {
  /** Answers given, throttling ones included. */
  answers: number;
  /** Answers by status: "200", "400", "429"…, and "unanswered" (the connection closed first). */
  byStatus: Record<string, number>;
}

const server = createReferenceServer(optInModesFromEnv(process.env).options);
let stats: ReferenceStats = { answers: 0, byStatus: {} };
server.on('request', (_req, res) => {
  // 'close' comes for every request, answered in full or not ('finish' does not when the socket goes first).
  res.once('close', () => {
    const key = res.headersSent ? String(res.statusCode) : 'unanswered';
    stats.answers++;
    stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
  });
});

void listen(server).then((url) => {
  process.stdout.write(`${url.origin}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'stats') process.stdout.write(`${JSON.stringify(stats)}\n`);
    if (line.trim() === 'reset') {
      stats = { answers: 0, byStatus: {} };
      process.stdout.write('{}\n');
    }
  });
  process.stdin.once('end', () => server.close(() => process.exit(0)));
});
