// Variants for the inputs issue 12 found the generators never sent: real text in free-text
// members, valid corner UUIDs, UUID breaks that keep all 36 characters, member names in another
// letter case, strings whose length changes under NFC or NFD, raw control characters, invalid
// UTF-8, a byte order mark, deep nesting and huge numbers. Each faulty one replaces one stage of
// the reference (parse or validate) with a mistake real frameworks and services ship, and is
// caught by the cases of one new generator or variant, which the generators did not draw before
// (NFD-first counting aside: binary strings at their maximum held precomposed letters by chance;
// the NFD-longer form at the maximum now draws them on purpose). The conforming ones make the
// other TOLERATED choice for T12 and T13 (the reference refuses a BOM with 400 and decodes
// invalid UTF-8 to U+FFFD, answering 200).
import type { ValidateFunction } from 'ajv';
import { createAjv, resolveRef, stopRequestSchema, type SchemaNode } from '../../schema';
import { issuesOf, referenceBehaviour, type Behaviour, type FieldIssue, type Operation, type Parsed } from '../server';
import type { RequirementId } from '../../checks/requirements';
import { join, tokenize } from './jsonText';
import type { Variant } from './types';

type Validate = Behaviour['validate'];
type Parse = Behaviour['parse'];
type Body = Record<string, unknown>;

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const root = stopRequestSchema as SchemaNode;

/** The schema's object nodes by path ('' for the body, 'message', 'message.progress'…), with their member names. */
function objectNodes(node: SchemaNode = root, path: string[] = [], into = new Map<string, string[]>()): Map<string, string[]> {
  const resolved = resolveRef(root, node);
  into.set(path.join('.'), Object.keys(resolved.properties ?? {}));
  for (const [name, child] of Object.entries(resolved.properties ?? {})) {
    if (resolveRef(root, child).type === 'object') objectNodes(child, [...path, name], into);
  }
  return into;
}
const OBJECTS = objectNodes();

/**
 * A copy of the body's modelled objects (the body, message, progress, computePlatform), other
 * values shared: a deep clone would recurse into an unknown member nested 10,000 levels deep and
 * crash, which is another variant's mistake, not these'.
 */
function copyModelled(value: Body, path: string[] = []): Body {
  const copy: Body = { ...value };
  for (const name of OBJECTS.get(path.join('.')) ?? []) if (isRecord(copy[name])) copy[name] = copyModelled(copy[name] as Body, [...path, name]);
  return copy;
}

/** Each modelled object of `body` (a copy), with `rebind` given the object and its modelled names. */
function eachModelledObject(body: Body, rebind: (object: Body, names: string[]) => void, path: string[] = []): void {
  const names = OBJECTS.get(path.join('.'));
  if (!names) return;
  rebind(body, names);
  for (const name of names) if (isRecord(body[name])) eachModelledObject(body[name] as Body, rebind, [...path, name]);
}

/** A validate stage over a copy of the request schema with one change, compiled on first use (StartCisSession keeps the reference's). */
function derivedValidator(change: (schema: Body) => void, unit?: { keyword: string; count(text: string): number }): Validate {
  let compiled: ValidateFunction | undefined;
  return (operation: Operation, value: unknown): FieldIssue[] => {
    if (operation !== 'StopCisSession') return referenceBehaviour.validate(operation, value);
    if (!compiled) {
      const schema = structuredClone(stopRequestSchema) as Body;
      delete schema.$id;
      change(schema);
      const ajv = createAjv();
      if (unit) ajv.addKeyword({ keyword: unit.keyword, type: 'string', schemaType: 'number', validate: (max: number, text: string) => unit.count(text) <= max });
      compiled = ajv.compile(schema);
    }
    return compiled(value) ? [] : issuesOf(compiled.errors ?? []);
  };
}

const defs = (schema: Body): Record<string, Body> => schema.$defs as Record<string, Body>;

/** The UUID pattern rewritten by `rewrite`. */
const uuidPattern = (rewrite: (pattern: string) => string): Validate =>
  derivedValidator((schema) => {
    const uuid = defs(schema).UUID;
    uuid.pattern = rewrite(String(uuid.pattern));
  });

