// Live tensors from a debug session (issue 13) in the real VS Code: the built-in JavaScript debugger (js-debug) runs a
// scratch script in the demo workspace (its launch.json written before launch, put back after) and stops at its
// `debugger;` statement; "Conv2D: Visualize Variable" from the palette reads a Float32Array-backed 3×3 kernel into
// the sidebar (shape, dtype, values), pinned it is read again when "Debug: Step Over" executes an update; from the
// Variables view's context menu it reads a nested array, and again after a step; from the editor context menu a
// 2×2×3 nested array, sliced in the sidebar; a 4000×4000 Float32Array shows its shape and summary (before its values)
// with one thinned plane, never more than conv2d.debug.maxElements values pulled (the host's log counts them);
// "Debug: Stop" leaves the last values, marked as no longer paused there. Expected values are the script's own,
// written below. Dark theme, then light for the screenshots.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  launch,
  openFile,
  runCommand,
  runCommandKeepOpen,
  screenshot,
  setTheme,
  sidebarFrame,
  type Session,
} from './harness';
import { eventually, goTo, grid, text } from './read';

// The script and a launch configuration go into the shared demo workspace (the e2e tier runs in one window): the
// script under a git-ignored scratch name, .vscode/launch.json saved and put back (or removed) afterwards.
const DEMO = join(import.meta.dirname, '..', '..', 'demo');
const SCRIPT_NAME = 'debug-kernel-scratch.js';
const LAUNCH_DIR = join(DEMO, '.vscode');
const LAUNCH_FILE = join(LAUNCH_DIR, 'launch.json');

// Each update is alone on its line, so one "Step Over" executes exactly it. Values stay below 10⁶: the grid prints
// larger ones with three significant digits.
const SCRIPT = `'use strict';
// A 3x3 kernel (Sobel x) in a Float32Array, a nested-array image, a 2x2x3 volume and a 4000x4000 buffer.
const K = new Float32Array([1, 0, -1, 2, 0, -2, 1, 0, -1]);
const X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];
const V = [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]];
const vol = new Float32Array(5000 * 16 * 16).map((_, k) => (Math.floor(k / 256) % 997) * 1000 + (k % 256));
const big = new Float32Array(4000 * 4000);
for (let k = 0; k < big.length; k++) big[k] = (k % 4000) - Math.floor(k / 4000);
debugger;
K[4] = 8;
X[1][1] = -4;
console.log(K[4], X[1][1], V.length, vol.length, big.length);
`;

const LAUNCH = {
  version: '0.2.0',
  configurations: [
    {
      type: 'node',
      request: 'launch',
      name: 'kernel',
      program: '${workspaceFolder}/' + SCRIPT_NAME,
      skipFiles: ['<node_internals>/**'],
    },
  ],
};

/** Writes the script and launch.json; returns what puts the workspace back as it was. */
function writeWorkspace(): () => void {
  const createdDir = !existsSync(LAUNCH_DIR);
  const previous = existsSync(LAUNCH_FILE) ? readFileSync(LAUNCH_FILE, 'utf8') : undefined;
  mkdirSync(LAUNCH_DIR, { recursive: true });
  writeFileSync(join(DEMO, SCRIPT_NAME), SCRIPT);
  writeFileSync(LAUNCH_FILE, JSON.stringify(LAUNCH, null, 2));
  return () => {
    rmSync(join(DEMO, SCRIPT_NAME), { force: true });
    if (previous !== undefined) writeFileSync(LAUNCH_FILE, previous);
    else if (createdDir) rmSync(LAUNCH_DIR, { recursive: true, force: true });
    else rmSync(LAUNCH_FILE, { force: true });
  };
}

/** The sidebar's place label of a read in the script: "debug-kernel-scratch.js:11 <anonymous> (pwa-node)". */
const LABEL = /^debug-kernel-scratch\.js:(\d+) /;

/** The debug toolbar's Continue button: shown while the program is paused. */
function pausedMarker(page: Page) {
  return page.locator('.debug-toolbar .action-label[aria-label^="Continue"]').first();
}

