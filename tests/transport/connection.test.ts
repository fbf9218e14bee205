// The connection options users expect, end to end through certify (both clients: the lean one for
// the bulk checks, Playwright's request context for the scenario checks): -H headers on every
// request, a self-signed HTTPS target trusted with --ca-cert (or not verified with --insecure,
// said in every report), and HTTP_PROXY / NO_PROXY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen, close, modelledError, referenceBehaviour, type ReferenceOptions } from '../../src/reference/server';
import type { ConformanceReport } from '../../src/result/model';
import { runCertify } from '../support/runCertify';
import { withServer } from '../support/withServer';

const tls = join(__dirname, '..', 'fixtures', 'tls');
const certificate = { cert: readFileSync(join(tls, 'server.pem'), 'utf8'), key: readFileSync(join(tls, 'server.key'), 'utf8') };
// M6 goes through Playwright's request context, M1 through the lean client.
const ONLY = ['--only', 'M1,M6', '--runs', '20', '--seed', '8'];


async function certify(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string; report: ConformanceReport; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'connection-'));
  const run = await runCertify([...ONLY, ...args], { REPORT_DIR: dir, HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', NO_PROXY: '', ...env });
  return { ...run, dir, report: JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport };
}

test('-H adds a header to every request, which a gateway in front of the target asks for', async () => {
  // A gateway that refuses what carries no API key, as API Gateway's usage plans do.
  const gated: ReferenceOptions = {
    behaviour: {
      route: (method, path, headers) =>
        headers['x-api-key'] === 'key-for-the-gateway-0001' ? referenceBehaviour.route(method, path, headers) : { answer: modelledError('AccessDeniedException', 403, 'Forbidden') },
    },
  };
  await withServer(gated, async (url) => {
    const without = await certify(['--target', url.toString()]);
    assert.equal(without.code, 2, without.output);
    assert.match(without.report.summary, /refused a valid request with 403/);
    const withKey = await certify(['--target', url.toString(), '-H', 'x-api-key: key-for-the-gateway-0001']);
    assert.equal(withKey.code, 0, withKey.output);
    assert.ok(withKey.report.checks.find((c) => c.name === 'otherMethodsNotSuccessful')?.status === 'passed', 'the request fixture sent it too');
    assert.ok(!readFileSync(join(withKey.dir, 'conformance.json'), 'utf8').includes('key-for-the-gateway-0001'), 'its value is redacted like a credential');
  });
});

test('a self-signed HTTPS target: refused without its authority, certified with --ca-cert, or with --insecure said in every report', async () => {
  await withServer({ tls: certificate }, async (url) => {
    assert.equal(url.protocol, 'https:');
    const untrusted = await certify(['--target', url.toString()]);
    assert.equal(untrusted.code, 2, untrusted.output);
    assert.match(untrusted.report.summary, /Could not reach the target .*(certificate|self.signed|issuer)/i);

    const trusted = await certify(['--target', url.toString(), '--ca-cert', join(tls, 'ca.pem')]);
    assert.equal(trusted.code, 0, trusted.output);
    assert.equal(trusted.report.checks.find((c) => c.name === 'otherMethodsNotSuccessful')?.status, 'passed', 'Playwright\'s request context trusts it too');
    assert.equal(trusted.report.insecure, undefined);

    const insecure = await certify(['--target', url.toString(), '--insecure']);
    assert.equal(insecure.code, 0, insecure.output);
    assert.match(insecure.output, /--insecure: TLS certificates (are|were) not verified/);
    assert.equal(insecure.report.insecure, true);
    assert.match(readFileSync(join(insecure.dir, 'conformance.html'), 'utf8'), /--insecure: TLS certificates were not verified/);
    assert.match(readFileSync(join(insecure.dir, 'summary.md'), 'utf8'), /TLS not verified \(--insecure\)/);
    assert.match(readFileSync(join(insecure.dir, 'junit.xml'), 'utf8'), /<property name="insecure" value="true"\/>/);
  });
});

/** A forward proxy on 127.0.0.1: absolute-form requests and CONNECT tunnels, each counted. */
async function withProxy<T>(body: (proxy: URL, seen: () => number) => Promise<T>): Promise<T> {
  let seen = 0;
  const proxy = http.createServer((req, res) => {
    seen++;
    const target = new URL(req.url ?? '/');
    const upstream = http.request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  proxy.on('connect', (req, socket: net.Socket, head: Buffer) => {
    seen++;
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  const url = await listen(proxy);
  try {
    return await body(url, () => seen);
  } finally {
    await close(proxy);
  }
}

test('HTTP_PROXY is honoured by both clients; NO_PROXY bypasses it', async () => {
  await withServer({}, (url) =>
    withProxy(async (proxy, seen) => {
      const proxied = await certify(['--target', url.toString()], { HTTP_PROXY: proxy.toString() });
      assert.equal(proxied.code, 0, proxied.output);
      const through = seen();
      assert.ok(through >= 10, `the proxy saw ${through} requests or tunnels`);
      const bypassed = await certify(['--target', url.toString()], { HTTP_PROXY: proxy.toString(), NO_PROXY: '127.0.0.1' });
      assert.equal(bypassed.code, 0, bypassed.output);
      assert.equal(seen(), through, 'NO_PROXY: nothing more went through the proxy');
    }),
  );
});
