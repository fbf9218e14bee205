// M5, M6, M7: no 5xx, no other method taken for PUT, every request (oversized ones too) answered
// in time; the run-wide M5 and M7 checks judge every request of the run.
import { declareChecks } from '../src/runner/fixtures';

declareChecks(['M5', 'M6', 'M7']);
