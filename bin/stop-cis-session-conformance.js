#!/usr/bin/env node
// The package's command: the compiled suite (dist/, built by `npm run build`, which `npm pack`
// runs). Nothing is compiled when it runs. In a clone, `npm run certify` runs the TypeScript
// sources through tsx instead; this file needs a build there first.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('stop-cis-session-conformance: the suite is not built (dist/ is missing); in a clone of the suite, run `npm run build`, or use `npm run certify`.\n');
  process.exit(2);
}
require(main);
