// `PORT=<n> npm run reference`: serves the reference implementation on 127.0.0.1.
// REFERENCE_SESSIONS=1 turns on the session-aware mode (a stop must name a started session).
import { createReferenceServer, listen } from './server';

async function main(): Promise<void> {
  const rawPort = process.env.PORT ?? '8080';
  if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535) {
    console.error(`PORT must be a port number (0 to 65535), not "${rawPort}".`);
    process.exit(2);
  }
  const sessions = process.env.REFERENCE_SESSIONS === '1';
  const server = createReferenceServer({ sessions });
  try {
    const url = await listen(server, Number(rawPort));
    console.log(`reference StopCisSession implementation listening on ${url.origin}${sessions ? ' (session-aware)' : ''}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `Port ${rawPort} is in use; choose another with PORT=<n>.` : `Could not listen on port ${rawPort}: ${String(error)}`);
    process.exit(2);
  }
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
