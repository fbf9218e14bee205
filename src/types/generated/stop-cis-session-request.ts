/* Generated from schemas/stop-cis-session-request.schema.json by `npm run gen:types`. Do not edit. */

export type StopCisSessionStatus = 'SUCCESS' | 'FAILED' | 'INTERRUPTED' | 'UNSUPPORTED_OS';
export type CheckCount = number;

/**
 * Body of PUT /cissession/stop. Derived from spec/StopCisSession-api-reference.txt and the model shapes in spec/inspector2-cis-session-model.json.
 */
export interface StopCisSessionRequest {
  /**
   * A unique identifier for the scan job.
   */
  scanJobId: string;
  /**
   * The unique token that identifies the CIS session.
   */
  sessionToken: string;
  message: StopCisSessionMessage;
}
export interface StopCisSessionMessage {
  status: StopCisSessionStatus;
  reason?: string;
  progress: StopCisMessageProgress;
  computePlatform?: ComputePlatform;
  benchmarkVersion?: string;
  benchmarkProfile?: string;
}
export interface StopCisMessageProgress {
  totalChecks?: CheckCount;
  successfulChecks?: CheckCount;
  failedChecks?: CheckCount;
  notEvaluatedChecks?: CheckCount;
  unknownChecks?: CheckCount;
  notApplicableChecks?: CheckCount;
  informationalChecks?: CheckCount;
  errorChecks?: CheckCount;
}
export interface ComputePlatform {
  vendor?: string;
  product?: string;
  version?: string;
}
