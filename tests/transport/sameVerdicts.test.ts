// Bulk property cases go through the lean undici client; --transport playwright sends them through
// Playwright's request fixture instead. Both must reach the same verdicts: here over a spread of
// faulty variants (one or more per MUST requirement the property checks judge) and the reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { variantNamed } from '../../src/reference/variants';
import { createReferenceServer, listen, close, type ReferenceOptions } from '../../src/reference/server';
import type { ConformanceReport } from '../../src/report/model';
import { runCertify } from '../support/runCertify';

const sample = ['uuid-pattern-unanchored', 'check-count-max-65537', 'length-in-utf16-units', 'success-body-empty-object', 'success-answered-201', 'json-trailing-commas', 'crash-on-missing-message'];

async function failedIds(options: ReferenceOptions, transport: 'http' | 'playwright'): Promise<{ verdict: string; ids: string[] }> {
  const server = createReferenceServer(options);
  const url = await listen(server);
  try {
    const dir = mkdtempSync(join(tmpdir(), `transport-${transport}-`));
    // The MUST requirements the bulk property checks judge; a small budget keeps the Playwright path quick.
    const run = await runCertify(['--target', url.toString(), '--seed', '20240917', '--runs', '100', '--only', 'M1,M2,M3,M4,M5', '--transport', transport], { REPORT_DIR: dir });
    assert.ok(run.code === 0 || run.code === 1, run.output);
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
    return { verdict: report.verdict, ids: [...new Set(report.checks.filter((c) => c.status === 'failed').map((c) => c.id))].sort() };
  } finally {
    await close(server);
  }
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
