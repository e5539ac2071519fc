// The web extension (issue 14, item 1) in a real VS Code: the packed .vsix rewritten so its manifest has only the
// "browser" entry (no "main"), installed into code-server, where VS Code can then run it only in the web worker
// extension host — as vscode.dev and github.dev do. There: "Developer: Show Running Extensions" places it on the web
// worker and its log's activation line says so (uiKind Web, no `process`); the Step panel steps Fig. 5.1 (Y = 19, 25,
// 37, 43); a hover over the 6×8 edge image of demo/d2l_conv.py shows "matrix 6×8", its values and a heat map PNG
// (encoded in the worker) of 8×8-pixel cells; Detect Edges on images/camera.png (loaded through asWebviewUri) reads its
// caption and min/max against a float64 pngjs reference. Expected numbers: the (Fig. 5.1) and references
// computed here from the files, not by the product.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { fig51K, fig51X } from '../../src/core/fixtures';
import { corr2dReference } from '../../src/core/reference';
import { corr2dPixel, readGrayPng } from '../helpers/image-reference';
import { vsixContents, webOnlyVsix } from '../helpers/web-vsix';
import {
  extensionPackage,
  launch,
  openFile,
  openImage,
  runCommand,
  runCommandKeepOpen,
  runningExtension,
  screenshot,
  setTheme,
  webviewFrame,
  type Session,
} from './harness';
import { goTo, grid, hoverTable, hoverWith, num, showHover, text, where } from './read';

const DEMO_DIR = join(import.meta.dirname, '..', '..', 'demo');
const PY = readFileSync(join(DEMO_DIR, 'd2l_conv.py'), 'utf8');
const EDGE_LINE = 'X = [[1, 1, 0, 0, 0, 0, 1, 1],';
const TOL = 1e-3;

/** The 6×8 edge image as d2l_conv.py writes it, read with a regex (not the product's parser). */
function edgeImage(): number[][] {
  const m = /^X = (\[\[1, 1, 0[^=]*?\]\])$/m.exec(PY);
  assert.ok(m, 'the 6×8 edge image is not in d2l_conv.py');
  return [...m[1].matchAll(/\[([^[\]]*)\]/g)].map((r) => r[1].split(',').map((s) => Number(s.trim())));
}

/** The highlighted cell of Y: "r,c" and its value. */
async function currentY(frame: Frame): Promise<{ at: string; value: number }> {
  const td = frame.locator('[data-testid="Y"] td.hl');
  assert.equal(await td.count(), 1, 'exactly one output cell highlighted');
  return {
    at: `${await td.getAttribute('data-r')},${await td.getAttribute('data-c')}`,
    value: num(await td.textContent()),
  };
}

/** The text of the log channel `channel` in the Output view, once it contains `expect`. */
async function outputText(page: Page, channel: string, expect: string): Promise<string> {
  await runCommandKeepOpen(page, 'Output: Show Output Channels...');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(channel);
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${channel}$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
  const lines = page.locator('.part.panel .monaco-editor .view-lines', { hasText: expect }).first();
  await lines.waitFor({ state: 'visible', timeout: 15_000 });
  return ((await lines.innerText()) ?? '').replace(/\u00a0/g, ' ');
}

/** Min and max of the 'valid' cross-correlation of a grayscale image with K (float64, every output pixel). */
function referenceRange(path: string, K: number[][]): { h: number; w: number; min: number; max: number } {
  const img = readGrayPng(path);
  let [min, max] = [Infinity, -Infinity];
  for (let i = 0; i + K.length <= img.h; i++) {
    for (let j = 0; j + K[0].length <= img.w; j++) {
      const v = corr2dPixel(img, K, i, j);
      [min, max] = [Math.min(min, v), Math.max(max, v)];
    }
  }
  return { h: img.h - K.length + 1, w: img.w - K[0].length + 1, min, max };
}

