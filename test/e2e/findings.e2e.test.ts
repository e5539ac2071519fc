// What a view shows is what was asked (the findings of trying the product on unseen inputs), each finding a test in
// the real VS Code: calls in sequence each get their own setup; pixels read at the file's precision; a failed
// computation leaves no stale output; every hover link opens a panel that takes the matrix; large photos keep their
// edges on screen; the palette command uses the image in the editor. Expected values come from the float64 reference
// and from the samples the fixtures wrote.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { corr2dReference } from '../../src/core/reference';
import type { ConvOptions } from '../../src/core/geometry';
import { BIG, CALLS, GRAY16, IMAGES, K, PREWITT, PY, PY_TEXT, STEP_MAX, X, writeFixtures } from './findings-fixtures';
import {
  launch,
  openFile,
  openImage,
  runCommand,
  screenshot,
  sidebarFrame,
  webviewFrame,
  type Session,
} from './harness';
import { eventually, goTo, grid, hoverWith, num, showHover, text, where } from './read';

const STEP = 'Step Cross-Correlation';
const EDGES = 'Detect Edges';
const LEARN = 'Learn Kernel';

/** Opens the Step panel from the palette with the cursor on call `line` of the scratch file; returns its frame. */
async function stepOnCall(page: Page, line: string): Promise<Frame> {
  await openFile(page, PY);
  await goTo(page, where(PY_TEXT, line, line.indexOf('corr2d') + 2));
  await runCommand(page, `Conv2D: ${STEP}`);
  return webviewFrame(page, STEP);
}

/** Y of the Step panel, read until it equals the reference of X ⋆ K with `opts`. */
async function expectY(page: Page, opts: ConvOptions, what: string): Promise<void> {
  const want = corr2dReference(X, K, opts);
  await eventually(async () => grid(await webviewFrame(page, STEP, 5_000), 'Y'), want, what);
}

/** The output value at (i, j) of Detect Edges, typed into the inspect boxes and read from the probe. */
async function probe(frame: Frame, i: number, j: number): Promise<number> {
  await frame.getByTestId('inspect-row').fill(String(i));
  await frame.getByTestId('inspect-col').fill(String(j));
  const p = frame.getByTestId('probe');
  await p.filter({ hasText: `Y[${i}, ${j}] = ` }).waitFor({ timeout: 10_000 });
  return Number(await p.getAttribute('data-value'));
}

/** Opens `path` in Detect Edges through the image Quick Pick and waits for its stats ("Y: h×w …"). */
async function edgesOn(session: Session, path: string, stats: RegExp): Promise<Frame> {
  await openImage(session, path);
  const frame = await webviewFrame(session.page, EDGES);
  await frame.getByTestId('stats').filter({ hasText: stats }).waitFor({ timeout: 120_000 });
  return frame;
}

