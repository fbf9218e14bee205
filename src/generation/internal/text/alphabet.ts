// The alphabet real text is drawn from: classes of characters (and a few multi-code-point atoms)
// weighted toward what breaks code that handles text. The idea is Hypothesis's (most draws from a
// small, shrink-friendly region, a share from the rest, now and then a whole "interesting" string)
// and fast-check's (one integer per character, mapped to a table, so a character shrinks toward the
// table's first entry): printable ASCII leads, 'a' is index 0, and shrinking goes toward short ASCII.
//
// The lists below are written here from Unicode's own tables and common knowledge of what breaks
// parsers, SQL, HTML and shells; none is copied from a naughty-strings list.
import fc from 'fast-check';

/** The classes the generator draws from; `word` and `emoji-sequence` atoms hold several code points. */
export type AlphabetClass =
  | 'ascii'
  | 'quote'
  | 'backslash'
  | 'metachar'
  | 'whitespace'
  | 'nul'
  | 'control'
  | 'combining'
  | 'decomposed'
  | 'precomposed'
  | 'bidi'
  | 'other-digit'
  | 'cjk'
  | 'rtl'
  | 'astral'
  | 'emoji-sequence'
  | 'word'
  | 'other-bmp';

type Range = readonly [number, number];

interface ClassSpec {
  name: AlphabetClass;
  /** Relative weight: the share of character draws that come from this class. */
  weight: number;
  /** Either a list of atoms or code-point ranges (inclusive). */
  atoms?: readonly string[];
  ranges?: readonly Range[];
}

const cps = (...codes: number[]): string[] => codes.map((c) => String.fromCodePoint(c));
const span = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/** Printable ASCII, letters first so that index 0 is 'a' (what a shrunk string is made of). */
const ASCII = [...span(0x61, 0x7a), ...span(0x30, 0x39), ...span(0x41, 0x5a), ' ', ...span(0x21, 0x2f), ...span(0x3a, 0x40), ...span(0x5b, 0x60), ...span(0x7b, 0x7e)];

/** Every character Unicode calls white space (White_Space=yes), and U+FEFF, which trims and parsers treat as one. */
export const UNICODE_WHITESPACE: readonly string[] = [
  ...cps(0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680),
  ...span(0x2000, 0x200a),
  ...cps(0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff),
];

/** Bidirectional formatting controls: embeddings, overrides, isolates, marks (the "Trojan Source" set). */
export const BIDI_CONTROLS: readonly string[] = [...cps(0x200e, 0x200f, 0x061c), ...span(0x202a, 0x202e), ...span(0x2066, 0x2069)];

/** Decimal digits of other scripts (Unicode Nd beyond 0-9): what a Unicode-aware \d matches. */
export const OTHER_SCRIPT_DIGITS: readonly string[] = [
  ...span(0x0660, 0x0669), // Arabic-Indic ٠-٩
  ...span(0x06f0, 0x06f9), // Extended Arabic-Indic ۰-۹
  ...span(0x0966, 0x096f), // Devanagari ०-९
  ...span(0x09e6, 0x09ef), // Bengali
  ...span(0x0e50, 0x0e59), // Thai
  ...span(0xff10, 0xff19), // fullwidth ０-９
  ...span(0x1d7ce, 0x1d7d7), // mathematical bold 𝟎-𝟗 (astral)
];

/** Base + combining mark pairs that NFC composes into one code point (so NFC is shorter). */
const DECOMPOSED = ['e\u0301', 'a\u0300', 'n\u0303', 'u\u0308', 'o\u0302', 'c\u0327', 'A\u030a', 'I\u0307', '\u0415\u0308', '\u03b1\u0301', '\u0627\u0653', '\u1100\u1161', 'e\u0302\u0301', 's\u0323\u0307'];

/** Precomposed characters whose NFD is longer (a server that NFD-normalises counts them as 2 or 3). */
const PRECOMPOSED = [...cps(0xe9, 0xe0, 0xf1, 0xfc, 0xf4, 0xe7, 0xc5, 0x130, 0x401, 0x3ac, 0x622, 0x1ebf, 0x1e69, 0x1d6, 0x15f, 0x151, 0x212b)];

