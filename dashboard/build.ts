/**
 * Builds the dashboard (dashboard/src) into a static site: index.html, one minified JS bundle and one CSS
 * file with content hashes in their names (so a CDN may cache them for good while index.html stays fresh).
 * The CDK app calls buildDashboardSync during synth; the local server and the bench call it too.
 */
import { buildSync } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

const ENTRY = join(__dirname, 'src', 'main.tsx');

export interface DashboardBuild {
  /** Paths relative to outDir. */
  readonly js: string;
  readonly css: string;
}

function indexHtml(js: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dateline</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/${css}">
<script type="module" src="/${js}"></script>
</head>
<body>
<div id="app"><p class="state">Loading Dateline…</p></div>
<noscript>The Dateline dashboard needs JavaScript.</noscript>
</body>
</html>
`;
}

/** Writes the site to outDir (emptied first). */
export function buildDashboardSync(outDir: string): void {
  buildDashboardDetailed(outDir);
}

export function buildDashboardDetailed(outDir: string): DashboardBuild {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  // Metafile paths are relative to the working directory.
  const outputs = Object.keys(result.metafile.outputs).map((p) =>
    relative(resolve(outDir), resolve(p)).split('\\').join('/'),
  );
  const js = outputs.find((p) => p.endsWith('.js'));
  const css = outputs.find((p) => p.endsWith('.css'));
  if (!js || !css) throw new Error(`dashboard build produced ${outputs.map((p) => basename(p)).join(', ')}`);
  writeFileSync(join(outDir, 'index.html'), indexHtml(js, css));
  return { js, css };
}
