// A tolerant scan of a body's text for what the TOLERATED rows forbid an invalid case to lean on:
// lone surrogates raw or escaped (T3), duplicate keys (T6), integral numbers with a fraction or
// any exponent (T2). Tolerant because not-json bodies must be scanned too: it skips what it does
// not understand instead of failing.

export interface TextFindings {
  /** Lone surrogate code units in the text itself. */
  loneSurrogates: number;
  /** `\uD800`–`\uDFFF` escapes inside strings (the generators write none, paired or not). */
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
      for (const m of token.matchAll(/\\+u([dD][89abAB][0-9a-fA-F]{2}|[dD][c-fC-F][0-9a-fA-F]{2})/g)) {
        // An odd number of backslashes makes it an escape; an even number is an escaped backslash and text.
        if ((m[0].length - 5) % 2 === 1) findings.surrogateEscapes.push(m[0]);
      }
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
