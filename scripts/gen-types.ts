// Generates TypeScript types from the schemas (npm run gen:types). `--check` compares instead of
// writing, and exits 1 when the committed types are stale; a self-test runs it.
import { compileFromFile } from 'json-schema-to-typescript';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';

const root = join(__dirname, '..');
const outDir = join(root, 'src', 'types', 'generated');
const sources = [
  'schemas/stop-cis-session-request.schema.json',
  'schemas/start-cis-session-request.schema.json',
  'schemas/errors/ValidationException.schema.json',
  'schemas/errors/AccessDeniedException.schema.json',
  'schemas/errors/ConflictException.schema.json',
  'schemas/errors/ThrottlingException.schema.json',
  'schemas/errors/InternalServerException.schema.json',
];

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  mkdirSync(outDir, { recursive: true });
  const stale: string[] = [];
  for (const source of sources) {
    const ts = await compileFromFile(join(root, source), {
      bannerComment: `/* Generated from ${source} by \`npm run gen:types\`. Do not edit. */`,
      additionalProperties: false,
      cwd: join(root, 'schemas'),
      style: { singleQuote: true },
    });
    const out = join(outDir, basename(source).replace('.schema.json', '.ts'));
    if (check) {
      if (!existsSync(out) || readFileSync(out, 'utf8') !== ts) stale.push(out);
    } else {
      writeFileSync(out, ts);
    }
  }
  if (stale.length > 0) {
    console.error(`The generated types are stale: ${stale.join(', ')}. Run \`npm run gen:types\` and commit the result.`);
    process.exit(1);
  }
  if (check) console.log('generated types are up to date');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
