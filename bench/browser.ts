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

/** Opens a page with the bench bundle loaded; `run` gets it, the browser is closed afterwards. */
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
    await page.setContent('<!doctype html><body></body>');
    await page.addScriptTag({ path: outfile });
    return await run(page);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
