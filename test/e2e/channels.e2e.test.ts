// Channels in the real VS Code (issue 11's "Done when"): the Step panel and the hover on a corr2d_multi_in(X, K)
// call over 3-D literals (d2l §7.4.1: 56, 72, 104, 120 and the per-channel arithmetic), the same on other literals
// against the float64 reference, the named error of a channel mismatch with the panel still working, the kernel
// layout converter round trip (PyTorch [out, in, kh, kw] ⇄ TensorFlow [kh, kw, in, out]) through the palette and the
// hover, and the edge gallery on an RGB photo against a float64 reference decoded here with pngjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { corr2dMultiReference } from '../../src/core/channels';
import { parseLiteral } from '../../src/core/literal';
import {
  findInPalette,
  launch,
  openFile,
  openImage,
  runCommand,
  screenshot,
  setTheme,
  webviewFrame,
  type Session,
} from './harness';
import { eventually, goTo, grid, hoverTable, hoverWith, showHover, text, where } from './read';

const DEMO = join(import.meta.dirname, '..', '..', 'demo');
const STEP = 'Step Cross-Correlation';
const D2L = 'd2l_channels.py';
const D2L_TEXT = readFileSync(join(DEMO, D2L), 'utf8');

/** Three input channels 4×5 and a 2-output bank of 3×3 kernels, in the scratch file; and a mismatched pair. */
const X3 = [0, 1, 2].map((c) => [0, 1, 2, 3].map((r) => [0, 1, 2, 3, 4].map((q) => ((r * 5 + q + 3 * c) % 7) - 3)));
const K3 = [0, 1].map((o) =>
  [0, 1, 2].map((c) => [0, 1, 2].map((r) => [0, 1, 2].map((q) => ((o + c + r * 3 + q) % 3) - 1))),
);
const SCRATCH = 'channels-scratch.py';
const SCRATCH_TEXT = [
  '# Scratch file of test/e2e/channels.e2e.test.ts (deleted after the run).',
  `X3 = ${JSON.stringify(X3)}`,
  `K3 = ${JSON.stringify(K3)}`,
  'Y3 = corr2d_multi_in_out(X3, K3)',
  'X2 = [[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1, 0], [1, 0, 1], [0, 1, 0]]]',
  'Kbad = [[[1, 0], [0, 1]], [[1, 1], [1, 1]], [[2, 0], [0, 2]]]',
  'Ybad = corr2d_multi_in(X2, Kbad)',
  'W = [[[[1, 2], [3, 4]]], [[[5, 6], [7, 8]]]]',
  'print(W)',
  '',
].join('\n');

/** Opens the Step panel from the palette with the cursor on `needle` in `file`; returns its frame. */
async function stepAt(page: Page, file: string, source: string, needle: string): Promise<Frame> {
  await openFile(page, file);
  await goTo(page, where(source, needle, needle.indexOf('corr2d') + 2));
  await runCommand(page, `Conv2D: ${STEP}`);
  return webviewFrame(page, STEP);
}

/** The Y grid of output channel `o` (picked in the panel's output-channel select when there are several). */
async function outputChannel(frame: Frame, o: number, rows: number, cols: number): Promise<number[][]> {
  const pick = frame.getByTestId('out-channel');
  if (await pick.isVisible()) await pick.selectOption(String(o));
  return grid(frame, 'Y', rows, cols);
}

/** The scratch file as saved on disk, after Ctrl+S in its editor (the editor has focus after a command). */
async function saved(page: Page): Promise<string> {
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(300);
  return readFileSync(join(DEMO, SCRATCH), 'utf8');
}

/** Shape and flat values of the `W = …` literal in `source`. */
function weightIn(source: string): { shape: number[]; data: number[] } {
  const start = source.indexOf('W = ') + 4;
  const end = source.indexOf('\nprint(W)');
  const r = parseLiteral(source.slice(start, end), 'python');
  assert.ok(r.ok, r.ok ? '' : r.message);
  return { shape: r.shape, data: r.data };
}

