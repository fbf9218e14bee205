// A reference server (or a variant of it) on 127.0.0.1 for the length of one test body.
import { createReferenceServer, listen, close, type ReferenceOptions } from '../../src/reference/server';

export async function withServer<T>(options: ReferenceOptions, body: (url: URL) => Promise<T>): Promise<T> {
  const server = createReferenceServer(options);
  const url = await listen(server);
  try {
    return await body(url);
  } finally {
    await close(server);
  }
}
