// "Conv2D: Detect Edges" in a real VS Code (code-server, Chromium): the book's 6×8 example (±1 at the edges, zeros
// after transposing X), camera.png picked in VS Code's file dialog and checked pixel by pixel against a float64
// reference computed here from the PNG (pngjs, same BT.601 grayscale, intensities in [0, 1]), a broken JPEG that
// must give a clear error while the panel keeps working, and screenshots in the light and dark themes.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import { launch, openImage, runCommand, screenshot, setTheme, webviewFrame, type Session } from './harness';
import { grid, num } from './read';
import { corr2dPixel, readGrayPng, type GrayReference } from '../helpers/image-reference';

const TITLE = 'Detect Edges';
const TOL = 1e-3;
const SOBEL_X = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];

async function waitForStats(frame: Frame, prefix: string, timeout = 60_000): Promise<string> {
  const stats = frame.locator('[data-testid="stats"]');
  await stats.filter({ hasText: prefix }).waitFor({ timeout });
  return (await stats.textContent()) ?? '';
}

/** The output value at (i, j), read through the "Inspect output pixel" inputs and the probe. */
async function probe(frame: Frame, i: number, j: number): Promise<number> {
  await frame.locator('[data-testid="inspect-row"]').fill(String(i));
  await frame.locator('[data-testid="inspect-col"]').fill(String(j));
  const p = frame.locator('[data-testid="probe"]');
  await p.filter({ hasText: `Y[${i}, ${j}] = ` }).waitFor({ timeout: 5_000 });
  const text = (await p.textContent()) ?? '';
  const fromText = num(/= (\S+) ·/.exec(text)?.[1] ?? 'NaN');
  const exact = Number(await p.getAttribute('data-value'));
  assert.ok(
    Math.abs(fromText - exact) <= 1e-5 * Math.max(1, Math.abs(exact)),
    `probe text ${text} vs data-value ${exact}`,
  );
  return exact;
}

/** The pixels to compare: fixed ones plus the strongest response of either sign, found in the reference. */
function pixelsToCheck(ref: GrayReference, K: number[][]): Array<[number, number]> {
  const outH = ref.h - K.length + 1;
  const outW = ref.w - K[0].length + 1;
  let best: [number, number] = [0, 0];
  let worst: [number, number] = [0, 0];
  let hi = -Infinity;
  let lo = Infinity;
  for (let i = 0; i < outH; i += 1) {
    for (let j = 0; j < outW; j += 1) {
      const v = corr2dPixel(ref, K, i, j);
      if (v > hi) [hi, best] = [v, [i, j]];
      if (v < lo) [lo, worst] = [v, [i, j]];
    }
  }
  const inside = (i: number, j: number): [number, number] => [Math.min(i, outH - 1), Math.min(j, outW - 1)];
  return [[0, 0], inside(100, 200), inside(256, 256), [outH - 1, outW - 1], best, worst];
}

