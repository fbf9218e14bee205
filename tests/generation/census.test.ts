// The census held to minimum shares, so that a later change cannot quietly narrow what the
// generators draw again (issue 12). Two scales: 1,000 cases for shares, and a default run's 300
// cases per property check, over several seeds, for "comes up at least once".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { census, formatCensus, type CensusRow } from '../../src/generation';
import { CENSUS_GENERATORS, MEMBER_FORMS, type MemberForm } from '../../src/generation/census';
import { membersOf, stopRequestRoot } from '../../src/generation/internal/schemaWalk';
import { TEXT_CLASSES } from '../../src/generation/internal/text/classify';

const rows = census({ cases: 1000, seed: 1 });
const row = (name: string, of: readonly CensusRow[] = rows): CensusRow => {
  const found = of.find((r) => r.generator === name);
  assert.ok(found, `no census row ${name}`);
  return found;
};
const perMille = (count: number, of: number): number => (1000 * count) / of;

test('the census covers every generator and prints one block each', () => {
  assert.deepEqual(rows.map((r) => r.generator), CENSUS_GENERATORS.map(([name]) => name));
  const text = formatCensus(rows);
  for (const r of rows) assert.match(text, new RegExp(`^${r.generator.replace(/[()]/g, '\\$&')} — 1000 cases`, 'm'));
});

test('valid strings are real text: most hold printable ASCII, quotes and backslashes in a fair share, every class present', () => {
  for (const name of ['valid (optional any)', 'valid (optional all)']) {
    const r = row(name);
    assert.ok(perMille(r.stringsWith['printable-ascii'], r.strings) >= 700, `${name}: printable ASCII in ${perMille(r.stringsWith['printable-ascii'], r.strings)}‰ of strings`);
    assert.ok(perMille(r.casesWith.quote, r.cases) >= 300, `${name}: quotes in ${perMille(r.casesWith.quote, r.cases)}‰ of cases`);
    assert.ok(perMille(r.casesWith.backslash, r.cases) >= 250, `${name}: backslashes in ${perMille(r.casesWith.backslash, r.cases)}‰ of cases`);
    for (const cls of TEXT_CLASSES) assert.ok(perMille(r.stringsWith[cls], r.strings) >= 20, `${name}: ${cls} in ${perMille(r.stringsWith[cls], r.strings)}‰ of strings`);
  }
  // The other generators' strings are real text too.
  for (const name of ['invalid length', 'invalid enum', 'unknown members', 'tolerated']) {
    const r = row(name);
    assert.ok(perMille(r.stringsWith['printable-ascii'], r.strings) >= 700, `${name}: printable ASCII`);
    assert.ok(perMille(r.stringsWith.quote, r.strings) >= 150, `${name}: quotes`);
  }
});

test('a JSON-encoded object is a fair share of wrong-type draws, and the rare near misses a dozen a run', () => {
  const wrongType = row('invalid wrong-type');
  assert.ok(perMille(wrongType.variants['wrong-type/json-encoded-object'] ?? 0, wrongType.cases) >= 80, 'json-encoded-object');
  const length = row('invalid length');
  assert.ok(perMille(length.variants['length/one-over-edge-blank'] ?? 0, length.cases) >= 150, 'one-over-edge-blank');
  const enumRow = row('invalid enum');
  assert.ok(perMille(enumRow.variants['enum/near-miss'] ?? 0, enumRow.cases) >= 250, 'near-miss');
});

/** A default run: 300 cases per generator, as a property check sends them; several seeds. */
const SEEDS = [1, 2, 3, 4, 5];
const runs = SEEDS.map((seed) => census({ cases: 300, seed }));

/** The written forms of a valid text: a final newline or CRLF, a tab, an escaped name, a surrogate pair, `\/`, members out of model order. */
const WRITTEN = ['final-newline', 'final-crlf', 'tab-between-tokens', 'escaped-name', 'surrogate-pair-escape', 'escaped-solidus', 'out-of-model-order'];

/** What each generator must show at least once in every default run. */
const EVERY_RUN: Record<string, { forms?: string[]; variants?: string[] }> = {
  'valid (optional any)': { forms: ['empty-string', 'at-max', 'at-max-astral', 'at-max-nfd-longer', 'corner-uuid', 'nil-uuid', ...WRITTEN] },
  'valid (optional all)': { forms: ['at-max-astral', 'at-max-nfd-longer', 'corner-uuid', ...WRITTEN] },
  'invalid length': { forms: ['over-max-nfc-fits'], variants: ['length/one-over-nfc-fits', 'length/one-over-edge-blank'] },
  'invalid not-json': { forms: ['raw-control-in-string'], variants: ['not-json/raw-control-char'] },
  'invalid not-object': { forms: ['deep-nesting'], variants: ['not-object/deep-nesting'] },
  'invalid range': { forms: ['huge-number'], variants: ['range/past-double-range', 'range/many-digits-above', 'range/many-digits-below', 'range/exponent-above-maximum'] },
  'invalid pattern': { variants: ['pattern/dash-moved', 'pattern/other-script-digit', 'pattern/fullwidth', 'pattern/unicode-dash', 'pattern/non-hex-letter', 'pattern/upper-case'] },
  'invalid wrong-type': { variants: ['wrong-type/json-encoded-object'] },
  'invalid member-name': { variants: ['member-name/first-letter-case', 'member-name/upper-case', 'member-name/lower-case', 'member-name/leading-space', 'member-name/trailing-space'] },
  'unknown members': { forms: ['corner-uuid'], variants: ['unknown-name', 'case-variant'] },
  tolerated: { forms: ['bom', 'invalid-utf8'], variants: ['T12/bom', 'T13/lone-continuation', 'T13/overlong', 'T13/encoded-surrogate', 'T13/invalid-byte', 'T13/truncated'] },
  'parser stress': { forms: ['deep-nesting', 'huge-number'], variants: ['deep-array', 'deep-object', 'many-digits', 'past-double-range'] },
};

