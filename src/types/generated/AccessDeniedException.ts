/* Generated from schemas/errors/AccessDeniedException.schema.json by `npm run gen:types`. Do not edit. */

/**
 * Body of a 403 AccessDeniedException (model shape AccessDeniedException; CONFORMANCE-RULES S1, S2).
 */
export type AccessDeniedException = {
  [k: string]: unknown;
} & {
  message?: string;
  Message?: string;
  __type?: string;
  code?: string;
};
