// What a server may legally send, read as HTTP allows, end to end: an answer that comes while a
// large body is still being written (Fastify 5 with its defaults; the catalogue's variant that
// answers 413 right after the headers and closes), and kept-alive connections the server closes
// while idle without saying so (a random 50–300 ms). Each is a conforming target, and the suite
// must say so every time; a server that drops a chosen request stays non-conformant on M7.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type http from 'node:http';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { createReferenceServer, referenceBehaviour, type Behaviour } from '../../src/reference/server';
import type { HttpOutcome } from '../../src/transport/types';
import { oversizedCases } from '../../src/checks/protocol';
import { certify, serving } from '../checks/certifyServer';
import { CLIENTS, withClient } from '../support/clients';

const root = join(__dirname, '..', '..');

/** Fastify and the early-413 variant, served by a process of their own. */
async function withEarlyAnswerTargets(body: (targets: { fastify: URL; early: URL }) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests', 'support', 'earlyAnswerTargets.ts')], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const urls = JSON.parse(line) as { fastify: string; early: string };
    await body({ fastify: new URL(urls.fastify), early: new URL(urls.early) });
  } finally {
    child.stdin.end();
    child.kill();
  }
}

/** The suite's own 4 MiB case: over Fastify's 1 MiB bodyLimit and the variant's 256 KiB. */
const fourMiB = oversizedCases('0f8fad5b-d9cb-469f-a165-70867728950e', '1f8fad5b-d9cb-469f-a165-70867728950e').find((c) => c.description.startsWith('a 4 MiB'));

test('an answer that comes while a large body is still being written is the answer: 413 from Fastify 5 and from a server that answers right after the headers, every time, with both clients', async () => {
  assert.ok(fourMiB, 'the oversized cases hold a 4 MiB body');
  await withEarlyAnswerTargets(async ({ fastify, early }) => {
    for (const url of [fastify, early]) {
      for (const client of CLIENTS) await withClient(client, url, async (transport) => {
        // Four at a time, as the pool sends them: written whole, about one in four lost its answer to EPIPE.
        for (let round = 0; round < 4; round++) {
          const outcomes: HttpOutcome[] = await Promise.all(Array.from({ length: 4 }, () => transport.send({ method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body: fourMiB.text }, { timeoutMs: 10_000 })));
          for (const outcome of outcomes) assert.equal(outcome.kind === 'response' ? outcome.status : outcome.message, 413, `${transport.name} against ${url.origin}`);
        }
      });
    }
    for (const url of [fastify, early]) {
      const run = await certify(url, ['--only', 'M7']);
      assert.equal(run.code, 0, `${url.origin} is conformant on M7:\n${run.output}`);
      assert.ok(run.report.checks.filter((c) => c.id === 'M7').every((c) => c.status === 'passed'), run.output);
    }
  });
});

/**
 * The reference, closing each kept-alive connection a random 50–300 ms after its last answer
 * unless a new request has begun, without a Keep-Alive header (Node's own idle timer is off), as
 * gunicorn and many proxies do. `readBody`: a stage of the reference's to replace (a request it drops).
 */
function idleClosing(readBody?: Behaviour['readBody']): http.Server {
  const server = createReferenceServer(readBody ? { behaviour: { readBody } } : {});
  server.keepAliveTimeout = 0;
  const idle = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    clearTimeout(idle.get(req.socket));
    res.on('finish', () => idle.set(req.socket, setTimeout(() => req.socket.destroy(), 50 + Math.random() * 250)));
  });
  return server;
}

test('a server that closes idle kept-alive connections after 50–300 ms is conformant in every run; the requests it cut off were sent again and say so', async () => {
  await serving(idleClosing(), async (url) => {
    const started = performance.now();
    let runs = 0;
    let retried = 0;
    // Before the clients sent such a request again, every run of four failed M7.
    while (runs < 3 || (runs < 5 && performance.now() - started < 30_000)) {
      const run = await certify(url, ['--runs', '100', '--seed', String(1000 + runs)]);
      runs++;
      assert.equal(run.code, 0, `run ${runs}:\n${run.output}`);
      retried += run.report.traffic?.retries ?? 0;
    }
    assert.ok(retried > 0, `in ${runs} runs some request went out on a connection the server had just closed (retries: ${retried})`);
  });
});

test('a server that closes the connection on a chosen request without answering stays non-conformant on M7, the request sent twice and dropped twice', async () => {
  // Every stop whose status is FAILED is dropped once read, on a reused connection and on the fresh one alike.
  const server = idleClosing(async (req, limit) => {
    const body = await referenceBehaviour.readBody(req, limit);
    if (body === 'too-large' || !body.includes('"FAILED"')) return body;
    req.socket.destroy();
    return new Promise<never>(() => {});
  });
  await serving(server, async (url) => {
    const run = await certify(url, ['--runs', '100']);
    assert.equal(run.code, 1, run.output);
    assert.ok(run.failedIds.includes('M7'), `M7 failed: ${run.failedIds.join(', ')}`);
    const m7 = run.report.checks.find((c) => c.name === 'everyRequestAnsweredInRun');
    assert.equal(m7?.failure?.response.kind, 'no-answer', 'its evidence is a request that was not answered');
    assert.ok((run.report.traffic?.retries ?? 0) > 0, 'dropped on reused connections, they were sent again, and dropped again');
  });
});