test('every byte-level and boundary form, and every new variant, comes up in every default run (300 cases, seeds 1-5)', () => {
  for (const [index, run] of runs.entries()) {
    for (const [name, { forms = [], variants = [] }] of Object.entries(EVERY_RUN)) {
      const r = row(name, run);
      for (const form of forms) assert.ok(r.forms[form as keyof CensusRow['forms']] > 0, `seed ${SEEDS[index]}: ${name} never shows ${form}`);
      for (const variant of variants) assert.ok((r.variants[variant] ?? 0) > 0, `seed ${SEEDS[index]}: ${name} never draws ${variant}`);
    }
  }
});

test('every variant of every invalid family comes up in every default run', () => {
  const known = new Map(rows.filter((r) => r.generator.startsWith('invalid ')).map((r) => [r.generator, Object.keys(r.variants)]));
  for (const [index, run] of runs.entries()) {
    for (const [name, variants] of known) {
      const r = row(name, run);
      const missing = variants.filter((v) => !(r.variants[v] > 0));
      assert.deepEqual(missing, [], `seed ${SEEDS[index]}: ${name} never draws ${missing.join(', ')}`);
    }
  }
});

test('byte-level forms stay where they belong: no BOM, invalid UTF-8, deep nesting or huge number in a valid case', () => {
  for (const name of ['valid (optional any)', 'valid (optional all)', 'unknown members']) {
    const r = row(name);
    for (const form of ['bom', 'invalid-utf8', 'raw-control-in-string', 'deep-nesting', 'huge-number'] as const) assert.equal(r.forms[form], 0, `${name} shows ${form}`);
  }
});

const VALID_ROWS = ['valid (optional any)', 'valid (optional all)'];
/** The member forms each member can take: a string's value can be escaped, a count's or an object's cannot. */
const applicable = (pointer: string): MemberForm[] => {
  const member = membersOf(stopRequestRoot).find((m) => m.pointer === pointer);
  return MEMBER_FORMS.filter((f) => f !== 'value-escaped' || member?.node.type === 'string');
};

test('valid bodies are written in every form: about one in six canonical, each form in a fair share', () => {
  for (const name of VALID_ROWS) {
    const r = row(name);
    const canonical = perMille(r.written.canonical, r.cases);
    assert.ok(canonical >= 80 && canonical <= 250, `${name}: canonical in ${canonical}‰ of cases`);
    for (const form of ['member-order', 'whitespace', 'escapes'] as const) assert.ok(perMille(r.written[form], r.cases) >= 350, `${name}: ${form} in ${perMille(r.written[form], r.cases)}‰`);
  }
});

test('every member is sent in a non-canonical form in a third of the cases holding it, in every form that applies to it', () => {
  for (const name of VALID_ROWS) {
    const r = row(name);
    for (const member of membersOf(stopRequestRoot)) {
      const entry = r.members[member.pointer];
      assert.ok(entry && entry.present > 0, `${name}: ${member.pointer} never present`);
      assert.ok(perMille(entry.nonCanonical, entry.present) >= 300, `${name}: ${member.pointer} non-canonical in ${perMille(entry.nonCanonical, entry.present)}‰ of the cases holding it`);
      for (const form of applicable(member.pointer)) assert.ok(perMille(entry.forms[form], entry.present) >= 15, `${name}: ${member.pointer} ${form} in ${perMille(entry.forms[form], entry.present)}‰`);
    }
  }
});

test('in every default run, every member comes in several forms: each that applies to it at least once', () => {
  for (const [index, run] of runs.entries()) {
    for (const name of VALID_ROWS) {
      const r = row(name, run);
      for (const member of membersOf(stopRequestRoot)) {
        const entry = r.members[member.pointer];
        const missing = applicable(member.pointer).filter((f) => !(entry?.forms[f] > 0));
        assert.deepEqual(missing, [], `seed ${SEEDS[index]}: ${name}: ${member.pointer} never ${missing.join(', ')}`);
      }
    }
  }
});

test('each token defect that is not JSON sits in a modelled member and where no member is checked, in every default run', () => {
  const defects = ['line-comment', 'block-comment', 'single-quotes', 'nan', 'infinity', 'negative-infinity', 'leading-zero', 'plus-sign', 'hex-number', 'undefined', 'trailing-comma', 'unquoted-keys'];
  const places = ['member', 'unknown-member', 'unknown-array'];
  const r = row('invalid not-json');
  for (const defect of defects) for (const place of places) assert.ok(perMille(r.places[`${defect}@${place}`] ?? 0, r.cases) >= 5, `${defect}@${place} in ${perMille(r.places[`${defect}@${place}`] ?? 0, r.cases)}‰`);
  for (const [index, run] of runs.entries()) {
    const seen = Object.entries(row('invalid not-json', run).places);
    for (const place of [...places, 'body']) assert.ok(seen.some(([key, n]) => key.endsWith(`@${place}`) && n > 0), `seed ${SEEDS[index]}: no not-json case in place ${place}`);
    // NaN and Infinity where no member is checked: what Python's json.loads defaults let through.
    assert.ok(seen.some(([key, n]) => /^(nan|infinity|negative-infinity)@unknown/.test(key) && n > 0), `seed ${SEEDS[index]}: no NaN or Infinity in an unknown member`);
  }
});
