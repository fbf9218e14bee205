/* Generated from schemas/errors/ValidationException.schema.json by `npm run gen:types`. Do not edit. */

/**
 * Body of a 400 ValidationException (model shape ValidationException; CONFORMANCE-RULES S1, S2).
 */
export type ValidationException = {
  [k: string]: unknown;
} & {
  message?: string;
  Message?: string;
  __type?: string;
  code?: string;
  reason?: 'CANNOT_PARSE' | 'FIELD_VALIDATION_FAILED' | 'OTHER';
  fields?: {
    name: string;
    message: string;
  }[];
};
