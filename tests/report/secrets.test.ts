// Secrets never written, end to end: certify a target that echoes every request back (headers and
// body), with AWS credentials configured (so every request is SigV4-signed and S7 sends its own
// Authorization headers) and session mode "start" (so session tokens are secrets). Then read every
// file under REPORT_DIR, Playwright's zipped report data included, and what was printed: none of
// the secret values is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCertify } from '../support/runCertify';
import { everythingWritten, withEchoServer } from './support';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENzz==';
const API_KEY = 'tenant-api-key-0123456789';

test('with credentials, an -H header and session mode "start", no report file and no printed line holds a secret', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
  await withEchoServer(async (url) => {
    const run = await runCertify(['--target', url.toString(), '--seed', '21', '--runs', '25', '--session-mode', 'start', '--only', 'M1,M2,M3,S7', '-H', `x-api-key: ${API_KEY}`], {
      REPORT_DIR: dir,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLEREPORTS',
      AWS_SECRET_ACCESS_KEY: SECRET_KEY,
      AWS_SESSION_TOKEN: SESSION_TOKEN,
      AWS_REGION: 'us-east-1',
    });
    // The echo answers 200 with a body to everything: non-conformant, with failures full of echoes.
    assert.equal(run.code, 1, run.output);
    const written = everythingWritten(dir);
    const names = written.map((w) => w.path);
    for (const expected of ['conformance.json', 'conformance.html', 'check-records.json', 'junit.xml', 'summary.md', join('playwright', 'index.html')]) {
      assert.ok(names.some((n) => n.endsWith(expected)), `${expected} was written`);
    }
    assert.ok(names.some((n) => n.includes('!report.json')), 'Playwright\'s zipped report data was read');
    for (const { path, text } of [...written, { path: 'certify output', text: run.output }]) {
      for (const secret of [SECRET_KEY, SESSION_TOKEN, API_KEY]) assert.ok(!text.includes(secret), `${path} holds a secret value`);
      assert.doesNotMatch(text, /Signature=[0-9a-f]{64}/, `${path} holds a SigV4 signature`);
      // A session token the suite started (a UUID) appears only masked, plain or inside JSON text.
      assert.doesNotMatch(text, /sessionToken\\*"\s*:\s*\\*"[0-9a-fA-F]{8}-/, `${path} holds a session token`);
    }
    // The echo shows the header arrived: -H reached the target on every request.
    assert.ok(written.some((w) => w.path.endsWith('conformance.json') && /"x-api-key": "\[REDACTED\]"/.test(w.text)), 'the -H header is shown, redacted');
    // Redaction leaves its mark where it worked, so a reader knows something was there.
    assert.ok(written.some((w) => w.path.endsWith('conformance.json') && w.text.includes('[REDACTED:xxxxxxxx-')), 'masked session tokens in conformance.json');
  });
});
