// S7, S8: what real callers see: SigV4 enforced when credentials are configured, and the official
// AWS SDK client.
import { declareChecks } from '../src/runner/fixtures';

declareChecks(['S7', 'S8']);