describe('findings: each view shows what was asked (code-server, Chromium, dark theme)', () => {
  let session: Session;
  let page: Page;
  let removeFixtures: () => void;

  before(async () => {
    removeFixtures = writeFixtures();
    session = await launch({ theme: 'dark' });
    page = session.page;
  });
  after(async () => {
    await session?.close();
    removeFixtures?.();
  });

  test("calls in sequence: corr2d(X, K) after padding='same', strides=2 gets 'valid', stride 1 — each call its own setup", async () => {
    let frame = await stepOnCall(page, CALLS.sameStride2);
    await expectY(page, { padding: 'same', stride: 2 }, "Y of padding='same', strides=2");
    frame = await stepOnCall(page, CALLS.plain);
    await expectY(page, {}, 'Y of the call without options: valid, stride 1');
    assert.match(await text(frame, 'source'), new RegExp(`X from ${PY}:\\d+ corr2d\\(…\\); K from ${PY}:\\d+ corr2d`));
    assert.equal(
      await text(frame, 'setup'),
      "padding 0 ('valid'), stride 1, dilation 1, no bias, cross-correlation: defaults.",
    );
    await stepOnCall(page, CALLS.padding1);
    await expectY(page, { padding: 1 }, 'Y of padding=1');
    frame = await stepOnCall(page, CALLS.dilation2);
    await expectY(page, { dilation: 2 }, 'Y of dilation=2: no padding inherited from the call before');
    assert.match(await text(frame, 'setup'), /^dilation 2 from the input; padding 0 \('valid'\), stride 1/);
    await stepOnCall(page, CALLS.sameAfterDilation);
    await expectY(page, { padding: 'same', stride: 2 }, "Y of 'same'/stride 2: no dilation inherited");
    await screenshot(page, 'findings-calls-in-sequence');
  });

  test('the sidebar opens the Step panel naming itself as the source, not the last call', async () => {
    await page.locator('.part.activitybar .action-item a[aria-label^="Conv2D"]').first().click();
    // The sidebar reports its matrices once its view has rendered them: wait for Y before using its title action.
    await (await sidebarFrame(page)).getByTestId('Y-1-1').waitFor({ timeout: 30_000 });
    await page
      .locator('.part.sidebar .title-actions a[aria-label^="Step Cross-Correlation on Sidebar Matrices"]')
      .first()
      .click();
    const frame = await webviewFrame(page, STEP);
    await frame.getByTestId('source').filter({ hasText: 'the Conv2D sidebar' }).waitFor({ timeout: 15_000 });
    assert.doesNotMatch(await text(frame, 'source'), /corr2d/);
  });

  test('16-bit gray 0x1234, 0xFF00, 0x00FF read as 0.071107, 0.996109, 0.003891 (identity kernel: Y = X)', async () => {
    const frame = await edgesOn(session, IMAGES.gray16, /^Y: \d/);
    await frame.getByTestId('preset').selectOption('identity');
    await frame
      .getByTestId('stats')
      .filter({ hasText: /^Y: 3×3/ })
      .waitFor({ timeout: 15_000 });
    for (let j = 0; j < 3; j++) {
      const got = await probe(frame, 0, j);
      assert.ok(Math.abs(got - GRAY16.expected[j]) <= 1e-6, `pixel [1, ${j + 1}]: ${got} vs ${GRAY16.expected[j]}`);
    }
    assert.match(await text(frame, 'caption'), /PNG, 16-bit grayscale/);
  });

  test('a fully transparent palette pixel keeps its stored white (the caption states the alpha rule)', async () => {
    const frame = await edgesOn(session, IMAGES.paletteAlpha, /^Y: 1×1/);
    assert.equal(await probe(frame, 0, 0), 1, 'the transparent entry is white as stored, not black');
    const caption = await text(frame, 'caption');
    assert.match(caption, /alpha is not applied \(transparent pixels count with their stored colour/);
    assert.match(caption, /1 pixels are not opaque/);
  });

  test('gray 200 at alpha 37 reads as exactly 200/255 (no premultiplied read-back)', async () => {
    const frame = await edgesOn(session, IMAGES.grayAlpha, /^Y: 1×1/);
    assert.ok(Math.abs((await probe(frame, 0, 0)) - 200 / 255) <= 1e-6);
  });

  test('a 1×1 photo with a 1×2 kernel: the previous Y, legend and probe go; the message says what to do', async () => {
    let frame = await edgesOn(session, IMAGES.gray16, /^Y: 3×3/);
    await frame.getByTestId('preset').selectOption('edge-x');
    await frame
      .getByTestId('stats')
      .filter({ hasText: /^Y: 5×4/ })
      .waitFor({ timeout: 15_000 });
    await openImage(session, IMAGES.onePixel);
    frame = await webviewFrame(page, EDGES);
    const error = frame.getByTestId('error').filter({ hasText: 'The kernel K (1×2) is larger than the image X (1×1)' });
    await error.waitFor({ timeout: 30_000 });
    assert.match((await error.textContent()) ?? '', /Pick a smaller kernel shape, or open a larger image/);
    assert.doesNotMatch((await error.textContent()) ?? '', /corr2dFast/);
    assert.equal(await text(frame, 'stats'), 'Y: — (no output for this kernel)');
    assert.equal(await frame.getByTestId('output-canvas').count(), 0, 'no stale heat map');
    assert.equal(await frame.getByTestId('legend').count(), 0, 'no stale legend');
    assert.equal(await text(frame, 'probe'), '', 'no stale probe');
    assert.equal(await frame.getByTestId('error').count(), 1, 'one error, not a stack of them');
    await screenshot(page, 'findings-1x1-error');
  });

  test('4096×4096 photo: computed at full resolution; a one-pixel edge is still on screen (max-|·| pooling)', async () => {
    const frame = await edgesOn(session, IMAGES.line4096, /^Y: 4096×4095 · min −1 · max 1$/);
    assert.match(await text(frame, 'caption'), /Computed at full resolution\. Shown 440×440/);
    // Every shown row must keep the edge's extreme colour (a diverging scale's end) somewhere.
    const rows = await frame.getByTestId('output-canvas').evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx) return [];
      const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
      const strongest: number[] = [];
      for (let y = 0; y < height; y++) {
        let best = 0;
        for (let x = 0; x < width; x++) {
          const p = (y * width + x) * 4;
          best = Math.max(best, 255 - Math.min(data[p], data[p + 1], data[p + 2]));
        }
        strongest.push(best);
      }
      return strongest;
    });
    assert.equal(rows.length, 440);
    assert.ok(Math.min(...rows) >= 200, `every row shows a saturated edge pixel (weakest row ${Math.min(...rows)})`);
    await screenshot(page, 'findings-4096-line');
  });

  test('8000×8000 scan: scaled down to 4096×4096 (area average, said in the caption), the line still visible', async () => {
    const frame = await edgesOn(session, IMAGES.line8000, /^Y: 4096×4095/);
    const caption = await text(frame, 'caption');
    assert.match(
      caption,
      /Scaled down from 8000×8000 to 4096×4096 by area averaging: sides above 4096 px are not computed at full size/,
    );
    const min = num(/min (\S+)/.exec(await text(frame, 'stats'))?.[1] ?? 'NaN');
    assert.ok(min < -0.4 && min > -0.6, `min ${min}: the line averaged over ~2 output pixels`);
  });

  test('the image in the active editor: "Detect Edges in Image" from the palette uses it, no picker', async () => {
    await openFile(page, 'images/coins.png');
    await runCommand(page, 'Conv2D: Detect Edges in Image');
    const frame = await webviewFrame(page, EDGES);
    await frame
      .getByTestId('stats')
      .filter({ hasText: /^Y: 303×383/ })
      .waitFor({ timeout: 30_000 });
    assert.match(await text(frame, 'caption'), /^coins\.png: 303×384 px \(rows × columns\)/);
  });

  test('a 200×200 literal: the hover offers only what takes it — Detect Edges as an image — and it opens', async () => {
    await openFile(page, PY);
    await goTo(page, where(PY_TEXT, 'BIG = [[', 9));
    await showHover(page);
    const hover = hoverWith(page, 'matrix 200×200');
    await hover.waitFor({ timeout: 15_000 });
    assert.deepEqual(await hover.locator('a').allTextContents(), ['Detect edges in this matrix (as an image)']);
    await hover.locator('a').first().click();
    const frame = await webviewFrame(page, EDGES);
    await frame
      .getByTestId('stats')
      .filter({ hasText: /^Y: 200×199/ })
      .waitFor({ timeout: 30_000 });
    assert.equal(await frame.getByTestId('error').count(), 0);
    const want = corr2dReference(BIG, [[1, -1]]);
    assert.ok(Math.abs((await probe(frame, 150, 77)) - want[150][77]) <= 1e-6);
  });

  test('a 128×128 literal steps in the Step panel (a canvas), step 1 reads the reference', async () => {
    await openFile(page, PY);
    await goTo(page, where(PY_TEXT, 'STEP_MAX = [[', 14));
    await showHover(page);
    const hover = hoverWith(page, 'matrix 128×128');
    await hover.waitFor({ timeout: 15_000 });
    await hover.locator('a', { hasText: 'Step cross-correlation with this as X' }).click();
    const frame = await webviewFrame(page, STEP);
    await frame.getByTestId('Y-canvas').waitFor({ timeout: 30_000 });
    assert.equal(await frame.getByTestId('X').getAttribute('data-rows'), '128');
    assert.equal(await frame.getByTestId('Y').getAttribute('data-cols'), '127');
    assert.equal(await frame.getByTestId('input-refused').count(), 0, 'no refusal');
    const want = corr2dReference(STEP_MAX, [[1, -1]]);
    assert.equal(num((await text(frame, 'arith')).split('= ').pop() ?? ''), want[0][0]);
    await frame.getByTestId('scrub').fill(String(128 * 127 - 1));
    assert.equal(num((await text(frame, 'arith')).split('= ').pop() ?? ''), want[127][126]);
    await screenshot(page, 'findings-step-128');
  });

  test('"Learn this kernel" on Prewitt x: starts at a stable lr and says why; no divergence warning', async () => {
    await openFile(page, PY);
    await goTo(page, where(PY_TEXT, 'PREWITT = [[', 12));
    await showHover(page);
    const hover = hoverWith(page, 'matrix 3×3');
    await hover.waitFor({ timeout: 15_000 });
    await hover.locator('a', { hasText: 'Learn this kernel' }).click();
    const frame = await webviewFrame(page, LEARN);
    await frame.getByTestId('stable-start').waitFor({ timeout: 30_000 });
    assert.match(
      await text(frame, 'stable-start'),
      /the book's lr 0\.03 is above this kernel's stability limit 0\.0\d+/,
    );
    // The stability line's span (the lr field has the same test id).
    assert.match((await frame.locator('span[data-testid="lr"]').textContent()) ?? '', /^lr = 0\.9 × lrMax = /);
    assert.equal(await frame.getByTestId('stability-warning').count(), 0);
    assert.deepEqual(await grid(frame, 'K-target'), PREWITT);
  });

  test('Learn: x-axis ticks are whole steps; photo mode before a photo says what it waits for, with 300 steps', async () => {
    const frame = await webviewFrame(page, LEARN);
    await frame.getByTestId('step').click();
    await frame.getByTestId('step').click();
    await frame.getByTestId('loss-2').waitFor({ timeout: 15_000 });
    await frame.locator('[data-testid="chart"][data-step-ticks]').waitFor({ timeout: 10_000 });
    const ticks = ((await frame.getByTestId('chart').getAttribute('data-step-ticks')) ?? '').split(' ');
    assert.ok(ticks.length > 0, 'the step axis has ticks');
    for (const t of ticks) assert.ok(Number.isInteger(Number(t)), `tick "${t}" is a whole step`);
    await frame.getByTestId('mode-photo').check();
    await frame.getByTestId('status').filter({ hasText: 'waiting for an image: 300 steps once one is open' }).waitFor();
    assert.equal(await frame.getByTestId('steps').inputValue(), '300');
  });

  test('Learn: a photo run that ends at the step limit far from the target says "not converged"', async () => {
    let frame = await webviewFrame(page, LEARN);
    await openImage(session, 'images/camera.png', frame);
    frame = await webviewFrame(page, LEARN);
    await frame.getByTestId('preset').selectOption('laplacian');
    const steps = frame.getByTestId('steps');
    await steps.fill('5');
    await steps.press('Tab');
    await frame.getByTestId('play').click();
    await frame.getByTestId('kernel-final').waitFor({ timeout: 60_000 });
    assert.match(
      await text(frame, 'status'),
      /^stopped at the step limit \(5 steps\), not converged, loss before the last update \S+, max \|K − target\| \S+/,
    );
    await screenshot(page, 'findings-learn-not-converged');
  });
});
