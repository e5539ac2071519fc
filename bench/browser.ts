// Runs bench/page/main.ts in headless Chromium (the Debian build, software WebGL = SwiftShader, like the webviews on
// a GPU-less machine): bundles it with esbuild into a temporary folder and calls its functions through Playwright.

import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

const here = dirname(fileURLToPath(import.meta.url));
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A demo photo as grey bytes, resized (nearest neighbour) to n×n, base64 for the page. */
export function photo(n: number, name = 'camera.png'): string {
  const png = PNG.sync.read(readFileSync(join(here, '..', 'demo', 'images', name)));
  const out = new Uint8Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const i = (Math.floor((r * png.height) / n) * png.width + Math.floor((c * png.width) / n)) * 4;
      out[r * n + c] = Math.round(0.299 * png.data[i] + 0.587 * png.data[i + 1] + 0.114 * png.data[i + 2]);
    }
  }
  return Buffer.from(out).toString('base64');
}

/** A demo photo as RGB bytes (3 per pixel), resized (nearest neighbour) to n×n, base64 for the page. */
export function photoRgb(n: number, name = 'camera.png'): string {
  const png = PNG.sync.read(readFileSync(join(here, '..', 'demo', 'images', name)));
  const out = new Uint8Array(3 * n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const i = (Math.floor((r * png.height) / n) * png.width + Math.floor((c * png.width) / n)) * 4;
      out.set([png.data[i], png.data[i + 1], png.data[i + 2]], (r * n + c) * 3);
    }
  }
  return Buffer.from(out).toString('base64');
}

/** A fresh nonce for the page's script-src, as the extension's webview/html.ts makes one per page load. */
const NONCE = Buffer.from(Array.from({ length: 16 }, () => Math.floor(Math.random() * 256))).toString('base64');

/**
 * The bench page's Content-Security-Policy: the webviews' own (src/extension/webview/html.ts: nonce-only scripts plus
 * 'wasm-unsafe-eval', `worker-src blob:` for the fast path's workers), and `connect-src` to this origin so the
 * baselines (tfjs's wasm backend, onnxruntime-web) can fetch their .wasm files.
 */
export const BENCH_CSP = [
  "default-src 'none'",
  `script-src 'nonce-${NONCE}' 'wasm-unsafe-eval'`,
  'worker-src blob:',
  `connect-src ${BENCH_ORIGIN()}`,
  `img-src ${BENCH_ORIGIN()} blob: data:`,
].join('; ');

function BENCH_ORIGIN(): string {
  return 'http://conv2d-bench.localhost';
}

/** Files the page may fetch besides its bundle: name → path on disk. */
const ASSETS: Record<string, string> = {};

/** Serves `file` at `<origin>/assets/<name>` (the baselines' .wasm binaries). */
export function serveAsset(name: string, file: string): string {
  ASSETS[name] = file;
  return `${BENCH_ORIGIN()}/assets/${name}`;
}

/**
 * Opens a page configured like a webview (same CSP, plus workers from blob:) with the bench bundle loaded by a
 * nonce'd script tag; `run` gets it, the browser is closed afterwards. The page is served by Playwright's request
 * interception from a made-up origin (nothing leaves the machine).
 */
export async function withBenchPage<T>(run: (page: Page) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'conv2d-bench-'));
  const outfile = join(dir, 'bench.js');
  buildSync({
    entryPoints: [join(here, 'page', 'main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    outfile,
    logLevel: 'silent',
  });
  const userDataDir = join(dir, 'profile');
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    args: ARGS,
    headless: true,
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const html = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${BENCH_CSP}"></head>
<body><script nonce="${NONCE}" src="${BENCH_ORIGIN()}/bench.js"></script></body></html>`;
    await page.route(`${BENCH_ORIGIN()}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
      if (path === '/bench.js') return route.fulfill({ contentType: 'text/javascript', body: readFileSync(outfile) });
      const asset = ASSETS[path.replace(/^\/assets\//, '')];
      if (asset) {
        const type = asset.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
        return route.fulfill({ contentType: type, body: readFileSync(asset) });
      }
      return route.fulfill({ status: 404, body: 'not found' });
    });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${BENCH_ORIGIN()}/index.html`);
    await page.waitForFunction('typeof bench === "object"', undefined, { timeout: 60_000 }).catch(() => {
      throw new Error(`the bench page did not load: ${errors.join('; ')}`);
    });
    return await run(page);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
