// A census of what the generators draw: per generator, how often each family and variant, each
// character class of its free-text strings and each byte-level or boundary form comes up. Issue 12
// found the valid strings 85% unassigned astral code points with one quote in 233,000 characters;
// `npm run census` prints these figures and tests/generation/census.test.ts holds them to minimum
// shares, so a later change cannot quietly narrow the distribution again. Issue 19 found every
// valid body written as JSON.stringify writes it: the census reads each valid text for its written
// forms, per member (its name or value escaped, out of model order, whitespace beside it), and
// where each not-json defect sits.
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import type { AnyCase, NotJsonPlace, TextForm, ViolationFamily } from './types';
import { checkConstraintKeys } from './internal/constraints';
import { VIOLATION_FAMILIES } from './internal/families';
import { codePointLength } from './internal/json';
import { UTF8_BOM } from './internal/bytes/utf8';
import { membersOf, stopRequestRoot, type Member } from './internal/schemaWalk';
import { TEXT_CLASSES, classesOf, type TextClass } from './internal/text/classify';
import { NIL_UUID, isCornerUuid } from './internal/uuid';
import { invalidStopRequest } from './invalidStopRequest';
import { parserStressRequest } from './parserStressRequest';
import { toleratedStopRequest } from './toleratedStopRequest';
import { unknownMembersRequest } from './unknownMembersRequest';
import { validStopRequest } from './validStopRequest';

/** The generators the census samples, by the name it prints. */
export const CENSUS_GENERATORS: ReadonlyArray<[string, () => fc.Arbitrary<AnyCase>]> = [
  ['valid (optional any)', () => validStopRequest()],
  ['valid (optional all)', () => validStopRequest({ optional: 'all' })],
  ...VIOLATION_FAMILIES.map((family: ViolationFamily): [string, () => fc.Arbitrary<AnyCase>] => [`invalid ${family}`, () => invalidStopRequest({ families: [family] })]),
  ['unknown members', () => unknownMembersRequest()],
  ['tolerated', () => toleratedStopRequest()],
  ['parser stress', () => parserStressRequest()],
];

/** Byte-level and boundary forms, counted per case. */
export const CENSUS_FORMS = [
  'empty-string',
  'at-max',
  'at-max-astral',
  'at-max-nfd-longer',
  'over-max-nfc-fits',
  'corner-uuid',
  'nil-uuid',
  'raw-control-in-string',
  'bom',
  'invalid-utf8',
  'deep-nesting',
  'huge-number',
  'final-newline',
  'final-crlf',
  'tab-between-tokens',
  'escaped-name',
  'surrogate-pair-escape',
  'escaped-solidus',
  'out-of-model-order',
] as const;
export type CensusForm = (typeof CENSUS_FORMS)[number];

export interface CensusOptions {
  /** Cases drawn per generator (default 1,000). */
  cases?: number;
  /** The seed every generator is sampled with (default 1). */
  seed?: number;
  /** Only the generators with these names (default all of CENSUS_GENERATORS). */
  generators?: readonly string[];
}

/** Counts for one generator: raw numbers; formatCensus shows them per 1,000. */
export interface CensusRow {
  generator: string;
  cases: number;
  /** Cases by label: `family/variant` for invalid cases, `T12/bom`, the variant for the others. */
  variants: Record<string, number>;
  /** Non-empty free-text strings looked at. */
  strings: number;
  /** Of those strings, how many hold each class. */
  stringsWith: Record<TextClass, number>;
  /** Cases with at least one free-text string holding each class. */
  casesWith: Record<TextClass, number>;
  /** Cases showing each form. */
  forms: Record<CensusForm, number>;
  /** Valid cases by written form, read from the text ('canonical': JSON.stringify(value) exactly). */
  written: Record<TextForm | 'canonical', number>;
  /** Valid cases, per member pointer: how many hold it, how many write it in a non-canonical form, and in which. */
  members: Record<string, MemberCensus>;
  /** not-json cases by where the defect sits, `variant@place`. */
  places: Record<string, number>;
}

/** How a member can be written other than canonically: its name escaped, its (string) value escaped, out of model order among its siblings, whitespace beside it. */
export const MEMBER_FORMS = ['name-escaped', 'value-escaped', 'out-of-order', 'spaced'] as const;
export type MemberForm = (typeof MEMBER_FORMS)[number];

export interface MemberCensus {
  present: number;
  nonCanonical: number;
  forms: Record<MemberForm, number>;
}

