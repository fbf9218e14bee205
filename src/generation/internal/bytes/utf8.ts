// Byte sequences that are not UTF-8 (RFC 3629 §3, Unicode's "maximal subpart" cases), by kind, and
// the byte order mark. A strict decoder (TextDecoder with fatal: true) refuses each of them; a
// lenient one (Node's Buffer.toString, WHATWG decoding) puts one U+FFFD per maximal subpart, at
// most six for the longest sequence here.

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The most U+FFFD a sequence below decodes to: the room a string needs to stay within its maximum. */
export const MAX_REPLACEMENTS = 6;

export type BadUtf8Kind = 'lone-continuation' | 'overlong' | 'encoded-surrogate' | 'invalid-byte' | 'truncated';

const range = (from: number, to: number): number[][] => Array.from({ length: to - from + 1 }, (_, i) => [from + i]);

/** For each kind, the sequences it draws from. */
export const BAD_UTF8: Record<BadUtf8Kind, readonly number[][]> = {
  // A continuation byte with no lead byte before it.
  'lone-continuation': range(0x80, 0xbf),
  // Characters encoded in more bytes than they need: '/' as C0 AF, E0 80 AF, F0 80 80 AF; NUL as
  // C0 80 (Java's "modified UTF-8"); the largest two-, three- and four-byte overlongs.
  overlong: [[0xc0, 0xaf], [0xc1, 0xbf], [0xc0, 0x80], [0xe0, 0x80, 0xaf], [0xe0, 0x9f, 0xbf], [0xf0, 0x80, 0x80, 0xaf], [0xf0, 0x8f, 0xbf, 0xbf]],
  // UTF-16 surrogates encoded as if they were characters: U+D800, U+DFFF, and CESU-8's pair for U+1F600.
  'encoded-surrogate': [[0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]],
  // Bytes that never occur in UTF-8: F5-FF (past U+10FFFF, or not lead bytes at all).
  'invalid-byte': range(0xf5, 0xff),
  // A multi-byte sequence cut short: the lead of é, two of three bytes of €, three of four of 😀.
  truncated: [[0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xe2], [0xf0, 0x9f]],
};

export const BAD_UTF8_KINDS = Object.keys(BAD_UTF8) as BadUtf8Kind[];

/** `\xNN` for each byte: how a rendering shows bytes that are not text. */
export function hexEscaped(bytes: readonly number[] | Buffer): string {
  return [...bytes].map((b) => `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