/** Every maxLength counted another way. */
function lengthsCounted(keyword: string, count: (text: string) => number): Validate {
  return derivedValidator(
    (schema) => {
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(visit);
        else if (isRecord(node)) {
          if (typeof node.maxLength === 'number') {
            node[keyword] = node.maxLength;
            delete node.maxLength;
          }
          Object.values(node).forEach(visit);
        }
      };
      visit(schema);
    },
    { keyword, count },
  );
}

/** A validate stage that first rewrites a copy of the body, as a handler that normalises input does. */
function normalisedFirst(normalise: (body: Body) => void): Validate {
  return (operation, value) => {
    if (operation !== 'StopCisSession' || !isRecord(value)) return referenceBehaviour.validate(operation, value);
    const copy = copyModelled(value);
    normalise(copy);
    return referenceBehaviour.validate(operation, copy);
  };
}

/** The reference validator, then one rule of the implementer's own. */
function withExtraRule(rule: (body: Body) => FieldIssue | undefined): Validate {
  return (operation, value) => {
    const issues = referenceBehaviour.validate(operation, value);
    if (issues.length > 0 || operation !== 'StopCisSession' || !isRecord(value)) return issues;
    const extra = rule(value);
    return extra ? [extra] : [];
  };
}

/** A parse stage that takes what the reference parsed one step further. */
function parsedThen(then: (value: unknown) => unknown): Parse {
  return (body) => {
    const parsed = referenceBehaviour.parse(body);
    return parsed.ok ? { ok: true, value: then(parsed.value) } : parsed;
  };
}

