// M1, M2, M4: requests the schema holds valid, boundaries included, are answered 200 with an empty body.
import { declareChecks } from '../src/runner/fixtures';

declareChecks(['M1', 'M2', 'M4']);
