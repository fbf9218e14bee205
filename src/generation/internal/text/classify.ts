// The character classes the census counts in generated strings: what issue 12 found missing.
// A class is a property of a string (it holds at least one such character, or, for the
// normalisation classes, the string changes under NFC or NFD).

export type TextClass =
  | 'printable-ascii'
  | 'quote'
  | 'backslash'
  | 'percent'
  | 'html-sql-shell'
  | 'ascii-whitespace'
  | 'unicode-whitespace'
  | 'zwnbsp-bom'
  | 'nul'
  | 'control'
  | 'combining-mark'
  | 'nfc-unstable'
  | 'nfd-unstable'
  | 'bidi-control'
  | 'other-script-digit'
  | 'cjk'
  | 'rtl-letter'
  | 'astral'
  | 'emoji-zwj';

const TESTS: ReadonlyArray<[TextClass, (s: string) => boolean]> = [
  ['printable-ascii', (s) => /[\x20-\x7e]/.test(s)],
  ['quote', (s) => /['"`]/.test(s)],
  ['backslash', (s) => s.includes('\\')],
  ['percent', (s) => s.includes('%')],
  ['html-sql-shell', (s) => /[<>&;]/.test(s)],
  ['ascii-whitespace', (s) => /[\t\n\v\f\r ]/.test(s)],
  ['unicode-whitespace', (s) => /[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(s)],
  ['zwnbsp-bom', (s) => s.includes('\ufeff')],
  ['nul', (s) => s.includes('\u0000')],
  ['control', (s) => /[\u0001-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/.test(s)],
  ['combining-mark', (s) => /\p{M}/u.test(s)],
  ['nfc-unstable', (s) => s.normalize('NFC') !== s],
  ['nfd-unstable', (s) => s.normalize('NFD') !== s],
  ['bidi-control', (s) => /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(s)],
  ['other-script-digit', (s) => /(?![0-9])\p{Nd}/u.test(s)],
  ['cjk', (s) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(s)],
  ['rtl-letter', (s) => /(?=\p{L})[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}]/u.test(s)],
  ['astral', (s) => /[\u{10000}-\u{10ffff}]/u.test(s)],
  ['emoji-zwj', (s) => /\p{Extended_Pictographic}\u200d/u.test(s)],
];

export const TEXT_CLASSES: readonly TextClass[] = TESTS.map(([name]) => name);

/** The classes `text` holds. */
export function classesOf(text: string): TextClass[] {
  return TESTS.filter(([, test]) => test(text)).map(([name]) => name);
}
