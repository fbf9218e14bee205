// Walks a request schema into the list of its members. Every generator reads bounds, patterns and
// enums from these nodes; none is written down anywhere in src/generation.
import { resolveRef, stopRequestSchema, type SchemaNode } from '../../schema';
import { pointerOf } from './json';

/** The StopCisSession request schema as a SchemaNode (the JSON import widens `type` to string). */
export const stopRequestRoot: SchemaNode = stopRequestSchema as SchemaNode;

/** One member of the request, at any depth. */
export interface Member {
  /** Member names from the root: ['message', 'progress', 'totalChecks']. */
  path: readonly string[];
  /** JSON pointer of the member: '/message/progress/totalChecks'. */
  pointer: string;
  /** Its own name, for descriptions. */
  name: string;
  /** Its schema node with `$ref` resolved. */
  node: SchemaNode;
  /** Whether its parent object lists it as required. */
  required: boolean;
}

/** Resolves `$ref` at `node` (one level; this project's $defs do not chain refs). */
export function resolved(root: SchemaNode, node: SchemaNode): SchemaNode {
  return resolveRef(root, node);
}

/** Every member of the object `root` describes, depth first, parents before their children. */
export function membersOf(root: SchemaNode): Member[] {
  const out: Member[] = [];
  const visit = (node: SchemaNode, path: readonly string[]): void => {
    const required = new Set(node.required ?? []);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const childPath = [...path, name];
      const childNode = resolved(root, child);
      out.push({ path: childPath, pointer: pointerOf(childPath), name, node: childNode, required: required.has(name) });
      if (childNode.type === 'object') visit(childNode, childPath);
    }
  };
  visit(resolved(root, root), []);
  return out;
}

/** A member's own name qualified by its parent where that helps a reader: 'computePlatform.version'. */
export function displayName(member: Member): string {
  // Names such as `version` occur at several depths; the parent's name tells them apart.
  return member.path.length > 2 ? member.path.slice(-2).join('.') : member.name;
}
