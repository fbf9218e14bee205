// M3: every kind of invalid input is answered 400.
import { checksFor } from '../src/checks';
import { detailsOf, test } from '../src/runner/fixtures';

for (const check of checksFor('M3')) {
  test(check.title, detailsOf(check), async ({ conformance }) => conformance.run(check));
}
