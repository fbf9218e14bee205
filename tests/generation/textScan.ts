// A tolerant scan of a body's text for what the TOLERATED rows forbid an invalid case to lean on:
// lone surrogates raw or escaped (T3), duplicate keys (T6), integral numbers with a fraction or
// any exponent (T2). Tolerant because not-json bodies must be scanned too: it skips what it does
// not understand instead of failing. And the written forms of a JSON text (writtenFormsOf): the
// kit's own reading of how a valid case's text differs from JSON.stringify, written apart from the
// generator's writer so that the one checks the other.
import { membersOf, stopRequestRoot } from '../../src/generation/internal/schemaWalk';
import type { TextForm } from '../../src/generation';

export interface TextFindings {
  /** Lone surrogate code units in the text itself. */
  loneSurrogates: number;
  /** `\uD800`–`\uDFFF` escapes inside strings that are not half of a pair (a high one right before a low one). */
  surrogateEscapes: string[];
  /** Keys seen twice in one object. */
  duplicateKeys: string[];
  /** Number tokens in exponent form, or integral but written with a fraction (`1.0`). */
  numbersT2: string[];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

export function scanText(text: string): TextFindings {
  const findings: TextFindings = {
    loneSurrogates: (text.match(LONE_SURROGATE) ?? []).length,
    surrogateEscapes: [],
    duplicateKeys: [],
    numbersT2: [],
  };
  const objects: Array<Set<string> | null> = []; // null marks an array frame
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      const token = text.slice(i, end);
      findings.surrogateEscapes.push(...loneSurrogateEscapes(token));
      const top = objects[objects.length - 1];
      if (top && /^\s*:/.test(text.slice(end))) {
        const key = decode(token);
        if (top.has(key)) findings.duplicateKeys.push(key);
        top.add(key);
      }
      i = end;
    } else if (c === '{') {
      objects.push(new Set());
      i++;
    } else if (c === '[') {
      objects.push(null);
      i++;
    } else if (c === '}' || c === ']') {
      objects.pop();
      i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) {
        i++;
        continue;
      }
      const token = m[0];
      if (m[2] !== undefined || (m[1] !== undefined && Number.isInteger(Number(token)))) findings.numbersT2.push(token);
      i += token.length;
    } else {
      i++;
    }
  }
  return findings;
}

/** Index just past the string token that starts at `start` (or the end of the text, if unterminated). */
function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

function decode(token: string): string {
  try {
    return String(JSON.parse(token));
  } catch {
    return token;
  }
}

/** `\uXXXX` escapes of a string token: an odd number of backslashes makes one (an even number is an escaped backslash, then text). */
function unicodeEscapes(token: string): Array<{ at: number; end: number; unit: number; text: string }> {
  const out: Array<{ at: number; end: number; unit: number; text: string }> = [];
  for (const m of token.matchAll(/(\\+)u([0-9a-fA-F]{4})/g)) {
    if (m[1].length % 2 === 1) {
      const at = (m.index ?? 0) + m[1].length - 1;
      out.push({ at, end: (m.index ?? 0) + m[0].length, unit: parseInt(m[2], 16), text: m[0].slice(m[1].length - 1) });
    }
  }
  return out;
}

/** Surrogate escapes that are not one half of a pair written back to back (T3). */
function loneSurrogateEscapes(token: string): string[] {
  const escapes = unicodeEscapes(token);
  const lone: string[] = [];
  for (let i = 0; i < escapes.length; i++) {
    const e = escapes[i];
    const next = escapes[i + 1];
    const high = e.unit >= 0xd800 && e.unit <= 0xdbff;
    if (high && next && next.at === e.end && next.unit >= 0xdc00 && next.unit <= 0xdfff) {
      i++; // a pair
      continue;
    }
    if (e.unit >= 0xd800 && e.unit <= 0xdfff) lone.push(e.text);
  }
  return lone;
}

/** Member names of each modelled object in model order, by path joined with '.'. */
const modelOrder = new Map<string, string[]>();
for (const m of membersOf(stopRequestRoot)) {
  const parent = m.path.slice(0, -1).join('.');
  modelOrder.set(parent, [...(modelOrder.get(parent) ?? []), m.name]);
}

/**
 * The written forms a JSON text shows, read from the text: 'member-order' when some modelled
 * object's members come in another order than the model's, 'whitespace' when any blank sits
 * outside a string, 'escapes' when some string token is not JSON.stringify's spelling of its value.
 */
export function writtenFormsOf(text: string): TextForm[] {
  const forms = new Set<TextForm>();
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      const end = stringEnd(text, i);
      const token = text.slice(i, end);
      if (JSON.stringify(JSON.parse(token)) !== token) forms.add('escapes');
      i = end;
    } else {
      if (' \t\r\n'.includes(text[i])) forms.add('whitespace');
      i++;
    }
  }
  const visit = (value: unknown, path: string[]): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const keys = Object.keys(value);
    const model = modelOrder.get(path.join('.'));
    if (model) {
      const known = keys.filter((k) => model.includes(k));
      if (known.some((k, at) => model.indexOf(k) < model.indexOf(known[at - 1] ?? k))) forms.add('member-order');
    }
    for (const key of keys) visit((value as Record<string, unknown>)[key], [...path, key]);
  };
  visit(JSON.parse(text), []);
  return (['member-order', 'whitespace', 'escapes'] as const).filter((f) => forms.has(f));
}