const members = membersOf(stopRequestRoot);
/** Members where free text belongs: strings without a pattern or an enum. */
const freeText = members.filter((m) => m.node.type === 'string' && !m.node.pattern && !m.node.enum);
const uuidMembers = members.filter((m) => m.node.pattern !== undefined);

export function census(options?: CensusOptions): CensusRow[] {
  const given = checkConstraintKeys('census', options, ['cases', 'seed', 'generators']);
  const cases = given.cases === undefined ? 1000 : Number(given.cases);
  const seed = given.seed === undefined ? 1 : Number(given.seed);
  if (!Number.isSafeInteger(cases) || cases < 1) throw new RangeError(`census: cases must be a whole number of 1 or more, got ${String(given.cases)}`);
  const names = (given.generators as string[] | undefined) ?? CENSUS_GENERATORS.map(([name]) => name);
  const unknown = names.filter((n) => !CENSUS_GENERATORS.some(([name]) => name === n));
  if (unknown.length > 0) throw new RangeError(`census: no generator named ${unknown.join(', ')}; known: ${CENSUS_GENERATORS.map(([n]) => n).join(', ')}`);
  return CENSUS_GENERATORS.filter(([name]) => names.includes(name)).map(([name, make]) => rowOf(name, fc.sample(make(), { seed, numRuns: cases })));
}

function rowOf(generator: string, sample: AnyCase[]): CensusRow {
  const row: CensusRow = {
    generator,
    cases: sample.length,
    variants: {},
    strings: 0,
    stringsWith: zeros(TEXT_CLASSES),
    casesWith: zeros(TEXT_CLASSES),
    forms: zeros(CENSUS_FORMS),
    written: zeros(['canonical', 'member-order', 'whitespace', 'escapes'] as const),
    members: {},
    places: {},
  };
  for (const c of sample) {
    const label = labelOf(c);
    if (label) row.variants[label] = (row.variants[label] ?? 0) + 1;
    if (c.kind === 'invalid' && c.label.place) {
      const key = `${c.label.variant ?? ''}@${c.label.place}`;
      row.places[key] = (row.places[key] ?? 0) + 1;
    }
    const read = c.kind === 'valid' ? readWritten(c.text) : undefined;
    if (read) countWritten(row, read);
    const body = bodyOf(c);
    const inCase = new Set<TextClass>();
    for (const text of stringsOf(c, body)) {
      if (text === '') continue;
      row.strings++;
      for (const cls of classesOf(text)) {
        row.stringsWith[cls]++;
        inCase.add(cls);
      }
    }
    for (const cls of inCase) row.casesWith[cls]++;
    for (const form of formsOf(c, body, read)) row.forms[form]++;
  }
  return row;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function labelOf(c: AnyCase): string | undefined {
  switch (c.kind) {
    case 'valid':
      return undefined;
    case 'invalid':
      return `${c.label.family}/${c.label.variant ?? ''}`;
    case 'tolerated':
      return `${c.label.requirement}/${c.label.variant}`;
    default:
      return c.label.variant;
  }
}

/** The parsed body the case's strings are read from (the valid base for byte-level forms), or undefined when it is not JSON. */
function bodyOf(c: AnyCase): unknown {
  if (c.kind === 'valid') return c.value;
  if (c.kind === 'tolerated' || c.kind === 'stress') return c.valid.value;
  try {
    return JSON.parse(c.text) as unknown;
  } catch {
    return undefined;
  }
}

function at(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) node = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** Free-text strings of the body, the broken member's value (an invalid case's), and strings inside unknown members. */
function stringsOf(c: AnyCase, body: unknown): string[] {
  const out = freeText.map((m: Member) => at(body, m.path)).filter((v): v is string => typeof v === 'string');
  if (c.kind === 'invalid' && c.label.pointer !== '' && !freeText.some((m) => m.pointer === c.label.pointer)) {
    const broken = at(body, c.label.pointer.slice(1).split('/'));
    if (typeof broken === 'string') out.push(broken);
  }
  if (c.kind === 'unknown-members') for (const [, value] of c.members) collectStrings(value, out);
  return out;
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) collectStrings(item, out);
}

