// The shape every breaker returns: one way to make a valid request invalid, with the label it
// earns. Breakers know how to break a keyword; the member, its bounds and its pattern come from
// the schema walk.
import fc from 'fast-check';
import type { NotJsonPlace, ViolationFamily, ViolationLabel } from '../../types';
import type { SchemaNode } from '../../../schema';
import type { Member } from '../schemaWalk';
import { REMOVE, setAt, writeJson, type JsonLike, type JsonLikeObject, type JsonObject } from '../json';

export type Keyword = ViolationLabel['keyword'];
export type SchemaKeyword = Exclude<Keyword, 'json'>;

/** A broken body, and the phrase that says what is wrong with it. */
export interface Broken {
  text: string;
  description: string;
  /** not-json: where the defect sits. */
  place?: NotJsonPlace;
}

export interface Violation {
  family: ViolationFamily;
  keyword: Keyword;
  variant: string;
  pointer: string;
  entails?: SchemaKeyword[];
  /** A pointer the valid base must hold (its parents then hold too): the member being broken. */
  needs?: string;
  /**
   * How often it is drawn within its family, against 1 for every other (member, way of breaking)
   * pair: more for the rare pair that a realistic mistake shows alone, so that a default run of
   * the family's check draws it a dozen times.
   */
  weight?: number;
  /** Breaks bases drawn from `base`. */
  build(base: fc.Arbitrary<JsonObject>): fc.Arbitrary<Broken>;
}

/** A value to put at a member (REMOVE deletes it) and what it is. */
export interface Mutation {
  value: JsonLike | typeof REMOVE;
  description: string;
}

/** A violation made by one mutation of one member of a valid base. */
export function atMember(
  member: Member,
  label: { family: ViolationFamily; keyword: SchemaKeyword; variant: string; entails?: SchemaKeyword[]; weight?: number },
  mutation: fc.Arbitrary<Mutation>,
): Violation {
  return {
    ...label,
    pointer: member.pointer,
    needs: member.pointer,
    build: (base) =>
      fc.tuple(base, mutation).map(([valid, { value, description }]) => {
        const body: JsonLikeObject = structuredClone(valid);
        setAt(body, member.path, value);
        return { text: writeJson(body), description };
      }),
  };
}

/**
 * Keywords a value of the wrong type fails besides `type`. ajv checks `enum` whatever the
 * instance's type, and an enum here lists values of the node's own type, so a value of another
 * type (null included) is never one of them.
 */
export function entailedByWrongType(node: SchemaNode): SchemaKeyword[] | undefined {
  return node.enum ? ['enum'] : undefined;
}

/** `items[pick mod length]`: lets an fc.nat() choose a position and shrink toward the first. */
export function choose<T>(items: readonly T[], pick: number): T {
  if (items.length === 0) throw new Error('choose: nothing to choose from');
  return items[pick % items.length];
}
