// Bulk property cases go through the lean undici client; --transport playwright sends them through
// Playwright's request context instead. Both must reach the same verdicts: here over a spread of
// faulty variants (one or more per MUST requirement the property checks judge) and the reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as playwrightRequest } from '@playwright/test';
import { variantNamed } from '../../src/reference/variants';
import { createReferenceServer, type ReferenceOptions } from '../../src/reference/server';
import { playwrightTransport } from '../../src/transport/playwrightTransport';
import { serving } from '../checks/certifyServer';
import { runEngine } from '../support/engine';

const sample = ['uuid-pattern-unanchored', 'check-count-max-65537', 'length-in-utf16-units', 'success-body-empty-object', 'success-answered-201', 'json-trailing-commas', 'crash-on-missing-message', 'member-names-case-insensitive'];

async function failedIds(options: ReferenceOptions, transport: 'http' | 'playwright'): Promise<{ verdict: string; ids: string[] }> {
  return serving(createReferenceServer(options), async (url) => {
    const context = await playwrightRequest.newContext();
    try {
      // The MUST requirements the bulk property checks judge.
      const run = await runEngine(url, { seed: 20240917, runs: 100, only: ['M1', 'M2', 'M3', 'M4', 'M5'], transport }, playwrightTransport(url, context));
      return { verdict: run.report.verdict, ids: [...run.failedIds].sort() };
    } finally {
      await context.dispose();
    }
  });
}

test('the lean client and the request fixture reach the same verdicts', async () => {
  const entries: [string, ReferenceOptions][] = [['reference', {}]];
  for (const name of sample) {
    const variant = variantNamed(name);
    assert.ok(variant, `variant ${name} exists`);
    entries.push([name, variant.options]);
  }
  for (const [name, options] of entries) {
    const [lean, fixture] = [await failedIds(options, 'http'), await failedIds(options, 'playwright')];
    assert.deepEqual(fixture, lean, `${name}: --transport playwright ${JSON.stringify(fixture)} vs http ${JSON.stringify(lean)}`);
    if (name !== 'reference') assert.equal(lean.verdict, 'non-conformant', `${name} is caught`);
  }
});
