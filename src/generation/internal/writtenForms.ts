// The written forms of a valid body: the same value as texts that differ from JSON.stringify only in
// form, as real serialisers and people write JSON. M1 requires every one to be accepted (RFC 8259:
// members are unordered, whitespace is insignificant between tokens and around the value, and any
// character of a string, a member name included, may be written as a \u escape).
//
// - member order: the members of each object in another order (a Lehmer code per object, all zeros
//   being model order);
// - whitespace: before the first byte and after the last (a final "\n" or "\r\n"), and between
//   tokens: a few places, pretty-printed (an indent, LF or CRLF line ends), or Python's ", " and ": ";
// - escapes: \uXXXX for chosen characters of any string (member names included; an astral one as
//   its surrogate pair, always both halves: a lone surrogate is T3), `\/` for every solidus, or a
//   serialiser's own habit: Python's ensure_ascii, PHP's json_encode, Go's HTML-safe escapes,
//   every character.
//
// Numbers are left as JSON.stringify writes them (`1.0` and `1e2` are T2, tolerated, so never part
// of a valid case), and no key repeats (T6). Each form is a fast-check choice whose smallest value
// is the canonical text, so a failure shrinks to the one textual change that matters.
import fc from 'fast-check';
import type { TextForm, WrittenFormLabel } from '../types';
import type { JsonObject, JsonValue } from './json';
import { membersOf, stopRequestRoot } from './schemaWalk';

export const TEXT_FORMS: readonly TextForm[] = ['member-order', 'whitespace', 'escapes'];

/** Member names of each modelled object in model order, by path joined with '.' ('' for the body). */
const MODEL_ORDER = new Map<string, string[]>([['', []]]);
for (const member of membersOf(stopRequestRoot)) {
  const parent = member.path.slice(0, -1).join('.');
  MODEL_ORDER.set(parent, [...(MODEL_ORDER.get(parent) ?? []), member.name]);
  if (member.node.type === 'object') MODEL_ORDER.set(member.path.join('.'), MODEL_ORDER.get(member.path.join('.')) ?? []);
}
/** The modelled objects, in the order a plan lists their codes. */
const OBJECTS = [...MODEL_ORDER.keys()];

type Inner = { kind: 'none' } | { kind: 'gaps'; gaps: ReadonlyArray<readonly [number, string]> } | { kind: 'pretty'; indent: string; newline: string } | { kind: 'separators' };
type EscapeStyle = 'ensure-ascii' | 'php' | 'go-html-safe' | 'every-character';

/** How one text is written; each part undefined (or empty) is the canonical form. */
export interface FormPlan {
  /** Per object of OBJECTS, a Lehmer code of its model order (undefined: model order). */
  order?: ReadonlyArray<readonly number[] | undefined>;
  space?: { leading: string; trailing: string; inner: Inner };
  escapes?: { kind: 'picks'; picks: ReadonlyArray<readonly [number, number]>; upper: boolean; solidus: boolean } | { kind: 'style'; style: EscapeStyle };
}

/** JSON whitespace runs, the first (what a shrink ends at) the final newline most files end with. */
const BLANK = fc.constantFrom('\n', '\r\n', ' ', '\t', '\r', '\n\n', ' \t\r\n');
const GAP_BLANK = fc.constantFrom(' ', '\n', '\t', '\r\n', '\r', '  ', '\n\t');

/** '' (`weight` to 1), shrinking to it; else a run of blanks. */
const blankOrNone = (weight: number): fc.Arbitrary<string> =>
  fc.oneof({ withCrossShrink: true }, { weight, arbitrary: fc.constant('') }, { weight: 1, arbitrary: BLANK });

const lehmerCode = (n: number): fc.Arbitrary<number[]> => fc.tuple(...Array.from({ length: n }, (_, i) => fc.nat({ max: n - 1 - i })));

const orderPlan: fc.Arbitrary<Array<number[] | undefined>> = fc.tuple(
  ...OBJECTS.map((path) => fc.option(lehmerCode(Math.max(1, MODEL_ORDER.get(path)?.length ?? 1)), { nil: undefined, freq: 2 })),
);

