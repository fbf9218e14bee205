/* Generated from schemas/start-cis-session-request.schema.json by `npm run gen:types`. Do not edit. */

/**
 * Body of PUT /cissession/start, sent before each valid stop in session mode 'start' (CONFORMANCE-RULES, Sessions).
 */
export interface StartCisSessionRequest {
  scanJobId: string;
  message: StartCisSessionMessage;
}
export interface StartCisSessionMessage {
  sessionToken: string;
}
