// Cases the protocol and convention checks share: every generated body, valid or invalid, and
// the same valid body naming another session (a control a check sends first to tell its own
// fault from M1's).
import fc from 'fast-check';
import { invalidStopRequest, payloadOf, validStopRequest, VIOLATION_FAMILIES } from '../../generation';
import type { GeneratedCase, StopCisSessionRequest, ViolationLabel } from '../../generation/types';
import type { CheckContext } from '../types';
import { startSessionOf } from './sessions';

/**
 * The union of the generators: valid bodies (any optional members, and all of them) and invalid
 * ones of every violation family, each family as likely as each kind of valid body.
 */
export function anyGeneratedCase(): fc.Arbitrary<GeneratedCase> {
  return fc.oneof(
    validStopRequest({ optional: 'any' }),
    validStopRequest({ optional: 'all' }),
    ...VIOLATION_FAMILIES.map((family) => invalidStopRequest({ families: [family] })),
  );
}

export function describeGenerated(c: GeneratedCase): string {
  return c.kind === 'valid' ? 'a request that satisfies the schema' : c.label.description;
}

/** The body a generated case sends: its bytes when it has them, else its text. */
export function bodyOf(c: GeneratedCase): string | Buffer {
  return c.kind === 'valid' ? c.text : payloadOf(c);
}

/** In session mode 'start', a valid stop names a started session; invalid ones need none. */
export async function startSessionIfValid(ctx: CheckContext, c: GeneratedCase): Promise<void> {
  if (c.kind === 'valid') await startSessionOf(ctx, c.value);
}

/**
 * The UUID with each hex digit d of its last group as 15 − d: another UUID of the same pattern,
 * never the same one. Only the last group changes, so an RFC 4122 version and variant a target
 * may look at stay as they were.
 */
function twinUuid(uuid: string): string {
  const cut = uuid.lastIndexOf('-') + 1;
  return uuid.slice(0, cut) + uuid.slice(cut).replace(/[0-9a-f]/g, (digit) => (15 - parseInt(digit, 16)).toString(16));
}

/**
 * The same body naming another session. Sent as a control before the case proper, it cannot make
 * the case a repeat (S4's business), and in mode 'any' it is as fresh as the case.
 */
export function twinSession(value: StopCisSessionRequest): StopCisSessionRequest {
  return { ...value, scanJobId: twinUuid(value.scanJobId), sessionToken: twinUuid(value.sessionToken) };
}

/**
 * T10 and S1: violations a Smithy server meets while deserializing (not JSON, not an object, a
 * member of another JSON type, a count that may not fit its int32), which it answers 400
 * SerializationException (smithy-aws-protocol-tests, restJson1 malformed-request tests). The
 * others (missing members, patterns, enums, lengths, counts just past a bound) are constraint
 * violations: ValidationException.
 */
export function cannotBeDeserialized(label: ViolationLabel): boolean {
  switch (label.family) {
    case 'not-json':
    case 'not-object':
    case 'wrong-type':
      return true;
    case 'range':
      return label.variant !== 'above-maximum' && label.variant !== 'below-minimum';
    default:
      return false;
  }
}