const innerPlan: fc.Arbitrary<Inner> = fc.oneof(
  { withCrossShrink: true },
  { weight: 2, arbitrary: fc.constant<Inner>({ kind: 'none' }) },
  { weight: 2, arbitrary: fc.array(fc.tuple(fc.nat(), GAP_BLANK), { minLength: 1, maxLength: 6 }).map((gaps): Inner => ({ kind: 'gaps', gaps })) },
  { weight: 2, arbitrary: fc.record({ indent: fc.constantFrom('  ', '    ', '\t', ' '), newline: fc.constantFrom('\n', '\r\n') }).map((p): Inner => ({ kind: 'pretty', ...p })) },
  { weight: 1, arbitrary: fc.constant<Inner>({ kind: 'separators' }) },
);

const spacePlan: fc.Arbitrary<NonNullable<FormPlan['space']>> = fc.record({ leading: blankOrNone(3), trailing: blankOrNone(1), inner: innerPlan });

const escapePlan: fc.Arbitrary<NonNullable<FormPlan['escapes']>> = fc.oneof(
  { withCrossShrink: true },
  {
    weight: 3,
    arbitrary: fc
      .record({ picks: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }), upper: fc.boolean(), solidus: fc.boolean() })
      .map(({ picks, upper, solidus }) => ({ kind: 'picks' as const, picks, upper, solidus })),
  },
  { weight: 1, arbitrary: fc.constantFrom<EscapeStyle>('ensure-ascii', 'php', 'go-html-safe', 'every-character').map((style) => ({ kind: 'style' as const, style })) },
);

