// Learn Kernel's colour experiment in a real VS Code (issue 11 item 5; d2l §7.2.4 with the channels of §7.4.1): X =
// chelsea.png's centre square in R, G and B [3, 128, 128], Y = Sobel x over its luma, a [1, 3, 3, 3] kernel learned
// back. The panel's stability limit (decoded by the browser) is compared with the same photo decoded in Node by the
// panel's own PNG reader (whose λmax the unit tier checks against numpy); the learned kernel with luma weights ⊗ Sobel
// x. One launch; screenshots in dark, then light.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { kernelPreset } from '../../src/core/presets';
import { multiStabilityReport } from '../../src/core/stability';
import type { Volume } from '../../src/core/volume';
import { readPng } from '../../webview-ui/shared/image/formats';
import { samplePhoto } from '../../webview-ui/learn/photo';
import { launch, openImage, runCommand, screenshot, setTheme, webviewFrame, type Session } from './harness';
import { grid, num, text } from './read';

const TITLE = 'Learn Kernel';
const LUMA = [0.299, 0.587, 0.114];
const SOBEL_X = kernelPreset('sobel-x').kernel;
/** luma weights ⊗ Sobel x: the kernel [3, 3, 3] that computes Sobel x of the luma from R, G and B. */
const EXPECTED = LUMA.map((w) => SOBEL_X.map((row) => row.map((v) => w * v)));
/** What the unit tier measures for the panel's default run (20 000 steps at 0.9 × the limit, seed 0). */
const TOL = 0.02;

/** λmax of the multi-channel loss on chelsea.png's centre square as the panel samples it, decoded in Node. */
function expectedLambdaMax(): number {
  const png = readPng(readFileSync(join(import.meta.dirname, '..', '..', 'demo', 'images', 'chelsea.png')));
  const X = samplePhoto(png, 'chelsea.png').rgb as Volume;
  return multiStabilityReport(X, 3, 3, 1, { useBias: false }).lambdaMax;
}

describe('Learn Kernel, colour experiment on chelsea.png: x=[3,128,128] k=[1,3,3,3], Y = Sobel x of the luma', () => {
  let session: Session;
  let frame: Frame;

  before(async () => {
    session = await launch({ theme: 'dark' });
    await runCommand(session.page, `Conv2D: ${TITLE}`);
    frame = await webviewFrame(session.page, TITLE);
  });
  after(async () => {
    await session?.close();
  });

  test('colour mode on chelsea.png: target luma ⊗ Sobel x, the limit 2/λmax of the 27-entry loss, lr 0.9 × limit', async () => {
    await frame.getByTestId('mode-colour').check();
    await frame.getByTestId('photo-hint').waitFor({ state: 'visible', timeout: 15_000 });
    await openImage(session, 'images/chelsea.png', frame);
    frame = await webviewFrame(session.page, TITLE);
    await frame.getByTestId('colour-target').waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await text(frame, 'photo-name'), /chelsea\.png/);
    assert.match(
      await text(frame, 'colour-target'),
      /0\.299 R \+ 0\.587 G \+ 0\.114 B \(luma\)\) ⊗ Sobel x.*\[1, 3, 3, 3\]/,
    );
    for (let c = 0; c < 3; c++) {
      const T = await grid(frame, `K-target-ch${c}`, 3, 3);
      T.forEach((row, i) =>
        row.forEach((v, j) => assert.ok(Math.abs(v - EXPECTED[c][i][j]) <= 1e-4, `target ch${c}[${i}][${j}] = ${v}`)),
      );
    }
    const stability = await text(frame, 'stability');
    const m = /stable for lr < (\S+) \(2\/λmax, λmax = (\S+) for the 27 kernel entries/.exec(stability);
    assert.ok(m, `stability line: "${stability}"`);
    const lambda = expectedLambdaMax();
    assert.ok(Math.abs(num(m[2]) - lambda) <= 1e-4 * lambda, `λmax ${m[2]} vs ${lambda} (photo decoded in Node)`);
    // lr and its limit are printed to 3 significant digits (formatLr): within half a unit of the third digit.
    assert.ok(Math.abs(num(m[1]) - 2 / lambda) <= 5e-3 * (2 / lambda), `limit ${m[1]} vs 2/λmax = ${2 / lambda}`);
    const lr = num(await frame.locator('input[data-testid="lr"]').inputValue());
    assert.ok(Math.abs(lr - (0.9 * 2) / lambda) <= 5e-3 * lr, `lr ${lr} vs 0.9 × 2/λmax = ${(0.9 * 2) / lambda}`);
    assert.equal(await frame.getByTestId('stability-warning').count(), 0);
    // The badge names the learning path: the fast engine on software WebGL (this Chromium), tfjs on a real GPU.
    const path = await text(frame, 'conv-path');
    assert.match(path, /^(wasm-simd|webgl|cpu)$/);
    const why = (await frame.getByTestId('conv-path').locator('xpath=..').getAttribute('title')) ?? '';
    if (path === 'wasm-simd') assert.match(why, /learnStepMulti on FastConv2d/);
  });

  test('Play: 20 000 steps end within 0.02 of luma ⊗ Sobel x in every channel; the loss falls 1000×', async () => {
    assert.equal(await frame.getByTestId('steps').inputValue(), '20000');
    // One Step first: the table keeps only the last steps of a long run, so the first loss is read now.
    await frame.getByTestId('step').click();
    const first = num(await frame.getByTestId('loss-1').getAttribute('data-value', { timeout: 30_000 }));
    await frame.getByTestId('play').click();
    await frame.getByTestId('kernel-final').waitFor({ state: 'visible', timeout: 300_000 });
    const K = JSON.parse((await frame.getByTestId('kernel-final').getAttribute('data-value')) ?? 'null') as Volume;
    assert.deepEqual([K.length, K[0].length, K[0][0].length], [3, 3, 3]);
    K.forEach((Kc, c) =>
      Kc.forEach((row, i) =>
        row.forEach((v, j) =>
          assert.ok(
            Math.abs(v - EXPECTED[c][i][j]) <= TOL,
            `K[${c}][${i}][${j}] = ${v}, expected ${EXPECTED[c][i][j]}`,
          ),
        ),
      ),
    );
    for (let c = 0; c < 3; c++) {
      const far = num(await frame.getByTestId(`kernel-diff-ch${c}`).getAttribute('data-value'));
      assert.ok(far <= TOL, `channel ${c}: max |K − target| ${far}`);
      const shown = await grid(frame, `K-ch${c}`, 3, 3);
      shown.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - K[c][i][j]) <= 1e-3, `grid ch${c}`)));
    }
    const L = await frame
      .locator('[data-testid="records"] [data-testid^="loss-"]')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    assert.ok(L.length >= 2 && L.every(Number.isFinite), `losses: ${L.length}`);
    assert.ok(
      L.every((l, i) => i === 0 || l <= L[i - 1]),
      `the loss falls at every step shown: ${L.join(', ')}`,
    );
    assert.ok(Number.isFinite(first) && L[L.length - 1] < first / 1000, `loss ${first} → ${L[L.length - 1]}`);
    assert.match(await text(frame, 'status'), /20000|20 000|converged/);
    await frame.getByTestId('K-ch0').scrollIntoViewIfNeeded();
    await screenshot(session.page, 'learn-colour-dark');
    await setTheme(session, 'light');
    await frame.getByTestId('chart').scrollIntoViewIfNeeded();
    await screenshot(session.page, 'learn-colour-light');
  });
});
