// A variant of the reference implementation: one realistic deviation (faulty) or one different
// TOLERATED choice (conforming). The self-tests certify every variant and expect the suite to catch
// each fault under the requirement it violates, and to pass every conforming variant untouched.
import type { RequirementId } from '../../checks/requirements';
import type { ReferenceOptions } from '../server';

export interface Variant {
  /** kebab-case; `FAULT=<name> npm run reference` serves it. */
  name: string;
  kind: 'faulty' | 'conforming';
  /** For a faulty variant: the requirement it violates. It is caught when this id is among the failed checks. */
  violates?: RequirementId;
  /** The deviation, as an implementer would have shipped it. */
  description: string;
  /** The stages it replaces, and any other reference option. */
  options: ReferenceOptions;
  /** Extra certify arguments the variant needs (a session mode, a shorter timeout for a hang…). */
  certifyArgs?: string[];
  /** Extra environment for certify (the credentials a SigV4 variant verifies; they are made-up test values). */
  env?: Record<string, string>;
}
