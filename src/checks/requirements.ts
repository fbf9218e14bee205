// The requirements of ../shared/CONFORMANCE-RULES.md, with the words each one rests on.
// Every check names exactly one of these ids.

export type Level = 'MUST' | 'SHOULD' | 'TOLERATED';

export interface Requirement {
  id: RequirementId;
  level: Level;
  /** The requirement as CONFORMANCE-RULES.md words it (shortened where it lists cases). */
  words: string;
  /** Where the words come from. */
  source: string;
}

const rules = 'CONFORMANCE-RULES.md';

export const requirements = {
  M1: { level: 'MUST', source: `${rules} M1; API reference "Response Syntax: HTTP/1.1 200"`, words: 'A PUT /cissession/stop whose JSON body satisfies the request schema is answered 200.' },
  M2: { level: 'MUST', source: `${rules} M2; API reference "an HTTP 200 response with an empty HTTP body"`, words: 'That 200 response has an empty body (0 bytes).' },
  M3: { level: 'MUST', source: `${rules} M3; API reference ValidationException "HTTP Status Code: 400"; model constraints`, words: 'Invalid input is answered 400: missing or null required members, wrong JSON types, UUIDs off the anchored pattern, status outside the enum, CheckCount outside 0..65536 or not an integer, strings over their maximum in code points, bodies that are not a JSON object or not JSON.' },
  M4: { level: 'MUST', source: `${rules} M4; model constraints (min 0, max N; CheckCount 0..65536)`, words: 'Boundaries are accepted (200): strings exactly at their maximum in code points, astral characters included; empty strings; CheckCount 0 and 65536; every status value; every combination of optional members.' },
  M5: { level: 'MUST', source: `${rules} M5`, words: 'No request the suite sends is answered 5xx (501 to a method the server does not implement is T4).' },
  M6: { level: 'MUST', source: `${rules} M6; API reference "PUT /cissession/stop"`, words: 'Other methods on the path (GET, POST, DELETE, PATCH) are not answered 2xx.' },
  M7: { level: 'MUST', source: `${rules} M7`, words: 'Every request is answered within the request timeout, oversized bodies (1 MiB and more) included: 400 or 413.' },
  S1: { level: 'SHOULD', source: `${rules} S1; restJson1 error serialization`, words: 'An error response names its error type (X-Amzn-Errortype, or body __type/code) and the name fits the status.' },
  S2: { level: 'SHOULD', source: `${rules} S2; model error shapes`, words: 'An error body is a JSON object with a string message; ValidationException reason and fields, ConflictException resourceId and resourceType, as modelled.' },
  S3: { level: 'SHOULD', source: `${rules} S3; model retryAfterSeconds (header Retry-After)`, words: 'A Retry-After header on 429 or 500, when present, is a whole number of seconds.' },
  S4: { level: 'SHOULD', source: `${rules} S4; model "idempotent": true`, words: 'An identical request repeated after a 200 is answered 200 again.' },
  S5: { level: 'SHOULD', source: `${rules} S5; restJson1 "servers skip unknown members"`, words: 'Unknown members in the body are skipped: an otherwise valid request with extra members is answered 200.' },
  S6: { level: 'SHOULD', source: `${rules} S6`, words: 'Content-Type: application/json; charset=utf-8 is accepted like application/json.' },
  S7: { level: 'SHOULD', source: `${rules} S7; model auth aws.auth#sigv4`, words: 'When the target requires SigV4: an unsigned request, a wrong signature, or an unknown access key is answered 403 AccessDeniedException.' },
  // S8 and S9 are this suite's own SHOULDs, beyond CONFORMANCE-RULES.md; README.md ("What real callers see") words them.
  S8: { level: 'SHOULD', source: 'README.md S8; AWS SDK for JavaScript v3 @aws-sdk/client-inspector2 StopCisSessionCommand; restJson1 error type (X-Amzn-Errortype, or body __type/code)', words: 'A real AWS SDK client can call the target: StopCisSessionCommand resolves for a valid request, and rejects invalid input (which the SDK does not validate) with an error named ValidationException.' },
  S9: { level: 'SHOULD', source: 'README.md S9; model ThrottlingException "retryable": {"throttling": true}, retryAfterSeconds (header Retry-After, Integer); CONFORMANCE-RULES.md S1, S3, "Before judging"', words: 'Throttling is recoverable: a 429 names ThrottlingException, its Retry-After (when present) is a whole number of seconds, and a request sent once it has passed (1 s when there is none) is answered, not 429 again.' },
  T1: { level: 'TOLERATED', source: `${rules} T1`, words: 'null for an optional member: 200 or 400.' },
  T2: { level: 'TOLERATED', source: `${rules} T2`, words: 'An integral number written with a fraction or exponent (1.0, 1e2): 200 or 400.' },
  T3: { level: 'TOLERATED', source: `${rules} T3`, words: 'A string with a lone surrogate escape: 200 or 400.' },
  T4: { level: 'TOLERATED', source: `${rules} T4`, words: 'Wrong path or wrong method: any 4xx; 501 for a method the server does not implement at all.' },
  T5: { level: 'TOLERATED', source: `${rules} T5`, words: 'Missing or non-JSON Content-Type on an otherwise valid body: 200, 400 or 415.' },
  T6: { level: 'TOLERATED', source: `${rules} T6`, words: 'Duplicate keys in one JSON object: 200 or 400.' },
  T7: { level: 'TOLERATED', source: `${rules} T7`, words: 'Extra response headers; keep-alive or not: anything.' },
  T8: { level: 'TOLERATED', source: `${rules} T8`, words: 'The error type spelled with a namespace or a :suffix names the same type.' },
  T9: { level: 'TOLERATED', source: `${rules} T9`, words: 'The text of error messages, and which of several violations an error names: anything.' },
  T10: { level: 'TOLERATED', source: `${rules} T10`, words: 'SerializationException, or ValidationException with reason CANNOT_PARSE, for a body that cannot be parsed.' },
} as const satisfies Record<string, Omit<Requirement, 'id'>>;

export type RequirementId = keyof typeof requirements;

export function requirement(id: RequirementId): Requirement {
  return { id, ...requirements[id] };
}

export function isRequirementId(value: string): value is RequirementId {
  return Object.prototype.hasOwnProperty.call(requirements, value);
}
