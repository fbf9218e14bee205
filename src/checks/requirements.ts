// The requirements the verdict rests on, with the words each one rests on and where they come
// from. REQUIREMENTS.md is generated from this file (npm run requirements); every check names
// exactly one of these ids.

export type Level = 'MUST' | 'SHOULD' | 'TOLERATED';

export interface Requirement {
  id: RequirementId;
  level: Level;
  /** The requirement in full. */
  words: string;
  /** Where the words come from. */
  source: string;
}

/** The sources, in their order of authority. */
export const sources = [
  'The API reference page of StopCisSession (Amazon Inspector API Reference): the user\'s spec.',
  "The service model's shapes for the CIS session operations (member constraints the page links to but does not print; the UUID pattern taken anchored, ^…$, as the page prints it).",
  "The AWS restJson1 protocol and Smithy's constraint rules (Smithy documentation and smithy-aws-protocol-tests): string length counts Unicode scalar values (code points); null for a required member is the same as a missing one; servers skip unknown members; \"123\", true and 1.001 are not integers; errors carry X-Amzn-Errortype (clients also accept a body __type or code; they cut the value at ':' and keep what follows '#').",
] as const;

export const levels: Record<Level, string> = {
  MUST: 'a failure makes the verdict non-conformant (exit 1).',
  SHOULD: 'a failure is reported as a warning; it fails the verdict only under --strict.',
  TOLERATED: 'both answers are conforming. The suite sends such cases and shows what the target did, but never fails or warns on them.',
};

export const beforeJudging =
  'One known-valid request is sent first. No connection, or 401/403: the run is inconclusive (exit 2) with a message that says what to fix (address, credentials), not a flood of failures. A timeout is judged (M7), and the run stops there. Any other answer: the run goes on and the checks judge it. When that answer is plainly another program\'s (an HTML document in the body, an XML error with an AWS <Code>, or 404, 405 or 501 to it; never a header alone), every output also starts with a hint to check the URL, the path prefix, or the credentials an emulator routes by. A 429 during a run, or a 503 that carries Retry-After (load shedding), is waited out and the request sent again, never sooner than its Retry-After (1 s when it is absent or not whole seconds), bounded; neither is judged as an answer to the request. A 429 also pauses all new sending but for one probe at a time; a 503 with Retry-After makes the requests in flight fewer than the level that shed. A target that stays throttled past the bound makes the run inconclusive. A 5xx without Retry-After is judged as it is (M5).';

export const sessions =
  'A valid stop names a session (scanJobId, sessionToken). Session mode any (default): the target accepts any well-formed pair; each case uses fresh random UUIDs. Session mode start: before each valid stop, the suite starts the session with PUT /cissession/start {"scanJobId": …, "message": {"sessionToken": …}} and expects 200.';

const ref = 'API reference';
const model = 'service model';
const protocol = 'restJson1 / Smithy';