function rangeOf(ref: GrayReference, K: number[][]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i + K.length <= ref.h; i++) {
    for (let j = 0; j + K[0].length <= ref.w; j++) {
      const v = corr2dPixel(ref, K, i, j);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return { min, max };
}

/**
 * Asserts the panel's Y against the float64 reference of `ref` ⋆ `K`: the min and max in `stats` and the output
 * pixels of pixelsToCheck (read through the probe), each within TOL.
 */
async function expectReference(
  frame: Frame,
  stats: string,
  ref: GrayReference,
  K: number[][],
  name: string,
): Promise<void> {
  const { min, max } = rangeOf(ref, K);
  const [gotMin, gotMax] = [/min (\S+)/, /max (\S+)/].map((re) => num(re.exec(stats)?.[1] ?? 'NaN'));
  assert.ok(
    Math.abs(gotMin - min) <= TOL && Math.abs(gotMax - max) <= TOL,
    `${name}: stats "${stats}" vs min ${min} max ${max}`,
  );
  for (const [i, j] of pixelsToCheck(ref, K)) {
    const want = corr2dPixel(ref, K, i, j);
    const got = await probe(frame, i, j);
    assert.ok(Math.abs(got - want) <= TOL, `${name}: Y[${i}, ${j}] = ${got}, reference ${want}`);
  }
}

describe('edges: "Conv2D: Detect Edges" in VS Code (code-server, Chromium)', () => {
  let session: Session;
  let frame: Frame;
  let camera: GrayReference;

  before(async () => {
    session = await launch({ theme: 'light' });
    camera = readGrayPng(join(session.server.folder, 'images', 'camera.png'));
  });
  after(async () => {
    await session?.close();
  });

  it('X=[6,8] K=[1,2]: every row of Y is [0, 1, 0, 0, 0, −1, 0]', async () => {
    await runCommand(session.page, `Conv2D: ${TITLE}`);
    frame = await webviewFrame(session.page, TITLE);
    await frame
      .locator('[data-testid="backend"]')
      .filter({ hasText: /^(webgl|cpu)$/ })
      .waitFor({ timeout: 60_000 });
    await waitForStats(frame, 'Y: 6×7');
    const K = await frame
      .locator('[data-testid="K"] input')
      .evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
    assert.deepEqual(K, [1, -1]);
    const Y = await grid(frame, 'Y');
    assert.equal(Y.length, 6);
    for (const row of Y) assert.deepEqual(row, [0, 1, 0, 0, 0, -1, 0]);
    const X = await grid(frame, 'X');
    assert.deepEqual(X[0], [1, 1, 0, 0, 0, 0, 1, 1]);
    await frame.locator('[data-testid="Y-3-5"]').hover();
    assert.equal(
      (await frame.locator('[data-testid="probe"]').textContent())?.trim(),
      'Y[3, 5] = −1 · window X[3..3, 5..6]',
    );
    // The window over X keeps each cell's own colour (outline-only highlight): black cells keep white text on black.
    const cell = frame.locator('[data-testid="X-3-5"]');
    const look = await cell.evaluate((td) => ({
      bg: getComputedStyle(td).backgroundColor,
      fg: getComputedStyle(td).color,
      hl: td.classList.contains('hl'),
    }));
    assert.deepEqual(look, { bg: 'rgb(0, 0, 0)', fg: 'rgb(255, 255, 255)', hl: true });
    await screenshot(session.page, 'edges-light-book');
  });

  it('X transposed=[8,6] K=[1,2]: Y=[8,5] is all zeros', async () => {
    await frame.locator('[data-testid="transpose"]').click();
    await waitForStats(frame, 'Y: 8×5 · min 0 · max 0');
    const Y = await grid(frame, 'Y');
    assert.equal(Y.length, 8);
    for (const row of Y) assert.deepEqual(row, [0, 0, 0, 0, 0]);
    assert.match((await frame.locator('[data-testid="caption"]').textContent()) ?? '', /white rows 0–1 and 6–7/);
    assert.match((await frame.locator('[data-testid="legend"]').textContent()) ?? '', /all zeros/);
    await frame.locator('[data-testid="transpose"]').click();
    await waitForStats(frame, 'Y: 6×7');
  });

  it('camera.png X=[512,512] K=[1,2]: output pixels equal the float64 reference within 1e-3', async () => {
    await openImage(session, 'images/camera.png');
    frame = await webviewFrame(session.page, TITLE);
    await expectReference(frame, await waitForStats(frame, 'Y: 512×511'), camera, [[1, -1]], 'camera.png');
    assert.match(
      (await frame.locator('[data-testid="caption"]').textContent()) ?? '',
      /0\.299 R \+ 0\.587 G \+ 0\.114 B/,
    );
  });

  it('camera.png K=sobel-x [3,3]: Y=[510,510], pixels within 1e-3, hover maps CSS position → pixel', async () => {
    await frame.locator('[data-testid="preset"]').selectOption('sobel-x');
    await expectReference(frame, await waitForStats(frame, 'Y: 510×510'), camera, SOBEL_X, 'camera.png');
    // Hover mapping (documented in the view): pixel = floor(offset · pixels / CSS size).
    const canvas = frame.locator('[data-testid="output-canvas"]');
    const size = await canvas.evaluate((c: HTMLCanvasElement) => {
      const r = c.getBoundingClientRect();
      // The output's own size (the canvas may hold fewer pixels: a large Y is pooled for display).
      return {
        cw: r.width - 2 * c.clientLeft,
        ch: r.height - 2 * c.clientTop,
        w: Number(c.dataset.cols),
        h: Number(c.dataset.rows),
      };
    });
    // One output pixel is smaller than a CSS pixel here (510 px shown 440 CSS px wide) and the browser rounds pointer
    // positions, so the hovered pixel may be a neighbour: check the value at the pixel the probe names.
    const [i, j] = [300, 123];
    await canvas.hover({ position: { x: ((j + 0.5) * size.cw) / size.w, y: ((i + 0.5) * size.ch) / size.h } });
    const p = frame.locator('[data-testid="probe"]');
    await frame
      .waitForFunction(
        ([r, c, tol]) => {
          const d = document.querySelector<HTMLElement>('[data-testid="probe"]')?.dataset;
          // A pooled display pixel shows the largest |value| of its block: the probe names that pixel, within a
          // block (plus the browser's rounding of the pointer) of the one aimed at.
          return !!d && Math.abs(Number(d.row) - r) <= tol && Math.abs(Number(d.col) - c) <= tol;
        },
        [i, j, Math.ceil(size.w / size.cw) + 1],
        { timeout: 5_000 },
      )
      .catch(async () => {
        assert.fail(
          `hovering the output at pixel [${i}, ${j}] (${JSON.stringify(size)}) shows "${await p.textContent()}"`,
        );
      });
    const [hi, hj] = [Number(await p.getAttribute('data-row')), Number(await p.getAttribute('data-col'))];
    assert.ok(Math.abs(Number(await p.getAttribute('data-value')) - corr2dPixel(camera, SOBEL_X, hi, hj)) <= TOL);
    await screenshot(session.page, 'edges-light-camera-sobel-x');
  });

  it('camera.png, the Laplacian widened to 5×5 (508²·25 = 6.5 M products): split over the page and a Web Worker, pixels within 1e-3', async () => {
    await frame.locator('[data-testid="preset"]').selectOption('laplacian');
    await waitForStats(frame, 'Y: 510×510');
    await frame.locator('[data-testid="shape"]').selectOption('5×5');
    const K5 = [
      [0, 1, 0, 0, 0],
      [1, -4, 1, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ];
    await expectReference(frame, await waitForStats(frame, 'Y: 508×508'), camera, K5, 'camera.png 5×5');
    // The machine has 2 cores: one worker beside the page (a worker refused by the CSP would leave 1 thread).
    const timing = (await frame.getByTestId('timing').textContent()) ?? '';
    assert.match(timing, /on wasm-simd, split over 2 threads/, timing);
    await frame.locator('[data-testid="preset"]').selectOption('sobel-x');
    await waitForStats(frame, 'Y: 510×510');
  });

  it('truncated.jpg: a clear error naming the file; the photo and kernel stay usable; coins.png loads after', async () => {
    const before = await waitForStats(frame, 'Y: 510×510');
    await openImage(session, 'images/truncated.jpg');
    frame = await webviewFrame(session.page, TITLE);
    const error = frame.locator('[data-testid="error"]');
    await error.waitFor({ timeout: 30_000 });
    assert.match((await error.textContent()) ?? '', /Could not decode truncated\.jpg: /);
    assert.equal(await frame.locator('[data-testid="stats"]').textContent(), before);
    await screenshot(session.page, 'edges-light-truncated-error');
    // Still working: edit a kernel cell (Sobel x → custom) and the output changes.
    await frame.locator('[data-testid="K-1-2"] input').fill('3');
    await frame.locator('[data-testid="stats"]').filter({ hasNotText: before }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('[data-testid="preset"]').inputValue(), 'custom');
    const K = [
      [-1, 0, 1],
      [-2, 0, 3],
      [-1, 0, 1],
    ];
    const got = await probe(frame, 256, 256);
    assert.ok(Math.abs(got - corr2dPixel(camera, K, 256, 256)) <= TOL, `edited kernel: Y[256, 256] = ${got}`);
    await openImage(session, 'images/coins.png');
    frame = await webviewFrame(session.page, TITLE);
    await waitForStats(frame, 'Y: 301×382');
    assert.equal(
      await frame.locator('[data-testid="error"]').count(),
      0,
      'the old error is cleared after a good image',
    );
  });

  it('Developer: Reload Window with coins.png open: the panel comes back with the photo and its kernel', async () => {
    const before = await waitForStats(frame, 'Y: 301×382');
    const kernel = await frame.locator('[data-testid="K-1-2"] input').inputValue();
    await runCommand(session.page, 'Developer: Reload Window');
    // The reload tears the page down: wait for the workbench, then for the restored panel's view.
    await session.page.locator('.monaco-workbench').waitFor({ state: 'attached', timeout: 60_000 });
    frame = await webviewFrame(session.page, TITLE);
    assert.equal(await waitForStats(frame, 'Y: 301×382'), before);
    assert.equal(await frame.locator('[data-testid="K-1-2"] input').inputValue(), kernel);
  });

  it('dark theme: screenshots of the photo and the book example', async () => {
    await setTheme(session, 'dark');
    frame = await webviewFrame(session.page, TITLE);
    await frame.locator('body.vscode-dark').waitFor({ state: 'attached', timeout: 15_000 });
    await screenshot(session.page, 'edges-dark-coins');
    await frame.locator('[data-testid="textbook"]').click();
    await frame.locator('[data-testid="preset"]').selectOption('edge-x');
    await waitForStats(frame, 'Y: 6×7');
    await screenshot(session.page, 'edges-dark-book');
  });
  // Other kinds of image than camera.png's 8-bit gray: an RGB photo (the grayscale formula matters), a scan of
  // text, and a 10×10 indexed (palette) PNG.
  for (const [name, shape] of [
    ['chelsea.png', '298×449'],
    ['text.png', '170×446'],
    ['palette_color.png', '8×8'],
  ] as const) {
    it(`${name} K=sobel-x [3,3]: Y=[${shape.replace('×', ',')}], min, max and pixels equal the float64 reference within 1e-3`, async () => {
      const ref = readGrayPng(join(session.server.folder, 'images', name));
      await openImage(session, `images/${name}`);
      frame = await webviewFrame(session.page, TITLE);
      await frame.locator('[data-testid="preset"]').selectOption('sobel-x');
      await expectReference(frame, await waitForStats(frame, `Y: ${shape}`), ref, SOBEL_X, name);
      assert.equal(await frame.locator('[data-testid="error"]').count(), 0);
      // Shown large enough to see: a 10×10 image is enlarged (whole pixels), a 451-pixel-wide one fills its column.
      for (const id of ['input-canvas', 'output-canvas']) {
        const cssWidth = await frame.getByTestId(id).evaluate((c) => c.getBoundingClientRect().width);
        assert.ok(cssWidth >= 200, `${name}: ${id} is ${cssWidth} CSS px wide`);
      }
      // The inspected output pixel is marked over the heat map, here the last one (bottom-right corner).
      const [li, lj] = [ref.h - 3, ref.w - 3];
      await probe(frame, li, lj);
      const at = await frame.evaluate(
        ([i, j]) => {
          const c = document.querySelector<HTMLCanvasElement>('[data-testid="output-canvas"]');
          const m = document.querySelector<HTMLElement>('[data-testid="output-marker"]');
          if (!c || !m || m.hidden) return undefined;
          const [r, b] = [c.getBoundingClientRect(), m.getBoundingClientRect()];
          const [cw, ch] = [r.width - 2 * c.clientLeft, r.height - 2 * c.clientTop];
          const [w, h] = [Number(c.dataset.cols), Number(c.dataset.rows)];
          const want = {
            x: r.left + c.clientLeft + ((j + 0.5) * cw) / w,
            y: r.top + c.clientTop + ((i + 0.5) * ch) / h,
          };
          return { dx: b.left + b.width / 2 - want.x, dy: b.top + b.height / 2 - want.y, pixel: cw / w };
        },
        [li, lj],
      );
      assert.ok(at, `${name}: no output marker`);
      assert.ok(
        Math.abs(at.dx) <= Math.max(1.5, at.pixel / 2) && Math.abs(at.dy) <= Math.max(1.5, at.pixel / 2),
        `${name}: marker off by ${JSON.stringify(at)}`,
      );
      const caption = (await frame.getByTestId('caption').textContent()) ?? '';
      assert.equal(caption.includes('(shown ×25, each pixel a square)'), name === 'palette_color.png', caption);
      await screenshot(session.page, `edges-dark-${name.replace('.png', '')}`);
    });
  }
});
