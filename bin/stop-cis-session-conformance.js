#!/usr/bin/env node
// The package's command. The suite is TypeScript run through tsx (no build step), so the same
// sources serve `npm run certify` in a clone and `npx stop-cis-session-conformance certify` in a
// project that installed the package.
const { register } = require('tsx/cjs/api');
register();
require('../src/cli/main.ts');
