// What the generation layer hands to the rest of the suite. A case carries the exact text that is
// sent, so what ajv judges in the self-tests is what the target receives, byte for byte.
import type { StopCisSessionRequest } from '../types/generated/stop-cis-session-request';

export type { StopCisSessionRequest };

/** A valid request: it satisfies the request schema. */
export interface ValidCase {
  kind: 'valid';
  value: StopCisSessionRequest;
  /** The body sent: `JSON.stringify(value)`. */
  text: string;
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
  | 'not-json'; // not JSON at all

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
}

/** An invalid request: the body text (which may not be JSON) and its one labelled violation. */
export interface InvalidCase {
  kind: 'invalid';
  text: string;
  label: ViolationLabel;
}

export type GeneratedCase = ValidCase | InvalidCase;
