// Loads fixed cases from fixtures/*.json, validated against fixtures/fixture.meta.schema.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAjv } from '../../schema';
import meta from '../../../fixtures/fixture.meta.schema.json';

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

export const fixturesDir = join(__dirname, '..', '..', '..', 'fixtures');

const validateFixture = createAjv().compile<FixtureFile>(meta);

export function loadFixture(name: string): FixtureFile {
  const path = join(fixturesDir, name);
  const file: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!validateFixture(file)) {
    throw new Error(`${path} does not match fixture.meta.schema.json: ${JSON.stringify(validateFixture.errors)}`);
  }
  return file;
}

/** The body a fixture case sends: its text as written, or its data as JSON. */
export function fixtureText(c: FixtureCase): string {
  return c.text ?? JSON.stringify(c.data);
}
