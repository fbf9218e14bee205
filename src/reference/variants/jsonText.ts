// A forgiving tokenizer for request bodies, for the variants whose deviation lives in the parser:
// lenient parsers (comments, trailing commas, single quotes), a first-value-only decoder, an
// integer parser that wraps at 64 bits, and the strict parsers of the conforming variants
// (integral numbers written 1.0 refused, duplicate keys refused). JSON.parse cannot say where a
// number's digits were or whether a key repeated, so these work on the text.
//
// The token texts always join back to the input, so a variant changes exactly the tokens it means
// to and nothing else.

export type TokenKind = 'string' | 'single-quoted' | 'number' | 'punct' | 'line-comment' | 'block-comment' | 'space' | 'word' | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
}

const SPACE = /[ \t\n\r]/;
const WORD = /[A-Za-z_$]/;
const NUMBER_START = /[-0-9]/;
const NUMBER_PART = /[0-9.eE+-]/;

function quotedEnd(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

function runEnd(text: string, start: number, part: RegExp): number {
  let i = start + 1;
  while (i < text.length && part.test(text[i])) i++;
  return i;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    let kind: TokenKind;
    let end: number;
    if (c === '"') [kind, end] = ['string', quotedEnd(text, i, '"')];
    else if (c === "'") [kind, end] = ['single-quoted', quotedEnd(text, i, "'")];
    else if (text.startsWith('//', i)) {
      const newline = text.indexOf('\n', i);
      [kind, end] = ['line-comment', newline === -1 ? text.length : newline];
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      [kind, end] = ['block-comment', close === -1 ? text.length : close + 2];
    } else if (SPACE.test(c)) [kind, end] = ['space', runEnd(text, i, SPACE)];
    else if ('{}[]:,'.includes(c)) [kind, end] = ['punct', i + 1];
    else if (NUMBER_START.test(c)) [kind, end] = ['number', runEnd(text, i, NUMBER_PART)];
    else if (WORD.test(c)) [kind, end] = ['word', runEnd(text, i, /[A-Za-z0-9_$]/)];
    else [kind, end] = ['other', i + 1];
    out.push({ kind, text: text.slice(i, end) });
    i = end;
  }
  return out;
}

export function join(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join('');
}

const isBlank = (t: Token): boolean => t.kind === 'space' || t.kind === 'line-comment' || t.kind === 'block-comment';

/** Comments replaced by a space, as a JSONC reader (strip-json-comments) does. */
export function withoutComments(text: string): string {
  return join(tokenize(text).map((t) => (t.kind === 'line-comment' || t.kind === 'block-comment' ? { kind: 'space', text: ' ' } : t)));
}

/** A comma right before `}` or `]` dropped, as JSON5 and many hand-written readers allow. */
export function withoutTrailingCommas(text: string): string {
  const tokens = tokenize(text);
  return join(
    tokens.filter((t, i) => {
      if (t.kind !== 'punct' || t.text !== ',') return true;
      const next = tokens.slice(i + 1).find((n) => !isBlank(n));
      return !(next?.kind === 'punct' && (next.text === '}' || next.text === ']'));
    }),
  );
}

/** 'single-quoted' strings rewritten with double quotes, their escapes kept. */
export function withDoubleQuotes(text: string): string {
  return join(
    tokenize(text).map((t) => {
      if (t.kind !== 'single-quoted') return t;
      let inner = '';
      const body = t.text.slice(1, t.text.endsWith("'") && t.text.length > 1 ? -1 : undefined);
      for (let i = 0; i < body.length; i++) {
        if (body[i] === '\\' && body[i + 1] === "'") inner += body[++i];
        else if (body[i] === '\\') inner += body[i] + (body[++i] ?? '');
        else inner += body[i] === '"' ? '\\"' : body[i];
      }
      return { kind: 'string', text: `"${inner}"` };
    }),
  );
}

/** Every number token passed through `rewrite` (which returns replacement text). */
export function mapNumbers(text: string, rewrite: (token: string) => string): string {
  return join(tokenize(text).map((t) => (t.kind === 'number' ? { kind: t.kind, text: rewrite(t.text) } : t)));
}

/**
 * The text of the first JSON value in `text` (leading blanks skipped), as a streaming decoder
 * such as Go's json.Decoder reads it; whatever follows is left unread. undefined when the value
 * never closes.
 */
export function firstValue(text: string): string | undefined {
  const tokens = tokenize(text);
  let depth = 0;
  let taken = '';
  let started = false;
  for (const t of tokens) {
    if (!started && isBlank(t)) continue;
    started = true;
    taken += t.text;
    if (t.kind === 'punct' && (t.text === '{' || t.text === '[')) depth++;
    else if (t.kind === 'punct' && (t.text === '}' || t.text === ']')) depth--;
    if (depth === 0) return taken;
  }
  return undefined;
}

/** The first key that occurs twice in one object, or undefined. Expects text that JSON.parse accepts. */
export function duplicateKey(text: string): string | undefined {
  interface Frame {
    object: boolean;
    keys: Set<string>;
    expectKey: boolean;
  }
  const stack: Frame[] = [];
  for (const t of tokenize(text)) {
    if (isBlank(t)) continue;
    const top = stack[stack.length - 1];
    if (t.kind === 'punct') {
      if (t.text === '{') stack.push({ object: true, keys: new Set(), expectKey: true });
      else if (t.text === '[') stack.push({ object: false, keys: new Set(), expectKey: false });
      else if (t.text === '}' || t.text === ']') stack.pop();
      else if (t.text === ',' && top?.object) top.expectKey = true;
      continue;
    }
    if (t.kind === 'string' && top?.object && top.expectKey) {
      const key = JSON.parse(t.text) as string; // keys compare decoded: "a" and "\u0061" are one key
      if (top.keys.has(key)) return key;
      top.keys.add(key);
      top.expectKey = false;
    }
  }
  return undefined;
}
