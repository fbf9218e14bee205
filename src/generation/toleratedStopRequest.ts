// T12 and T13: valid requests sent with a byte-level form the rules tolerate either way (200 or
// 400): a UTF-8 byte order mark before the body (RFC 8259 §8.1 lets a parser ignore it), and bytes
// that are not UTF-8 inside a string (many servers decode them to U+FFFD). A check sends them for
// what they show (and for M5: an answer, and no 5xx), never to fail a 200 or a 400.
import fc from 'fast-check';
import type { ToleratedCase, ValidCase, StopCisSessionRequest } from './types';
import { checkConstraintKeys, checkSubset } from './internal/constraints';
import { codePointLength, getAt, setAt, type JsonLike, type JsonLikeObject } from './internal/json';
import { BAD_UTF8, BAD_UTF8_KINDS, MAX_REPLACEMENTS, UTF8_BOM, hexEscaped, type BadUtf8Kind } from './internal/bytes/utf8';
import { displayName, membersOf, stopRequestRoot } from './internal/schemaWalk';
import { cutTo } from './internal/text/lengths';
import { validStopRequest } from './validStopRequest';

export type ToleratedForm = 'bom' | 'invalid-utf8';
const FORMS: readonly ToleratedForm[] = ['bom', 'invalid-utf8'];

export interface ToleratedStopRequestConstraints {
  /**
   * The forms to draw (default both). Each variant is as likely as each other: 'bom', and the
   * five kinds of invalid UTF-8 (lone-continuation, overlong, encoded-surrogate, invalid-byte,
   * truncated), so 'bom' is one case in six by default.
   */
  forms?: readonly ToleratedForm[];
}

/** A character real text never holds: where the bytes go once the body is written. */
const MARK = '\ufdd0';
const MARK_BYTES = Buffer.from(MARK, 'utf8');

/** Free-text members: a string without pattern or enum, where arbitrary text belongs. */
const textMembers = membersOf(stopRequestRoot).filter((m) => m.node.type === 'string' && !m.node.pattern && !m.node.enum);

function bom(): fc.Arbitrary<ToleratedCase> {
  // The canonical text after the BOM: the case is about the BOM alone.
  return validStopRequest({ forms: [] }).map((valid) => ({
    kind: 'tolerated',
    text: hexEscaped(UTF8_BOM) + valid.text,
    bytes: Buffer.concat([UTF8_BOM, Buffer.from(valid.text, 'utf8')]),
    valid,
    label: { requirement: 'T12', variant: 'bom', description: 'a valid request after a UTF-8 byte order mark (EF BB BF)' },
  }));
}

/**
 * A valid request (every optional member present, so every free-text member can hold the bytes)
 * whose chosen string has room for the U+FFFD a lenient decoder puts in their place, with the
 * bytes put at a code-point boundary in it.
 */
function invalidUtf8(kind: BadUtf8Kind): fc.Arbitrary<ToleratedCase> {
  return fc
    .tuple(validStopRequest({ optional: 'all', forms: [] }), fc.constantFrom(...textMembers), fc.nat(), fc.constantFrom(...BAD_UTF8[kind]))
    .map(([drawn, member, pick, sequence]) => {
      const max = member.node.maxLength ?? Infinity;
      const current = getAt(drawn.value as unknown as JsonLike, member.path) as string;
      const kept = codePointLength(current) + MAX_REPLACEMENTS <= max ? current : cutTo(current, Math.max(0, max - MAX_REPLACEMENTS));
      const body = structuredClone(drawn.value) as unknown as JsonLikeObject;
      setAt(body, member.path, kept);
      const value = structuredClone(body) as unknown as StopCisSessionRequest;
      const valid: ValidCase = { kind: 'valid', value, text: JSON.stringify(value) };
      const chars = Array.from(kept);
      const at = pick % (chars.length + 1);
      setAt(body, member.path, [...chars.slice(0, at), MARK, ...chars.slice(at)].join(''));
      const marked = JSON.stringify(body);
      const encoded = Buffer.from(marked, 'utf8');
      const where = encoded.indexOf(MARK_BYTES);
      return {
        kind: 'tolerated',
        text: marked.replace(MARK, hexEscaped(sequence)),
        bytes: Buffer.concat([encoded.subarray(0, where), Buffer.from(sequence), encoded.subarray(where + MARK_BYTES.length)]),
        valid,
        label: {
          requirement: 'T13',
          variant: kind,
          description: `a valid request whose ${displayName(member)} holds ${hexEscaped(sequence)} (${PHRASES[kind]}), not UTF-8`,
          pointer: member.pointer,
        },
      };
    });
}

const PHRASES: Record<BadUtf8Kind, string> = {
  'lone-continuation': 'a continuation byte with no lead byte',
  overlong: 'an overlong encoding',
  'encoded-surrogate': 'an encoded UTF-16 surrogate',
  'invalid-byte': 'a byte that never occurs in UTF-8',
  truncated: 'a multi-byte sequence cut short',
};

/**
 * Otherwise valid requests in a byte-level form both answers of which conform: T12 a UTF-8 BOM
 * before the body, T13 bytes that are not UTF-8 inside a free-text string (lone continuation
 * bytes, overlong forms, encoded surrogates, bytes F5-FF, truncated sequences). `bytes` is the
 * body to send; `text` renders it with the bytes written \xNN; `valid` is the request they were
 * put into (the session it names; for T13, the string without the bytes).
 */
export function toleratedStopRequest(constraints?: ToleratedStopRequestConstraints): fc.Arbitrary<ToleratedCase> {
  const given = checkConstraintKeys('toleratedStopRequest', constraints, ['forms']);
  const forms = checkSubset('toleratedStopRequest', 'forms', 'form', given.forms, FORMS);
  const arbitraries: Array<fc.Arbitrary<ToleratedCase>> = [];
  if (forms.includes('bom')) arbitraries.push(bom());
  if (forms.includes('invalid-utf8')) arbitraries.push(...BAD_UTF8_KINDS.map(invalidUtf8));
  return fc.oneof(...arbitraries);
}