/** Emoji built from several code points: ZWJ families, flags, skin tones, keycaps, variation selectors. */
const EMOJI_SEQUENCES = [
  '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466}',
  '\u{1f3f3}\ufe0f\u200d\u{1f308}',
  '\u{1f469}\u{1f3fd}\u200d\u{1f4bb}',
  '\u{1f1fa}\u{1f1f8}',
  '\u{1f1ef}\u{1f1f5}',
  '\u{1f44d}\u{1f3fb}',
  '1\ufe0f\u20e3',
  '\u2764\ufe0f',
];

/**
 * Whole strings that mean something to an interpreter somewhere: SQL, HTML, template and shell
 * injection shapes, path traversal, percent-encoding, format strings, JSON-looking text, words
 * that dynamic languages read as values, Windows device names, header injection, and characters
 * whose case mapping changes their length.
 */
const WORDS = [
  "' OR '1'='1",
  "'; DROP TABLE sessions; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&lt;&amp;&gt;&#39;',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '#{7*7}',
  '$(id)',
  '`id`',
  '; ls -la',
  '| cat /etc/passwd',
  '&& echo x',
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%2e%2e%2f',
  '%s%s%n',
  '\\u0000',
  '\\"',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  'true',
  'None',
  '-0',
  '1e309',
  '0x1F',
  '__proto__',
  'constructor',
  '{"a":1}',
  '[]',
  '\r\nX-Injected: 1',
  'CON',
  'NUL',
  'COM1',
  'ß',
  'ﬁ',
  'ǅ',
  'Ⱥ',
  'ŉ',
];

/**
 * The classes and their weights (per 100 character draws, roughly). Printable ASCII (with the
 * quotes, backslash, metacharacters and space drawn on top) is well over half of all characters.
 */
const CLASSES: readonly ClassSpec[] = [
  { name: 'ascii', weight: 46, atoms: ASCII },
  { name: 'quote', weight: 5, atoms: ["'", '"', '`'] },
  { name: 'backslash', weight: 3, atoms: ['\\'] },
  // % < > & ; first and twice: the ones issue 12 names; the rest are shell and template metacharacters.
  { name: 'metachar', weight: 5, atoms: [...'%<>&;%<>&;|$(){}[]*?!#=/:+@^~,-'] },
  { name: 'whitespace', weight: 5, atoms: UNICODE_WHITESPACE },
  { name: 'nul', weight: 1, atoms: ['\u0000'] },
  // C0 (whitespace ones aside: they are in 'whitespace'), DEL and C1 (NEL aside).
  { name: 'control', weight: 2, ranges: [[0x01, 0x08], [0x0e, 0x1f], [0x7f, 0x84], [0x86, 0x9f]] },
  {
    name: 'combining',
    weight: 3,
    ranges: [[0x0300, 0x036f], [0x0483, 0x0487], [0x0591, 0x05bd], [0x064b, 0x065f], [0x1ab0, 0x1abd], [0x1dc0, 0x1dff], [0x20d0, 0x20f0], [0xfe20, 0xfe2f]],
  },
  { name: 'decomposed', weight: 3, atoms: DECOMPOSED },
  // Hangul syllables decompose into two or three jamo under NFD.
  { name: 'precomposed', weight: 3, atoms: PRECOMPOSED, ranges: [[0xac00, 0xd7a3]] },
  { name: 'bidi', weight: 2, atoms: BIDI_CONTROLS },
  { name: 'other-digit', weight: 3, atoms: OTHER_SCRIPT_DIGITS },
  { name: 'cjk', weight: 3, ranges: [[0x4e00, 0x9fff], [0x3041, 0x3096], [0x30a1, 0x30fa], [0x3001, 0x3003], [0xff21, 0xff3a], [0xff41, 0xff5a]] },
  { name: 'rtl', weight: 3, ranges: [[0x05d0, 0x05ea], [0x0620, 0x064a], [0x0710, 0x072f], [0x0780, 0x07a5]] },
  // Emoji, mathematical alphanumerics, CJK extension B, and anything in the astral planes (unassigned and private use included).
  { name: 'astral', weight: 4, ranges: [[0x1f300, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f900, 0x1f9ff], [0x1d400, 0x1d7ff], [0x20000, 0x2a6df], [0x10000, 0x10ffff]] },
  { name: 'emoji-sequence', weight: 2, atoms: EMOJI_SEQUENCES },
  { name: 'word', weight: 4, atoms: WORDS },
  // Latin-1 and Latin Extended-A, Greek, Cyrillic, general punctuation and symbols, the last two noncharacters.
  // U+FFFD and U+FDD0 are left out: the byte-level generators use them as markers.
  { name: 'other-bmp', weight: 3, ranges: [[0xa1, 0xff], [0x100, 0x17f], [0x370, 0x3ff], [0x400, 0x4ff], [0x2010, 0x2027], [0x2030, 0x205e], [0x20a0, 0x20c0], [0x2100, 0x2bff], [0xfffe, 0xffff]] },
];

