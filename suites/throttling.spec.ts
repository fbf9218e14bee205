// S9 (opt-in, --probe-throttling): a bounded burst until a 429, then the 429 is judged and waited out.
import { checksFor } from '../src/checks';
import { detailsOf, test } from '../src/runner/fixtures';

for (const check of checksFor('S9')) {
  test(check.title, detailsOf(check), async ({ conformance }) => conformance.run(check));
}
