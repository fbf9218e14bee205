// Variants whose deviation lives in how the body's text is read, not in what it says (issue 19):
// a forward-only reader that expects the members in the order the AWS SDK writes them, a "no
// trailing data" check that counts whitespace as data, member names matched on their raw text,
// Python's json.loads defaults (NaN and Infinity are numbers), and a binder that skips an unknown
// member's value without reading it as JSON. Each replaces the parse stage of the reference, and
// each is caught by the written forms of validStopRequest (M1) or by not-json text placed where no
// schema member is checked (M3); before those, every one was certified conformant.
import { referenceBehaviour, type Behaviour, type Parsed } from '../server';
import type { RequirementId } from '../../checks/requirements';
import { firstValue, join, tokenize, type Token } from './jsonText';
import type { Variant } from './types';

type Parse = Behaviour['parse'];
type Body = Record<string, unknown>;

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isBlank = (t: Token): boolean => t.kind === 'space' || t.kind === 'line-comment' || t.kind === 'block-comment';

/** Index of the first token at or after `from` that is not blank, or tokens.length. */
function nextSolid(tokens: readonly Token[], from: number): number {
  let i = from;
  while (i < tokens.length && isBlank(tokens[i])) i++;
  return i;
}

/** Whether the string token at `index` is a member name: the next solid token is a colon. */
function isName(tokens: readonly Token[], index: number): boolean {
  const next = tokens[nextSolid(tokens, index + 1)];
  return tokens[index].kind === 'string' && next?.kind === 'punct' && next.text === ':';
}

/**
 * The required members of each object in the order the AWS SDK for JavaScript writes them (its
 * schema for StopCisSessionRequest lists scanJobId, sessionToken, message; StopCisSessionMessage
 * status, progress, reason, computePlatform, benchmarkVersion, benchmarkProfile). Optional members
 * may come anywhere for this reader; only the required ones are read in sequence.
 */
const SDK_REQUIRED_ORDER: ReadonlyArray<[path: readonly string[], names: readonly string[]]> = [
  [[], ['scanJobId', 'sessionToken', 'message']],
  [['message'], ['status', 'progress']],
];

/**
 * A forward-only reader: it looks for each required member in turn, reading optional members on
 * the way and skipping anything else, so a required member that comes before the one it is
 * looking for is skipped as unknown and found missing at the end.
 */
function readInSdkOrder(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const copy: Body = { ...value };
  for (const [path, expected] of SDK_REQUIRED_ORDER) {
    let holder: Body = copy;
    for (const key of path) {
      if (!isRecord(holder[key])) {
        holder = {};
        break;
      }
      holder[key] = { ...(holder[key] as Body) };
      holder = holder[key] as Body;
    }
    let next = 0;
    for (const key of Object.keys(holder)) {
      if (key === expected[next]) next++;
      else if (expected.includes(key)) delete holder[key]; // passed over while looking for expected[next]
    }
  }
  return copy;
}

/** Blank tokens, as the tokenizer sees them: JSON whitespace. */
const LEADING_BLANKS = /^[ \t\n\r]*/;

/** The first value, then a check that the decoder's offset is the body's length: whitespace after the value counts as data. */
const refusesTrailingBytes: Parse = (body) => {
  const text = body.toString('utf8');
  const value = firstValue(text);
  if (value !== undefined) {
    const end = (LEADING_BLANKS.exec(text)?.[0].length ?? 0) + value.length;
    if (end < text.length) return { ok: false, message: `trailing data after the JSON value at offset ${end}` };
  }
  return referenceBehaviour.parse(body);
};

/** Every member name taken as the raw text between its quotes: a name with an escape in it is another name. */
const rawNames: Parse = (body) => {
  const text = body.toString('utf8');
  if (!text.includes('\\')) return referenceBehaviour.parse(body);
  const tokens = tokenize(text);
  const rewritten = tokens.map((t, i) => (isName(tokens, i) && t.text.includes('\\') && t.text.length >= 2 ? { ...t, text: JSON.stringify(t.text.slice(1, -1)) } : t));
  return referenceBehaviour.parse(Buffer.from(join(rewritten), 'utf8'));
};

/** Strings that stand for Python's float('nan') and float('±inf') until the value is built; real text never holds U+FDD0. */
const SPECIALS: Record<string, number> = { '\ufdd0NaN': NaN, '\ufdd0Infinity': Infinity, '\ufdd0-Infinity': -Infinity };

/** Python's json.loads with its defaults (allow_nan): NaN, Infinity and -Infinity are read as numbers. */
const acceptsNanAndInfinity: Parse = (body) => {
  const text = body.toString('utf8');
  if (!/NaN|Infinity/.test(text)) return referenceBehaviour.parse(body);
  const tokens = tokenize(text);
  let replaced = false;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const negative = t.kind === 'number' && t.text === '-' && tokens[i + 1]?.kind === 'word' && tokens[i + 1].text === 'Infinity';
    if (negative || (t.kind === 'word' && (t.text === 'NaN' || t.text === 'Infinity'))) {
      out.push({ kind: 'string', text: JSON.stringify(`\ufdd0${negative ? '-Infinity' : t.text}`) });
      replaced = true;
      if (negative) i++;
    } else out.push(t);
  }
  const parsed = referenceBehaviour.parse(Buffer.from(join(out), 'utf8'));
  return parsed.ok && replaced ? { ok: true, value: withSpecials(parsed.value) } : parsed;
};

