// The schema against the spec: boundary payloads written out by hand from CONFORMANCE-RULES
// (M3, M4), classified by ajv as the model classifies them. This is the one place in
// tests/generation that restates the bounds, on purpose: the generators read them from the
// schema, so a wrong schema would otherwise go unnoticed by every other test here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateStopRequest } from '../../src/schema';
import { membersOf, stopRequestRoot } from '../../src/generation/internal/schemaWalk';

/** Maximum lengths in code points, from CONFORMANCE-RULES M3. */
const MAX_LENGTH: Record<string, number> = {
  '/message/reason': 1024,
  '/message/benchmarkProfile': 128,
  '/message/benchmarkVersion': 8,
  '/message/computePlatform/vendor': 16,
  '/message/computePlatform/product': 32,
  '/message/computePlatform/version': 8,
};
const COUNTS = ['totalChecks', 'successfulChecks', 'failedChecks', 'notEvaluatedChecks', 'unknownChecks', 'notApplicableChecks', 'informationalChecks', 'errorChecks'];
const STATUSES = ['SUCCESS', 'FAILED', 'INTERRUPTED', 'UNSUPPORTED_OS'];
const REQUIRED = ['/scanJobId', '/sessionToken', '/message', '/message/status', '/message/progress'];

type Body = Record<string, unknown>;
function base(): Body {
  return {
    scanJobId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    sessionToken: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    message: { status: 'SUCCESS', progress: {} },
  };
}
function withMember(pointer: string, value: unknown): Body {
  const body = base();
  const path = pointer.slice(1).split('/');
  let node = body;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Body;
  node[path[path.length - 1]] = value;
  return body;
}
function keywords(body: unknown): string[] {
  return validateStopRequest(body).errors.map((e) => `${e.keyword} ${e.instancePath}`);
}

test('the walker finds the members the spec names', () => {
  const members = membersOf(stopRequestRoot);
  assert.deepEqual(members.filter((m) => m.required).map((m) => m.pointer), REQUIRED);
  assert.deepEqual(
    Object.fromEntries(members.filter((m) => m.node.maxLength !== undefined).map((m) => [m.pointer, m.node.maxLength])),
    MAX_LENGTH,
  );
  assert.deepEqual(members.filter((m) => m.node.type === 'integer').map((m) => m.name), COUNTS);
});

test('a bounded string at its maximum in code points is valid, astral or not, and one more is not', () => {
  for (const [pointer, max] of Object.entries(MAX_LENGTH)) {
    for (const char of ['a', '😀', '\u{10ffff}']) {
      assert.deepEqual(keywords(withMember(pointer, char.repeat(max))), [], `${pointer} at ${max} × ${char}`);
      assert.deepEqual(keywords(withMember(pointer, char.repeat(max + 1))), [`maxLength ${pointer}`], `${pointer} at ${max + 1} × ${char}`);
    }
    assert.deepEqual(keywords(withMember(pointer, '')), [], `${pointer} empty`);
  }
  // M4's own example: 8 emoji are a valid benchmarkVersion (16 UTF-16 units).
  assert.deepEqual(keywords(withMember('/message/benchmarkVersion', '🙂🙃😀😁😂🤣😃😄')), []);
});

test('a CheckCount is valid at 0 and 65536 and invalid at -1 and 65537', () => {
  for (const name of COUNTS) {
    const pointer = `/message/progress/${name}`;
    assert.deepEqual(keywords(withMember(pointer, 0)), []);
    assert.deepEqual(keywords(withMember(pointer, 65536)), []);
    assert.deepEqual(keywords(withMember(pointer, -1)), [`minimum ${pointer}`]);
    assert.deepEqual(keywords(withMember(pointer, 65537)), [`maximum ${pointer}`]);
    assert.deepEqual(keywords(withMember(pointer, 1.5)), [`type ${pointer}`]);
    assert.deepEqual(keywords(withMember(pointer, '5')), [`type ${pointer}`]);
  }
});

test('every status is valid and a lower-case one is not', () => {
  for (const status of STATUSES) {
    assert.deepEqual(keywords(withMember('/message/status', status)), []);
    assert.deepEqual(keywords(withMember('/message/status', status.toLowerCase())), ['enum /message/status']);
  }
});

test('a UUID is valid in lower case only, whole', () => {
  assert.deepEqual(keywords(withMember('/scanJobId', '0F8FAD5B-D9CB-469F-A165-70867728950E')), ['pattern /scanJobId']);
  assert.deepEqual(keywords(withMember('/sessionToken', '7c9e6679-7425-40de-944b-e07fc1f90ae7\n')), ['pattern /sessionToken']);
});