/** Runs "Conv2D: Visualize Variable" from the palette with `expression` typed into its input box. */
async function visualize(page: Page, expression: string): Promise<void> {
  await runCommandKeepOpen(page, 'Conv2D: Visualize Variable');
  // The command's own input box replaces the palette in the same quick-input widget: wait for its title.
  await page
    .locator('.quick-input-widget .quick-input-title', { hasText: 'Conv2D: Visualize Variable' })
    .waitFor({ state: 'visible', timeout: 10_000 });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(expression);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
}

/** "Debug: Step Over", then the sidebar's debug value read again at line `line` of the script. */
async function stepTo(page: Page, line: number): Promise<Frame> {
  await runCommand(page, 'Debug: Step Over');
  let frame = await sidebarFrame(page);
  await eventually(
    async () => {
      frame = await sidebarFrame(page, 5_000);
      const label = await text(frame, 'debug-label');
      const status = await text(frame, 'debug-status');
      return LABEL.exec(label)?.[1] === String(line) && status.startsWith('read at this stop');
    },
    true,
    `the pinned value read again at line ${line}`,
    30_000,
  );
  return frame;
}

/** The sidebar frame once it shows the debug value `expression` with status ready. */
async function readyValue(page: Page, expression: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await sidebarFrame(page, Math.max(1000, deadline - Date.now()));
    const section = frame.getByTestId('debug-expression').filter({ hasText: new RegExp(`^${expression}$`) });
    const ready = frame.getByTestId('debug-status').filter({ hasText: /^read at this stop/ });
    try {
      await section.waitFor({ timeout: 2_000 });
      await ready.waitFor({ timeout: 2_000 });
      return frame;
    } catch {
      if (Date.now() > deadline) {
        const read = async (id: string) =>
          frame
            .getByTestId(id)
            .first()
            .textContent({ timeout: 1_000 })
            .catch(() => null);
        const [shown, status, problem] = await Promise.all(
          ['debug-expression', 'debug-status', 'debug-problem'].map(read),
        );
        await screenshot(page, `debug-never-read-${expression}`);
        throw new Error(
          `the sidebar never showed ${expression} read (it shows ${shown ?? 'no expression'}, status ` +
            `${status ?? 'none'}${problem ? `, problem: ${problem}` : ''})`,
        );
      }
    }
  }
}

/** The grid of the debug value, its shape read from `debug-shape` ("3×3"). */
async function debugGrid(frame: Frame): Promise<number[][]> {
  const [rows, cols] = (await text(frame, 'debug-shape')).split('×').map(Number);
  return grid(frame, 'debug', rows, cols);
}

/** Lines of the extension's log ("Conv2D Lens" output channel) so far. */
function extensionLog(session: Session): string[] {
  const dir = session.server.state.userData;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.log') && f.includes('Conv2D'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'));
}

