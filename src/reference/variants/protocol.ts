// Faulty variants for M5, M6, M7 and S1–S6 (filled in with the protocol checks).
import type { Variant } from './types';

export const protocolVariants: Variant[] = [];