/** Slots per unit of weight: enough that a class of ~21,000 code points (CJK) is covered whole. */
const SLOTS_PER_WEIGHT = 1 << 16;

interface Table {
  starts: number[];
  slots: number[];
  classes: readonly ClassSpec[];
  sizes: number[];
  total: number;
}

function sizeOf(spec: ClassSpec): number {
  return (spec.atoms?.length ?? 0) + (spec.ranges ?? []).reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
}

function memberOf(spec: ClassSpec, index: number): string {
  const atoms = spec.atoms ?? [];
  if (index < atoms.length) return atoms[index];
  let rest = index - atoms.length;
  for (const [lo, hi] of spec.ranges ?? []) {
    const size = hi - lo + 1;
    if (rest < size) return String.fromCodePoint(lo + rest);
    rest -= size;
  }
  throw new Error(`alphabet: index ${index} past class ${spec.name}`);
}

function buildTable(classes: readonly ClassSpec[]): Table {
  const starts: number[] = [];
  const slots: number[] = [];
  let total = 0;
  for (const spec of classes) {
    starts.push(total);
    slots.push(spec.weight * SLOTS_PER_WEIGHT);
    total += spec.weight * SLOTS_PER_WEIGHT;
  }
  return { starts, slots, classes, sizes: classes.map(sizeOf), total };
}

const TABLE = buildTable(CLASSES);

/** The atom at slot `i`: the class by binary search, the member spread evenly over the class's slots. */
function atomAt(i: number): string {
  let lo = 0;
  let hi = TABLE.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (TABLE.starts[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  const offset = i - TABLE.starts[lo];
  return memberOf(TABLE.classes[lo], Math.floor((offset * TABLE.sizes[lo]) / TABLE.slots[lo]));
}

/**
 * One atom of real text: one code point, or a few (a word, an emoji sequence, a decomposed pair).
 * One integer per atom, unbiased (fast-check's bias would pile draws on the first and last
 * classes), shrinking toward slot 0, 'a'.
 */
export const textUnit: fc.Arbitrary<string> = fc.noBias(fc.integer({ min: 0, max: TABLE.total - 1 })).map(atomAt);

/** One code point from a class's own list, for the generators that need a particular kind. */
export function classUnit(name: AlphabetClass): fc.Arbitrary<string> {
  const spec = CLASSES.find((c) => c.name === name);
  if (!spec) throw new Error(`alphabet: no class ${name}`);
  return fc.integer({ min: 0, max: sizeOf(spec) - 1 }).map((i) => memberOf(spec, i));
}

/** Astral code points only (two UTF-16 units each), emoji half of the time. */
export const astralUnit: fc.Arbitrary<string> = fc
  .oneof(fc.integer({ min: 0x1f300, max: 0x1faff }), fc.integer({ min: 0x10000, max: 0x10ffff }))
  .map((codePoint) => String.fromCodePoint(codePoint));

/** A precomposed code point whose NFD is longer. */
export const precomposedUnit: fc.Arbitrary<string> = classUnit('precomposed');

/** A pair (or triple) of code points that NFC composes into one. */
export const decomposedUnit: fc.Arbitrary<string> = fc.constantFrom(...DECOMPOSED);

// The lists carry claims (NFC shortens these, NFD lengthens those, no marker character is drawn);
// checked once at load, so a wrong entry fails loudly instead of mislabelling cases.
const codePointCount = (s: string): number => Array.from(s).length;
for (const pair of DECOMPOSED) {
  if (codePointCount(pair.normalize('NFC')) >= codePointCount(pair)) throw new Error(`alphabet: ${JSON.stringify(pair)} is not shortened by NFC`);
}
for (const char of PRECOMPOSED) {
  if (codePointCount(char.normalize('NFD')) <= 1) throw new Error(`alphabet: ${JSON.stringify(char)} is not lengthened by NFD`);
}
