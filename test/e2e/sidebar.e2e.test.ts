// The "Conv2D" sidebar in a real VS Code (code-server + Chromium): it follows the editor's cursor into the matrix
// literals of demo/d2l_conv.py (shape, label and values), takes them as X and K (the 6×8 edge image with K = [1, −1],
// then Fig. 5.1 → Y = [[19, 25], [37, 43]], d2l §5.1), keeps X, K and Y when hidden and shown again, shows the problem
// of a ragged literal and of a huge one, survives an image editor, and opens the Step panel on its matrices from a
// view/title action. Expected numbers come from the issue and the plain-loop reference. Light and dark theme.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { fig51K, fig51X } from '../../src/core/fixtures';
import { corr2dReference } from '../../src/core/reference';
import {
  findInPalette,
  launch,
  openFile,
  runCommand,
  screenshot,
  sidebarFrame,
  webviewFrame,
  type Session,
} from './harness';
import { eventually, goTo, grid, num, text, where } from './read';

const DEMO = readFileSync(join(import.meta.dirname, '..', '..', 'demo', 'd2l_conv.py'), 'utf8');
const HUGE = join(import.meta.dirname, '..', '..', 'demo', 'sidebar-huge-scratch.py');

/** A 101×101 literal of ones, a row per line (10201 elements: past the sidebar's limit). */
function writeHugeLiteral(): void {
  const row = `[${Array(101).fill('1').join(', ')}]`;
  writeFileSync(HUGE, `H = [${Array(101).fill(row).join(',\n     ')}]\n`);
}

const EDGE_X = Array.from({ length: 6 }, () => [1, 1, 0, 0, 0, 0, 1, 1]);

/** The Conv2D container's activity-bar item ("checked" while its side bar shows). */
function activityItem(page: Page) {
  return page
    .locator('.part.activitybar .action-item')
    .filter({ has: page.locator('a[aria-label^="Conv2D"]') })
    .first();
}

async function conv2dShown(page: Page): Promise<boolean> {
  return (
    (await page.locator('.part.sidebar').isVisible()) &&
    (await activityItem(page).evaluate((e) => e.classList.contains('checked')))
  );
}

/**
 * Shows or hides the Conv2D container by clicking its activity-bar icon (clicking the shown container's icon closes
 * the side bar). A click during the side bar's layout is sometimes lost: check and click again, a few times.
 */
async function toggleConv2D(page: Page, show: boolean): Promise<void> {
  for (let k = 0; k < 5; k++) {
    if ((await conv2dShown(page)) === show) return;
    await activityItem(page).locator('a').click();
    await page.waitForTimeout(400 * (k + 1));
  }
  throw new Error(`the Conv2D side bar did not ${show ? 'show' : 'hide'} after 5 clicks on its activity-bar icon`);
}

/** Every *.log file under `dir` (the server's logs: extension host, output channels). */
function logFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.log'))
    .map((f) => join(dir, f));
}

/** The values of grid `id`, its shape read from `<id>-shape` ("3×3"). */
async function shapedGrid(frame: Frame, id: string): Promise<number[][]> {
  const [rows, cols] = (await text(frame, `${id}-shape`)).split('×').map(Number);
  return grid(frame, id, rows, cols);
}

/**
 * A new untitled Python editor holding `source`, the cursor two characters before its end. Untitled: the demo file
 * must not change on disk (code-server may auto-save).
 */
async function untitledPython(page: Page, source: string): Promise<void> {
  await runCommand(page, 'File: New Untitled Text File');
  await findInPalette(page, 'Change Language Mode');
  await page.keyboard.press('Enter');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill('Python');
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: /\(python\)/ })
    .first()
    .click();
  await page.locator('.statusbar', { hasText: 'Python' }).waitFor({ timeout: 10_000 });
  await page.keyboard.insertText(source);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
}

/** Waits until the cursor label reads `label` (the host debounces selection events). */
async function cursorLabel(frame: Frame, label: string): Promise<void> {
  await frame
    .getByTestId('cursor-label')
    .filter({ hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) })
    .waitFor({ timeout: 10_000 });
}