export const requirements = {
  M1: { level: 'MUST', source: `${ref} "Response Syntax: HTTP/1.1 200"`, words: 'A PUT /cissession/stop whose JSON body satisfies the request schema is answered 200.' },
  M2: { level: 'MUST', source: `${ref} "an HTTP 200 response with an empty HTTP body"`, words: 'That 200 response has an empty body (0 bytes). Profile allow-empty-object, off by default, also accepts {}, which Smithy-generated servers send; the report says when it was used.' },
  M3: {
    level: 'MUST',
    source: `${ref} ValidationException "HTTP Status Code: 400"; ${model} constraints; RFC 8259 §7`,
    words:
      'Invalid input is answered 400: a missing required member (scanJobId, sessionToken, message, message.status, message.progress) or a null one; a wrong JSON type at any member; scanJobId/sessionToken not matching ^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$ as a whole (upper case, braces, extra characters, missing dashes…); status outside SUCCESS, FAILED, INTERRUPTED, UNSUPPORTED_OS (case matters); a CheckCount outside 0..65536 or not an integer (fractions such as 1.5, strings such as "5", booleans, numbers beyond 64 bits); a string longer than its maximum counted in code points (reason 1024, benchmarkProfile 128, benchmarkVersion 8, computePlatform.vendor 16, .product 32, .version 8); a body that is not a JSON object (array, string, number, null); a body that is not JSON at all (truncated, trailing garbage, comments, single quotes, NaN/Infinity, empty, unescaped control characters U+0000–U+001F inside a string, as RFC 8259 §7 forbids).',
  },
  M4: { level: 'MUST', source: `${model} constraints (min 0, max N; CheckCount 0..65536); ${protocol} length in code points`, words: 'Boundaries are accepted (200): every string exactly at its maximum in code points, astral characters included (8 emoji are a valid benchmarkVersion); empty strings (minimum 0); CheckCount 0 and 65536; every status value; every combination of optional members present or absent.' },
  M5: { level: 'MUST', source: 'conformance rules M5', words: 'No request the suite sends is answered 5xx (501 to a method the server does not implement is T4, not a failure).' },
  M6: { level: 'MUST', source: `${ref} "PUT /cissession/stop"`, words: 'Other methods on the path (GET, POST, DELETE, PATCH) are not answered 2xx.' },
  M7: {
    level: 'MUST',
    source: 'conformance rules M7; the API reference states no maximum request size',
    words:
      'Every request is answered within the request timeout, bodies of 1 MiB and more included: no hang, no dropped connection, no 5xx. An oversized body that is invalid anyway (a string over its maximum, not JSON) is answered 400 or 413. The API reference states no maximum request size, so a size limit is the implementation\'s choice (T11).',
  },
  S1: { level: 'SHOULD', source: `${protocol} error serialization`, words: 'An error response names its error type, in the X-Amzn-Errortype header or a body __type/code, and the name fits the status: 400 ValidationException (or SerializationException for a body that cannot be parsed), 403 AccessDeniedException, 409 ConflictException, 429 ThrottlingException, 500 InternalServerException.' },
  S2: { level: 'SHOULD', source: `${model} error shapes`, words: 'An error body is a JSON object with a string message (or Message). When present, ValidationException.reason is CANNOT_PARSE, FIELD_VALIDATION_FAILED or OTHER, and fields is a list of {name, message}. A ConflictException has resourceId and resourceType.' },
  S3: { level: 'SHOULD', source: `${model} retryAfterSeconds (header Retry-After, Integer)`, words: 'A Retry-After header on 429, 500 or 503, when present, is a whole number of seconds.' },
  S4: { level: 'SHOULD', source: `${model} "idempotent": true`, words: 'An identical request repeated after a 200 (as an SDK retry sends it: the operation is idempotent) is answered 200 again.' },
  S5: { level: 'SHOULD', source: `${protocol} "servers skip unknown members"; member names are case-sensitive`, words: 'Unknown members in the body are skipped: an otherwise valid request with extra members is answered 200. Member names are case-sensitive, so a name that differs from a modelled one only in letter case (SCANJOBID, Status) is an unknown member too: skipped, never read in place of the real one.' },
  S6: { level: 'SHOULD', source: 'conformance rules S6', words: 'Content-Type: application/json; charset=utf-8 is accepted like application/json.' },
  S7: { level: 'SHOULD', source: `${model} auth aws.auth#sigv4`, words: 'When the target requires SigV4: an unsigned request, a wrong signature, or an unknown access key is answered 403 AccessDeniedException.' },
  // S8 and S9 are this suite's own SHOULDs, beyond the conformance rules; README.md ("What real callers see") explains them.
  S8: { level: 'SHOULD', source: 'this suite; AWS SDK for JavaScript v3 @aws-sdk/client-inspector2 StopCisSessionCommand; restJson1 error type (X-Amzn-Errortype, or body __type/code)', words: 'A real AWS SDK client can call the target: StopCisSessionCommand resolves for a valid request, and rejects invalid input (which the SDK does not validate) with an error named ValidationException.' },
  S9: { level: 'SHOULD', source: `this suite; ${model} ThrottlingException "retryable": {"throttling": true}, retryAfterSeconds (header Retry-After, Integer); S1, S3, "Before judging"`, words: 'Throttling is recoverable: a 429 names ThrottlingException, its Retry-After (when present) is a whole number of seconds, and a request sent once it has passed (1 s when there is none) is answered, not 429 again.' },
  T1: { level: 'TOLERATED', source: `${protocol}: JSON protocols drop null`, words: 'null for an optional member: 200 (dropped, as Smithy\'s JSON protocols do) or 400.' },
  T2: { level: 'TOLERATED', source: 'conformance rules T2', words: 'An integral number written with a fraction or exponent (1.0, 1e2): 200 or 400.' },
  T3: { level: 'TOLERATED', source: 'conformance rules T3', words: 'A string with a lone surrogate escape ("\\ud800"), not a Unicode scalar value: 200 or 400.' },
  T4: { level: 'TOLERATED', source: 'HTTP semantics (RFC 9110)', words: 'Wrong path, or wrong method: any 4xx (404, 405 with or without Allow, …); 501 for a method the server does not implement at all (TRACE, CONNECT, made-up methods), as HTTP allows.' },
  T5: { level: 'TOLERATED', source: 'conformance rules T5', words: 'Missing or non-JSON Content-Type on an otherwise valid body: 200, 400 or 415.' },
  T6: { level: 'TOLERATED', source: 'RFC 8259 §4 (names SHOULD be unique)', words: 'Duplicate keys in one JSON object: 200 or 400.' },
  T7: { level: 'TOLERATED', source: 'conformance rules T7', words: 'Extra response headers (x-amzn-RequestId, Date, Connection: close, …); keep-alive or not: anything.' },
  T8: { level: 'TOLERATED', source: `${protocol} error type reading`, words: 'The error type\'s spelling: ValidationException, com.amazonaws.inspector2#ValidationException, ValidationException:http://… all name ValidationException.' },
  T9: { level: 'TOLERATED', source: 'conformance rules T9', words: 'The text of error messages, and which of several violations an error names: anything.' },
  T10: { level: 'TOLERATED', source: `${protocol} malformed-request tests`, words: 'SerializationException, or ValidationException with reason CANNOT_PARSE, for a body that cannot be parsed: either.' },
  T11: { level: 'TOLERATED', source: 'the API reference states no maximum request size; S5', words: 'A body of 1 MiB and more that is valid except for its size (the excess is an unknown member, which S5 says servers skip): 200, 400 or 413.' },
  T12: { level: 'TOLERATED', source: 'RFC 8259 §8.1 (parsers MAY ignore a byte order mark)', words: 'A UTF-8 byte order mark before an otherwise valid JSON text: 200 or 400.' },
  T13: { level: 'TOLERATED', source: 'RFC 8259 §8.1; many servers decode invalid UTF-8 to U+FFFD', words: 'Bytes that are not valid UTF-8 inside a string of an otherwise valid body: 200 or 400.' },
} as const satisfies Record<string, Omit<Requirement, 'id'>>;

export type RequirementId = keyof typeof requirements;

export function requirement(id: RequirementId): Requirement {
  return { id, ...requirements[id] };
}

export function isRequirementId(value: string): value is RequirementId {
  return Object.prototype.hasOwnProperty.call(requirements, value);
}

export const requirementIds = Object.keys(requirements) as RequirementId[];

/** "M1…M7, S1…S9, T1…T13", for messages. */
export function requirementRange(): string {
  const byLetter = new Map<string, string[]>();
  for (const id of requirementIds) byLetter.set(id[0], [...(byLetter.get(id[0]) ?? []), id]);
  return [...byLetter.values()].map((ids) => `${ids[0]}…${ids[ids.length - 1]}`).join(', ');
}
