// Faulty variants for M1–M4 (the request schema).
import type { Variant } from './types';

export const schemaVariants: Variant[] = [];
