// Bundles the TypeScript entry points into dist/ so that `npm ci` alone leaves
// the CLI, the local twin and the benchmark runnable with plain node.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const entries = {
  cli: 'cli/main.ts',
  local: 'cli/local-main.ts',
  bench: 'scripts/bench.ts',
  sweep: 'scripts/robustness/sweep.ts',
};
const BUNDLED = new Set(['@peculiar/asn1-schema', '@peculiar/asn1-x509']);
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, p]) => existsSync(p)));

await build({
  entryPoints,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Shared code and lazily imported CLI commands go to chunks, so `vpn-doctor decode` does not
  // load the AWS SDK at start-up (about 0.5 s of CPU).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  target: 'node20',
  // Packages stay external (node_modules at run time), except the X.509 parser: loading it and
  // its CommonJS dependencies from node_modules cost ~0.25 s of CPU at every start (measured
  // under load), bundled it costs a few milliseconds.
  external: Object.keys({
    ...JSON.parse(readFileSync('package.json', 'utf8')).dependencies,
    ...JSON.parse(readFileSync('package.json', 'utf8')).devDependencies,
  }).filter((name) => !BUNDLED.has(name)),
  sourcemap: true,
  logLevel: 'warning',
});

// The dashboard SPA: dist/dashboard/ (index.html + assets/), served by the local twin and on AWS.
const { buildDashboard } = await import('./build-dashboard.mjs');
await buildDashboard();
