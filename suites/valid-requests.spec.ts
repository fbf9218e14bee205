// M1, M2, M4: requests the schema holds valid, boundaries included, are answered 200 with an empty body.
import { checksFor } from '../src/checks';
import { detailsOf, test } from '../src/runner/fixtures';

for (const check of checksFor('M1', 'M2', 'M4')) {
  test(check.title, detailsOf(check), async ({ conformance }) => conformance.run(check));
}
