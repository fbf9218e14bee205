// What to send for a case: its bytes when it has them (a byte order mark, bytes that are not
// UTF-8), else its text, which a transport encodes as UTF-8.

/** The body to send: `c.bytes` when present, else `c.text`. */
export function payloadOf(c: { text: string; bytes?: Buffer }): string | Buffer {
  return c.bytes ?? c.text;
}
