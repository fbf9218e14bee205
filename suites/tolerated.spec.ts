// T1–T13: cases either answer to which conforms, sent and shown, never judged.
import { declareChecks } from '../src/runner/fixtures';

declareChecks(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13']);
