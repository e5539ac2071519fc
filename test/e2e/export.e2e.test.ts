// "Copy as code" and "Insert as literal" in a real VS Code (code-server, Chromium). The Step panel with padding 1,
// stride 2 and bias 1 on Fig. 7.2.1: Y = [[1, 9], [22, 44]] (by hand: X zero-padded to 5×5, windows at rows and
// columns 0 and 2, plus 1); "Insert as literal" writes Y as np.array at the cursor of a Python file that imports
// numpy; "Copy as code" (NumPy/SciPy) goes to the clipboard, is pasted into an untitled editor, read back, RUN with
// Debian's python3 (numpy, scipy), and its printed Y — read with the product's printout parser — equals the panel's
// grid. Detect Edges on the demo photo chelsea.png (RGB) with Sobel x: the exported program reads the PNG itself
// (Pillow, BT.601 luma of the stored colour) and its Y equals the panel's at sample pixels and in its min and max.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { parsePrinted } from '../../src/core/literal';
import { PYTHON } from '../../scripts/harness/python.mjs';
import { launch, openFile, openImage, runCommand, screenshot, setTheme, webviewFrame, type Session } from './harness';
import { eventually, goTo, grid, num, text } from './read';
import { runTfjs } from '../unit/helpers/run-export';
import { useCpuBackend } from '../unit/helpers/tf';

const DEMO = join(import.meta.dirname, '..', '..', 'demo');
/** The scratch Python file "Insert as literal" writes into (written before launch, removed after). */
const PY = 'export-scratch.py';
const PY_TEXT = '# Scratch file of test/e2e/export.e2e.test.ts (deleted after the run).\nimport numpy as np\n\nY = \n';
const tmp = mkdtempSync(join(tmpdir(), 'conv2d-export-e2e-'));

