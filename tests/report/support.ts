// Helpers shared by the report self-tests: servers on 127.0.0.1, the files a run leaves, the
// contents of Playwright's HTML report (a zip inside index.html), and headless Chromium.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

export { withServer } from '../support/withServer';

/** A target that answers every request 200 with the request's headers and body echoed back. */
export async function withEchoServer<T>(body: (url: URL) => Promise<T>): Promise<T> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const echoed = JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8').slice(0, 4096) });
      res.writeHead(200, { 'content-type': 'application/json', 'x-echo-authorization': req.headers.authorization ?? '', 'x-echo-token': String(req.headers['x-amz-security-token'] ?? '') });
      res.end(echoed);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await body(new URL(`http://127.0.0.1:${port}/`));
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The files inside the zip Playwright's HTML report embeds in index.html (read from its central directory). */
export function playwrightReportEntries(indexHtml: string): Map<string, string> {
  const match = /<template id="playwrightReportBase64">data:application\/zip;base64,([^<]*)<\/template>/.exec(indexHtml);
  const entries = new Map<string, string>();
  if (!match) return entries;
  const zip = Buffer.from(match[1], 'base64');
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no zip end record in the Playwright report');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + skip;
  }
  return entries;
}

/** Every text a run left under its report directory, Playwright's zipped report data included. */
export function everythingWritten(dir: string): { path: string; text: string }[] {
  return filesUnder(dir).flatMap((path) => {
    const text = readFileSync(path).toString('utf8');
    const inner = path.endsWith('index.html') ? [...playwrightReportEntries(text)].map(([name, t]) => ({ path: `${path}!${name}`, text: t })) : [];
    return [{ path, text }, ...inner];
  });
}

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
