// M3: a required member missing, or null (the same thing to restJson1). Optional members are
// never nulled here: null for an optional member is T1, tolerated either way.
import fc from 'fast-check';
import { REMOVE } from '../json';
import { displayName, type Member } from '../schemaWalk';
import { atMember, entailedByWrongType, type Violation } from './violation';

export function missingOrNullViolations(members: readonly Member[]): Violation[] {
  return members
    .filter((member) => member.required)
    .flatMap((member) => [
      atMember(
        member,
        { family: 'missing-or-null', keyword: 'required', variant: 'missing' },
        fc.constant({ value: REMOVE, description: `${displayName(member)} missing` }),
      ),
      atMember(
        member,
        { family: 'missing-or-null', keyword: 'type', variant: 'null', entails: entailedByWrongType(member.node) },
        fc.constant({ value: null, description: `${displayName(member)} null` }),
      ),
    ]);
}