function formsOf(c: AnyCase, body: unknown, read: Written | undefined): CensusForm[] {
  const forms: CensusForm[] = [...(read?.seen ?? [])];
  for (const m of freeText) {
    const value = at(body, m.path);
    if (typeof value !== 'string' || m.node.maxLength === undefined) continue;
    const max = m.node.maxLength;
    const length = codePointLength(value);
    if (length === 0) forms.push('empty-string');
    if (length === max) {
      forms.push('at-max');
      if (value.length === 2 * max) forms.push('at-max-astral');
      if (codePointLength(value.normalize('NFD')) > max) forms.push('at-max-nfd-longer');
    }
    if (length === max + 1 && codePointLength(value.normalize('NFC')) <= max) forms.push('over-max-nfc-fits');
  }
  const uuids = uuidMembers.map((m) => at(body, m.path)).filter((v): v is string => typeof v === 'string');
  if (uuids.some(isCornerUuid)) forms.push('corner-uuid');
  if (uuids.includes(NIL_UUID)) forms.push('nil-uuid');
  const bytes = 'bytes' in c ? c.bytes : undefined;
  if (bytes && bytes.subarray(0, 3).equals(UTF8_BOM)) forms.push('bom');
  if (bytes && !isUtf8(bytes)) forms.push('invalid-utf8');
  const scan = scanText(bytes ? '' : c.text);
  if (scan.rawControlInString) forms.push('raw-control-in-string');
  if (scan.depth >= 10_000) forms.push('deep-nesting');
  if (scan.hugeNumber) forms.push('huge-number');
  return [...new Set(forms)];
}

/** One pass over a body's text: a raw control inside a string, the deepest nesting, a number of 100+ digits or past the double range. */
function scanText(text: string): { rawControlInString: boolean; depth: number; hugeNumber: boolean } {
  let inString = false;
  let depth = 0;
  let deepest = 0;
  let rawControlInString = false;
  let hugeNumber = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
      else if (code < 0x20) rawControlInString = true;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (code === 0x5d || code === 0x7d) depth--;
    else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end])) end++;
      const token = text.slice(i, end);
      const value = Number(token);
      if (/^-?[0-9]/.test(token) && !Number.isNaN(value) && (token.replace(/[^0-9]/g, '').length >= 100 || !Number.isFinite(value) || (value === 0 && /[1-9]/.test(token.split(/[eE]/)[0])))) hugeNumber = true;
      i = end - 1;
    }
  }
  return { rawControlInString, depth: deepest, hugeNumber };
}

/** The written forms of a valid text, read from the text: the case's, and each member's. */
function countWritten(row: CensusRow, read: Written): void {
  if (read.forms.size === 0) row.written.canonical++;
  for (const form of read.forms) row.written[form]++;
  for (const [pointer, forms] of read.members) {
    const entry = (row.members[pointer] ??= { present: 0, nonCanonical: 0, forms: zeros(MEMBER_FORMS) });
    entry.present++;
    if (forms.size > 0) entry.nonCanonical++;
    for (const form of forms) entry.forms[form]++;
  }
}

const MODEL_ORDER = new Map<string, string[]>();
for (const m of members) MODEL_ORDER.set(m.path.slice(0, -1).join('/'), [...(MODEL_ORDER.get(m.path.slice(0, -1).join('/')) ?? []), m.name]);

interface Frame {
  object: boolean;
  path: string[];
  /** The member whose name or value was read last: whitespace up to the next comma is beside it. */
  member?: string;
  /** Whitespace seen since the last comma or brace: beside the next member's name. */
  spacedBefore: boolean;
  expectName: boolean;
}

/**
 * One pass over a JSON text: which forms it is written in, and for each member (by pointer) which
 * member forms. A member's whitespace is a blank before its name or between its name and the end of
 * its value (blanks inside an object value count for the object's own members).
 */
interface Written {
  forms: Set<TextForm>;
  members: Map<string, Set<MemberForm>>;
  /** Case-level forms seen on the way. */
  seen: Set<CensusForm>;
}

/** A \uXXXX escape of a high surrogate right before one of a low surrogate; `\/`. Preceded by an even run of backslashes (none included). */
const PAIR_ESCAPE = /(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}/;
const SOLIDUS_ESCAPE = /(?<!\\)(?:\\\\)*\\\//;

