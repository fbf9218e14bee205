// `PORT=<n> npm run reference`: serves the reference implementation on 127.0.0.1.
// REFERENCE_SESSIONS=1 turns on the session-aware mode (a stop must name a started session).
import { createReferenceServer, listen } from './server';
import { optInModesFromEnv, type OptInModes } from './optInModes';

async function main(): Promise<void> {
  const rawPort = process.env.PORT ?? '8080';
  if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535) {
    console.error(`PORT must be a port number (0 to 65535), not "${rawPort}".`);
    process.exit(2);
  }
  const sessions = process.env.REFERENCE_SESSIONS === '1';
  // REFERENCE_SIGV4=1 and REFERENCE_RATE_LIMIT=<n>[:<s>] (see optInModes.ts).
  let modes: OptInModes;
  try {
    modes = optInModesFromEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const server = createReferenceServer({ ...modes.options, sessions });
  try {
    const url = await listen(server, Number(rawPort));
    console.log(`reference StopCisSession implementation listening on ${url.origin}${sessions ? ' (session-aware)' : ''}${modes.label}`);
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
