// Servers that answer a large body before reading it, then close, in a process of their own (a
// client and a server in one event loop never meet the race these exist for): Fastify 5 with its
// default options (bodyLimit 1 MiB: a longer Content-Length is answered 413 at once, with
// `connection: close`), and the catalogue's early-413-then-close variant of the reference. Prints
// one line of JSON with their base URLs, then serves until its stdin closes.
import Fastify from 'fastify';
import { validateStopRequest } from '../../src/schema';
import { createReferenceServer, listen } from '../../src/reference/server';
import { variantNamed } from '../../src/reference/variants';

async function main(): Promise<void> {
  const fastify = Fastify();
  // StopCisSession as a Fastify handler: the suite's schema judges the parsed body (Fastify's own
  // parser answers 400 to a body that is not JSON, and 413 to one over its bodyLimit).
  fastify.put('/cissession/stop', async (request, reply) => {
    const issues = validateStopRequest(request.body).errors;
    if (issues.length > 0) return reply.code(400).header('x-amzn-errortype', 'ValidationException').send({ message: `${issues.length} member(s) failed validation` });
    return reply.code(200).send();
  });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const variant = variantNamed('early-413-then-close');
  if (!variant) throw new Error('the catalogue has no early-413-then-close');
  const early = await listen(createReferenceServer(variant.options));
  process.stdout.write(`${JSON.stringify({ fastify: `http://127.0.0.1:${port}`, early: early.toString() })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

void main();
