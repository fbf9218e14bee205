// The one place credentials are read: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
// and AWS_REGION, from the environment (certify reads .env too; Playwright's processes inherit both).
// Credentials configured means the target is taken to require SigV4 (CONFORMANCE-RULES S7).
// Nothing here prints a secret: messages name the variables, never their values.
import type { SigningConfig } from '../transport/sigv4Transport';
import { UsageError } from './errors';

export const DEFAULT_REGION = 'us-east-1';

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** undefined when no credentials are configured; a sentence (UsageError) when they are half set. */
export function signingFromEnv(env: NodeJS.ProcessEnv, origin: (name: string) => string = (name) => name): SigningConfig | undefined {
  const accessKeyId = present(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = present(env.AWS_SECRET_ACCESS_KEY);
  const sessionToken = present(env.AWS_SESSION_TOKEN);
  if (accessKeyId === undefined && secretAccessKey === undefined) {
    if (sessionToken !== undefined) throw new UsageError(`${origin('AWS_SESSION_TOKEN')} is set without AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; set all three to sign requests (SigV4), or unset it.`);
    return undefined;
  }
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = accessKeyId === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    const other = missing === 'AWS_ACCESS_KEY_ID' ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    throw new UsageError(`${missing} is not set while ${origin(other)} is; set both to sign requests (SigV4), or neither.`);
  }
  const region = present(env.AWS_REGION) ?? DEFAULT_REGION;
  if (!/^[a-z0-9-]+$/.test(region)) throw new UsageError(`${origin('AWS_REGION')} must be a region name such as us-east-1, not "${region}".`);
  return { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, region };
}
