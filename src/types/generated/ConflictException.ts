/* Generated from schemas/errors/ConflictException.schema.json by `npm run gen:types`. Do not edit. */

/**
 * Body of a 409 ConflictException (model shape ConflictException; CONFORMANCE-RULES S1, S2).
 */
export type ConflictException = {
  [k: string]: unknown;
} & {
  message?: string;
  Message?: string;
  __type?: string;
  code?: string;
  resourceId: string;
  resourceType: string;
};
