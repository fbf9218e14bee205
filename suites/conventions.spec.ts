// S1–S6: the restJson1 conventions callers rely on (error types and bodies, Retry-After, idempotent retries, unknown members, charset).
import { checksFor } from '../src/checks';
import { detailsOf, test } from '../src/runner/fixtures';

for (const check of checksFor('S1', 'S2', 'S3', 'S4', 'S5', 'S6')) {
  test(check.title, detailsOf(check), async ({ conformance }) => conformance.run(check));
}