const codePoints = (text: string): number => Array.from(text).length;
const SESSION_MEMBERS = ['scanJobId', 'sessionToken'];
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The free-text members of a stop's message: where a filter for "dangerous" characters looks. */
function freeTexts(body: Body): Array<[string, string]> {
  const message = isRecord(body.message) ? body.message : {};
  const platform = isRecord(message.computePlatform) ? message.computePlatform : {};
  const out: Array<[string, unknown]> = [
    ['/message/reason', message.reason],
    ['/message/benchmarkVersion', message.benchmarkVersion],
    ['/message/benchmarkProfile', message.benchmarkProfile],
    ['/message/computePlatform/vendor', platform.vendor],
    ['/message/computePlatform/product', platform.product],
    ['/message/computePlatform/version', platform.version],
  ];
  return out.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/** The deepest nesting of `text`'s arrays and objects, strings skipped; one pass, no recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function fault(name: string, violates: RequirementId, description: string, options: Variant['options']): Variant {
  return { name, kind: 'faulty', violates, description, options };
}

function conforming(name: string, description: string, options: Variant['options']): Variant {
  return { name, kind: 'conforming', description, options };
}

export const inputVariants: Variant[] = [
  // Real text (validStopRequest): a valid free-text member holds a quote, a backslash, < or %.
  fault(
    'free-text-sanitised',
    'M1',
    'Free-text members go through the team\'s WAF-style input filter (an OWASP CRS habit): a value holding \' " < > % ; or \\ is refused with 400, so a valid reason such as "it\'s 50% done; see <log>" is refused.',
    {
      behaviour: {
        validate: withExtraRule((body) => {
          const flagged = freeTexts(body).find(([, text]) => /['"<>%;\\]/.test(text));
          return flagged ? { name: flagged[0], message: 'contains a character that is not allowed' } : undefined;
        }),
      },
    },
  ),

  // Valid corner UUIDs (validStopRequest).
  fault(
    'uuid-nil-refused',
    'M1',
    'scanJobId and sessionToken are checked against Guid.Empty ("an all-zero id was never set", copied from the entity layer), so the nil UUID, which the model\'s pattern allows, is refused with 400.',
    {
      behaviour: {
        validate: withExtraRule((body) => {
          const nil = SESSION_MEMBERS.find((name) => body[name] === NIL_UUID);
          return nil ? { name: `/${nil}`, message: 'must not be the empty id' } : undefined;
        }),
      },
    },
  ),

  // UUID breaks that keep 36 characters (invalidStopRequest, family pattern).
  fault(
    'uuid-unicode-digit-class',
    'M3',
    'The UUID regex was written ^[\\da-f]{8}-…$ and runs where \\d is any Unicode decimal digit (.NET\'s default, Python 3\'s re): Arabic-Indic ٠, Devanagari ० and fullwidth ０ digits pass.',
    { behaviour: { validate: uuidPattern((pattern) => pattern.replace(/\[a-f0-9\]/g, '[\\p{Nd}a-f]')) } },
  ),
  fault(
    'uuid-nfkc-folded',
    'M3',
    'Identifiers are NFKC-normalised before validation (the PRECIS habit for user names, applied to every identifier): fullwidth ａ, ０ and － fold to a, 0 and - and pass.',
    {
      behaviour: {
        validate: normalisedFirst((body) => {
          for (const name of SESSION_MEMBERS) if (typeof body[name] === 'string') body[name] = (body[name] as string).normalize('NFKC');
        }),
      },
    },
  ),
  fault(
    'uuid-dash-positions-unchecked',
    'M3',
    'A hand-rolled UUID check: 36 characters, four dashes, nothing but 0-9, a-f and -. It never looks where the dashes are, so a UUID with a dash moved passes.',
    { behaviour: { validate: uuidPattern(() => '^(?=(?:[^-]*-){4}[^-]*$)[a-f0-9-]{36}$') } },
  ),

  // Member names in another letter case (invalidStopRequest, family member-name; unknownMembersRequest, case-variant).
  fault(
    'member-names-case-insensitive',
    'M3',
    'A compatibility shim for an old agent that sent PascalCase names: a modelled member that is missing is read from a member whose name matches it ignoring letter case and surrounding blanks, so {"ScanJobId": …} without scanJobId passes.',
    {
      behaviour: {
        parse: parsedThen((value) => {
          if (!isRecord(value)) return value;
          const copy = copyModelled(value);
          eachModelledObject(copy, (object, names) => {
            for (const name of names) {
              if (name in object) continue;
              const lookalike = Object.keys(object).find((key) => key.trim().toLowerCase() === name.toLowerCase());
              if (lookalike !== undefined) object[name] = object[lookalike];
            }
          });
          return copy;
        }),
      },
    },
  ),
  fault(
    'case-variant-bound-after-validation',
    'S5',
    'The body is validated as sent, then bound by a case-insensitive binder (Jackson\'s ACCEPT_CASE_INSENSITIVE_PROPERTIES: the last matching key wins) into typed fields that are checked again: an unknown "Status": "BOGUS" after "status" replaces it and a valid request is refused.',
    {
      behaviour: {
        validate: (operation, value) => {
          const issues = referenceBehaviour.validate(operation, value);
          if (issues.length > 0 || operation !== 'StopCisSession' || !isRecord(value)) return issues;
          const bound = copyModelled(value);
          eachModelledObject(bound, (object, names) => {
            // Key by key in body order, each written to the field its name matches: the last one wins.
            const entries = Object.entries(object);
            for (const [key] of entries) delete object[key];
            for (const [key, member] of entries) object[names.find((n) => n.toLowerCase() === key.toLowerCase()) ?? key] = member;
          });
          return referenceBehaviour.validate(operation, bound);
        },
      },
    },
  ),

  // Lengths that change under normalisation (invalidStopRequest length one-over-nfc-fits; validStopRequest at the maximum).
  fault(
    'lengths-counted-after-nfc',
    'M3',
    'Strings are NFC-normalised before their length is checked (the service stores them normalised): a decomposed e + U+0301 counts as one, so a value one code point over its maximum passes.',
    { behaviour: { validate: lengthsCounted('maxNfcLength', (text) => codePoints(text.normalize('NFC'))) } },
  ),
  fault(
    'lengths-counted-after-nfd',
    'M4',
    'Strings are NFD-normalised before their length is checked (a normaliser in the ingestion path written for macOS file names): a precomposed é counts as two, so a valid value of exactly the maximum is refused.',
    { behaviour: { validate: lengthsCounted('maxNfdLength', (text) => codePoints(text.normalize('NFD'))) } },
  ),

  // Raw control characters (invalidStopRequest not-json raw-control-char).
  fault(
    'json-raw-control-chars-accepted',
    'M3',
    'The body is read by a lenient JSON reader (Python\'s json.loads(strict=False), Jackson\'s ALLOW_UNESCAPED_CONTROL_CHARS): a raw tab, newline or NUL inside a string passes.',
    {
      behaviour: {
        parse: (body): Parsed => {
          const tokens = tokenize(body.toString('utf8')).map((t) =>
            t.kind === 'string' ? { ...t, text: t.text.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) } : t,
          );
          return referenceBehaviour.parse(Buffer.from(join(tokens), 'utf8'));
        },
      },
    },
  ),

  // Deep nesting (invalidStopRequest not-object deep-nesting; parserStressRequest deep-array, deep-object).
  fault(
    'recursive-parser-overflows',
    'M5',
    'A hand-written recursive-descent JSON reader takes one stack frame per nesting level and has no depth limit: past a few thousand levels its stack overflows and the RangeError escapes as a 500.',
    {
      behaviour: {
        parse: (body) => {
          if (nestingDepth(body.toString('utf8')) > 5_000) throw new RangeError('Maximum call stack size exceeded');
          return referenceBehaviour.parse(body);
        },
      },
    },
  ),

  // Huge numbers (invalidStopRequest range past-double-range; parserStressRequest many-digits, past-double-range).
  fault(
    'number-overflow-crashes',
    'M5',
    'Numbers are read by a strict double parser that throws an unchecked overflow error on a value past the double range (1e999, a 400-digit integer) instead of a parse error, and the handler lets it out as a 500.',
    {
      behaviour: {
        parse: (body) => {
          for (const token of tokenize(body.toString('utf8'))) {
            if (token.kind === 'number' && /\d/.test(token.text) && !Number.isFinite(Number(token.text)) && !Number.isNaN(Number(token.text))) {
              throw new RangeError(`number out of range: ${token.text.slice(0, 20)}`);
            }
          }
          return referenceBehaviour.parse(body);
        },
      },
    },
  ),

  // Invalid UTF-8 (toleratedStopRequest T13): a crash is M5 whatever T13 allows.
  fault(
    'invalid-utf8-crashes',
    'M5',
    'The body is decoded strictly (Python\'s body.decode("utf-8"), Java\'s CharsetDecoder with REPORT) before the JSON reader\'s error handling, so bytes that are not UTF-8 raise an exception that escapes as a 500.',
    {
      behaviour: {
        parse: (body) => {
          strictUtf8.decode(body); // throws a TypeError on bytes that are not UTF-8: nothing catches it
          return referenceBehaviour.parse(body);
        },
      },
    },
  ),

  conforming(
    'bom-skipped',
    'T12: a UTF-8 byte order mark before the body is skipped, as RFC 8259 §8.1 allows and .NET\'s and Jackson\'s readers do, so a valid body after a BOM is answered 200 (the reference answers it 400).',
    { behaviour: { parse: (body) => referenceBehaviour.parse(body.subarray(0, 3).equals(BOM) ? body.subarray(3) : body) } },
  ),
  conforming(
    'invalid-utf8-refused',
    'T13: the body must be UTF-8 (a strict decoder, as Rust\'s serde_json and Go\'s utf8.Valid checks have it): bytes that are not UTF-8 are refused with 400 CANNOT_PARSE (the reference decodes them to U+FFFD and answers 200).',
    {
      behaviour: {
        parse: (body): Parsed => {
          try {
            strictUtf8.decode(body);
          } catch {
            return { ok: false, message: 'the body is not valid UTF-8' };
          }
          return referenceBehaviour.parse(body);
        },
      },
    },
  ),
];
