// A `curl` line that reproduces a request, for the evidence of a failure. It sends the very bytes
// the suite sent (bodies that are not UTF-8, or hold NUL, go through printf), and it signs when the
// run signed: curl's own SigV4 (--aws-sigv4) with the credentials as environment references,
// never their values.
import { isUtf8 } from 'node:buffer';
import { urlFor, type HttpRequest } from '../transport/types';

/** Bodies longer than this are described by a shell expression instead of being printed. */
const INLINE_LIMIT = 4096;
/**
 * The longest expression written whole. A valid body at its bounds in a written form (1,024 astral
 * code points, every character escaped, pretty-printed) takes some 20 kB of printf; the line must
 * still be one shell argument (Linux takes 128 KiB), so past this a body is cut.
 */
const EXPRESSION_LIMIT = 64 * 1024;

export interface CurlSigning {
  region: string;
  /** The SigV4 service name (inspector2). */
  service: string;
  /** The run's credentials included a session token: curl sends it as X-Amz-Security-Token. */
  sessionToken: boolean;
}

export function curlFor(target: URL, request: HttpRequest, signing?: CurlSigning): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, shellQuote(urlFor(target, request.path).toString())];
  if (signing) {
    // Double quotes: the shell fills the credentials in from the environment when the line is run.
    parts.push('--aws-sigv4', shellQuote(`aws:amz:${signing.region}:${signing.service}`), '--user', '"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
    if (signing.sessionToken) parts.push('-H', '"X-Amz-Security-Token: $AWS_SESSION_TOKEN"');
  }
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push('--data-binary', dataArgument(Buffer.from(request.body)));
  return parts.join(' ');
}

/** The --data-binary argument: the text quoted, or a printf for bytes a shell word cannot hold. */
function dataArgument(body: Buffer): string {
  if (body.length > INLINE_LIMIT) return `@<(${largeBodyExpression(body)})`;
  // A shell word cannot hold NUL, and $'…' would re-encode what is not UTF-8.
  if (body.includes(0) || !isUtf8(body)) return `@<(printf %b ${printfBytes(body)})`;
  return shellQuote(body.toString('utf8'));
}

/** The bytes as a single-quoted printf %b argument: printable ASCII as is, every other byte as \xHH. */
export function printfBytes(bytes: Buffer): string {
  let out = "'";
  for (const byte of bytes) {
    if (byte === 0x27) out += `'\\''`;
    else if (byte === 0x5c) out += '\\\\';
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

/** Quotes for bash: plain single quotes when printable, ANSI-C $'…' otherwise. */
export function shellQuote(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  let out = "$'";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else if (code === 0x0a) out += '\\n';
    else if (code === 0x0d) out += '\\r';
    else if (code === 0x09) out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}'`;
}

/** A run of one byte at least this long is written as `head -c N /dev/zero | tr …`, not spelled out. */
const RUN = 16;
/** Bytes `tr` takes literally as its second set, and a shell word holds as is. */
const RUN_BYTE = /^[A-Za-z0-9 {}[\]":,.]$/;

/**
 * A shell expression that writes a large body. Large bodies the suite sends are mostly runs of
 * one byte (1 MiB of padding; ten thousand `[` then as many `]`): each run is a `head -c | tr`,
 * the rest printf, so the line stays short and the bytes exact. A body whose expression is longer
 * than EXPRESSION_LIMIT is cut at the inline limit, and the line says so with a no-op (`:`), not a
 * comment, which would swallow the closing parenthesis.
 */
function largeBodyExpression(body: Buffer): string {
  const parts: string[] = [];
  let literal = 0;
  for (let i = 0; i < body.length; ) {
    let end = i + 1;
    while (end < body.length && body[end] === body[i]) end++;
    const byte = String.fromCharCode(body[i]);
    if (end - i >= RUN && RUN_BYTE.test(byte)) {
      if (literal < i) parts.push(`printf %b ${printfBytes(body.subarray(literal, i))}`);
      parts.push(`head -c ${end - i} /dev/zero | tr '\\0' ${shellQuote(byte)}`);
      literal = end;
    }
    i = end;
  }
  if (literal < body.length) parts.push(`printf %b ${printfBytes(body.subarray(literal))}`);
  const expression = parts.join('; ');
  if (expression.length <= EXPRESSION_LIMIT) return expression;
  return `printf %b ${printfBytes(body.subarray(0, INLINE_LIMIT))}; : body cut at ${INLINE_LIMIT} of ${body.length} bytes`;
}
