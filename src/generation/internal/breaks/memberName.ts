// M3: a required member present only under another name: the same name in another letter case
// (`ScanJobId`, `SCANJOBID`, `Status`) or with a blank before or after it. Member names are
// case-sensitive (S5), so the member is missing and ajv reports `required` at its pointer; a
// case-insensitive binder (Json.NET, Go's encoding/json, Jackson's
// ACCEPT_CASE_INSENSITIVE_PROPERTIES) or one that trims names reads it as the member instead.
// The value is the valid one the base drew, so the name is the only thing wrong.
import fc from 'fast-check';
import { getAt, isObject, writeJson, type JsonLikeObject, type JsonObject } from '../json';
import { displayName, type Member } from '../schemaWalk';
import type { Broken, Violation } from './violation';

interface NameBreak {
  variant: string;
  phrase: string;
  rename(name: string): string;
}

const toggleFirst = (name: string): string => {
  const first = name.charAt(0);
  return (first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase()) + name.slice(1);
};

const NAME_BREAKS: NameBreak[] = [
  { variant: 'first-letter-case', phrase: 'with its first letter in the other case', rename: toggleFirst },
  { variant: 'upper-case', phrase: 'in upper case', rename: (name) => name.toUpperCase() },
  { variant: 'lower-case', phrase: 'in lower case', rename: (name) => name.toLowerCase() },
  { variant: 'leading-space', phrase: 'with a leading space', rename: (name) => ` ${name}` },
  { variant: 'trailing-space', phrase: 'with a trailing space', rename: (name) => `${name} ` },
];

/** A copy of `body` with the member at `path` renamed in place (its position in its object kept). */
export function renamedAt(body: JsonObject, path: readonly string[], to: string): JsonLikeObject {
  const copy: JsonLikeObject = structuredClone(body);
  const parent = path.length === 1 ? copy : getAt(copy, path.slice(0, -1));
  if (!isObject(parent)) throw new Error(`member-name: no object holds ${path.join('.')}`);
  const from = path[path.length - 1];
  const entries = Object.entries(parent);
  for (const key of Object.keys(parent)) delete parent[key];
  for (const [key, value] of entries) parent[key === from ? to : key] = value;
  return copy;
}

export function memberNameViolations(members: readonly Member[]): Violation[] {
  return members
    .filter((member) => member.required)
    .flatMap((member) =>
      NAME_BREAKS.filter((brk) => brk.rename(member.name) !== member.name).map(
        (brk): Violation => ({
          family: 'member-name',
          keyword: 'required',
          variant: brk.variant,
          pointer: member.pointer,
          needs: member.pointer,
          build: (base: fc.Arbitrary<JsonObject>): fc.Arbitrary<Broken> =>
            base.map((valid) => {
              const name = brk.rename(member.name);
              return {
                text: writeJson(renamedAt(valid, member.path, name)),
                description: `${displayName(member)} only as ${JSON.stringify(name)} (${brk.phrase})`,
              };
            }),
        }),
      ),
    );
}