/** The stand-in strings put back as numbers; walked with a stack, so an unknown member nested 10,000 deep cannot overflow it. */
function withSpecials(value: unknown): unknown {
  const special = (v: unknown): unknown => (typeof v === 'string' && v in SPECIALS ? SPECIALS[v] : v);
  const root = special(value);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        item[i] = special(item[i]);
        stack.push(item[i]);
      }
    } else if (isRecord(item)) {
      for (const key of Object.keys(item)) {
        item[key] = special(item[key]);
        stack.push(item[key]);
      }
    }
  }
  return root;
}

/** The modelled objects, by path, with their members: where the binder knows the names. */
const MODELLED: ReadonlyMap<string, ReadonlyMap<string, boolean>> = new Map([
  ['', new Map([['scanJobId', false], ['sessionToken', false], ['message', true]])],
  ['message', new Map([['status', false], ['reason', false], ['progress', true], ['computePlatform', true], ['benchmarkVersion', false], ['benchmarkProfile', false]])],
  ['message.progress', new Map(['totalChecks', 'successfulChecks', 'failedChecks', 'notEvaluatedChecks', 'unknownChecks', 'notApplicableChecks', 'informationalChecks', 'errorChecks'].map((n) => [n, false]))],
  ['message.computePlatform', new Map([['vendor', false], ['product', false], ['version', false]])],
]);

/** Index just past the value that starts at token `start`: a bracketed value to its matching bracket, anything else up to the next , } or ] outside brackets. */
function skippedValueEnd(tokens: readonly Token[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'punct') continue;
    if (t.text === '{' || t.text === '[') depth++;
    else if (t.text === '}' || t.text === ']') {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (t.text === ',' && depth === 0) return i;
  }
  return tokens.length;
}

/**
 * A binder generated from the model: the members it knows are read strictly, and the value of one
 * it does not know is skipped by matching brackets, never tokenized as JSON, so whatever an unknown
 * member holds (a comment, a trailing comma, NaN, a single-quoted string) is let through.
 */
const skipsUnknownLeniently: Parse = (body) => {
  const tokens = tokenize(body.toString('utf8'));
  const out: Token[] = [];
  // The modelled path of each open object or array; undefined inside anything the model does not describe.
  const open: Array<string | undefined> = [];
  // The path the next object opened has: set by the name of a modelled member that is an object.
  let nextObject: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const holder = open[open.length - 1];
    if (t.kind === 'punct' && (t.text === '{' || t.text === '[')) {
      open.push(t.text === '[' ? undefined : open.length === 0 ? '' : nextObject);
      nextObject = undefined;
    } else if (t.kind === 'punct' && (t.text === '}' || t.text === ']')) {
      open.pop();
      nextObject = undefined;
    } else if (holder !== undefined && isName(tokens, i)) {
      const name = decoded(t.text);
      const members = MODELLED.get(holder);
      if (name === undefined || members?.has(name)) nextObject = name !== undefined && members?.get(name) ? (holder === '' ? name : `${holder}.${name}`) : undefined;
      else {
        // The unknown member's name and colon kept; its value, whatever it is, read as null.
        const colon = nextSolid(tokens, i + 1);
        out.push(...tokens.slice(i, colon + 1), { kind: 'word', text: 'null' });
        i = skippedValueEnd(tokens, nextSolid(tokens, colon + 1)) - 1;
        continue;
      }
    } else if (!isBlank(t) && !(t.kind === 'punct' && t.text === ':')) nextObject = undefined;
    out.push(t);
  }
  return referenceBehaviour.parse(Buffer.from(join(out), 'utf8'));
};

/** A string token's value, or undefined when it is no JSON string (a raw control character in it): left for the parser to refuse. */
function decoded(token: string): string | undefined {
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined;
  }
}

function fault(name: string, violates: RequirementId, description: string, parse: Parse): Variant {
  return { name, kind: 'faulty', violates, description, options: { behaviour: { parse } } };
}

export const textVariants: Variant[] = [
  fault(
    'members-read-in-sdk-order',
    'M1',
    'A forward-only (streaming) reader looks for the required members in the order the AWS SDK writes them (scanJobId, sessionToken, message; in message status, then progress), skipping what it passes over: a valid body with message first, or progress before status, is refused as missing a member.',
    (body): Parsed => {
      const parsed = referenceBehaviour.parse(body);
      return parsed.ok ? { ok: true, value: readInSdkOrder(parsed.value) } : parsed;
    },
  ),
  fault(
    'trailing-whitespace-refused',
    'M1',
    'A strict "no trailing data" check after a streaming decoder compares its offset with the body\'s length, so whitespace after the JSON value counts as data: a valid body ending in a newline (as editors save it and `curl --data-binary @body.json` sends it) is refused with 400.',
    refusesTrailingBytes,
  ),
  fault(
    'escaped-member-names-unread',
    'M1',
    'Member names are matched on their raw text (a fast-path scanner compares the bytes between the quotes with "scanJobId" and never decodes escapes), so "scan\\u004aobId", which is scanJobId, is an unknown member and a valid request is refused as missing scanJobId.',
    rawNames,
  ),
  fault(
    'json-nan-infinity-accepted',
    'M3',
    'The body is read with Python\'s json.loads defaults (FastAPI\'s request.json(), Flask\'s get_json()): NaN, Infinity and -Infinity are numbers, so a body that holds one where no member is validated (an unknown member, an extra inside computePlatform or progress) is answered 200 though it is not JSON.',
    acceptsNanAndInfinity,
  ),
  fault(
    'unknown-values-skipped-leniently',
    'M3',
    'A binder generated from the model reads the members it knows strictly and skips an unknown member\'s value by matching brackets without reading it as JSON: a comment, a trailing comma, NaN, a hex number or a single-quoted string inside an unknown member (or an extra inside computePlatform or progress) passes.',
    skipsUnknownLeniently,
  ),
];
