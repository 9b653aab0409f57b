// Builds the dashboard single-page app: lambdas/dashboard/main.ts bundled by esbuild into
// dist/dashboard/assets/app.js, app.css with its imports (styles/) into assets/app.css (not
// minified: rules stay as written, readable in the browser), index.html copied beside them.
// No CDN: the output works offline and under the page's Content-Security-Policy ('self' only).
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildDashboard(outDir = join(root, 'dist', 'dashboard')) {
  const src = join(root, 'lambdas', 'dashboard');
  await mkdir(join(outDir, 'assets'), { recursive: true });
  await build({
    entryPoints: [join(src, 'main.ts')],
    outfile: join(outDir, 'assets', 'app.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(src, 'app.css')],
    outfile: join(outDir, 'assets', 'app.css'),
    bundle: true,
    target: ['chrome100', 'firefox100', 'safari15'],
    logLevel: 'warning',
  });
  await copyFile(join(src, 'index.html'), join(outDir, 'index.html'));
  return outDir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildDashboard();
}
