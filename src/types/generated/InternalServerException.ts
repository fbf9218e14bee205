/* Generated from schemas/errors/InternalServerException.schema.json by `npm run gen:types`. Do not edit. */

/**
 * Body of a 500 InternalServerException (model shape InternalServerException; CONFORMANCE-RULES S1, S2).
 */
export type InternalServerException = {
  [k: string]: unknown;
} & {
  message?: string;
  Message?: string;
  __type?: string;
  code?: string;
};
