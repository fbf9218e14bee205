// `PORT=<n> npm run reference`: serves the reference implementation on 127.0.0.1.
// REFERENCE_SESSIONS=1 turns on the session-aware mode (a stop must name a started session).
// FAULT=<name> serves a variant from the catalogue instead (src/reference/variants), faulty or
// conforming, so that a failure the mutation score reports can be reproduced by hand.
import { createReferenceServer, listen, type ReferenceOptions } from './server';
import { variantNamed, variants } from './variants';
import { optInModesFromEnv, type OptInModes } from './optInModes';

function optionsFromEnv(): { options: ReferenceOptions; label: string } {
  const sessions = process.env.REFERENCE_SESSIONS === '1';
  const name = process.env.FAULT;
  if (name === undefined || name === '') return { options: { sessions }, label: sessions ? ' (session-aware)' : '' };
  const variant = variantNamed(name);
  if (!variant) {
    console.error(`FAULT="${name}" names no variant; known variants: ${variants.map((v) => v.name).join(', ')}.`);
    process.exit(2);
  }
  // The variant's own options win; REFERENCE_SESSIONS=1 adds the session-aware mode to any variant.
  const options = { ...variant.options, sessions: variant.options.sessions || sessions };
  const violates = variant.violates ? `, violates ${variant.violates}` : '';
  // A SigV4 variant verifies made-up credentials; say where they are rather than print them.
  const env = variant.env ? ` Certify it with the environment its catalogue entry sets (${Object.keys(variant.env).join(', ')}).` : '';
  return { options, label: ` as variant ${variant.name} (${variant.kind}${violates}): ${variant.description}${env}` };
}

async function main(): Promise<void> {
  const rawPort = process.env.PORT ?? '8080';
  if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535) {
    console.error(`PORT must be a port number (0 to 65535), not "${rawPort}".`);
    process.exit(2);
  }
  const { options, label } = optionsFromEnv();
  // REFERENCE_SIGV4=1 and REFERENCE_RATE_LIMIT=<n>[:<s>] (see optInModes.ts); a variant's own options win.
  let modes: OptInModes;
  try {
    modes = optInModesFromEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const server = createReferenceServer({ ...modes.options, ...options });
  try {
    const url = await listen(server, Number(rawPort));
    console.log(`reference StopCisSession implementation listening on ${url.origin}${label}${modes.label}`);
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
