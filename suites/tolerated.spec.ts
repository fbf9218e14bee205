// T1–T10: cases either answer to which conforms, sent and shown, never judged.
import { checksFor } from '../src/checks';
import { detailsOf, test } from '../src/runner/fixtures';

for (const check of checksFor('T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10')) {
  test(check.title, detailsOf(check), async ({ conformance }) => conformance.run(check));
}
