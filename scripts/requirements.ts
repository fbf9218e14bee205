// Writes REQUIREMENTS.md from src/checks/requirements.ts, the check registry and the variant
// catalogue (npm run requirements): what the verdict rests on, which checks judge each
// requirement, and which faulty variants prove those checks. `--check` compares instead of
// writing and exits 1 when the committed file is stale; a self-test runs it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checks } from '../src/checks';
import { beforeJudging, levels, requirementIds, requirements, sessions, sources, type Level } from '../src/checks/requirements';
import { variants } from '../src/reference/variants';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderRequirements(): string {
  const out: string[] = [
    '# Requirements',
    '',
    '<!-- Generated from src/checks/requirements.ts, the check registry and the variant catalogue by `npm run requirements`; do not edit by hand. -->',
    '',
    'What the StopCisSession conformance suite holds an implementation of `PUT /cissession/stop` (Amazon Inspector, AWS restJson1, SigV4 service `inspector2`) to. Every check names one requirement below; every output of a run (exit code, `conformance.json`, `conformance.html`, `junit.xml`, `summary.md`) groups its results by them.',
    '',
    '## Sources, in order of authority',
    '',
    ...sources.map((source, i) => `${i + 1}. ${source}`),
    '',
    '## Levels',
    '',
    ...(Object.entries(levels) as [Level, string][]).map(([level, words]) => `- **${level}**: ${words}`),
    '',
    '## Before judging',
    '',
    beforeJudging,
    '',
    '## Sessions',
    '',
    sessions,
    '',
  ];
  for (const level of ['MUST', 'SHOULD', 'TOLERATED'] as const) {
    out.push(`## ${level}`, '', '| id | requirement | source | checks | faulty variants that prove them |', '|---|---|---|---|---|');
    for (const id of requirementIds.filter((i) => requirements[i].level === level)) {
      const req = requirements[id];
      const judging = checks.filter((c) => c.requirement === id).map((c) => `\`${c.name}\`${c.kind === 'run-wide' ? ' (run-wide)' : ''}`);
      const proving = variants.filter((v) => v.kind === 'faulty' && v.violates === id).map((v) => `\`${v.name}\``);
      out.push(`| ${id} | ${cell(req.words)} | ${cell(req.source)} | ${judging.join(', ') || '—'} | ${level === 'TOLERATED' ? 'never judged' : proving.join(', ') || '—'} |`);
    }
    out.push('');
  }
  out.push(
    '## Checks',
    '',
    '| check | id | level | what it asserts |',
    '|---|---|---|---|',
    ...checks.map((c) => `| \`${c.name}\` | ${c.requirement} | ${requirements[c.requirement].level} | ${cell(c.title)} |`),
    '',
    '## Conforming variants',
    '',
    'Implementations that make other TOLERATED choices than the reference. Each must be certified conformant with no failed check (`npm run mutation-score`).',
    '',
    ...variants.filter((v) => v.kind === 'conforming').map((v) => `- \`${v.name}\`: ${cell(v.description)}`),
    '',
    '`npm run mutation-score` certifies the reference, every conforming variant and every faulty one, and requires each fault caught under the requirement it violates, no false alarm, and every run\'s outputs to agree.',
    '',
  );
  return out.join('\n');
}

if (require.main === module) {
  const path = join(__dirname, '..', 'REQUIREMENTS.md');
  const text = renderRequirements();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing: stale
    }
    if (current !== text) {
      process.stderr.write('REQUIREMENTS.md is stale: run `npm run requirements`.\n');
      process.exit(1);
    }
  } else {
    writeFileSync(path, text);
  }
}
