// Where the suite's own files are, whether it runs from its TypeScript sources (a clone, through
// tsx) or from the built JavaScript (the installed package, under dist/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder that holds the suite's package.json. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== 'stop-cis-session-conformance') {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`the suite's package.json was not found above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** True when this file was compiled (dist/…/*.js), false when it runs from its .ts source. */
export const built = __filename.endsWith('.js');

/** The Playwright config certify runs: the compiled one in the package, the source in a clone. */
export function playwrightConfig(): string {
  return built ? join(packageRoot(), 'dist', 'playwright.config.js') : join(packageRoot(), 'playwright.config.ts');
}

export function suiteVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
