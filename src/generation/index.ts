// The generation layer: fast-check arbitraries for StopCisSession request bodies, walked from
// schemas/stop-cis-session-request.schema.json. Cases carry the exact text to send, or the exact
// bytes when the body is not UTF-8 text (payloadOf gives what to send either way).
//
// What each generator draws, and for which requirement:
// - validStopRequest({ optional, forms }) M1/M4 ValidCase: valid bodies, strings of real text leaning
//                                       to their bounds, UUIDs fresh with a share of valid corners,
//                                       the text in the forms JSON is written in (members in another
//                                       order, whitespace, \u escapes in strings and names; `form`
//                                       says which), shrinking to JSON.stringify(value).
// - invalidStopRequest({ families })    M3 InvalidCase: one labelled violation each, nine families
//                                       (VIOLATION_FAMILIES), 'member-name' among them; not-json
//                                       defects also where no member is checked (label.place).
// - enumNearMisses({ seed })            M3 InvalidCase[]: a fixed list, every near miss of every
//                                       enum value and other enums' words, for a check to send whole.
// - unknownMembersRequest({ variants }) S5 UnknownMembersCase: valid bodies with unknown members,
//                                       'unknown-name' or 'case-variant' (`Status` beside `status`).
// - toleratedStopRequest({ forms })     T12/T13 ToleratedCase: a BOM before a valid body, or bytes
//                                       that are not UTF-8 in one of its strings (200 or 400 conform).
// - parserStressRequest({ forms })      StressCase: a valid body with an unknown member nested 10,000+
//                                       deep or holding a huge number (judged for no 5xx, M5).
// - knownValidStop(seed, index, overrides?)  ValidCase: the minimal valid stop with seeded UUIDs,
//                                       the plain body scenario checks send.
// - knownInvalidStop(seed, index, kind) InvalidCase: a fixed break of that body (status BOGUS,
//   twoViolationsStop(seed, index)      scanJobId missing, cut short), and one with two breaks (T9).
// - realText({ minLength, maxLength, lengths })  strings of real text, counted in code points.
// - census({ cases, seed })             how often each family, variant, character class, byte-level
//                                       and written form comes up, per member for written forms, and
//                                       where each not-json defect sits (npm run census).
export { validStopRequest, type ValidStopRequestConstraints } from './validStopRequest';
export { invalidStopRequest, type InvalidStopRequestConstraints } from './invalidStopRequest';
export { enumNearMisses, type EnumNearMissesConstraints } from './enumNearMisses';
export { unknownMembersRequest, writeWithMembers, type UnknownMembersRequestConstraints } from './unknownMembersRequest';
export { toleratedStopRequest, type ToleratedForm, type ToleratedStopRequestConstraints } from './toleratedStopRequest';
export { parserStressRequest, type ParserStressRequestConstraints, type StressForm } from './parserStressRequest';
export { knownValidStop, type KnownValidStopOverrides } from './knownValidStop';
export { knownInvalidStop, twoViolationsStop, type KnownInvalidKind, type TwoViolationsCase } from './knownInvalidStop';
export { realText, type RealTextConstraints } from './realText';
export { census, formatCensus, type CensusOptions, type CensusRow, type MemberCensus, type MemberForm } from './census';
export { payloadOf } from './payload';
export { seededUuid } from './internal/uuid';
export { VIOLATION_FAMILIES } from './internal/families';
export type { OptionalMode } from './internal/validValue';
export type * from './types';
