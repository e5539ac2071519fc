// "Conv2D: Step Transposed Convolution" in a real VS Code (code-server + Chromium), issue 12 items 1 and 2: d2l
// §14.10's example read 0, 0, 1, 0, 4, 6, 4, 12, 9 in order after stepping its four input cells (each step's running
// sums against an independent loop), padding 1 → [[4]] and stride 2 → the issue's 4×4; `trans_conv(X, K)` and
// `conv_transpose2d(X, K, stride=2, padding=1, output_padding=1)` calls of a scratch file on other literals against
// the float64 reference; the matrix view's shape and highlighted row/column (Wᵀ 9×4 for the book's example, W 4×9
// for Fig. 7.2.1 whose row 0 holds K at columns 0, 1, 3, 4); the checkerboard overlap of kernel 3, stride 2 (Odena et
// al., Distill 2016) against a counting loop; an output padding error shown and recovered from. Dark and light theme.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { convTranspose2dReference } from '../../src/core/transposed';
import { launch, openFile, runCommand, screenshot, setTheme, webviewFrame, type Session } from './harness';
import { eventually, goTo, grid, text, where } from './read';

const TITLE = 'Step Transposed Convolution';
const FORWARD = 'Step Cross-Correlation';
const DEMO = join(import.meta.dirname, '..', '..', 'demo');

/** The scratch file: other literals than the book's, a plain call and one with stride, padding and output padding. */
const PY = 'transposed-scratch.py';
const X = [
  [1, -2, 0],
  [3, 1, 2],
];
const K = [
  [1, 2],
  [0, -1],
];
const CALLS = {
  plain: 'A = trans_conv(X, K)',
  strided: 'B = conv_transpose2d(X, K, stride=2, padding=1, output_padding=1)',
} as const;
const literal = (M: number[][]) => `[${M.map((row) => `[${row.join(', ')}]`).join(', ')}]`;
const PY_TEXT = [
  '# Scratch file of test/e2e/transposed.e2e.test.ts (deleted after the run).',
  `X = ${literal(X)}`,
  `K = ${literal(K)}`,
  CALLS.plain,
  CALLS.strided,
  '',
].join('\n');

/**
 * Independent of the product: the transposed convolution as a GATHER over output cells of the first `steps` input
 * cells in reading order (stride s, padding p cropped on each side, output padding op at the bottom/right), and how
 * many input cells write each output cell.
 */
function gather(Xm: number[][], Km: number[][], s = 1, p = 0, op = 0, steps = Infinity) {
  const [h, w, kh, kw] = [Xm.length, Xm[0].length, Km.length, Km[0].length];
  const [oh, ow] = [(h - 1) * s - 2 * p + kh + op, (w - 1) * s - 2 * p + kw + op];
  const Y = Array.from({ length: oh }, () => new Array<number>(ow).fill(0));
  const counts = Array.from({ length: oh }, () => new Array<number>(ow).fill(0));
  for (let r = 0; r < oh; r++) {
    for (let c = 0; c < ow; c++) {
      for (let i = 0; i < h; i++) {
        for (let j = 0; j < w; j++) {
          const [a, b] = [r + p - i * s, c + p - j * s];
          if (a < 0 || b < 0 || a >= kh || b >= kw) continue;
          counts[r][c] += 1;
          if (i * w + j < steps) Y[r][c] += Xm[i][j] * Km[a][b];
        }
      }
    }
  }
  return { Y, counts };
}

const D2L = [
  [0, 1],
  [2, 3],
];

/** Moves the scrub slider to step `index` (0-based) and waits for its label. */
async function seek(frame: Frame, index: number, count: number): Promise<void> {
  await frame.getByTestId('scrub').fill(String(index));
  await frame
    .getByTestId('step-label')
    .filter({ hasText: new RegExp(`^Step ${index + 1} of ${count}:`) })
    .waitFor({ timeout: 10_000 });
}

/** Opens the transposed mode from the palette with the cursor on call `line` of the scratch file. */
async function stepOnCall(page: Page, line: string): Promise<Frame> {
  await openFile(page, PY);
  await goTo(page, where(PY_TEXT, line, line.indexOf('(') - 2));
  await runCommand(page, `Conv2D: ${TITLE}`);
  return webviewFrame(page, TITLE);
}

