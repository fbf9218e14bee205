// S1–S6: the restJson1 conventions callers rely on (error types and bodies, Retry-After over the
// whole run, idempotent retries, unknown members, charset).
import { declareChecks } from '../src/runner/fixtures';

declareChecks(['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
