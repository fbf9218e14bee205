// What the generation layer hands to the rest of the suite. A case carries the exact text that is
// sent, so what ajv judges in the self-tests is what the target receives, byte for byte; a case
// whose body is not UTF-8 text (a byte order mark, bytes that are not UTF-8) carries those bytes
// in `bytes`, and then `text` is a readable rendering (payloadOf gives what to send).
import type { StopCisSessionRequest } from '../types/generated/stop-cis-session-request';

export type { StopCisSessionRequest };

/**
 * The ways a valid body's text may differ from `JSON.stringify(value)` with its members in model
 * order, each of which M1 requires a target to accept: the members of an object in another order;
 * whitespace before, between and after the tokens; `\uXXXX` escapes (and `\/`) in strings and
 * member names.
 */
export type TextForm = 'member-order' | 'whitespace' | 'escapes';

/** How a valid case's text differs from the canonical `JSON.stringify(value)`. */
export interface WrittenFormLabel {
  /** The forms the text is written in, in the order 'member-order', 'whitespace', 'escapes'. */
  forms: TextForm[];
  /** What differs, for a reader: "written with members out of model order in message; a final "\n"". */
  description: string;
}

/** A valid request: it satisfies the request schema. */
export interface ValidCase {
  kind: 'valid';
  value: StopCisSessionRequest;
  /**
   * The body sent. Without `form`, exactly `JSON.stringify(value)` (members in model order, no
   * whitespace, JSON.stringify's escapes); with it, the same value written in other forms.
   * `JSON.parse(text)` deep-equals `value` either way.
   */
  text: string;
  /** Present exactly when `text` is not `JSON.stringify(value)`: how it was written. */
  form?: WrittenFormLabel;
}

/** The families of M3 violations; each invalid generator draws from one or more. */
export type ViolationFamily =
  | 'missing-or-null' // a required member absent, or null (the same thing to restJson1)
  | 'wrong-type' // a member given another JSON type
  | 'pattern' // scanJobId / sessionToken off the anchored UUID pattern
  | 'enum' // status outside its four values
  | 'range' // a CheckCount out of 0..65536 or not an integer
  | 'length' // a string over its maximum, counted in code points
  | 'not-object' // valid JSON, but not an object
  | 'not-json' // not JSON at all (raw control characters in a string included)
  | 'member-name'; // a required member present only under another letter case or with a blank in its name

/** What an invalid case gets wrong: exactly one violation, named as ajv names it. */
export interface ViolationLabel {
  family: ViolationFamily;
  /** JSON pointer of the offending member ('' for the whole body). For a missing member, the pointer it would have. */
  pointer: string;
  /** The ajv keyword that the violation fails: required, type, pattern, enum, minimum, maximum, maxLength; 'json' when the body is not JSON. */
  keyword: 'required' | 'type' | 'pattern' | 'enum' | 'minimum' | 'maximum' | 'maxLength' | 'json';
  requirement: 'M3';
  /** A short human phrase: "scanJobId in upper case", "reason 1025 code points". */
  description: string;
  /**
   * How the violation was made, a stable name within its family ('upper-case', 'braces',
   * 'beyond-64-bits', 'truncated'…): coverage tests and reports group by it.
   */
  variant?: string;
  /**
   * Keywords that the one violation necessarily fails as well, at the same pointer. A status that
   * is not a string is also outside the enum (ajv reports `type` and `enum`); it is still one fault.
   */
  entails?: Array<Exclude<ViolationLabel['keyword'], 'json'>>;
  /** not-json: where the text that is not JSON sits (the description says which member or object). */
  place?: NotJsonPlace;
}

/**
 * Where a not-json defect sits: 'body' before, around or after the whole value; 'member' in a
 * modelled member's value (or its object); 'unknown-member' in the value of a member the model
 * does not have, at any level (extras inside computePlatform and progress included), where no
 * schema member is checked; 'unknown-array' inside an array such a member holds.
 */
export type NotJsonPlace = 'body' | 'member' | 'unknown-member' | 'unknown-array';

/** An invalid request: the body text (which may not be JSON) and its one labelled violation. */
export interface InvalidCase {
  kind: 'invalid';
  /** The body sent, unless `bytes` is given; then a readable rendering of them. */
  text: string;
  /** The exact body, when it is not UTF-8 text. */
  bytes?: Buffer;
  label: ViolationLabel;
}

export type GeneratedCase = ValidCase | InvalidCase;

/** What makes a TOLERATED case: either answer (200 or 400) conforms. */
export interface ToleratedLabel {
  /** T12: a UTF-8 byte order mark before the body; T13: bytes that are not UTF-8 inside a string. */
  requirement: 'T12' | 'T13';
  /** 'bom'; for T13 'lone-continuation', 'overlong', 'encoded-surrogate', 'invalid-byte', 'truncated'. */
  variant: string;
  description: string;
  /** T13: JSON pointer of the string member that holds the bytes. */
  pointer?: string;
}

/** An otherwise valid request sent with a byte-level form the rules tolerate either way. */
export interface ToleratedCase {
  kind: 'tolerated';
  /** A readable rendering of `bytes` (bytes outside UTF-8, and a BOM, written \xNN). */
  text: string;
  /** The exact body. */
  bytes: Buffer;
  /** The valid request the form was made from: its session is the one the body names. */
  valid: ValidCase;
  label: ToleratedLabel;
}

/** What a parser-stress case holds, and where. */
export interface StressLabel {
  /** 'deep-array', 'deep-object', 'many-digits', 'past-double-range'. */
  variant: string;
  description: string;
  /** JSON pointer of the unknown member that holds the stress. */
  pointer: string;
}

/**
 * A valid request with an unknown member that stresses the parser (nesting 10,000 levels and more,
 * numbers of hundreds of digits or past the double range). Not invalid: conforming answers are 200
 * (the member skipped, S5) or a 400 from a parser limit; a check judges it for no 5xx and an answer.
 */
export interface StressCase {
  kind: 'stress';
  /** The body sent. */
  text: string;
  valid: ValidCase;
  label: StressLabel;
}

/** How an unknown-members case was made (S5). */
export interface UnknownMembersLabel {
  requirement: 'S5';
  /**
   * 'unknown-name': names the model does not have, in any letter case; 'case-variant': a modelled
   * member's name in another letter case, beside the real member, with a value that would be
   * invalid for it (a case-insensitive binder reads it in place of the real one).
   */
  variant: 'unknown-name' | 'case-variant';
  description: string;
  /** 'case-variant': JSON pointer of the modelled member the name shadows. */
  shadows?: string;
}

/** A valid request with members the model does not have (S5): answered 200 by a conforming server. */
export interface UnknownMembersCase {
  kind: 'unknown-members';
  valid: ValidCase;
  /** Where the members go: [] for the top level, ['message'], ['message', 'progress']… */
  path: string[];
  members: Array<[string, unknown]>;
  /** The body sent: the valid body with the members added. */
  text: string;
  label: UnknownMembersLabel;
}

/** Every kind of case the generation layer draws. */
export type AnyCase = GeneratedCase | UnknownMembersCase | ToleratedCase | StressCase;
