// Matrix-literal hovers in a real VS Code (code-server + Chromium): the mouse rests on a number of the 6×8 edge image
// in demo/d2l_conv.py (d2l §5.1) and the hover shows "matrix 6×8" and the values; its link "Step cross-correlation
// with this as X" opens the Step panel on exactly those values. "Show or Focus Hover" (Ctrl+K Ctrl+I) on sobelY in
// demo/kernels.ts does the same for an open panel. A ragged literal in a scratch file shows "ragged: row 0 has 4
// elements, row 1 has 7". Expected values are read from the files with a small regex here, not with the product's
// parser. Screenshots of the hover in the dark and the light theme.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { corr2dReference } from '../../src/core/reference';
import { launch, openFile, runCommand, screenshot, setTheme, webviewFrame, type Session } from './harness';
import { eventually, goTo, hoverTable, hoverWith, num, showHover, where } from './read';

const DEMO_DIR = join(import.meta.dirname, '..', '..', 'demo');
const PY = readFileSync(join(DEMO_DIR, 'd2l_conv.py'), 'utf8');
const TS = readFileSync(join(DEMO_DIR, 'kernels.ts'), 'utf8');
const SCRATCH = 'hover-ragged-scratch.py';
const RAGGED_LINE = 'R = [[2, 3, 4.0, 5], [2, 3, 41, 5, 4, 2, 2]]';
const STEP_LINK = 'Step cross-correlation with this as X';
const PANEL = 'Step Cross-Correlation';

/** The rows of a nested-list literal as written: every innermost `[...]`, split at commas. */
function rowsOf(literal: string): number[][] {
  return [...literal.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1].split(',').map((s) => Number(s.trim())));
}

/** The literal captured by `re` (group 1) in `text`, as numbers. */
function literalIn(text: string, re: RegExp, file: string): number[][] {
  const m = re.exec(text);
  assert.ok(m, `${re} not found in ${file}`);
  return rowsOf(m[1]);
}

// The 6×8 edge image and the Sobel y kernel, as the demo files write them.
const EDGE_X = literalIn(PY, /^X = (\[\[1, 1, 0[^=]*?\]\])$/m, 'd2l_conv.py');
const SOBEL_Y = literalIn(TS, /^export const sobelY = (\[[^;]*\]);$/m, 'kernels.ts');

/**
 * Screen centre of character `offset` of the rendered editor line whose text is `line` (Monaco renders spaces as
 * U+00A0 and splits a line into token spans: walk its text nodes and measure one character with a Range).
 */
async function charCentre(page: Page, line: string, offset: number): Promise<{ x: number; y: number }> {
  // The editor renders its lines in an animation frame after opening or scrolling: look again for up to 5 s.
  const deadline = Date.now() + 5_000;
  let box = await measureChar(page, line, offset);
  while (!box && Date.now() < deadline) {
    await page.waitForTimeout(100);
    box = await measureChar(page, line, offset);
  }
  assert.ok(box, `editor line "${line}" is not rendered`);
  return box;
}

function measureChar(page: Page, line: string, offset: number): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate(
    ({ line, offset }) => {
      const views = Array.from(document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line'));
      const view = views.find((v) => (v.textContent ?? '').replace(/\u00a0/g, ' ') === line);
      if (!view) return undefined;
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      let left = offset;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent?.length ?? 0;
        if (left < len) {
          const range = document.createRange();
          range.setStart(n, left);
          range.setEnd(n, left + 1);
          const r = range.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }
        left -= len;
      }
      return undefined;
    },
    { line, offset },
  );
}

/**
 * Reads grid `id` of the Step panel until it equals `expected` (the panel renders after a message), at most 15 s.
 * The panel's frame is found again for every read: a panel revealed by a link reloads its page, and the frame found
 * first can be the one that goes away.
 */
async function gridEquals(page: Page, id: string, expected: number[][]): Promise<void> {
  const read = async () => {
    const frame = await webviewFrame(page, PANEL, 5_000);
    const cells = frame.locator(`[data-testid="${id}"] td`);
    const out: number[][] = [];
    for (let r = 0; ; r++) {
      const row = cells.and(frame.locator(`[data-r="${r}"]`));
      const texts = await row.allTextContents();
      if (texts.length === 0) return out;
      out.push(texts.map(num));
    }
  };
  await eventually(read, expected, `grid ${id} of the ${PANEL} panel`);
}

