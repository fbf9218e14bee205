// The catalogue of variants of the reference implementation, by name: what `FAULT=<name> npm run
// reference` serves and what `npm run mutation-score` certifies.
import { authVariants } from './auth';
import { conformingVariants } from './conforming';
import { inputVariants } from './inputs';
import { protocolVariants } from './protocol';
import { schemaVariants } from './schema';
import { textVariants } from './text';
import type { Variant } from './types';

export type { Variant };

function catalogue(groups: Variant[][]): readonly Variant[] {
  const all = groups.flat();
  const names = new Set<string>();
  for (const variant of all) {
    if (names.has(variant.name)) throw new Error(`two variants are named ${variant.name}`);
    if (variant.kind === 'faulty' && !variant.violates) throw new Error(`faulty variant ${variant.name} names no requirement`);
    names.add(variant.name);
  }
  return all;
}

export const variants = catalogue([schemaVariants, protocolVariants, authVariants, conformingVariants, inputVariants, textVariants]);

export function variantNamed(name: string): Variant | undefined {
  return variants.find((variant) => variant.name === name);
}
