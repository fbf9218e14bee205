// Preloaded into every node process of a certify run by bench/memory.ts (NODE_OPTIONS=--require):
// samples process.memoryUsage() every 50 ms and, when the process exits, writes its peaks, the
// modules it loaded (by package) and its series to $MEMORY_PROBE_DIR/<pid>.json. With --expose-gc
// in NODE_OPTIONS too, `live` is the heap left after a full collection, sampled every 250 ms
// (slower: for finding what a process keeps, not for timing).
'use strict';
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.MEMORY_PROBE_DIR;
if (dir) {
  const started = Date.now();
  const MB = 2 ** 20;
  const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0, live: 0 };
  const series = [];
  const sample = () => {
    const m = process.memoryUsage();
    for (const key of ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers']) peak[key] = Math.max(peak[key], m[key]);
    series.push([Date.now() - started, Math.round(m.rss / MB), Math.round(m.heapUsed / MB), Math.round(m.heapTotal / MB)]);
  };
  setInterval(sample, 50).unref();
  if (typeof global.gc === 'function') {
    setInterval(() => {
      global.gc();
      peak.live = Math.max(peak.live, process.memoryUsage().heapUsed);
    }, 250).unref();
  }
  process.on('exit', () => {
    sample();
    const packages = {};
    for (const file of Object.keys(require.cache)) {
      const inModules = /node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(file);
      const key = inModules ? inModules[1] : /[/\\](src|suites|bench|schemas)[/\\]/.test(file) ? `(suite) ${/[/\\](src[/\\][^/\\]+|suites|bench|schemas)/.exec(file)[1]}` : '(other)';
      packages[key] = (packages[key] ?? 0) + 1;
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `${process.pid}.json`),
      JSON.stringify({
        pid: process.pid,
        argv: process.argv.slice(1).join(' '),
        ms: Date.now() - started,
        peakMB: Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v / MB)])),
        modules: Object.keys(require.cache).length,
        packages,
        series,
      }),
    );
  });
}
