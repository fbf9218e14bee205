// Conforming variants: different TOLERATED choices, each certified conformant with no warning.
import type { Variant } from './types';

export const conformingVariants: Variant[] = [];
