// One esbuild script for every bundle: the extension host twice — for Node (package.json "main", desktop and remote
// hosts) and for a web worker ("browser", vscode.dev and github.dev) — and one browser bundle per webview (each folder of webview-ui/ that has a main.tsx). Flags: --production (minify, no sourcemaps),
// --watch, --analyze (what is big in each webview bundle, from esbuild's metafile). Every build prints the webview
// bundle sizes against the 700 kB goal of issue 7 (meaningful with --production: the unminified ones are larger).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWasm } from './build-wasm.mjs';
import { webHostOptions } from './web-host.mjs';
import { webviewOptions } from './webview-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const analyze = process.argv.includes('--analyze');
/** Goal of issue 7 for each minified webview bundle. */
const WEBVIEW_BUDGET_KB = 700;

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

const configs = [
  {
    ...common,
    entryPoints: [join(root, 'src/extension/extension.ts')],
    outfile: join(root, 'dist/extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  { ...common, ...webHostOptions(root) },
  // Webview bundles: webview-ui/<name>/main.tsx → dist/webview/<name>.js, plus <name>.css from the stylesheets it
  // imports (the page links it: the CSP allows styles from the extension's own files, not inline ones).
  { ...common, ...webviewOptions(root, join(root, 'dist/webview')) },
];

// Extension-host tests run inside VS Code: bundle them like the host (cjs, `vscode` external).
const vscodeTests = join(root, 'test/vscode');
if (existsSync(vscodeTests)) {
  configs.push({
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: readdirSync(vscodeTests)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(vscodeTests, f)),
    outdir: join(root, 'dist/test/vscode'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

/**
 * Static assets the webviews load by URI (the codicons). The tfjs wasm backend's binaries are not among them: no view
 * runs that backend (the 'wasm' setting means the fast path, whose kernels are inside the bundle).
 */
function copyAssets() {
  const out = join(root, 'dist/webview/assets');
  rmSync(out, { recursive: true, force: true });
  rmSync(join(root, 'dist/webview/chunks'), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const files = [
    ['node_modules/@vscode/codicons/dist/codicon.css', 'codicon.css'],
    ['node_modules/@vscode/codicons/dist/codicon.ttf', 'codicon.ttf'],
  ];
  for (const [from, to] of files) {
    if (existsSync(join(root, from))) copyFileSync(join(root, from), join(out, to));
  }
}

// The fast path's WebAssembly (AssemblyScript → src/core/fast/generated/kernels.ts) is an input of the bundles.
await buildWasm();
copyAssets();
if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  // The webview bundles are the one build with a metafile.
  await reportSizes(results.find((r) => r.metafile).metafile);
}

/**
 * One line per webview entry and shared chunk, then what each view loads in all (its entry plus the chunks it imports,
 * against the budget) and the total shipped; with --analyze, esbuild's breakdown by input.
 */
async function reportSizes(metafile) {
  const outputs = Object.entries(metafile.outputs).filter(([f]) => f.endsWith('.js'));
  const byName = new Map(outputs.map(([f, o]) => [f, o]));
  /** The bytes a page loads for an entry: itself and every chunk it imports, transitively. */
  const loaded = (file, seen = new Set()) => {
    if (seen.has(file)) return 0;
    seen.add(file);
    const o = byName.get(file);
    return (
      o.bytes + o.imports.filter((i) => i.kind === 'import-statement').reduce((s, i) => s + loaded(i.path, seen), 0)
    );
  };
  let total = 0;
  for (const [file, out] of outputs) {
    total += out.bytes;
    console.log(`  ${file.split('/').slice(-2).join('/')} ${(out.bytes / 1000).toFixed(0)} kB`);
  }
  console.log(`  all webview scripts together: ${(total / 1000).toFixed(0)} kB`);
  for (const [file, out] of outputs) {
    if (!out.entryPoint) continue;
    const kB = loaded(file) / 1000;
    // The budget is for what ships (minified); a development build only reports its size.
    const verdict = !production
      ? 'unminified; the budget applies to --production'
      : kB <= WEBVIEW_BUDGET_KB
        ? `within the ${WEBVIEW_BUDGET_KB} kB budget`
        : `OVER the ${WEBVIEW_BUDGET_KB} kB budget`;
    console.log(`  a ${file.split('/').pop()} page loads ${kB.toFixed(0)} kB (${verdict})`);
  }
  if (analyze) console.log(await esbuild.analyzeMetafile(metafile));
}
