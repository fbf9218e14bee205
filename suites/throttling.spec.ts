// S9 (opt-in, --probe-throttling): a bounded burst until a 429, then the 429 is judged and waited out.
import { declareChecks } from '../src/runner/fixtures';

declareChecks(['S9']);
