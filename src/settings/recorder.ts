// What the evidence layer needs to know of a run, derived from its settings in one place: what is
// secret (the AWS secret key and session token, session tokens in mode "start", the -H headers)
// and how the run signs (so curl lines sign the same way).
import { redactionPolicy, type RedactionPolicy } from '../evidence/redact';
import type { Recorder } from '../evidence/exchange';
import { SIGNING_SERVICE } from '../transport/sigv4Transport';
import type { Settings } from './settings';

export function policyOf(settings: Pick<Settings, 'sessionMode' | 'signing' | 'headers'>): RedactionPolicy {
  const credentials = settings.signing?.credentials;
  return redactionPolicy({
    sessionTokens: settings.sessionMode === 'start',
    secrets: [credentials?.secretAccessKey, credentials?.sessionToken],
    headers: settings.headers,
  });
}

export function recorderOf(settings: Pick<Settings, 'target' | 'sessionMode' | 'signing' | 'headers'>): Recorder {
  const signing = settings.signing;
  return {
    target: settings.target,
    policy: policyOf(settings),
    signing: signing ? { region: signing.region, service: SIGNING_SERVICE, sessionToken: signing.credentials.sessionToken !== undefined } : undefined,
    headers: settings.headers,
  };
}
