// Faulty variants for M1–M4: the request schema and the success answer. Each replaces one stage
// of the reference (parse, validate, readBody or respond) with the mistake a real implementer
// ships: a validator built from a copy of the schema with one thing changed (the copy is made from
// schemas/stop-cis-session-request.schema.json, never written by hand), a value normalised before
// validation, a parser more lenient than JSON, or a different success answer.
import type http from 'node:http';
import type { ValidateFunction } from 'ajv';
import { createAjv, stopRequestSchema } from '../../schema';
import { issuesOf, referenceBehaviour, type Answer, type Behaviour, type FieldIssue, type Operation } from '../server';
import type { RequirementId } from '../../checks/requirements';
import { firstValue, mapNumbers, withDoubleQuotes, withoutComments, withoutTrailingCommas } from './jsonText';
import type { Variant } from './types';

// ——— deriving a validator from the schema ———

type SchemaObject = { [key: string]: unknown };
type Validate = Behaviour['validate'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema node at `path` (`['$defs', 'UUID']`); throws when the schema no longer has it, so a renamed member fails loudly. */
function nodeAt(schema: SchemaObject, ...path: string[]): SchemaObject {
  let node: unknown = schema;
  for (const key of path) {
    node = isRecord(node) ? node[key] : undefined;
    if (!isRecord(node)) throw new Error(`the request schema has no node at ${path.join('/')}`);
  }
  return node as SchemaObject;
}

/** Every node of the schema, depth first. */
function everyNode(schema: unknown, visit: (node: SchemaObject) => void): void {
  if (Array.isArray(schema)) for (const item of schema) everyNode(item, visit);
  else if (isRecord(schema)) {
    visit(schema);
    for (const child of Object.values(schema)) everyNode(child, visit);
  }
}

/** A string keyword that replaces maxLength with another way to count: how a validator's unit is swapped. */
interface LengthUnit {
  keyword: string;
  count(text: string): number;
}

/**
 * A validate stage over a copy of the request schema with one change. The copy is compiled on
 * first use with the suite's own ajv settings; StartCisSession keeps the reference validator.
 */
function derivedValidator(change: (schema: SchemaObject) => void, unit?: LengthUnit): Validate {
  let compiled: ValidateFunction | undefined;
  return (operation: Operation, value: unknown): FieldIssue[] => {
    if (operation !== 'StopCisSession') return referenceBehaviour.validate(operation, value);
    if (!compiled) {
      const schema = structuredClone(stopRequestSchema) as SchemaObject;
      delete schema.$id; // the copy must not claim the original's id
      change(schema);
      const ajv = createAjv();
      if (unit) {
        ajv.addKeyword({ keyword: unit.keyword, type: 'string', schemaType: 'number', validate: (max: number, text: string) => unit.count(text) <= max });
      }
      compiled = ajv.compile(schema);
    }
    return compiled(value) ? [] : issuesOf(compiled.errors ?? []);
  };
}

/** Sets a member's maxLength (`path` names its schema node). */
const maxLengthOf = (max: number, ...path: string[]): Validate => derivedValidator((schema) => void (nodeAt(schema, ...path).maxLength = max));

/** Every maxLength counted in another unit. */
function countedIn(unit: LengthUnit): Validate {
  return derivedValidator((schema) => {
    everyNode(schema, (node) => {
      if (typeof node.maxLength !== 'number') return;
      node[unit.keyword] = node.maxLength;
      delete node.maxLength;
    });
  }, unit);
}

/** A validate stage that first rewrites the body (on a copy), as a handler that normalises input does. */
function normalisedFirst(normalise: (body: Record<string, unknown>) => void): Validate {
  return (operation, value) => {
    if (operation !== 'StopCisSession' || !isRecord(value)) return referenceBehaviour.validate(operation, value);
    const copy = structuredClone(value);
    normalise(copy);
    return referenceBehaviour.validate(operation, copy);
  };
}

/** The reference validator, then one more rule of the implementer's own. */
function withExtraRule(rule: (body: Record<string, unknown>) => FieldIssue | undefined): Validate {
  return (operation, value) => {
    const issues = referenceBehaviour.validate(operation, value);
    if (issues.length > 0 || operation !== 'StopCisSession' || !isRecord(value)) return issues;
    const extra = rule(value);
    return extra ? [extra] : [];
  };
}

const messageOf = (body: Record<string, unknown>): Record<string, unknown> | undefined => (isRecord(body.message) ? body.message : undefined);

/** A parse stage that rewrites the text before JSON.parse. */
function parsedAfter(rewrite: (text: string) => string | undefined): Behaviour['parse'] {
  return (body) => {
    const text = rewrite(body.toString('utf8'));
    return text === undefined ? { ok: false, message: 'Unexpected end of JSON input' } : referenceBehaviour.parse(Buffer.from(text, 'utf8'));
  };
}

/** A parse stage that takes what JSON.parse returns one step further. */
function parsedThen(then: (value: unknown) => unknown): Behaviour['parse'] {
  return (body) => {
    const parsed = referenceBehaviour.parse(body);
    return parsed.ok ? { ok: true, value: then(parsed.value) } : parsed;
  };
}

/** A respond stage that answers a success differently and errors as the reference does. */
function successAnsweredWith(status: number, body: string, headers: Record<string, string> = {}): Behaviour['respond'] {
  return (res: http.ServerResponse, answer: Answer) => {
    if ('type' in answer) return referenceBehaviour.respond(res, answer);
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}

const COUNTS = ['totalChecks', 'successfulChecks', 'failedChecks', 'notEvaluatedChecks', 'unknownChecks', 'notApplicableChecks', 'informationalChecks', 'errorChecks'];

/** Applies `convert` to each CheckCount present in the body. */
function eachCount(body: Record<string, unknown>, convert: (value: unknown) => unknown): void {
  const progress = messageOf(body)?.progress;
  if (!isRecord(progress)) return;
  for (const name of COUNTS) if (name in progress) progress[name] = convert(progress[name]);
}

/** Every string in the body, at any depth. */
function someString(value: unknown, test: (text: string) => boolean): boolean {
  if (typeof value === 'string') return test(value);
  if (Array.isArray(value)) return value.some((item) => someString(item, test));
  return isRecord(value) && Object.values(value).some((item) => someString(item, test));
}

const UINT64 = 2n ** 64n;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function fault(name: string, violates: RequirementId, description: string, options: Variant['options']): Variant {
  return { name, kind: 'faulty', violates, description, options };
}

// ——— the catalogue ———

export const schemaVariants: Variant[] = [
  // M3: the UUID pattern
  fault(
    'uuid-pattern-unanchored',
    'M3',
    'The UUID pattern was pasted from the model without its ^ and $, so the regex finds a UUID anywhere in the value: "{<uuid>}", "urn:uuid:<uuid>" and padded values pass.',
    { behaviour: { validate: derivedValidator((s) => void (nodeAt(s, '$defs', 'UUID').pattern = String(nodeAt(s, '$defs', 'UUID').pattern).replace(/^\^|\$$/g, ''))) } },
  ),
  fault(
    'uuid-pattern-case-insensitive',
    'M3',
    'The UUID character class was written [0-9a-fA-F] "to be liberal in what we accept": upper-case UUIDs (.NET, some Java platforms) pass.',
    { behaviour: { validate: derivedValidator((s) => void (nodeAt(s, '$defs', 'UUID').pattern = String(nodeAt(s, '$defs', 'UUID').pattern).replace(/a-f0-9/g, 'a-fA-F0-9'))) } },
  ),
  fault(
    'uuid-pattern-python-dollar',
    'M3',
    'Ported from a Python service that used re.match(r"^…$"): Python\'s $ also matches before a final newline, so "<uuid>\\n" passes.',
    { behaviour: { validate: derivedValidator((s) => void (nodeAt(s, '$defs', 'UUID').pattern = String(nodeAt(s, '$defs', 'UUID').pattern).replace(/\$$/, '\\n?$'))) } },
  ),
  fault(
    'uuid-trimmed-before-check',
    'M3',
    'The handler trims scanJobId and sessionToken before validating them (a form-handling habit), so " <uuid>" and "<uuid>\\t" pass.',
    {
      behaviour: {
        validate: normalisedFirst((body) => {
          for (const key of ['scanJobId', 'sessionToken']) if (typeof body[key] === 'string') body[key] = (body[key] as string).trim();
        }),
      },
    },
  ),
  fault(
    'uuid-parsed-as-guid',
    'M3',
    'Identifiers are validated by parsing them as a GUID (.NET Guid.TryParse) and re-formatting: braces, parentheses, 32 bare digits, upper case and surrounding blanks all pass.',
    {
      behaviour: {
        validate: normalisedFirst((body) => {
          for (const key of ['scanJobId', 'sessionToken']) {
            const raw = body[key];
            if (typeof raw !== 'string') continue;
            let text = raw.trim();
            if (/^\{.*\}$|^\(.*\)$/s.test(text)) text = text.slice(1, -1);
            if (/^[0-9a-f]{32}$/i.test(text)) text = text.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
            body[key] = text.toLowerCase();
          }
        }),
      },
    },
  ),

  // M3: the status enum
  fault(
    'status-case-folded',
    'M3',
    'status is upper-cased before the enum check ("the agent might send lower case"), so "success" and "Failed" pass.',
    {
      behaviour: {
        validate: normalisedFirst((body) => {
          const message = messageOf(body);
          if (message && typeof message.status === 'string') message.status = message.status.toUpperCase();
        }),
      },
    },
  ),
  fault(
    'status-enum-merged-with-scan-status',
    'M3',
    'status is checked against one shared list of CIS status words (the CisScanStatus values COMPLETED, CANCELLED, IN_PROGRESS added), so a status from the wrong enum passes.',
    {
      behaviour: {
        validate: derivedValidator((s) => {
          const node = nodeAt(s, '$defs', 'StopCisSessionStatus');
          node.enum = [...(node.enum as string[]), 'COMPLETED', 'CANCELLED', 'IN_PROGRESS'];
        }),
      },
    },
  ),

  // M3: lengths one over their maximum pass
  fault('reason-max-1025', 'M3', 'reason is checked with `length > 1025` (an off-by-one in the bound), so 1025 code points pass.', {
    behaviour: { validate: maxLengthOf(1025, '$defs', 'StopCisSessionMessage', 'properties', 'reason') },
  }),
  fault('benchmark-version-max-9', 'M3', 'benchmarkVersion is limited to 9 (an off-by-one: `<= max + 1`), so 9 code points pass.', {
    behaviour: { validate: maxLengthOf(9, '$defs', 'StopCisSessionMessage', 'properties', 'benchmarkVersion') },
  }),
  fault('vendor-max-17', 'M3', 'computePlatform.vendor is limited to 17 (an off-by-one), so 17 code points pass.', {
    behaviour: { validate: maxLengthOf(17, '$defs', 'ComputePlatform', 'properties', 'vendor') },
  }),
  fault('platform-version-max-9', 'M3', 'computePlatform.version is limited to 9 (an off-by-one), so 9 code points pass.', {
    behaviour: { validate: maxLengthOf(9, '$defs', 'ComputePlatform', 'properties', 'version') },
  }),
  fault(
    'length-in-graphemes',
    'M3',
    'Lengths are counted in grapheme clusters (Swift\'s String.count, Intl.Segmenter): a string of more code points than the maximum passes when combining marks or joiners fold some together.',
    { behaviour: { validate: countedIn({ keyword: 'maxGraphemes', count: (text) => [...graphemes.segment(text)].length }) } },
  ),
  fault(
    'reason-trimmed-before-length-check',
    'M3',
    'reason is trimmed before its length is checked (the service stores it trimmed), so 1025 code points whose last is a blank pass.',
    {
      behaviour: {
        validate: normalisedFirst((body) => {
          const message = messageOf(body);
          if (message && typeof message.reason === 'string') message.reason = message.reason.trim();
        }),
      },
    },
  ),

  // M4: lengths at their maximum refused
  fault('benchmark-profile-max-127', 'M4', 'benchmarkProfile is checked with `length < 128` instead of `<= 128`, so a profile of exactly 128 code points is refused.', {
    behaviour: { validate: maxLengthOf(127, '$defs', 'StopCisSessionMessage', 'properties', 'benchmarkProfile') },
  }),
  fault('product-max-31', 'M4', 'computePlatform.product is checked with `length < 32`, so exactly 32 code points are refused.', {
    behaviour: { validate: maxLengthOf(31, '$defs', 'ComputePlatform', 'properties', 'product') },
  }),
  fault(
    'length-in-utf16-units',
    'M4',
    'Lengths are JavaScript\'s string.length (UTF-16 units), so 8 emoji (16 units) are refused as a benchmarkVersion.',
    { behaviour: { validate: countedIn({ keyword: 'maxUtf16Units', count: (text) => text.length }) } },
  ),
  fault(
    'length-in-utf8-bytes',
    'M4',
    'Lengths are counted in UTF-8 bytes (a VARCHAR(n) column in bytes, Go\'s len()), so 8 CJK characters (24 bytes) are refused as a benchmarkVersion.',
    { behaviour: { validate: countedIn({ keyword: 'maxUtf8Bytes', count: (text) => Buffer.byteLength(text, 'utf8') }) } },
  ),
  fault('empty-strings-rejected', 'M4', 'Every string member was given minLength 1 ("an empty reason means nothing"), so "" is refused although the model allows min 0.', {
    behaviour: {
      validate: derivedValidator((s) =>
        everyNode(s, (node) => {
          if (node.minLength === 0) node.minLength = 1;
        }),
      ),
    },
  }),
  fault(
    'astral-characters-rejected',
    'M4',
    'Strings are stored in a MySQL utf8 (3-byte) column, so any character outside the Basic Multilingual Plane (emoji) is refused with 400.',
    { behaviour: { validate: withExtraRule((body) => (someString(body, (t) => /[\u{10000}-\u{10ffff}]/u.test(t)) ? { name: '/', message: 'unsupported character' } : undefined)) } },
  ),
  fault(
    'nul-in-strings-rejected',
    'M4',
    'Strings are stored in a PostgreSQL text column, which cannot hold U+0000, so a reason with a NUL character is refused.',
    { behaviour: { validate: withExtraRule((body) => (someString(body, (t) => t.includes('\u0000')) ? { name: '/', message: 'NUL character' } : undefined)) } },
  ),
  fault(
    'body-limit-4-kib',
    'M4',
    'The body limit was left at a proxy default of 4 KiB, so a valid request with long astral strings (1024 emoji are 4096 bytes of reason alone) is answered 413.',
    { behaviour: { readBody: (req, _limit) => referenceBehaviour.readBody(req, 4096) } },
  ),

  // CheckCount
  fault('check-count-max-65537', 'M3', 'CheckCount\'s maximum was written 65537 (one past 65536), so 65537 passes.', {
    behaviour: { validate: derivedValidator((s) => void (nodeAt(s, '$defs', 'CheckCount').maximum = 65537)) },
  }),
  fault('check-count-min-minus-one', 'M3', 'CheckCount\'s minimum is -1 ("-1 means not counted", as the agent\'s own code uses), so -1 passes.', {
    behaviour: { validate: derivedValidator((s) => void (nodeAt(s, '$defs', 'CheckCount').minimum = -1)) },
  }),
  fault('check-count-max-65535', 'M4', 'CheckCount was stored as a uint16, with maximum 65535, so 65536 (the model\'s own maximum) is refused.', {
    behaviour: { validate: derivedValidator((s) => void (nodeAt(s, '$defs', 'CheckCount').maximum = 65535)) },
  }),
  fault('check-count-any-number', 'M3', 'CheckCount is checked with typeof === "number" (type number, not integer), so 1.5 passes.', {
    behaviour: { validate: derivedValidator((s) => void (nodeAt(s, '$defs', 'CheckCount').type = 'number')) },
  }),
  fault('check-count-parse-int', 'M3', 'Each CheckCount goes through parseInt() before validation, so "5", 1.5 (read as 1) and [7] pass.', {
    behaviour: { validate: normalisedFirst((body) => eachCount(body, (value) => parseInt(String(value), 10))) },
  }),
  fault(
    'count-wraps-at-64-bits',
    'M3',
    'The JSON reader decodes integers into a uint64 and wraps silently past 2^64-1, so 18446744073709551617 arrives as 1 and passes.',
    { behaviour: { parse: parsedAfter((text) => mapNumbers(text, (token) => (/^\d+$/.test(token) && BigInt(token) >= UINT64 ? String(BigInt(token) % UINT64) : token))) } },
  ),

  // M3: required members and structure
  fault('progress-optional', 'M3', 'message.progress was modelled as optional (its own members are all optional, so the whole struct looked optional): a message without progress passes.', {
    behaviour: {
      validate: derivedValidator((s) => {
        const message = nodeAt(s, '$defs', 'StopCisSessionMessage');
        message.required = (message.required as string[]).filter((name) => name !== 'progress');
      }),
    },
  }),
  fault('session-token-optional', 'M3', 'sessionToken is treated as optional (the handler only checks it when present), so a stop without one passes.', {
    behaviour: { validate: derivedValidator((s) => void (s.required = (s.required as string[]).filter((name) => name !== 'sessionToken'))) },
  }),
  fault('null-session-token-accepted', 'M3', 'sessionToken is declared nullable ("null means the agent has none"), so "sessionToken": null passes although null is the same as missing.', {
    behaviour: {
      validate: derivedValidator((s) => {
        const properties = nodeAt(s, 'properties');
        properties.sessionToken = { anyOf: [properties.sessionToken, { type: 'null' }] };
      }),
    },
  }),
  fault('top-level-only-validation', 'M3', 'Only the top-level members are validated; message is checked to be an object and handed on unvalidated, so anything inside it passes.', {
    behaviour: {
      validate: derivedValidator((s) => {
        const message = nodeAt(s, '$defs', 'StopCisSessionMessage');
        for (const key of Object.keys(message)) if (key !== 'type') delete message[key];
      }),
    },
  }),
  fault('message-double-decoded', 'M3', 'A message sent as a JSON-encoded string is decoded once more (an old agent did that), so "message": "{\\"status\\":…}" passes.', {
    behaviour: {
      validate: normalisedFirst((body) => {
        if (typeof body.message !== 'string') return;
        try {
          body.message = JSON.parse(body.message) as unknown;
        } catch {
          // not JSON: left as it was, and refused as a string
        }
      }),
    },
  }),

  // M3: the body's JSON
  fault('json-trailing-commas', 'M3', 'The body is read by a forgiving reader that drops a comma before } or ] (as JSON5 does), so {"a":1,} passes.', {
    behaviour: { parse: parsedAfter(withoutTrailingCommas) },
  }),
  fault('json-comments', 'M3', 'The body is read as JSONC (comments stripped, as for configuration files), so // and /* */ comments pass.', {
    behaviour: { parse: parsedAfter(withoutComments) },
  }),
  fault('json-single-quotes', 'M3', 'The body reader accepts single-quoted strings (a JSON5-style reader), so {\'scanJobId\': \'…\'} passes.', {
    behaviour: { parse: parsedAfter(withDoubleQuotes) },
  }),
  fault('json-first-value-only', 'M3', 'The body is read with a streaming decoder that stops after the first value (Go\'s json.Decoder.Decode without checking for more), so trailing garbage and a second object pass.', {
    behaviour: { parse: parsedAfter(firstValue) },
  }),
  fault('array-body-unwrapped', 'M3', 'A body that is an array of one object is unwrapped ("batch of one" support), so [{…}] passes.', {
    behaviour: { parse: parsedThen((value) => (Array.isArray(value) && value.length === 1 ? value[0] : value)) },
  }),
  fault('string-body-reparsed', 'M3', 'A body that parses to a string is parsed again (clients that serialise twice were "helped"), so "{\\"scanJobId\\":…}" passes.', {
    behaviour: {
      parse: parsedThen((value) => {
        if (typeof value !== 'string') return value;
        try {
          return JSON.parse(value) as unknown;
        } catch {
          return value;
        }
      }),
    },
  }),
  fault('invalid-answered-422', 'M3', 'Validation failures are answered 422 Unprocessable Entity (the framework\'s default), not 400.', {
    behaviour: { respond: (res, answer) => referenceBehaviour.respond(res, answer.status === 400 ? { ...answer, status: 422 } : answer) },
  }),

  // M1 and M2: the success answer
  fault('success-answered-201', 'M1', 'A successful stop is answered 201 Created, because the handler records a stop event.', {
    behaviour: { respond: successAnsweredWith(201, '') },
  }),
  fault('success-answered-204', 'M1', 'A successful stop is answered 204 No Content, since there is no body to send.', {
    behaviour: { respond: successAnsweredWith(204, '') },
  }),
  fault('success-body-empty-object', 'M2', 'The success answer is the serialised empty output structure, {} (as Smithy-generated servers send; acceptable only under profile allow-empty-object).', {
    behaviour: { respond: successAnsweredWith(200, '{}', { 'content-type': 'application/json' }) },
  }),
  fault('success-body-ok-true', 'M2', 'The success answer carries {"ok":true}, the house style of the team\'s other endpoints.', {
    behaviour: { respond: successAnsweredWith(200, '{"ok":true}', { 'content-type': 'application/json' }) },
  }),

  // M1 and M4: valid requests refused by a rule the model does not have
  fault(
    'uuid-validated-as-rfc4122',
    'M1',
    'Identifiers are checked with an RFC 4122 validator (the uuid package\'s regex: version nibble 1-8, variant 8-b), so a well-formed lower-case UUID with other nibbles, which the model\'s pattern allows, is refused.',
    {
      behaviour: {
        validate: derivedValidator((s) => void (nodeAt(s, '$defs', 'UUID').pattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')),
      },
    },
  ),
  fault(
    'progress-counts-must-add-up',
    'M1',
    'A business rule the model does not have: when totalChecks is given, the other counts must not add up to more than it, so valid requests with large counts are refused.',
    {
      behaviour: {
        validate: withExtraRule((body) => {
          const progress = messageOf(body)?.progress;
          if (!isRecord(progress) || typeof progress.totalChecks !== 'number') return undefined;
          const sum = COUNTS.slice(1).reduce((total, name) => total + (typeof progress[name] === 'number' ? (progress[name] as number) : 0), 0);
          return sum > progress.totalChecks ? { name: '/message/progress', message: 'counts exceed totalChecks' } : undefined;
        }),
      },
    },
  ),
  fault('unsupported-os-rejected', 'M4', 'status UNSUPPORTED_OS was left out of the enum (the handler was written before it was added to the model), so it is refused.', {
    behaviour: {
      validate: derivedValidator((s) => {
        const node = nodeAt(s, '$defs', 'StopCisSessionStatus');
        node.enum = (node.enum as string[]).filter((value) => value !== 'UNSUPPORTED_OS');
      }),
    },
  }),
  fault('compute-platform-needs-vendor', 'M4', 'computePlatform.vendor was made required ("a platform without a vendor is meaningless"), so a computePlatform with only product or version is refused.', {
    behaviour: { validate: derivedValidator((s) => void (nodeAt(s, '$defs', 'ComputePlatform').required = ['vendor'])) },
  }),
  fault('reason-required-unless-success', 'M4', 'A business rule the model does not have: a FAILED, INTERRUPTED or UNSUPPORTED_OS stop must give a reason, so such a stop without one is refused.', {
    behaviour: {
      validate: withExtraRule((body) => {
        const message = messageOf(body);
        return message && message.status !== 'SUCCESS' && message.reason === undefined ? { name: '/message/reason', message: 'a reason is required' } : undefined;
      }),
    },
  }),
];