describe('matrix-literal hover → Step panel (dark, then light theme)', () => {
  let session: Session;
  let page: Page;

  before(async () => {
    writeFileSync(
      join(DEMO_DIR, SCRATCH),
      `# Scratch file of test/e2e/hover.e2e.test.ts (deleted after the run).\n${RAGGED_LINE}\n`,
    );
    session = await launch({ theme: 'dark' });
    page = session.page;
  });
  after(async () => {
    await session?.close();
    rmSync(join(DEMO_DIR, SCRATCH), { force: true });
  });

  test('mouse on a 0 of the edge image X=[6,8] in d2l_conv.py: hover "matrix 6×8" with the values as written', async () => {
    assert.deepEqual(
      EDGE_X.map((r) => r.length),
      [8, 8, 8, 8, 8, 8],
      'the regex read a 6×8 literal',
    );
    await openFile(page, 'd2l_conv.py');
    const first = 'X = [[1, 1, 0, 0, 0, 0, 1, 1],';
    await goTo(page, where(PY, first)); // scrolls the literal into view; the cursor alone shows no hover
    const at = await charCentre(page, first, first.indexOf('0'));
    await page.mouse.move(at.x, at.y);
    const hover = hoverWith(page, 'matrix 6×8');
    await hover.waitFor({ timeout: 15_000 });
    assert.deepEqual(await hoverTable(hover), EDGE_X);
    const links = await hover.locator('a').allTextContents();
    assert.equal(links[0], STEP_LINK, 'the Step link comes first (the hover box is ~250 px high)');
    assert.ok(await hover.locator('img[alt="heat map 6×8"]').count(), 'heat map image');
    assert.match((await hover.textContent()) ?? '', /viridis, 0 … 1/);
    await screenshot(page, 'hover-edge-x-dark');
  });

  test(`"${STEP_LINK}": the Step panel opens with X = the 6×8 literal, K = [1, −1], Y = corr2dReference [6,7]`, async () => {
    await hoverWith(page, 'matrix 6×8').locator('a', { hasText: STEP_LINK }).click();
    await gridEquals(page, 'X', EDGE_X);
    await gridEquals(page, 'K', [[1, -1]]);
    await gridEquals(page, 'Y', corr2dReference(EDGE_X, [[1, -1]]));
  });

  test('Ctrl+K Ctrl+I on sobelY in kernels.ts: hover "matrix 3×3"; its link sends X = sobelY to the hidden open panel', async () => {
    assert.deepEqual(
      SOBEL_Y,
      [
        [-1, -2, -1],
        [0, 0, 0],
        [1, 2, 1],
      ],
      'the regex read sobelY',
    );
    await openFile(page, 'kernels.ts');
    await goTo(page, where(TS, '  [1, 2, 1],', 3)); // on the 1 of the last row of sobelY
    await showHover(page);
    const hover = hoverWith(page, 'matrix 3×3');
    await hover.waitFor({ timeout: 15_000 });
    assert.deepEqual(await hoverTable(hover), SOBEL_Y);
    assert.match((await hover.textContent()) ?? '', /blue < 0 < red, -2 … 2/);
    await screenshot(page, 'hover-sobel-y-dark');
    // kernels.ts opened in the panel's editor group: the panel is hidden, so its page reloads when the link reveals it.
    assert.equal(await page.locator('iframe.webview:visible').count(), 0, 'the Step panel is hidden behind kernels.ts');
    await hover.locator('a', { hasText: STEP_LINK }).click();
    await gridEquals(page, 'X', SOBEL_Y);
  });

  test('ragged [[2, 3, 4.0, 5], [2, 3, 41, 5, 4, 2, 2]] in a scratch .py: "ragged: row 0 has 4 elements, row 1 has 7"', async () => {
    await openFile(page, SCRATCH);
    await goTo(page, { line: 2, column: RAGGED_LINE.indexOf('41') + 1 });
    await showHover(page);
    const hover = hoverWith(page, 'ragged: row 0 has 4 elements, row 1 has 7');
    await hover.waitFor({ timeout: 15_000 });
    assert.match((await hover.textContent()) ?? '', /Not a matrix/);
    assert.equal(await hover.locator('a', { hasText: STEP_LINK }).count(), 0, 'no panel link for a ragged literal');
    await screenshot(page, 'hover-ragged-dark');
  });

  test('light theme: the same hover on the edge image renders (screenshot)', async () => {
    await page.keyboard.press('Escape');
    await setTheme(session, 'light');
    // One editor group again (the panel took a second one), so the file opens where the line is looked for.
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'd2l_conv.py');
    const first = 'X = [[1, 1, 0, 0, 0, 0, 1, 1],';
    await goTo(page, where(PY, first));
    await page.mouse.move(0, 0);
    const at = await charCentre(page, first, first.indexOf('0'));
    await page.mouse.move(at.x, at.y);
    const hover = hoverWith(page, 'matrix 6×8');
    await hover.waitFor({ timeout: 15_000 });
    assert.deepEqual(await hoverTable(hover), EDGE_X);
    await screenshot(page, 'hover-edge-x-light');
  });
});
