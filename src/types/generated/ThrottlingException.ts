/* Generated from schemas/errors/ThrottlingException.schema.json by `npm run gen:types`. Do not edit. */

/**
 * Body of a 429 ThrottlingException (model shape ThrottlingException; CONFORMANCE-RULES S1, S2).
 */
export type ThrottlingException = {
  [k: string]: unknown;
} & {
  message?: string;
  Message?: string;
  __type?: string;
  code?: string;
};