/** RGB of a PNG as float64 planes in [0, 1] (pngjs, independent of the product's decoders). */
function rgbPlanes(path: string): { planes: number[][][]; h: number; w: number } {
  const png = PNG.sync.read(readFileSync(path));
  const planes = [0, 1, 2].map((c) =>
    Array.from({ length: png.height }, (_, y) =>
      Array.from({ length: png.width }, (_, x) => png.data[(y * png.width + x) * 4 + c] / 255),
    ),
  );
  return { planes, h: png.height, w: png.width };
}

describe('channels: Step, hover, layout converter and the edge gallery over real tensors (code-server, Chromium)', () => {
  let session: Session;
  let page: Page;

  before(async () => {
    writeFileSync(join(DEMO, SCRATCH), SCRATCH_TEXT);
    session = await launch({ theme: 'dark' });
    page = session.page;
  });
  after(async () => {
    await session?.close();
    rmSync(join(DEMO, SCRATCH), { force: true });
  });

  test('(i) Step on corr2d_multi_in(X, K) in d2l_channels.py: Y = [[56, 72], [104, 120]], "channel 0: 19 + channel 1: 37 = 56"', async () => {
    const frame = await stepAt(page, D2L, D2L_TEXT, 'print(corr2d_multi_in(X, K))');
    await eventually(
      () => grid(frame, 'Y', 2, 2),
      [
        [56, 72],
        [104, 120],
      ],
      'Y of d2l §7.4.1',
    );
    assert.match(await text(frame, 'source'), /X from d2l_channels\.py:\d+ corr2d_multi_in/);
    // The first step: each input channel's window sum, then their total (d2l §7.4.1).
    assert.match(await text(frame, 'arith'), /channel 0: 19 \+ channel 1: 37 = 56/);
    await screenshot(page, 'channels-step-d2l-741');
  });

  test('(ii) hover on that call: Y 2×2 with 56, 72, 104, 120 and the same shapes', async () => {
    await openFile(page, D2L);
    await goTo(page, where(D2L_TEXT, 'print(corr2d_multi_in(X, K))', 8));
    await showHover(page);
    const hover = hoverWith(page, 'corr2d_multi_in(X, K)');
    await hover.waitFor({ timeout: 15_000 });
    assert.match(await hover.innerText(), /X 2×3×3 ⋆ K 2×2×2 → Y 2×2/);
    assert.deepEqual(await hoverTable(hover), [
      [56, 72],
      [104, 120],
    ]);
    await screenshot(page, 'channels-hover-d2l-741');
    await page.keyboard.press('Escape');
  });

  test('Step on corr2d_multi_in_out(X3, K3): x=[3,4,5] k=[2,3,3,3] — both output channels equal the float64 reference', async () => {
    const frame = await stepAt(page, SCRATCH, SCRATCH_TEXT, 'corr2d_multi_in_out(X3, K3)');
    const want = corr2dMultiReference(X3, K3);
    for (const o of [0, 1]) {
      await eventually(() => outputChannel(frame, o, 2, 3), want[o], `Y of output channel ${o}`);
    }
    assert.equal(await frame.getByTestId('X-0').isVisible(), true, 'X shown as a stack of channel grids');
  });

  test('(v) a channel mismatch (X 2 channels, K 3) is named in the panel; the panel keeps working', async () => {
    const frame = await stepAt(page, SCRATCH, SCRATCH_TEXT, 'corr2d_multi_in(X2, Kbad)');
    await frame
      .getByTestId('error')
      .filter({ hasText: /K has 3 input channels but X has 2 channels: .*Give K 2 kernels per output channel/ })
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'channels-mismatch');
    // The panel still steps: the §7.4.1 example from the picker.
    await frame.getByTestId('example').selectOption('d2l-741');
    await eventually(
      () => grid(frame, 'Y', 2, 2),
      [
        [56, 72],
        [104, 120],
      ],
      'Y after picking the §7.4.1 example',
    );
  });

  test('(iv) layout round trip: W (2,1,2,2) → TensorFlow [2,2,1,2] = [1,5,2,6,3,7,4,8] (palette) → back (hover link)', async () => {
    await openFile(page, SCRATCH);
    await goTo(page, where(SCRATCH_TEXT, 'W = [[[[1', 6));
    // The command asks which way with a Quick Pick of its own, so the palette does not simply close.
    await findInPalette(page, 'Conv2D: Convert Kernel Layout (PyTorch ⇄ TensorFlow)');
    await page.keyboard.press('Enter');
    const pick = page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ hasText: 'To TensorFlow [kh, kw, in, out]' })
      .first();
    await pick.click({ timeout: 15_000 });
    await eventually(
      async () => weightIn(await saved(page)),
      { shape: [2, 2, 1, 2], data: [1, 5, 2, 6, 3, 7, 4, 8] },
      'the literal rewritten as a TensorFlow filter',
    );

    const converted = readFileSync(join(DEMO, SCRATCH), 'utf8');
    await goTo(page, where(converted, 'W = [[[[1', 6));
    await showHover(page);
    const hover = hoverWith(page, 'As a PyTorch weight');
    await hover.waitFor({ timeout: 15_000 });
    await hover.getByRole('link', { name: 'Read as TensorFlow, convert to PyTorch' }).click();
    await eventually(
      async () => weightIn(await saved(page)),
      { shape: [2, 1, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8] },
      'the literal back as the PyTorch weight',
    );
  });

  test('(iii) edge gallery on chelsea.png: every feature map matches a float64 reference within 1e-3 at sample pixels', async () => {
    const { planes, h, w } = rgbPlanes(join(DEMO, 'images', 'chelsea.png'));
    const luma = planes[0].map((row, y) =>
      row.map((r, x) => 0.299 * r + 0.587 * planes[1][y][x] + 0.114 * planes[2][y][x]),
    );
    await openImage(session, 'images/chelsea.png');
    const frame = await webviewFrame(page, 'Detect Edges');
    await frame
      .getByTestId('stats')
      .filter({ hasText: `Y: ${h}×${w - 1}` })
      .waitFor({ timeout: 120_000 });
    await frame.getByTestId('colour-channels').waitFor({ timeout: 30_000 });
    await frame.getByTestId('gallery-on').check();
    // Sobel x, Sobel y, Laplacian on the luma; R − G over the three channels (a 3-channel 1×1 kernel).
    const sobelX = [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ];
    const filters: { X: number[][][]; K: number[][][][] }[] = [
      { X: [luma], K: [[sobelX]] },
      {
        X: [luma],
        K: [
          [
            [
              [-1, -2, -1],
              [0, 0, 0],
              [1, 2, 1],
            ],
          ],
        ],
      },
      {
        X: [luma],
        K: [
          [
            [
              [0, 1, 0],
              [1, -4, 1],
              [0, 1, 0],
            ],
          ],
        ],
      },
      { X: planes, K: [[[[1]], [[-1]], [[0]]]] },
    ];
    const samples: [number, number][] = [
      [0, 0],
      [120, 200],
      [h - 3, w - 3],
      [57, 311],
    ];
    for (const [i, j] of samples) {
      await frame.getByTestId('inspect-row').fill(String(i));
      await frame.getByTestId('inspect-col').fill(String(j));
      for (const [k, f] of filters.entries()) {
        const value = frame.getByTestId(`gallery-value-${k}`);
        await value.filter({ hasText: `[${i}, ${j}] = ` }).waitFor({ timeout: 30_000 });
        const got = Number(await value.getAttribute('data-value'));
        const win = f.X.map((P) =>
          P.slice(i, i + f.K[0][0].length).map((row) => row.slice(j, j + f.K[0][0][0].length)),
        );
        const want = corr2dMultiReference(win, f.K)[0][0][0];
        assert.ok(Math.abs(got - want) <= 1e-3, `map ${k} at [${i}, ${j}]: ${got} vs float64 ${want}`);
      }
    }
    assert.match(await text(frame, 'gallery-value-3'), /R .* \+ G .* \+ B .* = /);
    await frame.getByTestId('gallery-canvas-0').scrollIntoViewIfNeeded();
    await screenshot(page, 'channels-gallery-dark');
    await setTheme(session, 'light');
    await screenshot(page, 'channels-gallery-light');
  });
});
