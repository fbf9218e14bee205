// Both clients read the wire as HTTP allows (src/transport/retry.ts): a request on a reused
// connection that the server closes before one byte of an answer is sent once more on a fresh
// connection and the answer to that is the outcome, marked `retried`; a fresh connection closed
// without an answer, a partial answer, and a second drop are what they are. A scripted server
// decides, connection by connection and request by request, what each request gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { HttpOutcome, Transport } from '../../src/transport/types';
import { CLIENTS, withClient } from '../support/clients';

/** What the n-th request (from 0) on the c-th connection (from 0) gets. */
type Script = (connection: number, request: number) => 'answer' | 'close' | 'partial';

async function scripted<T>(script: Script, body: (url: URL) => Promise<T>): Promise<T> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const connection = connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending = Buffer.alloc(0);
    let served = 0;
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.subarray(0, end).toString('latin1');
        const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        pending = pending.subarray(end + 4 + length);
        const what = script(connection, served++);
        if (what === 'close') return void socket.destroy();
        if (what === 'partial') return void socket.end('HTTP/1.1 200 OK\r\ncontent-le');
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: keep-alive\r\n\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  try {
    return await body(new URL(`http://127.0.0.1:${port}`));
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const stop = { method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body: '{"scanJobId":"x"}' };

/** Two requests one after the other, so the second goes out on the connection the first used. */
async function secondOfTwo(transport: Transport): Promise<HttpOutcome> {
  const first = await transport.send(stop, { timeoutMs: 5000 });
  assert.equal(first.kind === 'response' && first.status, 200, 'the first request is answered');
  assert.equal(first.retried, undefined, 'and was not sent twice');
  return transport.send(stop, { timeoutMs: 5000 });
}

/** `body` with each client in turn, each against a server of its own that follows `script` from its first connection. */
async function eachTransport(script: Script, body: (transport: Transport) => Promise<void>): Promise<void> {
  for (const client of CLIENTS) await scripted(script, (url) => withClient(client, url, body, { connections: 1 }));
}

test('a reused connection closed before any byte of an answer: the request is sent again on a fresh connection, and that answer is the outcome', async () => {
  // The second request on the first connection finds it closed; every other request is answered.
  await eachTransport((connection, request) => (connection === 0 && request === 1 ? 'close' : 'answer'), async (transport) => {
    const outcome = await secondOfTwo(transport);
    assert.equal(outcome.kind === 'response' && outcome.status, 200, `${transport.name}: ${JSON.stringify(outcome)}`);
    assert.match(outcome.retried ?? '', /reused connection, which was closed before any byte of an answer came.*sent again on a fresh connection/, transport.name);
  });
});

test('dropped again on the fresh connection: the outcome is no answer, and says the request was sent twice', async () => {
  await eachTransport((connection, request) => (connection === 0 && request === 0 ? 'answer' : 'close'), async (transport) => {
    const outcome = await secondOfTwo(transport);
    assert.equal(outcome.kind, 'no-answer', `${transport.name}: ${JSON.stringify(outcome)}`);
    assert.ok(outcome.retried, `${transport.name}: the record says it was sent again`);
  });
});

test('a fresh connection closed without an answer is not retried: the target dropped the request', async () => {
  await eachTransport(() => 'close', async (transport) => {
    const outcome = await transport.send(stop, { timeoutMs: 5000 });
    assert.equal(outcome.kind, 'no-answer', transport.name);
    assert.equal(outcome.retried, undefined, `${transport.name}: sent once`);
  });
});

test('a partial answer on a reused connection is not retried: some of an answer came', async () => {
  await eachTransport((connection, request) => (connection === 0 && request === 1 ? 'partial' : 'answer'), async (transport) => {
    const outcome = await secondOfTwo(transport);
    assert.equal(outcome.kind, 'no-answer', `${transport.name}: ${JSON.stringify(outcome)}`);
    assert.equal(outcome.retried, undefined, `${transport.name}: sent once`);
  });
});