describe('web extension: only the "browser" entry, in the web worker extension host of code-server', () => {
  let session: Session;
  let page: Page;
  let packed: string;
  let webVsix: string;

  before(async () => {
    packed = extensionPackage();
    webVsix = join(dirname(packed), 'conv2d-lens-web.vsix');
    writeFileSync(webVsix, webOnlyVsix(readFileSync(packed)));
    session = await launch({ theme: 'dark', vsix: webVsix });
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  test('the packed .vsix has "main" and "browser" and both bundles; the installed variant only "browser"', () => {
    const both = vsixContents(readFileSync(packed));
    assert.equal(both.manifest.main, './dist/extension.js');
    assert.equal(both.manifest.browser, './dist/web/extension.js');
    for (const f of ['extension/dist/extension.js', 'extension/dist/web/extension.js']) {
      assert.ok(both.files.includes(f), `${f} is in the .vsix`);
    }
    const web = vsixContents(readFileSync(webVsix));
    assert.equal(web.manifest.main, undefined);
    assert.equal(web.manifest.browser, './dist/web/extension.js');
  });

  test('Step Cross-Correlation on Fig. 5.1 X=[3,3] K=[2,2] valid: steps read Y = 19, 25, 37, 43', async () => {
    await runCommand(page, 'Conv2D: Step Cross-Correlation');
    const frame = await webviewFrame(page, 'Step Cross-Correlation', 60_000);
    await frame.getByTestId('Y-1-1').waitFor({ timeout: 60_000 });
    assert.deepEqual(await grid(frame, 'X', 3, 3), fig51X());
    assert.deepEqual(await grid(frame, 'K', 2, 2), fig51K());
    const expected = corr2dReference(fig51X(), fig51K());
    const seen: number[] = [];
    for (let k = 0; k < 4; k++) {
      if (k > 0) await frame.getByTestId('step-forward').click();
      const cur = await currentY(frame);
      assert.equal(cur.at, `${Math.floor(k / 2)},${k % 2}`, `step ${k + 1}`);
      seen.push(cur.value);
    }
    assert.deepEqual(seen, [19, 25, 37, 43]);
    assert.deepEqual(seen, expected.flat());
    assert.equal(await text(frame, 'arith'), '4×0 + 5×1 + 7×2 + 8×3 = 43');
    await screenshot(page, 'web-step-fig51-dark');
  });

  test('Running Extensions puts Conv2D Lens on the web worker; its log: "web worker", uiKind Web, no process', async () => {
    const row = await runningExtension(page, 'Conv2D Lens');
    assert.ok(row, 'Conv2D Lens is not among the running extensions');
    assert.match(row, /web worker/);
    const log = await outputText(page, 'Conv2D Lens', 'activated in the');
    assert.match(log, /activated in the web worker extension host \(vscode\.env\.uiKind Web, no process\)/);
    await screenshot(page, 'web-log-dark');
  });

  test('hover on a 0 of the edge image X=[6,8] in d2l_conv.py: "matrix 6×8", its values, a 64×48 heat map', async () => {
    const X = edgeImage();
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'd2l_conv.py');
    await goTo(page, where(PY, EDGE_LINE, EDGE_LINE.indexOf('0')));
    await showHover(page);
    const hover = hoverWith(page, 'matrix 6×8');
    await hover.waitFor({ timeout: 30_000 });
    assert.deepEqual(await hoverTable(hover), X);
    const src = (await hover.locator('img[alt="heat map 6×8"]').getAttribute('src')) ?? '';
    const b64 = /^data:image\/png;base64,(.+)$/.exec(src)?.[1];
    assert.ok(b64, `the heat map is a PNG data URI: ${src.slice(0, 60)}`);
    // Decoded by pngjs here: 8 px per cell (64 px / 8 columns), cells of 0 and 1 at the two ends of viridis.
    const png = PNG.sync.read(Buffer.from(b64, 'base64'));
    assert.deepEqual([png.width, png.height], [64, 48]);
    const px = (r: number, c: number) => [
      ...png.data.subarray(((r * 8 + 4) * 64 + c * 8 + 4) * 4, ((r * 8 + 4) * 64 + c * 8 + 4) * 4 + 3),
    ];
    for (const [r, c] of [
      [0, 0],
      [5, 7],
    ])
      assert.deepEqual(px(r, c), px(0, 1), `X[${r}][${c}] = 1 has the colour of X[0][1]`);
    assert.notDeepEqual(px(0, 2), px(0, 0), 'a 0 and a 1 differ in colour');
    await screenshot(page, 'web-hover-dark');
    await page.keyboard.press('Escape');
  });

  test('Detect Edges in Image on images/camera.png: caption names the file and BT.601; min/max = float64 reference', async () => {
    await openImage(session, 'images/camera.png');
    const frame = await webviewFrame(page, 'Detect Edges', 60_000);
    const stats = frame.locator('[data-testid="stats"]');
    await stats.filter({ hasText: /^Y: 5\d\d×5\d\d/ }).waitFor({ timeout: 90_000 });
    // The kernel's cells are inputs: read their values row by row (the panel opens on the book's K = [1, −1]).
    const K = await frame
      .locator('[data-testid="K"] tr')
      .evaluateAll((trs) =>
        trs
          .map((tr) => Array.from(tr.querySelectorAll('input')).map((i) => Number(i.value.replace(/\u2212/g, '-'))))
          .filter((row) => row.length > 0),
      );
    assert.deepEqual(K, [[1, -1]]);
    const ref = referenceRange(join(session.server.folder, 'images', 'camera.png'), K);
    const caption = (await frame.getByTestId('caption').textContent()) ?? '';
    const [h, w] = [ref.h + K.length - 1, ref.w + K[0].length - 1];
    assert.match(caption, new RegExp(`^camera\\.png: ${h}×${w} px`));
    assert.match(caption, /0\.299 R \+ 0\.587 G \+ 0\.114 B/);
    const shown = (await stats.textContent()) ?? '';
    assert.match(shown, new RegExp(`^Y: ${ref.h}×${ref.w} `), `K = ${JSON.stringify(K)}`);
    const [min, max] = [/min (\S+)/, /max (\S+)/].map((re) => num(re.exec(shown)?.[1] ?? 'NaN'));
    assert.ok(Math.abs(min - ref.min) <= TOL, `min ${min} vs reference ${ref.min}`);
    assert.ok(Math.abs(max - ref.max) <= TOL, `max ${max} vs reference ${ref.max}`);
    await screenshot(page, 'web-edges-camera-dark');
    await setTheme(session, 'light');
    await screenshot(page, 'web-edges-camera-light');
  });
});
