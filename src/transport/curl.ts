// A `curl` line that reproduces a request, for the evidence of a failure.
import { urlFor, type HttpRequest } from './types';

/** Bodies longer than this are described by a shell expression instead of being printed. */
const INLINE_LIMIT = 4096;

export function curlFor(target: URL, request: HttpRequest): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, shellQuote(urlFor(target, request.path).toString())];
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (request.body !== undefined) {
    const body = Buffer.from(request.body);
    if (body.length <= INLINE_LIMIT) {
      parts.push('--data-binary', shellQuote(body.toString('utf8')));
    } else {
      parts.push('--data-binary', `@<(${largeBodyExpression(body)})`);
    }
  }
  return parts.join(' ');
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

/** Large bodies the suite sends are a short head and tail around one repeated byte. */
function largeBodyExpression(body: Buffer): string {
  const text = body.toString('utf8');
  const fill = text[Math.floor(text.length / 2)] ?? ' ';
  const head = text.slice(0, text.indexOf(fill.repeat(16)));
  const tailStart = text.lastIndexOf(fill.repeat(16)) + 16;
  const tail = text.slice(tailStart);
  const fillCount = body.length - Buffer.byteLength(head) - Buffer.byteLength(tail);
  if (head.length === 0 || fillCount <= 0 || Buffer.byteLength(fill) !== 1) {
    return `printf %s ${shellQuote(text.slice(0, INLINE_LIMIT))} # body cut at ${INLINE_LIMIT} of ${body.length} bytes`;
  }
  return `printf %s ${shellQuote(head)}; head -c ${fillCount} /dev/zero | tr '\\0' ${shellQuote(fill)}; printf %s ${shellQuote(tail)}`;
}
