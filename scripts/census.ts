// `npm run census`: how often each family, variant, character class and byte-level form comes up
// per 1,000 cases of each generator (src/generation/census.ts). CENSUS_CASES and CENSUS_SEED
// change the sample.
import { census, formatCensus } from '../src/generation';

const cases = process.env.CENSUS_CASES ? Number(process.env.CENSUS_CASES) : 1000;
const seed = process.env.CENSUS_SEED ? Number(process.env.CENSUS_SEED) : 1;
console.log(formatCensus(census({ cases, seed })));