/** Plans for the given forms: each form used in half the cases, independently, and shrinking to unused (the canonical text). */
export function formPlan(forms: readonly TextForm[]): fc.Arbitrary<FormPlan> {
  const maybe = <T>(form: TextForm, arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
    forms.includes(form) ? fc.option(arb, { nil: undefined, freq: 2 }) : fc.constant(undefined);
  return fc.record({ order: maybe('member-order', orderPlan), space: maybe('whitespace', spacePlan), escapes: maybe('escapes', escapePlan) });
}

/** Where whitespace can go between two tokens, and how deep: what a pretty-printer puts there. */
type Role = 'after-open' | 'before-close' | 'empty' | 'after-comma' | 'before-comma' | 'before-colon' | 'after-colon';
type Token = { kind: 'raw'; text: string } | { kind: 'string'; value: string; owner: string; name: boolean };

interface Written {
  plan: FormPlan;
  tokens: Token[];
  /** gaps[i] is the gap before tokens[i + 1]. */
  gaps: Array<{ role: Role; depth: number }>;
  /** The objects whose members were written out of model order. */
  reordered: string[];
}

const where = (path: readonly string[]): string => (path.length === 0 ? 'the body' : path.join('.'));

function add(out: Written, token: Token, role: Role, depth: number): void {
  if (out.tokens.length > 0) out.gaps.push({ role, depth });
  out.tokens.push(token);
}

/** The tokens of `value` at `path`, `role` naming the gap before its first token. */
function emit(value: JsonValue, path: string[], depth: number, out: Written, role: Role, roleDepth: number): void {
  if (value === null || typeof value !== 'object') {
    add(out, typeof value === 'string' ? { kind: 'string', value, owner: path.join('.'), name: false } : { kind: 'raw', text: JSON.stringify(value) }, role, roleDepth);
    return;
  }
  const array = Array.isArray(value);
  add(out, { kind: 'raw', text: array ? '[' : '{' }, role, roleDepth);
  const entries: Array<[string | undefined, JsonValue]> = array ? value.map((item): [undefined, JsonValue] => [undefined, item]) : orderedEntries(value, path, out);
  if (entries.length === 0) return add(out, { kind: 'raw', text: array ? ']' : '}' }, 'empty', depth);
  entries.forEach(([name, child], index) => {
    const before: Role = index === 0 ? 'after-open' : 'after-comma';
    if (index > 0) add(out, { kind: 'raw', text: ',' }, 'before-comma', depth);
    if (name === undefined) return emit(child, path, depth + 1, out, before, depth);
    const childPath = [...path, name];
    add(out, { kind: 'string', value: name, owner: childPath.join('.'), name: true }, before, depth);
    add(out, { kind: 'raw', text: ':' }, 'before-colon', depth);
    emit(child, childPath, depth + 1, out, 'after-colon', depth);
  });
  add(out, { kind: 'raw', text: array ? ']' : '}' }, 'before-close', depth);
}

/** The object's members in the plan's order for it: its Lehmer code applied to the model order, the members present kept. */
function orderedEntries(value: JsonObject, path: string[], out: Written): Array<[string, JsonValue]> {
  const key = path.join('.');
  const model = MODEL_ORDER.get(key);
  const code = out.plan.order?.[OBJECTS.indexOf(key)];
  const own = Object.keys(value);
  if (!model || !code) return own.map((name) => [name, value[name]]);
  const pool = [...model];
  const permuted: string[] = [];
  for (const digit of code) permuted.push(...pool.splice(Math.min(digit, pool.length - 1), 1));
  permuted.push(...pool);
  const names = [...permuted.filter((name) => name in value), ...own.filter((name) => !model.includes(name))];
  if (names.some((name, i) => name !== own[i])) out.reordered.push(where(path));
  return names.map((name) => [name, value[name]]);
}

function hex4(unit: number, upper: boolean): string {
  const digits = unit.toString(16).padStart(4, '0');
  return `\\u${upper ? digits.toUpperCase() : digits}`;
}

/** One code point as a \u escape (an astral one as its surrogate pair), or `\/` for a solidus when `solidus`. */
function escaped(cp: string, upper: boolean, solidus: boolean): string {
  if (cp === '/' && solidus) return '\\/';
  let out = '';
  for (let i = 0; i < cp.length; i++) out += hex4(cp.charCodeAt(i), upper);
  return out;
}

const STYLE_RULES: Record<EscapeStyle, { test: (cp: string) => boolean; upper: boolean; solidus: boolean; phrase: string }> = {
  'ensure-ascii': { test: (cp) => cp.codePointAt(0)! > 0x7f, upper: false, solidus: false, phrase: "every non-ASCII character as \\u escapes (Python's json.dumps)" },
  php: { test: (cp) => cp === '/' || cp.codePointAt(0)! > 0x7f, upper: false, solidus: true, phrase: "\\/ and every non-ASCII character escaped (PHP's json_encode)" },
  'go-html-safe': { test: (cp) => '<>&\u2028\u2029'.includes(cp), upper: false, solidus: false, phrase: "<, >, &, U+2028 and U+2029 as \\u escapes (Go's encoding/json)" },
  'every-character': { test: () => true, upper: true, solidus: false, phrase: 'every character of every string as a \\u escape' },
};

/** A string token: JSON.stringify's own text unless some code point is to be escaped. */
function writeString(value: string, chosen: (cp: string, index: number) => boolean, upper: boolean, solidus: boolean): string {
  const cps = Array.from(value);
  if (!cps.some((cp, i) => chosen(cp, i))) return JSON.stringify(value);
  return `"${cps.map((cp, i) => (chosen(cp, i) ? escaped(cp, upper, solidus) : JSON.stringify(cp).slice(1, -1))).join('')}"`;
}

function gapText(inner: Inner, role: Role, depth: number): string {
  if (inner.kind === 'pretty') {
    if (role === 'after-open' || role === 'after-comma') return inner.newline + inner.indent.repeat(depth + 1);
    if (role === 'before-close') return inner.newline + inner.indent.repeat(depth);
    return role === 'after-colon' ? ' ' : '';
  }
  if (inner.kind === 'separators') return role === 'after-comma' || role === 'after-colon' ? ' ' : '';
  return '';
}

const shown = (text: string): string => JSON.stringify(text);

/**
 * `value` written as `plan` says, and what makes it differ from JSON.stringify(value) (undefined
 * when nothing does: then the text is JSON.stringify(value) exactly). `value`'s own members must be
 * in model order, as the walker builds them.
 */
export function writeInForm(value: JsonObject, plan: FormPlan): { text: string; form?: WrittenFormLabel } {
  const canonical = JSON.stringify(value);
  if (!plan.order && !plan.space && !plan.escapes) return { text: canonical };
  const written: Written = { plan, tokens: [], gaps: [], reordered: [] };
  emit(value, [], 0, written, 'after-open', 0);
  const parts: string[] = [];
  const forms = new Set<TextForm>();
  if (written.reordered.length > 0) {
    forms.add('member-order');
    parts.push(`members out of model order in ${written.reordered.join(', ')}`);
  }

  // Escapes: which code points of which string tokens.
  const strings = written.tokens.flatMap((t, index) => (t.kind === 'string' && t.value !== '' ? [index] : []));
  const picked = new Map<number, Set<number>>();
  const escapes = plan.escapes;
  if (escapes?.kind === 'picks' && strings.length > 0) {
    for (const [which, at] of escapes.picks) {
      const index = strings[which % strings.length];
      const token = written.tokens[index] as Extract<Token, { kind: 'string' }>;
      const set = picked.get(index) ?? new Set<number>();
      set.add(at % Array.from(token.value).length);
      picked.set(index, set);
    }
  }
  const escapedIn: string[] = [];
  const texts = written.tokens.map((t, index) => {
    if (t.kind === 'raw') return t.text;
    let text: string;
    if (escapes?.kind === 'style') {
      const rule = STYLE_RULES[escapes.style];
      text = writeString(t.value, rule.test, rule.upper, rule.solidus);
    } else {
      const set = picked.get(index);
      const solidus = escapes?.kind === 'picks' && escapes.solidus;
      text = set || solidus ? writeString(t.value, (cp, i) => (set?.has(i) ?? false) || (solidus && cp === '/'), escapes?.kind === 'picks' && escapes.upper, true) : JSON.stringify(t.value);
    }
    if (text !== JSON.stringify(t.value)) escapedIn.push(t.name ? `the name ${t.owner}` : `the value of ${t.owner || 'the body'}`);
    return text;
  });
  if (escapedIn.length > 0) {
    forms.add('escapes');
    const list = escapedIn.length > 3 ? `${escapedIn.slice(0, 3).join(', ')} and ${escapedIn.length - 3} more` : escapedIn.join(', ');
    parts.push(escapes?.kind === 'style' ? `${STYLE_RULES[escapes.style].phrase}: ${list}` : `escapes in ${list}`);
  }

  // Whitespace: the role's own (pretty-printing, separators), then the plan's extra gaps.
  const space = plan.space;
  let text = texts[0];
  if (space) {
    const extra = new Map<number, string>();
    if (space.inner.kind === 'gaps' && written.gaps.length > 0) {
      for (const [at, blank] of space.inner.gaps) extra.set(at % written.gaps.length, (extra.get(at % written.gaps.length) ?? '') + blank);
    }
    for (let i = 1; i < texts.length; i++) text += gapText(space.inner, written.gaps[i - 1].role, written.gaps[i - 1].depth) + (extra.get(i - 1) ?? '') + texts[i];
    text = space.leading + text + space.trailing;
    const inner = space.inner.kind === 'pretty' ? `pretty-printed (indent ${shown(space.inner.indent)}, ${shown(space.inner.newline)} line ends)` : space.inner.kind === 'separators' ? 'the separators ", " and ": "' : space.inner.kind === 'gaps' ? `whitespace between tokens in ${extra.size} place${extra.size === 1 ? '' : 's'}` : '';
    const spaced = [space.leading ? `leading ${shown(space.leading)}` : '', inner, space.trailing ? `a final ${shown(space.trailing)}` : ''].filter(Boolean);
    if (spaced.length > 0) {
      forms.add('whitespace');
      parts.push(spaced.join(', '));
    }
  } else text = texts.join('');

  if (forms.size === 0) return { text: canonical };
  return { text, form: { forms: TEXT_FORMS.filter((f) => forms.has(f)), description: `written with ${parts.join('; ')}` } };
}
