// S7, S8: what real callers see — SigV4 enforced when credentials are configured, and the official AWS SDK client.
import { checksFor } from '../src/checks';
import { detailsOf, test } from '../src/runner/fixtures';

for (const check of checksFor('S7', 'S8')) {
  test(check.title, detailsOf(check), async ({ conformance }) => conformance.run(check));
}
