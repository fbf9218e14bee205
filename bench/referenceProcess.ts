// The reference implementation in a process of its own, so the benchmark's client and the
// server do not share an event loop (as a real target and the suite do not). Prints its URL.
import { createReferenceServer, listen } from '../src/reference/server';

void listen(createReferenceServer()).then((url) => {
  process.stdout.write(`${url.origin}\n`);
});
