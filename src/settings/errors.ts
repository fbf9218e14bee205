// An error the user can cause and fix (a bad option, an unwritable report directory): certify
// prints its message as one sentence and exits 2. Anything else is a bug in the suite.
export class UsageError extends Error {
  override name = 'UsageError';
}
