// M3: every kind of invalid input is answered 400.
import { declareChecks } from '../src/runner/fixtures';

declareChecks(['M3']);
