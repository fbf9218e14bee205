// The request every case is carried in, and expectations several checks share.
import type { HttpRequest } from '../../transport/types';
import type { Expectation } from '../judge';

export const STOP_PATH = '/cissession/stop';

export function stopRequest(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }): HttpRequest {
  return { method: 'PUT', path: STOP_PATH, headers, body };
}

/** M1 and M4: a valid request is answered 200. */
export const accepted = (expected = '200: the body satisfies the request schema'): Expectation => ({
  kind: 'status',
  statuses: [200],
  title: 'A valid request was not accepted',
  expected,
});

/** M3: an invalid request is answered 400. */
export const rejected = (why: string): Expectation => ({
  kind: 'status',
  statuses: [400],
  title: 'An invalid request was not answered 400',
  expected: `400: ${why}`,
});
