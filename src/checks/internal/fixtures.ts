// Fixed cases as data (fixtures/*.json), validated against fixtures/fixture.meta.schema.json when
// first loaded. They are imported as modules, so the built package carries them with the code.
import { createAjv } from '../../schema';
import meta from '../../../fixtures/fixture.meta.schema.json';
import boundaries from '../../../fixtures/boundaries.json';
import statuses from '../../../fixtures/statuses.json';
import contentType from '../../../fixtures/tolerated-content-type.json';
import duplicateKeys from '../../../fixtures/tolerated-duplicate-keys.json';
import loneSurrogate from '../../../fixtures/tolerated-lone-surrogate.json';
import nullOptional from '../../../fixtures/tolerated-null-optional.json';
import numberSpelling from '../../../fixtures/tolerated-number-spelling.json';

export interface FixtureCase {
  description: string;
  data?: unknown;
  text?: string;
  headers?: Record<string, string>;
  valid: boolean | 'tolerated';
}

export interface FixtureFile {
  requirement: string;
  description: string;
  cases: FixtureCase[];
}

export const fixtureFiles = {
  'boundaries.json': boundaries,
  'statuses.json': statuses,
  'tolerated-content-type.json': contentType,
  'tolerated-duplicate-keys.json': duplicateKeys,
  'tolerated-lone-surrogate.json': loneSurrogate,
  'tolerated-null-optional.json': nullOptional,
  'tolerated-number-spelling.json': numberSpelling,
} as const;

export type FixtureName = keyof typeof fixtureFiles;

let validateFixture: ((file: unknown) => boolean) & { errors?: unknown } | undefined;

export function loadFixture(name: FixtureName): FixtureFile {
  validateFixture ??= createAjv().compile<FixtureFile>(meta);
  const file: unknown = fixtureFiles[name];
  if (!validateFixture(file)) throw new Error(`fixtures/${name} does not match fixture.meta.schema.json: ${JSON.stringify(validateFixture.errors)}`);
  return file as FixtureFile;
}

/** The body a fixture case sends: its text as written, or its data as JSON. */
export function fixtureText(c: FixtureCase): string {
  return c.text ?? JSON.stringify(c.data);
}