describe('live tensors from a JavaScript debug session (code-server, js-debug, Chromium)', () => {
  let session: Session;
  let page: Page;
  let restore: (() => void) | undefined;

  before(async () => {
    restore = writeWorkspace();
    session = await launch({ theme: 'dark' });
    page = session.page;
    await openFile(page, SCRIPT_NAME);
    await runCommand(page, 'Debug: Start Debugging');
    await pausedMarker(page).waitFor({ state: 'visible', timeout: 60_000 });
  });
  after(async () => {
    await session?.close();
    restore?.();
  });

  test('palette "K": Float32Array(9) shows shape 3×3 (inferred), dtype float32, the Sobel x values, its summary', async () => {
    await visualize(page, 'K');
    const frame = await readyValue(page, 'K');
    assert.equal(await text(frame, 'debug-shape'), '3×3');
    assert.equal(await text(frame, 'debug-dtype'), 'float32');
    assert.deepEqual(await debugGrid(frame), [
      [1, 0, -1],
      [2, 0, -2],
      [1, 0, -1],
    ]);
    assert.equal(await text(frame, 'debug-summary'), 'min −2 · max 2 · mean 0 · 9 values');
    assert.match(await text(frame, 'debug-note'), /shape 3×3 inferred \(a square of 9 values\)/);
    assert.match(await text(frame, 'debug-label'), /^debug-kernel-scratch\.js:9 .*\(pwa-node\)$/);
    await screenshot(page, 'debug-kernel-dark');
  });

  test('pinned K: a step over the debugger statement reads K unchanged at line 10; over K[4] = 8 shows 8 at line 11', async () => {
    const frame0 = await sidebarFrame(page);
    await frame0.getByTestId('debug-pin').check();
    let frame = await stepTo(page, 10);
    assert.deepEqual(await debugGrid(frame), [
      [1, 0, -1],
      [2, 0, -2],
      [1, 0, -1],
    ]);
    frame = await stepTo(page, 11);
    assert.deepEqual(await debugGrid(frame), [
      [1, 0, -1],
      [2, 8, -2],
      [1, 0, -1],
    ]);
    assert.equal(await text(frame, 'debug-summary'), 'min −2 · max 8 · mean 0.8889 · 9 values');
  });

  test('Variables view context menu on X (a nested array): 3×3 values; pinned, a step over X[1][1] = -4 shows −4', async () => {
    await runCommand(page, 'View: Show Run and Debug');
    // The Variables tree labels its rows "Scope Local", "X, value (3) [Array(3), …]"; a scope may start collapsed.
    const local = page.locator('.debug-variables .monaco-list-row[aria-label="Scope Local"]');
    await local.waitFor({ state: 'visible', timeout: 15_000 });
    if ((await local.getAttribute('aria-expanded')) === 'false') await local.click();
    const row = page.locator('.debug-variables .monaco-list-row[aria-label^="X, value"]').first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: /^Visualize Variable$/ }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'debug-variables-menu-dark');
    await item.click();
    let frame = await readyValue(page, 'X');
    assert.equal(await text(frame, 'debug-shape'), '3×3');
    assert.deepEqual(await debugGrid(frame), [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
    assert.equal(await frame.getByTestId('debug-pin').isChecked(), true, 'the pin stays on for the new value');
    frame = await stepTo(page, 12);
    assert.deepEqual(await debugGrid(frame), [
      [0, 1, 2],
      [3, -4, 5],
      [6, 7, 8],
    ]);
  });

  test('editor context menu on V (2×2×3 nested): slicer on axis 0 index 1 shows [[7, 8, 9], [10, 11, 12]]; rows over axis 2 transposes', async () => {
    await goTo(page, { line: 5, column: 7 }); // before "V" of "const V = …"
    // V selected, and the right-click inside the selection (which keeps it): the command reads the selection, so a
    // click a pixel off the glyph on a loaded machine cannot turn it into another name or none (an input box).
    await page.keyboard.press('Shift+ArrowRight');
    const selected = page.locator('.editor-group-container.active .monaco-editor .selected-text').first();
    await selected.waitFor({ state: 'visible', timeout: 5_000 });
    const box = await selected.boundingBox();
    assert.ok(box, 'the editor shows the selection');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: /^Visualize Variable$/ }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await item.click();
    const frame = await readyValue(page, 'V');
    assert.equal(await text(frame, 'debug-shape'), '2×2×3');
    assert.deepEqual(await debugGrid2(frame), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    await frame.getByTestId('debug-index-0').fill('1');
    await eventually(
      () => debugGrid2(frame),
      [
        [7, 8, 9],
        [10, 11, 12],
      ],
      'V[1, :, :]',
    );
    assert.equal(await text(frame, 'debug-slice'), 'V[1, :, :] · 2×3');
    await frame.getByTestId('debug-rows').selectOption('2');
    await eventually(
      () => debugGrid2(frame),
      [
        [7, 10],
        [8, 11],
        [9, 12],
      ],
      'V[1, :, :].T',
    );
    await screenshot(page, 'debug-slicer-dark');
  });

  test('vol as 5000x16x16 (1 280 000 values, past the limit): plane vol[0, :, :] 16×16; index 4321 asks the host for vol[4321, :, :]', async () => {
    await visualize(page, 'vol as 5000x16x16');
    let frame = await readyValue(page, 'vol as 5000x16x16');
    assert.equal(await text(frame, 'debug-shape'), '5000×16×16');
    assert.match(
      await text(frame, 'debug-note'),
      /1280000 values, more than conv2d\.debug\.maxElements \(1000000\): showing vol\[0, :, :\] \(16×16\)/,
    );
    assert.match(await text(frame, 'debug-summary'), /^min 0 · max .* · 1280000 values$/);
    const plane = (c: number) =>
      Array.from({ length: 16 }, (_, r) => Array.from({ length: 16 }, (_, q) => (c % 997) * 1000 + r * 16 + q));
    assert.deepEqual(await grid(frame, 'debug', 16, 16), plane(0));
    await frame.getByTestId('debug-index-0').fill('4321');
    await eventually(
      async () => {
        frame = await sidebarFrame(page, 5_000);
        return [await text(frame, 'debug-slice'), await grid(frame, 'debug', 16, 16)];
      },
      ['vol[4321, :, :] · 16×16', plane(4321)],
      'the plane read again for index 4321',
      30_000,
    );
  });

  test('big as 4000x4000 (16 000 000 values): shape and summary of all, one plane big[::4, ::4], ≤ 1 000 000 values pulled', async () => {
    const t0 = Date.now();
    await visualize(page, 'big as 4000x4000');
    // Shape and summary come first: they are on screen while the values are still being read.
    // (The sidebar still shows vol until big's first message: wait for big's own summary, then read the status.)
    const early = await sidebarFrame(page);
    await early
      .getByTestId('debug-summary')
      .filter({ hasText: /16000000 values$/ })
      .waitFor({ timeout: 60_000 });
    const [status, summary, shape] = await Promise.all(
      ['debug-status', 'debug-summary', 'debug-shape'].map((id) => text(early, id)),
    );
    assert.match(status, /^reading/, 'the values were still being read when the summary showed');
    assert.equal(summary, 'min −3999 · max 3999 · mean 0 · 16000000 values');
    assert.equal(shape, '4000×4000');
    const frame = await readyValue(page, 'big as 4000x4000', 180_000);
    console.log(`4000×4000: read in ${Date.now() - t0} ms`);
    assert.equal(await text(frame, 'debug-shape'), '4000×4000');
    assert.equal(await text(frame, 'debug-summary'), 'min −3999 · max 3999 · mean 0 · 16000000 values');
    assert.match(
      await text(frame, 'debug-note'),
      /16000000 values, more than conv2d\.debug\.maxElements \(1000000\): showing big\[::4, ::4\] \(1000×1000, every 4th row and column\)/,
    );
    assert.equal(await text(frame, 'debug-slice'), 'big[::4, ::4] · 1000×1000');
    await frame.getByTestId('debug-heat').waitFor();
    const read = extensionLog(session).find((l) => /debug: read big as 4000x4000 .*shape 4000×4000/.test(l));
    assert.ok(read, 'the host logged the read');
    const pulled = Number(/, (\d+) values in (\d+) requests/.exec(read)?.[1]);
    assert.equal(pulled, 1_000_000, read);
    console.log(`4000×4000: ${read.replace(/^.*debug: /, '')}`);
    await screenshot(page, 'debug-big-dark');
  });

  test('light theme: the debug value and the slicer are readable (screenshots)', async () => {
    await setTheme(session, 'light');
    await visualize(page, 'V');
    await readyValue(page, 'V');
    await screenshot(page, 'debug-slicer-light');
    await visualize(page, 'K');
    await readyValue(page, 'K');
    await screenshot(page, 'debug-kernel-light');
  });

  test('"Debug: Stop": the sidebar keeps the last values and says the program is not paused there any more', async () => {
    await runCommand(page, 'Debug: Stop');
    const frame = await sidebarFrame(page);
    await frame
      .getByTestId('debug-status')
      .filter({ hasText: /^The program is not paused here any more/ })
      .waitFor({ timeout: 15_000 });
    assert.equal(await text(frame, 'debug-shape'), '3×3');
  });
});

/** The debug grid of a 3-D value: the slice's shape from `debug-slice` ("V[1, :, :] · 2×3"), else the whole. */
async function debugGrid2(frame: Frame): Promise<number[][]> {
  const slice = await frame
    .getByTestId('debug-slice')
    .textContent({ timeout: 1_000 })
    .catch(() => null);
  const m = slice && /· (\d+)×(\d+)/.exec(slice);
  if (!m) return debugGrid(frame);
  return grid(frame, 'debug', Number(m[1]), Number(m[2]));
}
