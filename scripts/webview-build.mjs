// esbuild options of the webview bundles, shared by scripts/build.mjs and the benchmark's production build of them
// (bench/activation.ts), so the sizes it reports are those of the bundles the package ships.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Webview entries: webview-ui/<name>/main.tsx (or main.ts) → <name>.js, one per folder that has one. */
export function webviewEntries(root) {
  const dir = join(root, 'webview-ui');
  const entries = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const main = ['main.tsx', 'main.ts'].map((f) => join(dir, d.name, f)).find((f) => d.isDirectory() && existsSync(f));
    if (main) entries.push({ in: main, out: d.name });
  }
  return entries;
}

/**
 * ES modules with code splitting: what the four views share (TensorFlow.js, the fast path, the shared UI) is one set
 * of chunks under chunks/, loaded once per webview instead of bundled four times. Each page loads its entry with
 * <script type="module" nonce=…> (src/extension/webview/html.ts); the static imports of the chunks inherit that nonce
 * (HTML spec, "script fetch options" of descendant module scripts), so the CSP stays nonce-only.
 */
export function webviewOptions(root, outdir) {
  return {
    bundle: true,
    entryPoints: webviewEntries(root),
    outdir,
    platform: 'browser',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'chrome120',
    // Preact's automatic JSX runtime (webview-ui is written in .tsx).
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
  };
}