/** Runs a Python program with Debian's python3; returns what it printed (throws with its error output). */
function runPython(code: string, name: string): string {
  const file = join(tmp, name);
  writeFileSync(file, code);
  const r = spawnSync(PYTHON, [file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `python ${name} failed: ${r.stderr}`);
  return r.stdout;
}

/** What the system clipboard of the page holds. */
async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Clicks an export button and waits for the host's answer in the export bar's status line. */
async function exportAndWait(frame: Frame, button: string, expected: RegExp): Promise<string> {
  await frame.getByTestId(button).click();
  const status = frame.getByTestId('export-status');
  await status.filter({ hasText: expected }).waitFor({ timeout: 20_000 });
  return text(frame, 'export-status');
}

/** The output value at (i, j) of Detect Edges, through the "Inspect output pixel" fields and the probe. */
async function probe(frame: Frame, i: number, j: number): Promise<number> {
  await frame.getByTestId('inspect-row').fill(String(i));
  await frame.getByTestId('inspect-col').fill(String(j));
  const p = frame.getByTestId('probe');
  await p.filter({ hasText: `Y[${i}, ${j}] = ` }).waitFor({ timeout: 5_000 });
  return Number(await p.getAttribute('data-value'));
}

describe('export: "Copy as code" and "Insert as literal" in VS Code (code-server, Chromium)', () => {
  let session: Session;
  let step: Frame;
  let panelY: number[][] = [];

  before(async () => {
    writeFileSync(join(DEMO, PY), PY_TEXT);
    session = await launch({ theme: 'dark' });
    await session.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  after(async () => {
    await session?.close();
    rmSync(join(DEMO, PY), { force: true });
    rmSync(tmp, { recursive: true, force: true });
  });

  test('Step x=[3,3] k=[2,2] p=1 s=2 bias 1: Y = [[1, 9], [22, 44]]; Insert Y writes np.array at the cursor', async () => {
    const { page } = session;
    await openFile(page, PY);
    await goTo(page, { line: 4, column: 5 });
    await runCommand(page, 'Conv2D: Step Cross-Correlation');
    step = await webviewFrame(page, 'Step Cross-Correlation');
    await step.getByTestId('padding').selectOption('1');
    await step.getByTestId('stride').fill('2');
    await step.getByTestId('bias').fill('1');
    const Y = [
      [1, 9],
      [22, 44],
    ];
    await eventually(() => grid(step, 'Y'), Y, 'the panel shows Y');
    panelY = await grid(step, 'Y');
    await step.getByTestId('literal-name').selectOption('Y');
    const status = await exportAndWait(step, 'insert-literal', /^Inserted Y/);
    assert.equal(status, `Inserted Y (2×2, np.array) at ${PY}:4.`);
    // The inserted text, saved and read from disk: aligned under the first row's bracket.
    await page.keyboard.press('Control+S');
    const want = `${PY_TEXT.slice(0, -1)}np.array([[1, 9],\n              [22, 44]], dtype=np.float64)\n`;
    await eventually(async () => readFileSync(join(DEMO, PY), 'utf8'), want, 'the file after Insert and Save');
    await screenshot(page, 'export-step-insert-dark');
  });

  test("Step: Copy as code (NumPy/SciPy) → paste into an untitled editor → python3 prints the panel's Y", async () => {
    const { page } = session;
    await step.getByTestId('export-target').selectOption('numpy');
    const status = await exportAndWait(step, 'copy-code', /copied to the clipboard/);
    assert.match(
      status,
      /^NumPy\/SciPy code for Y = X ⋆ K \+ b of the Step panel copied to the clipboard \(\d+ lines\)\.$/,
    );
    const copied = await clipboard(page);
    assert.match(copied, /^# Conv2D Lens export: cross-correlation, 1 → 1 channel, stride 2, dilation 1\./);
    await runCommand(page, 'File: New Untitled Text File');
    // The new editor takes focus a moment after the command (later still in a reused window): paste once it has it.
    await page.locator('.tab.active', { hasText: /^Untitled-\d+/ }).waitFor({ timeout: 10_000 });
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+V');
    // An untitled editor's tab is named by its first line (the pasted program may be scrolled past it).
    await page.locator('.tab.active', { hasText: 'Conv2D Lens export' }).first().waitFor();
    // Read the editor back: select all and copy, then the clipboard holds the editor's text.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await eventually(
      async () => (await clipboard(page)).trimEnd(),
      copied.trimEnd(),
      'the untitled editor holds the code',
    );
    const program = await clipboard(page);
    const printed = runPython(program, 'step.py');
    const parsed = parsePrinted(printed.trim());
    assert.ok(parsed.ok, `the printout parses: ${printed}`);
    assert.deepEqual(parsed.shape, [1, 2, 2], 'Y: [c_out, outH, outW]');
    // The panel's grid as read before the untitled editor took its place in the editor group.
    const shown = panelY;
    parsed.data.forEach((v, k) => assert.equal(v, shown[Math.floor(k / 2)][k % 2], `Y value ${k}`));
    await screenshot(page, 'export-step-pasted-dark');
  });

  test("Step: Open (TensorFlow.js) → an untitled JavaScript editor; the program run in Node prints the panel's Y", async () => {
    const { page } = session;
    // The untitled editor took the panel's place: the command reveals the panel again, on its saved state.
    await runCommand(page, 'Conv2D: Step Cross-Correlation');
    step = await webviewFrame(page, 'Step Cross-Correlation');
    await eventually(() => grid(step, 'Y'), panelY, 'the panel kept its setup');
    await step.getByTestId('export-target').selectOption('tfjs');
    const status = await exportAndWait(step, 'open-code', /opened in an untitled editor/);
    assert.match(status, /^TensorFlow\.js code for Y = X ⋆ K \+ b of the Step panel opened in an untitled editor/);
    await page.locator('[id="status.editor.mode"]', { hasText: 'JavaScript' }).waitFor({ timeout: 10_000 });
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await eventually(async () => /Y\.print\(\);\s*$/.test(await clipboard(page)), true, 'the editor holds the program');
    await useCpuBackend();
    const Y = runTfjs(await clipboard(page), ['Y']).values.Y as number[][][];
    assert.deepEqual(Y[0], panelY, "float32 Y of the program equals the panel's integers");
  });

  test("Detect Edges on chelsea.png (RGB 451×300), Sobel x: the exported program reads the PNG; Y equals the panel's", async () => {
    const { page } = session;
    await openImage(session, 'images/chelsea.png');
    const edges = await webviewFrame(page, 'Detect Edges');
    await edges.getByTestId('stats').filter({ hasText: 'Y: 300×450' }).waitFor({ timeout: 60_000 });
    await edges.getByTestId('preset').selectOption('sobel-x');
    const stats = edges.getByTestId('stats');
    await stats.filter({ hasText: 'Y: 298×449' }).waitFor({ timeout: 30_000 });
    await edges.getByTestId('export-target').selectOption('numpy');
    await exportAndWait(edges, 'copy-code', /code for Y = X ⋆ K of Detect Edges \(chelsea\.png\) copied/);
    const code = await clipboard(page);
    const path = join(DEMO, 'images', 'chelsea.png');
    assert.ok(code.includes(`X = load_gray('${path}')`), 'the program opens the file the panel shows');
    assert.ok(code.includes('from PIL import Image'), 'an 8-bit PNG is read with Pillow');
    const printed = runPython(code, 'edges.py');
    // First printed line: shape, min, max (as the panel's stats line).
    const [h, w, min, max] = /^\((\d+), (\d+)\) (\S+) (\S+)$/m.exec(printed)?.slice(1) ?? [];
    assert.deepEqual([h, w], ['298', '449'], printed.split('\n')[0]);
    const panelStats = (await stats.textContent()) ?? '';
    const [pmin, pmax] = [/min (\S+)/, /max (\S+)/].map((re) => num(re.exec(panelStats)?.[1] ?? 'NaN'));
    assert.ok(
      Math.abs(Number(min) - pmin) <= 1e-4 && Math.abs(Number(max) - pmax) <= 1e-4,
      `${printed} vs ${panelStats}`,
    );
    // Sample pixels: the program's Y (exec'd again, values read out) against the panel's probe.
    const pixels: Array<[number, number]> = [
      [0, 0],
      [150, 200],
      [297, 448],
      [77, 311],
    ];
    const values = JSON.parse(
      runPython(
        `import json\nns = {}\nexec(compile(${JSON.stringify(code)}, 'edges.py', 'exec'), ns)\n` +
          `print(json.dumps([float(ns['Y'][i, j]) for i, j in ${JSON.stringify(pixels)}]))\n`,
        'edges-pixels.py',
      )
        .trim()
        .split('\n')
        .pop() ?? '[]',
    ) as number[];
    for (const [n, [i, j]] of pixels.entries()) {
      const got = await probe(edges, i, j);
      assert.ok(Math.abs(values[n] - got) <= 1e-4, `Y[${i}, ${j}]: program ${values[n]}, panel ${got}`);
    }
    await setTheme(session, 'light');
    await screenshot(page, 'export-edges-light');
  });
});