function readWritten(text: string): Written {
  const forms = new Set<TextForm>();
  const seen = new Set<CensusForm>();
  const found = new Map<string, Set<MemberForm>>();
  const mark = (path: readonly string[], form: MemberForm): void => {
    const pointer = `/${path.join('/')}`;
    const set = found.get(pointer) ?? new Set<MemberForm>();
    set.add(form);
    found.set(pointer, set);
  };
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      forms.add('whitespace');
      if (c === '\t') seen.add('tab-between-tokens');
      if (top?.object && top.member !== undefined && !top.expectName) mark([...top.path, top.member], 'spaced');
      else if (top) top.spacedBefore = true;
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      const token = text.slice(i, end);
      const value = JSON.parse(token) as string;
      const escaped = JSON.stringify(value) !== token;
      if (escaped) {
        forms.add('escapes');
        if (PAIR_ESCAPE.test(token)) seen.add('surrogate-pair-escape');
        if (SOLIDUS_ESCAPE.test(token)) seen.add('escaped-solidus');
      }
      if (top?.object && top.expectName) {
        if (escaped) seen.add('escaped-name');
        top.member = value;
        top.expectName = false;
        found.set(`/${[...top.path, value].join('/')}`, found.get(`/${[...top.path, value].join('/')}`) ?? new Set());
        if (escaped) mark([...top.path, value], 'name-escaped');
        if (top.spacedBefore) mark([...top.path, value], 'spaced');
      } else if (top?.object && top.member !== undefined && escaped) mark([...top.path, top.member], 'value-escaped');
      i = end;
    } else {
      if (c === '{' || c === '[') stack.push({ object: c === '{', path: top?.object && top.member !== undefined ? [...top.path, top.member] : (top?.path ?? []), spacedBefore: false, expectName: c === '{' });
      else if (c === '}' || c === ']') stack.pop();
      else if (c === ',' && top) {
        top.expectName = top.object;
        top.member = top.object ? undefined : top.member;
        top.spacedBefore = false;
      }
      i++;
    }
  }
  // Out of model order: a member's place among its modelled siblings is not its place in the model.
  const visit = (value: unknown, path: string[]): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const keys = Object.keys(value);
    const model = MODEL_ORDER.get(path.join('/'));
    if (model) {
      const known = keys.filter((k) => model.includes(k));
      const sorted = [...known].sort((a, b) => model.indexOf(a) - model.indexOf(b));
      known.forEach((k, at) => {
        if (sorted[at] !== k) {
          forms.add('member-order');
          seen.add('out-of-model-order');
          mark([...path, k], 'out-of-order');
        }
      });
    }
    for (const key of keys) visit((value as Record<string, unknown>)[key], [...path, key]);
  };
  visit(JSON.parse(text), []);
  if (/\r\n$/.test(text)) seen.add('final-crlf');
  else if (/\n$/.test(text)) seen.add('final-newline');
  return { forms, members: found, seen };
}

/** Index just past the string token that starts at `start`. */
function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

const perMille = (count: number, of: number): string => (of === 0 ? '-' : String(Math.round((1000 * count) / of)));

/** The census as text: one block per generator, every figure per 1,000 (cases, or strings where it says so). */
export function formatCensus(rows: readonly CensusRow[]): string {
  const lines: string[] = [];
  for (const row of rows) {
    lines.push(`${row.generator} — ${row.cases} cases, ${row.strings} non-empty free-text strings`);
    const variants = Object.entries(row.variants).sort(([a], [b]) => a.localeCompare(b));
    if (variants.length > 0) lines.push(`  variants per 1,000 cases: ${variants.map(([v, n]) => `${v} ${perMille(n, row.cases)}`).join(', ')}`);
    lines.push(`  classes per 1,000 strings (per 1,000 cases): ${TEXT_CLASSES.map((cls) => `${cls} ${perMille(row.stringsWith[cls], row.strings)} (${perMille(row.casesWith[cls], row.cases)})`).join(', ')}`);
    const forms = CENSUS_FORMS.filter((f) => row.forms[f] > 0);
    lines.push(`  forms per 1,000 cases: ${forms.length ? forms.map((f) => `${f} ${perMille(row.forms[f], row.cases)}`).join(', ') : 'none'}`);
    const valid = Object.values(row.written).some((n) => n > 0);
    if (valid) {
      lines.push(`  written forms per 1,000 cases: ${Object.entries(row.written).map(([f, n]) => `${f} ${perMille(n, row.cases)}`).join(', ')}`);
      lines.push('  members in a non-canonical form, per 1,000 cases holding them (of which name-escaped, value-escaped, out-of-order, spaced):');
      for (const m of members) {
        const entry = row.members[m.pointer];
        if (!entry) continue;
        lines.push(`    ${m.pointer} ${perMille(entry.nonCanonical, entry.present)} (${MEMBER_FORMS.map((f) => perMille(entry.forms[f], entry.present)).join(', ')}) of ${entry.present}`);
      }
    }
    const places = Object.entries(row.places).sort(([a], [b]) => a.localeCompare(b));
    if (places.length > 0) lines.push(`  where the defect sits, per 1,000 cases: ${places.map(([p, n]) => `${p} ${perMille(n, row.cases)}`).join(', ')}`);
  }
  return lines.join('\n');
}
