// M5, M6, M7: no 5xx, no other method taken for PUT, every request (oversized ones too) answered in time.
import { checksFor } from '../src/checks';
import { detailsOf, test } from '../src/runner/fixtures';

for (const check of checksFor('M5', 'M6', 'M7')) {
  test(check.title, detailsOf(check), async ({ conformance }) => conformance.run(check));
}
