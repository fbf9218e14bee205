// A failure's curl line sends the very bytes the suite sent: bash reads the line, and the body that
// reaches "curl" (a shell function here, so nothing is sent and the test needs no curl) is compared
// byte for byte. Covers text with quotes and other scripts, NUL, bytes that are not UTF-8, the
// written forms of valid bodies (CR, LF, tabs and blanks between tokens and after the body, \u
// escapes, \/), and the large bodies the suite sends; a large body of no long runs is cut, and the
// line still runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { curlFor } from '../../src/evidence/curl';
import { validStopRequest } from '../../src/generation';

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
  ['pretty-printed with tabs and CRLF line ends, and a final CRLF', Buffer.from('\r\n{\r\n\t"scanJobId": "x",\r\n\t"message": {\r\n\t\t"status": "SUCCESS"\r\n\t}\r\n}\r\n')],
  ['a lone CR and a tab between tokens, a final newline', Buffer.from('{"a"\r:\t1 ,\r"b":2}\n')],
  ['\\u escapes in a member name and a value, a surrogate pair, \\/ and a backslash escaped', Buffer.from('{"scan\\u004aobId":"\\ud83d\\ude00 a\\/b \\\\u0041 \\u00E9"}')],
];

for (const [name, body] of bodies) {
  test(`the curl line sends the exact bytes: ${name}`, () => {
    const line = curlFor(target, { method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body });
    assert.ok(bodyCurlWouldSend(line).equals(body), line.slice(0, 300));
  });
}

test('a large body of no long runs is cut at the inline limit, says so, and the line still runs', () => {
  const body = Buffer.from(`{"reason":"${'ab\'"'.repeat(20_000)}"}`);
  const line = curlFor(target, { method: 'PUT', path: '/cissession/stop', headers: {}, body });
  assert.match(line, /: body cut at 4096 of 80013 bytes\)$/);
  assert.ok(bodyCurlWouldSend(line).equals(body.subarray(0, 4096)));
});

test('the curl line sends the exact bytes of valid bodies in every written form', () => {
  // The largest valid bodies too: every optional member at its bounds, every character escaped.
  const largest = fc
    .sample(validStopRequest({ optional: 'all' }), { seed: 19, numRuns: 300 })
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, 5);
  assert.ok(largest[0].text.length > 8192, 'the sample holds bodies past the old cut');
  const written = [...fc.sample(validStopRequest(), { seed: 19, numRuns: 120 }), ...largest].filter((c) => c.form !== undefined);
  const forms = new Set(written.flatMap((c) => c.form?.forms ?? []));
  assert.deepEqual([...forms].sort(), ['escapes', 'member-order', 'whitespace'], 'the sample holds every written form');
  assert.ok(written.some((c) => /\r/.test(c.text)) && written.some((c) => /\t/.test(c.text)) && written.some((c) => /\n$/.test(c.text)), 'and CR, tab and a final newline among them');
  for (const c of written) {
    const body = Buffer.from(c.text, 'utf8');
    const line = curlFor(target, { method: 'PUT', path: '/cissession/stop', headers: { 'content-type': 'application/json' }, body: c.text });
    assert.ok(bodyCurlWouldSend(line).equals(body), `${c.form?.description}: ${line.slice(0, 300)}`);
  }
});