describe('Step Transposed Convolution (code-server, Chromium; dark, then light)', () => {
  let session: Session;
  let page: Page;
  let frame: Frame;

  before(async () => {
    writeFileSync(join(DEMO, PY), PY_TEXT);
    session = await launch({ theme: 'dark' });
    page = session.page;
  });
  after(async () => {
    await session?.close();
    rmSync(join(DEMO, PY), { force: true });
  });

  test('d2l §14.10 X=[2,2] K=[2,2] s=1: each step adds x·K; Y reads 0, 0, 1, 0, 4, 6, 4, 12, 9 in order', async () => {
    await runCommand(page, `Conv2D: ${TITLE}`);
    frame = await webviewFrame(page, TITLE);
    await frame.getByTestId('Y-2-2').waitFor({ timeout: 30_000 });
    assert.equal(await text(frame, 'title'), TITLE);
    assert.deepEqual(await grid(frame, 'X', 2, 2), D2L);
    assert.deepEqual(await grid(frame, 'K', 2, 2), D2L);
    for (let k = 0; k < 4; k++) {
      if (k > 0) await frame.getByTestId('step-forward').click();
      const [i, j] = [Math.floor(k / 2), k % 2];
      assert.match(
        await text(frame, 'step-label'),
        new RegExp(`^Step ${k + 1} of 4: X\\[${i}, ${j}\\] = ${D2L[i][j]}`),
      );
      assert.equal(await frame.locator('[data-testid="X"] td.hl').count(), 1, 'one input cell scatters');
      assert.deepEqual(
        await grid(frame, 'Y', 3, 3),
        gather(D2L, D2L, 1, 0, 0, k + 1).Y,
        `running sums of step ${k + 1}`,
      );
      assert.equal(await frame.locator('[data-testid="Y"] td.hl').count(), 4, 'the 2×2 block it writes');
    }
    const flat = (await grid(frame, 'Y', 3, 3)).flat();
    assert.deepEqual(flat, [0, 0, 1, 0, 4, 6, 4, 12, 9]);
    assert.equal(await text(frame, 'arith'), 'Y[1, 1] += 3×0, Y[1, 2] += 3×1, Y[2, 1] += 3×2, Y[2, 2] += 3×3');
    assert.match(await text(frame, 'formula'), /rows: \(2 − 1\)·1 − 2·0 \+ 1·\(2 − 1\) \+ 0 \+ 1 = 3/);
    assert.equal(await frame.getByTestId('y-caption').getAttribute('data-num-tensors'), '0', 'tensors released');
    // The overlap map of the book's example: the centre receives all four input cells.
    assert.deepEqual(await grid(frame, 'overlap', 3, 3), gather(D2L, D2L).counts);
    // Pointing at Y[1, 1] lists the four products it receives.
    await frame.getByTestId('Y-1-1').hover();
    assert.equal(await text(frame, 'arith'), '0×3 + 1×2 + 2×1 + 3×0 = 4');
    await frame.getByTestId('arith').hover();
    await screenshot(page, 'transposed-d2l-dark');
  });

  test('padding 1 crops to [[4]]; stride 2 gives the issue 4×4 [[0,0,0,1],[0,0,2,3],[0,2,0,3],[4,6,6,9]]', async () => {
    await frame.getByTestId('padding').selectOption('1');
    await eventually(() => grid(frame, 'Y'), [[4]], 'padding 1');
    await frame.getByTestId('padding').selectOption('valid');
    await frame.getByTestId('stride').fill('2');
    const want = [
      [0, 0, 0, 1],
      [0, 0, 2, 3],
      [0, 2, 0, 3],
      [4, 6, 6, 9],
    ];
    await eventually(() => grid(frame, 'Y'), want, 'stride 2');
    assert.deepEqual(want, gather(D2L, D2L, 2).Y, 'the issue values are the independent loop');
    assert.match(await text(frame, 'formula'), /rows: \(2 − 1\)·2 − 2·0 \+ 1·\(2 − 1\) \+ 0 \+ 1 = 4/);
  });

  test('output padding 2 with stride 2: the error names the range 0 to 1; output padding 1 restores a 5×5 Y', async () => {
    await frame.getByTestId('outputPadding').fill('2');
    const error = frame.getByTestId('error');
    await error.waitFor({ timeout: 10_000 });
    assert.equal(
      await text(frame, 'error'),
      'Output padding 2 is too large: it must be smaller than the stride (2) or the dilation (1), so 0 to 1 here ' +
        '(torch.nn.ConvTranspose2d). Lower the output padding, or raise the stride.',
    );
    assert.equal(await frame.getByTestId('Y').count(), 0, 'no stale Y');
    await screenshot(page, 'transposed-error-dark');
    await frame.getByTestId('outputPadding').fill('1');
    await error.waitFor({ state: 'detached', timeout: 10_000 });
    await eventually(() => grid(frame, 'Y'), gather(D2L, D2L, 2, 0, 1).Y, 'output padding 1: a zero row and column');
    assert.match(await text(frame, 'formula'), /rows: \(2 − 1\)·2 − 2·0 \+ 1·\(2 − 1\) \+ 1 \+ 1 = 5/);
  });

  test('matrix view: Wᵀ of the book example is 9×4, its highlighted column follows the step, a pointed cell its row', async () => {
    await frame.getByTestId('example').selectOption('d2l-1410');
    await frame.getByTestId('matrix-toggle').check();
    const W = frame.getByTestId('matrix-W');
    await W.waitFor();
    assert.deepEqual(
      [await W.getAttribute('data-rows'), await W.getAttribute('data-cols'), await W.getAttribute('data-transposed')],
      ['9', '4', 'true'],
    );
    // Column i·2 + j of Wᵀ is what X[i, j] scatters: K at output rows (i + a)·3 + (j + b).
    const want = Array.from({ length: 9 }, () => new Array<number>(4).fill(0));
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++)
        for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) want[(i + a) * 3 + j + b][i * 2 + j] = D2L[a][b];
    assert.deepEqual(await grid(frame, 'W', 9, 4), want);
    for (let k = 1; k <= 2; k++) await frame.getByTestId('step-forward').click();
    assert.equal(await W.getAttribute('data-col'), '2', 'step 3 scatters X[1, 0]: column 2');
    assert.equal(await frame.locator('[data-testid="W"] td.hl').count(), 9, 'its column is highlighted');
    await frame.getByTestId('Y-1-2').hover();
    assert.equal(await W.getAttribute('data-row'), '5', 'Y[1, 2] is row 5');
    assert.match(await text(frame, 'matrix-equation'), /^Wᵀ · vec\(X\) = vec\(Y\): Wᵀ is 9×4/);
    await frame.getByTestId('arith').hover();
    await screenshot(page, 'transposed-matrix-dark');
  });

  test('matrix view of cross-correlation: W of Fig. 7.2.1 (X 3×3, K 2×2) is 4×9, row 0 = K at columns 0, 1, 3, 4', async () => {
    await frame.getByTestId('operation').selectOption('forward');
    await frame.getByTestId('example').selectOption('fig721');
    const forward = await webviewFrame(page, FORWARD);
    const W = forward.getByTestId('matrix-W');
    await eventually(
      async () => [await W.getAttribute('data-rows'), await W.getAttribute('data-cols')],
      ['4', '9'],
      'W',
    );
    assert.equal(await W.getAttribute('data-row'), '0');
    const row0 = (await grid(forward, 'W', 4, 9))[0];
    assert.deepEqual(row0, [0, 1, 0, 2, 3, 0, 0, 0, 0]);
    await forward.getByTestId('step-forward').click();
    await forward.getByTestId('step-forward').click();
    assert.equal(await W.getAttribute('data-row'), '2', 'step 3 is Y[1, 0]: row 2');
    // Row 0's structure: entries at columns 0, 1, 3, 4 (K's 0 included), none elsewhere.
    const empty = await forward
      .locator('[data-testid="W"] tr')
      .first()
      .locator('td')
      .evaluateAll((tds) => tds.map((td) => td.classList.contains('empty')));
    assert.deepEqual(empty, [false, false, true, false, false, true, true, true, true]);
    await forward.getByTestId('matrix-toggle').uncheck();
    await forward.getByTestId('operation').selectOption('transposed');
    frame = await webviewFrame(page, TITLE);
  });

  test('checkerboard: kernel 3 stride 2 has the uneven overlap map, kernel 4 stride 2 an even one', async () => {
    const ones = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(1));
    await frame.getByTestId('example').selectOption('checker-k3s2');
    const k3 = gather(ones(4), ones(3), 2, 1, 1).counts;
    await eventually(() => grid(frame, 'overlap'), k3, 'overlap of k=3 s=2 p=1 op=1');
    assert.match(await text(frame, 'overlap-summary'), /^Uneven overlap: away from the border cells receive 1 to 4/);
    assert.deepEqual(
      (await frame.getByTestId('overlap-legend').locator('li').allTextContents()).map((t) => t.trim()),
      [1, 2, 4].map((n) => `${n} (${k3.flat().filter((c) => c === n).length} cells)`),
    );
    await screenshot(page, 'transposed-checkerboard-dark');
    await frame.getByTestId('example').selectOption('checker-k4s2');
    await eventually(() => grid(frame, 'overlap'), gather(ones(4), ones(4), 2, 1).counts, 'overlap of k=4 s=2 p=1');
    assert.match(
      await text(frame, 'overlap-summary'),
      /^Even overlap: away from the border every output cell receives 4/,
    );
  });

  test(`from ${CALLS.plain} on X=[2,3] K=[2,2]: Y equals the float64 reference`, async () => {
    frame = await stepOnCall(page, CALLS.plain);
    await eventually(() => grid(frame, 'X'), X, 'X of the call');
    assert.match(
      await text(frame, 'source'),
      new RegExp(`^X from ${PY}:4 trans_conv\\(…\\); K from ${PY}:4 trans_conv`),
    );
    await seek(frame, 5, 6);
    const want = convTranspose2dReference(X, K);
    assert.deepEqual(want, gather(X, K).Y);
    assert.deepEqual(await grid(frame, 'Y', 3, 4), want);
  });

  test(`from ${CALLS.strided}: Y (3×5) equals the float64 reference`, async () => {
    frame = await stepOnCall(page, CALLS.strided);
    const want = convTranspose2dReference(X, K, { stride: 2, padding: 1, outputPadding: 1 });
    assert.deepEqual(want, gather(X, K, 2, 1, 1).Y);
    await frame
      .getByTestId('formula')
      .filter({ hasText: /cols: \(3 − 1\)·2 − 2·1 \+ 1·\(2 − 1\) \+ 1 \+ 1 = 5/ })
      .waitFor({ timeout: 10_000 });
    await seek(frame, 5, 6);
    assert.deepEqual(await grid(frame, 'Y', 3, 5), want);
    assert.match(
      await text(frame, 'setup'),
      /^padding 1, stride 2, transposed convolution, output padding 1 from the input/,
    );
  });

  test(`${CALLS.strided}, then ${CALLS.plain} again: the second call gets stride 1, padding 0, no output padding`, async () => {
    frame = await stepOnCall(page, CALLS.plain);
    await seek(frame, 5, 6);
    assert.deepEqual(await grid(frame, 'Y', 3, 4), convTranspose2dReference(X, K));
    assert.doesNotMatch(await text(frame, 'setup'), /stride 2|output padding 1/);
  });

  test('light theme: the panel with the matrix view', async () => {
    await setTheme(session, 'light');
    frame = await webviewFrame(page, TITLE);
    await frame.getByTestId('matrix-toggle').check();
    await frame.getByTestId('matrix-W').waitFor();
    await screenshot(page, 'transposed-call-light');
    await frame.getByTestId('example').selectOption('checker-k3s2');
    await frame.getByTestId('overlap').waitFor();
    await screenshot(page, 'transposed-checkerboard-light');
  });
});
