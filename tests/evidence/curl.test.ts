// A failure's curl line sends the very bytes the suite sent: bash reads the line, and the body that
// reaches "curl" (a shell function here, so nothing is sent and the test needs no curl) is compared
// byte for byte. Covers text with quotes and other scripts, NUL, bytes that are not UTF-8, and the
// large bodies the suite sends; a large body of no long runs is cut, and the line still runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { curlFor } from '../../src/evidence/curl';

/** Runs `line` under bash with `curl` replaced by a function that writes its --data-binary body to stdout. */
function bodyCurlWouldSend(line: string): Buffer {
  const fakeCurl = `curl() { while [ $# -gt 0 ]; do if [ "$1" = --data-binary ]; then case "$2" in @*) cat "\${2#@}" ;; *) printf '%s' "$2" ;; esac; fi; shift; done; }`;
  return execFileSync('bash', ['-c', `${fakeCurl}\n${line}`], { maxBuffer: 4 * 1024 * 1024 });
}

const target = new URL('http://127.0.0.1:9/');
const bodies: Array<[string, Buffer]> = [
  ['text with quotes, a backslash, a dollar and other scripts', Buffer.from(`{"reason":"it's \\"x\\" $HOME \`id\` 中 ١ 😀\\n"}`)],
  ['a NUL inside a string', Buffer.from('{"reason":"a\u0000b"}')],
  ['invalid UTF-8 inside a string (a lone continuation byte, an encoded surrogate)', Buffer.concat([Buffer.from('{"reason":"'), Buffer.from([0x80, 0xed, 0xa0, 0x80, 0x27, 0x5c]), Buffer.from('"}')])],
  ['a UTF-8 byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')])],
  ['1 MiB of padding in an unknown member', Buffer.from(`{"scanJobId":"x","padding":"${'a'.repeat(1024 * 1024)}"}`)],
  ['ten thousand arrays deep', Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)],
];

for (const [name, body] of bodies) {
  test(`the curl line sends the exact bytes: ${name}`, () => {
    const line = curlFor(target, { method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body });
    assert.ok(bodyCurlWouldSend(line).equals(body), line.slice(0, 300));
  });
}

test('a large body of no long runs is cut at the inline limit, says so, and the line still runs', () => {
  const body = Buffer.from(`{"reason":"${'ab\'"'.repeat(3000)}"}`);
  const line = curlFor(target, { method: 'PUT', path: '/cissession/stop', headers: {}, body });
  assert.match(line, /: body cut at 4096 of 12013 bytes\)$/);
  assert.ok(bodyCurlWouldSend(line).equals(body.subarray(0, 4096)));
});