for (const theme of ['light', 'dark'] as const) {
  describe(`Conv2D sidebar (${theme} theme)`, () => {
    let session: Session;
    let page: Page;
    let frame: Frame;

    before(async () => {
      // Written before code-server starts, so Quick Open's file index has it; typing 30 kB into the editor would
      // take about a minute.
      if (theme === 'dark') writeHugeLiteral();
      session = await launch({ theme });
      page = session.page;
      await openFile(page, 'd2l_conv.py');
      await toggleConv2D(page, true);
      frame = await sidebarFrame(page);
    });
    after(async () => {
      await session?.close();
      rmSync(HUGE, { force: true });
    });

    test('runs TensorFlow.js on webgl (badge) in the theme of the workbench', async () => {
      await frame
        .getByTestId('backend')
        .filter({ hasText: /^(webgl|cpu|wasm)$/ })
        .waitFor({ timeout: 30_000 });
      assert.equal(await text(frame, 'backend'), 'webgl');
      await frame.locator(`body.vscode-${theme}`).waitFor({ state: 'attached' });
    });

    test('cursor in X = [6,8] edge image: shape, label and values; Use as X, K = [1,2] [1, −1]: Y = corr2dReference [6,7]', async () => {
      const x = where(DEMO, 'X = [[1, 1, 0', 10);
      await goTo(page, x);
      await cursorLabel(frame, `d2l_conv.py:${x.line} 6×8`);
      assert.equal(await text(frame, 'cursor-shape'), '6×8');
      assert.deepEqual(await shapedGrid(frame, 'cursor'), EDGE_X);
      await frame.getByTestId('use-x').click();
      const k = where(DEMO, 'K = [[1, -1]]', 6);
      await goTo(page, k);
      await cursorLabel(frame, `d2l_conv.py:${k.line} 1×2`);
      await frame.getByTestId('use-k').click();
      assert.deepEqual(await shapedGrid(frame, 'X'), EDGE_X);
      assert.deepEqual(await shapedGrid(frame, 'K'), [[1, -1]]);
      await eventually(() => text(frame, 'Y-shape'), '6×7', 'sidebar Y shape');
      await eventually(() => shapedGrid(frame, 'Y'), corr2dReference(EDGE_X, [[1, -1]]), 'sidebar Y');
      assert.match(await text(frame, 'formula'), /cols: ⌊\(8 − 2 \+ 0 \+ 1\) \/ 1⌋ = 7/);
      await screenshot(page, `sidebar-edge-${theme}`);
    });

    test('Fig. 5.1 X=[3,3] K=[2,2] valid from the tf.constant literals: Y = 19, 25, 37, 43', async () => {
      const x = where(DEMO, 'tf.constant([[0.0', 14);
      await goTo(page, x);
      await cursorLabel(frame, `d2l_conv.py:${x.line} 3×3`);
      assert.deepEqual(await shapedGrid(frame, 'cursor'), fig51X());
      await frame.getByTestId('use-x').click();
      const k = where(DEMO, 'tf.constant([[0.0, 1.0], [2.0', 14);
      await goTo(page, k);
      await cursorLabel(frame, `d2l_conv.py:${k.line} 2×2`);
      await frame.getByTestId('use-k').click();
      assert.deepEqual(await shapedGrid(frame, 'X'), fig51X());
      assert.deepEqual(await shapedGrid(frame, 'K'), fig51K());
      await eventually(
        () => shapedGrid(frame, 'Y'),
        [
          [19, 25],
          [37, 43],
        ],
        'sidebar Y',
      );
      assert.match(await text(frame, 'formula'), /rows: ⌊\(3 − 2 \+ 0 \+ 1\) \/ 1⌋ = 2/);
      await screenshot(page, `sidebar-fig51-${theme}`);
    });

    test('bias b=1 and padding 1: Y = corr2d + 1 is [4,4], formula ⌊(3 − 2 + 2 + 1) / 1⌋ = 4; back to valid, b=0', async () => {
      await frame.getByTestId('bias').fill('1');
      await frame.getByTestId('bias').press('Enter');
      await frame.getByTestId('padding').selectOption('1');
      await eventually(() => text(frame, 'Y-shape'), '4×4', 'sidebar Y shape');
      const padded = [[0, 0, 0, 0, 0], ...fig51X().map((r) => [0, ...r, 0]), [0, 0, 0, 0, 0]];
      await eventually(
        () => shapedGrid(frame, 'Y'),
        corr2dReference(padded, fig51K()).map((r) => r.map((v) => v + 1)),
        'sidebar Y',
      );
      assert.match(await text(frame, 'formula'), /rows: ⌊\(3 − 2 \+ 2 \+ 1\) \/ 1⌋ = 4/);
      await frame.getByTestId('padding').selectOption('valid');
      await frame.getByTestId('bias').fill('0');
      await frame.getByTestId('bias').press('Enter');
      await eventually(
        () => shapedGrid(frame, 'Y'),
        [
          [19, 25],
          [37, 43],
        ],
        'sidebar Y',
      );
    });

    test('settings validated while typing: stride 0 and an empty bias are outlined and named, Y stays; valid values update Y live', async () => {
      const fig51Y = [
        [19, 25],
        [37, 43],
      ];
      const invalid = async (id: string) =>
        frame
          .getByTestId(id)
          .evaluate((e) => [
            e.classList.contains('invalid'),
            e.getAttribute('aria-invalid'),
            (e as HTMLInputElement).title,
          ]);
      await frame.getByTestId('stride').fill('0'); // no Enter, no blur: the input event alone
      assert.deepEqual(await invalid('stride'), [true, 'true', 'stride: a whole number ≥ 1']);
      assert.match(await text(frame, 'input-problem'), /stride: a whole number ≥ 1/);
      assert.deepEqual(await shapedGrid(frame, 'Y'), fig51Y);
      await frame.getByTestId('bias').fill('');
      assert.deepEqual((await invalid('bias')).slice(0, 2), [true, 'true']);
      assert.match(await text(frame, 'input-problem'), /bias b: a number/);
      assert.deepEqual(await shapedGrid(frame, 'Y'), fig51Y);
      await screenshot(page, `sidebar-invalid-settings-${theme}`);
      await frame.getByTestId('stride').fill('1');
      await frame.getByTestId('bias').fill('2');
      await frame.getByTestId('Y-0-0').filter({ hasText: /^21$/ }).waitFor({ timeout: 10_000 });
      await eventually(
        () => shapedGrid(frame, 'Y'),
        fig51Y.map((r) => r.map((v) => v + 2)),
        'sidebar Y',
      );
      assert.deepEqual(await invalid('stride'), [false, 'false', '']);
      assert.equal(await frame.getByTestId('input-problem').isVisible(), false);
      await frame.getByTestId('bias').fill('0');
      await frame.getByTestId('Y-0-0').filter({ hasText: /^19$/ }).waitFor({ timeout: 10_000 });
      await eventually(() => shapedGrid(frame, 'Y'), fig51Y, 'sidebar Y');
    });

    test('hidden (side bar closed, then Explorer shown) and shown again: the same X, K, Y and cursor', async () => {
      const seen = async () => ({
        X: await shapedGrid(frame, 'X'),
        K: await shapedGrid(frame, 'K'),
        Y: await shapedGrid(frame, 'Y'),
        at: await text(frame, 'cursor-label'),
      });
      const was = await seen();
      await toggleConv2D(page, false);
      await toggleConv2D(page, true);
      frame = await sidebarFrame(page);
      await frame.getByTestId('Y-1-1').waitFor({ timeout: 15_000 });
      assert.deepEqual(await seen(), was);
      await page.locator('.part.activitybar .action-item a[aria-label^="Explorer"]').first().click();
      await page
        .locator('.part.sidebar .explorer-folders-view, .part.sidebar .explorer-viewlet')
        .first()
        .waitFor({ timeout: 10_000 });
      await toggleConv2D(page, true);
      frame = await sidebarFrame(page);
      await frame.getByTestId('Y-1-1').waitFor({ timeout: 15_000 });
      assert.deepEqual(await seen(), was);
    });

    test('ragged literal [[1, 2, 3], [4, 5]] in an untitled Python file: the sidebar names the problem, X, K, Y stay', async () => {
      await untitledPython(page, 'R = [[1, 2, 3], [4, 5]]');
      await frame.getByTestId('cursor-problem').waitFor({ timeout: 10_000 });
      assert.match(await text(frame, 'cursor-problem'), /ragged: row 0 has 3 elements, row 1 has 2/);
      assert.match(await text(frame, 'cursor-label'), /^Untitled-\d+:1$/);
      assert.deepEqual(await shapedGrid(frame, 'Y'), [
        [19, 25],
        [37, 43],
      ]);
      await screenshot(page, `sidebar-ragged-${theme}`);
    });

    test('3-D literal W x=[2,2,2] at the cursor: shape first, slicer index 1 → W[1, :, :] = [[5, 6], [7, 8]], Use as K → Y', async () => {
      // Each theme's run puts W on its own line: the sidebar remembers a slicer's plane per place (the light run
      // chose index 1 of an untitled file's line 1, and the suite shares one window between the runs).
      const line = theme === 'light' ? 1 : 2;
      await untitledPython(page, `${'\n'.repeat(line - 1)}W = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]`);
      await frame
        .getByTestId('cursor-shape')
        .filter({ hasText: /^2×2×2$/ })
        .waitFor({ timeout: 10_000 });
      assert.equal(await text(frame, 'cursor-summary'), 'min 1 · max 8 · mean 4.5 · 8 values');
      assert.match(await text(frame, 'cursor-slice'), new RegExp(`^Untitled-\\d+:${line}\\[0, :, :\\] · 2×2$`));
      assert.deepEqual(await grid(frame, 'cursor', 2, 2), [
        [1, 2],
        [3, 4],
      ]);
      await frame.getByTestId('cursor-index-0').fill('1');
      await eventually(
        () => grid(frame, 'cursor', 2, 2),
        [
          [5, 6],
          [7, 8],
        ],
        'W[1, :, :]',
      );
      await screenshot(page, `sidebar-nd-${theme}`);
      await frame.getByTestId('use-k').click();
      await eventually(
        () => shapedGrid(frame, 'Y'),
        corr2dReference(fig51X(), [
          [5, 6],
          [7, 8],
        ]),
        'Y with K = W[1, :, :]',
      );
      // Back to Fig. 5.1's K for the tests below (the untitled editor stays: closing it would ask to save it).
      await openFile(page, 'd2l_conv.py');
      const k = where(DEMO, 'tf.constant([[0.0, 1.0], [2.0', 14);
      await goTo(page, k);
      await cursorLabel(frame, `d2l_conv.py:${k.line} 2×2`);
      await frame.getByTestId('use-k').click();
      await eventually(() => shapedGrid(frame, 'K'), fig51K(), 'K back to Fig. 5.1');
    });

    if (theme === 'dark')
      test('huge literal 101×101 (10201 elements, a row per line): the sidebar says it is too large, and keeps working', async () => {
        await openFile(page, 'sidebar-huge-scratch.py');
        const t1 = Date.now();
        await goTo(page, { line: 2, column: 8 });
        await frame
          .getByTestId('cursor-problem')
          .filter({ hasText: /10201 elements/ })
          .waitFor({ timeout: 30_000 });
        console.log(`huge literal: shown in the sidebar after ${Date.now() - t1} ms`);
        assert.match(await text(frame, 'cursor-label'), /sidebar-huge-scratch\.py:1 101×101$/);
        assert.deepEqual(await shapedGrid(frame, 'Y'), [
          [19, 25],
          [37, 43],
        ]);
        await runCommand(page, 'View: Close Editor');
      });

    test('an image editor (not text) leaves the sidebar on its last literal, working', async () => {
      await page.waitForTimeout(500); // the editor shown before may still be reaching the sidebar (120 ms debounce)
      const before = await text(frame, 'cursor-label');
      await openFile(page, 'images/camera.png');
      await page.waitForTimeout(500); // past the host's 120 ms debounce
      assert.equal(await text(frame, 'cursor-label'), before);
      assert.deepEqual(await shapedGrid(frame, 'Y'), [
        [19, 25],
        [37, 43],
      ]);
      await runCommand(page, 'View: Close Editor');
    });

    test('the extension host logged no sidebar error', () => {
      const logs = logFiles(session.server.state.userData);
      assert.ok(logs.length > 0, 'no log files found');
      const bad = logs
        .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
        .filter((l) => /\[error\]/i.test(l) && /sidebar|conv2d/i.test(l));
      assert.deepEqual(bad, []);
    });

    test('view/title action "Step Cross-Correlation on Sidebar Matrices" opens the Step panel on X=[3,3] K=[2,2]', async () => {
      await page
        .locator('.part.sidebar .title-actions a[aria-label^="Step Cross-Correlation on Sidebar Matrices"]')
        .first()
        .click();
      const step = await webviewFrame(page, 'Step Cross-Correlation');
      await step.getByTestId('Y-1-1').waitFor({ timeout: 30_000 });
      assert.equal(num(await step.getByTestId('Y-1-1').textContent()), 43);
      assert.equal(num(await step.getByTestId('X-2-2').textContent()), 8);
      await screenshot(page, `sidebar-step-action-${theme}`);
    });

    if (theme === 'light')
      test("padding 'same' in the sidebar, then Edges: the Edges panel says the padding is not applied", async () => {
        await frame.getByTestId('padding').selectOption('same');
        await eventually(() => text(frame, 'Y-shape'), '3×3', 'sidebar Y shape with same padding');
        await frame.getByTestId('open-edges').click();
        const edges = await webviewFrame(page, 'Detect Edges');
        await edges
          .getByTestId('input-note')
          .filter({ hasText: /^padding same is not applied here/ })
          .waitFor({ timeout: 30_000 });
        assert.match(await text(edges, 'stats'), /^Y: 2×2/, "Edges computes 'valid': 3×3 ⋆ 2×2 → 2×2");
        await frame.getByTestId('padding').selectOption('valid');
        await eventually(
          () => shapedGrid(frame, 'Y'),
          [
            [19, 25],
            [37, 43],
          ],
          'sidebar Y back to valid',
        );
      });
  });
}
