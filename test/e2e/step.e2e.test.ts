// "Conv2D: Step Cross-Correlation" in a real VS Code (code-server + Chromium): Fig. 7.2.1 (d2l §7.2) stepped cell by
// cell — Y = [[19, 25], [37, 43]], the first cell's arithmetic "0×0 + 1×1 + 3×2 + 4×3 = 19" — true convolution with
// the kernel flipped, the "+ b" step, an error in the panel, and the receptive field of a stacked layer's z (all 4
// cells of Y, all 9 of X), keyboard focus on Y, invalid stride values. Expected numbers come from the issue and the
// plain-loop reference. Light and dark theme.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { fig51K, fig51X } from '../../src/core/fixtures';
import { convolve2dReference, corr2dReference } from '../../src/core/reference';
import { launch, runCommand, screenshot, webviewFrame, type Session } from './harness';
import { grid, num, text } from './read';

const TITLE = 'Step Cross-Correlation';

/** The highlighted (current) cell of Y, as "r,c" and its value. */
async function currentY(frame: Frame): Promise<{ at: string; value: number }> {
  const td = frame.locator('[data-testid="Y"] td.hl');
  assert.equal(await td.count(), 1, 'exactly one output cell highlighted');
  return {
    at: `${await td.getAttribute('data-r')},${await td.getAttribute('data-c')}`,
    value: num(await td.textContent()),
  };
}

for (const theme of ['light', 'dark'] as const) {
  describe(`Step Cross-Correlation panel (${theme} theme)`, () => {
    let session: Session;
    let frame: Frame;

    before(async () => {
      session = await launch({ theme });
      await runCommand(session.page, `Conv2D: ${TITLE}`);
      frame = await webviewFrame(session.page, TITLE);
    });
    after(async () => {
      await session?.close();
    });

    test('shows the TensorFlow.js backend badge: webgl', async () => {
      const badge = frame.getByTestId('backend');
      await badge.filter({ hasText: /^(webgl|cpu|wasm)$/ }).waitFor({ timeout: 30_000 });
      assert.equal(await text(frame, 'backend'), 'webgl');
    });

    test('Fig. 5.1 X=[3,3] K=[2,2] valid: steps read 19, 25, 37, 43; first step "0×0 + 1×1 + 3×2 + 4×3 = 19"', async () => {
      await frame.getByTestId('Y-1-1').waitFor();
      assert.deepEqual(await grid(frame, 'X', 3, 3), fig51X());
      assert.deepEqual(await grid(frame, 'K', 2, 2), fig51K());
      assert.equal(await text(frame, 'arith'), '0×0 + 1×1 + 3×2 + 4×3 = 19');
      const expected = corr2dReference(fig51X(), fig51K()); // [[19, 25], [37, 43]]
      const seen: number[] = [];
      for (let k = 0; k < 4; k++) {
        if (k > 0) await frame.getByTestId('step-forward').click();
        const cur = await currentY(frame);
        const [i, j] = [Math.floor(k / 2), k % 2];
        assert.equal(cur.at, `${i},${j}`, `step ${k + 1} highlights Y[${i}][${j}]`);
        assert.equal(
          num((await text(frame, 'arith')).split('= ').pop() ?? ''),
          expected[i][j],
          `arithmetic of step ${k + 1}`,
        );
        assert.equal(await frame.locator('[data-testid="X"] td.hl').count(), 4, 'the 2×2 window on X');
        seen.push(cur.value);
      }
      assert.deepEqual(seen, [19, 25, 37, 43]);
      assert.deepEqual(await grid(frame, 'Y', 2, 2), expected);
      assert.ok(await frame.getByTestId('step-forward').isDisabled(), 'no step after the last');
      await frame.getByTestId('step-back').click();
      assert.equal((await currentY(frame)).value, 37);
      assert.match(await text(frame, 'formula'), /⌊\(3 − 2 \+ 0 \+ 1\) \/ 1⌋ = 2/);
      assert.equal(await frame.getByTestId('y-caption').getAttribute('data-num-tensors'), '0', 'tensors released');
      await screenshot(session.page, `step-fig51-${theme}`);
    });

    test('play runs to the last step and stops; the scrub slider goes back to step 1', async () => {
      await frame.getByTestId('speed').selectOption('4');
      await frame.getByTestId('play').click();
      await frame
        .getByTestId('step-label')
        .filter({ hasText: /^Step 4 of 4/ })
        .waitFor({ timeout: 10_000 });
      await frame.getByTestId('pause').and(frame.locator(':disabled')).waitFor({ timeout: 5_000 });
      await frame.getByTestId('scrub').fill('0');
      assert.equal(await text(frame, 'arith'), '0×0 + 1×1 + 3×2 + 4×3 = 19');
      assert.equal((await currentY(frame)).at, '0,0');
    });

    test('keyboard: focusing Y points at a cell, arrows move it, Tab away returns to the step; step forward works', async () => {
      await frame.getByTestId('arith').hover(); // the mouse is not over Y
      await frame.getByTestId('Y-0-0').focus();
      assert.equal(await text(frame, 'step-label'), 'Y[0, 0] (pointed at)');
      await frame.getByTestId('Y-0-0').press('ArrowRight');
      assert.equal(await text(frame, 'step-label'), 'Y[0, 1] (pointed at)');
      assert.equal(await text(frame, 'arith'), '1×0 + 2×1 + 4×2 + 5×3 = 25');
      await frame.getByTestId('Y-0-1').press('ArrowDown');
      // One tab stop in the grid (roving tabindex): Tab leaves Y instead of stopping at a second cell.
      const tabStops = () =>
        frame
          .locator('[data-testid="Y"] td[tabindex="0"]')
          .evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.testid));
      assert.deepEqual(await tabStops(), ['Y-1-1']);
      await frame.getByTestId('Y-1-1').press('Enter');
      assert.match(await text(frame, 'step-label'), /^Y\[1, 1\] \(pinned/);
      await frame.getByTestId('Y-1-1').press('Enter'); // unpin
      assert.equal(await text(frame, 'step-label'), 'Y[1, 1] (pointed at)');
      await frame.getByTestId('Y-1-1').press('ArrowUp');
      assert.deepEqual(await tabStops(), ['Y-0-1']);
      await frame.getByTestId('Y-0-1').press('Tab'); // focus leaves the grid: no cell is pointed at any more
      assert.match(await text(frame, 'step-label'), /^Step 1 of 4: Y\[0, 0\]$/);
      await frame.getByTestId('step-forward').click();
      assert.match(await text(frame, 'step-label'), /^Step 2 of 4: Y\[0, 1\]$/);
      await frame.getByTestId('step-back').click();
      assert.equal(await text(frame, 'arith'), '0×0 + 1×1 + 3×2 + 4×3 = 19');
    });

    test('hovering Y[1,1] shows its window; clicking pins it', async () => {
      await frame.getByTestId('Y-1-1').hover();
      assert.equal(await text(frame, 'arith'), '4×0 + 5×1 + 7×2 + 8×3 = 43');
      await frame.getByTestId('Y-1-1').click();
      await frame.getByTestId('arith').hover(); // away from the grid: the pinned cell stays
      assert.equal(await text(frame, 'arith'), '4×0 + 5×1 + 7×2 + 8×3 = 43');
      assert.match(await text(frame, 'step-label'), /pinned/);
      await frame.getByTestId('Y-1-1').click(); // unpin
      await frame.getByTestId('arith').hover(); // back to the step's own cell
      assert.equal(await text(frame, 'arith'), '0×0 + 1×1 + 3×2 + 4×3 = 19');
    });

    test('true convolution: K shown flipped [[3, 2], [1, 0]], Y = convolve2dReference', async () => {
      await frame.getByTestId('mode').check();
      assert.deepEqual(await grid(frame, 'K', 2, 2), [
        [3, 2],
        [1, 0],
      ]);
      assert.deepEqual(await grid(frame, 'Y', 2, 2), convolve2dReference(fig51X(), fig51K()));
      assert.equal(await text(frame, 'arith'), '0×3 + 1×2 + 3×1 + 4×0 = 5');
      await frame.getByTestId('mode').uncheck();
      assert.deepEqual(await grid(frame, 'K', 2, 2), fig51K());
    });

    test('bias b=1: Y[0,0] = 20, its own step "19 + b = 19 + 1 = 20"', async () => {
      await frame.getByTestId('bias').fill('1');
      assert.equal(num(await frame.getByTestId('Y-0-0').textContent()), 20);
      assert.match(await text(frame, 'step-label'), /^Step 1 of 8/);
      await frame.getByTestId('step-forward').click();
      assert.equal(await text(frame, 'arith'), '19 + b = 19 + 1 = 20');
      await frame.getByTestId('bias').fill('');
      assert.equal(num(await frame.getByTestId('Y-0-0').textContent()), 19);
    });

    test("dilation 3 makes K=[2,2] span 4×4 > 3×3: the error says so in the panel's terms with the way out, then clears", async () => {
      await frame.getByTestId('dilation').fill('3');
      await frame
        .getByTestId('error')
        .filter({
          hasText:
            'K (2×2, dilated to 4×4) does not fit in X (3×3) with no padding: Y would have no cells. Try padding 1 on each side, a smaller dilation or a smaller kernel.',
        })
        .waitFor({ timeout: 5_000 });
      await frame.getByTestId('dilation').fill('1');
      await frame.getByTestId('error').waitFor({ state: 'detached', timeout: 5_000 });
      assert.equal(await text(frame, 'arith'), '0×0 + 1×1 + 3×2 + 4×3 = 19');
    });

    test('stride 0, 2.5, 1e9: the field is marked, its tooltip and a visible note name the range 1 to 8; Y keeps stride 1', async () => {
      for (const bad of ['0', '2.5', '1e9']) {
        await frame.getByTestId('stride').fill(bad);
        const note = frame.getByTestId('settings-error');
        await note
          .filter({ hasText: `stride must be a whole number from 1 to 8 (got “${bad}”); Y still uses stride 1` })
          .waitFor({ timeout: 5_000 });
        assert.match(
          (await frame.getByTestId('stride').getAttribute('title')) ?? '',
          /^stride must be a whole number from 1 to 8/,
        );
        assert.equal(await frame.getByTestId('stride').getAttribute('aria-invalid'), 'true');
        assert.deepEqual(await grid(frame, 'Y', 2, 2), corr2dReference(fig51X(), fig51K()));
      }
      await frame.getByTestId('stride').fill('1');
      assert.ok(await frame.getByTestId('settings-error').isHidden(), 'the note goes once the field is valid');
      assert.equal(await frame.getByTestId('stride').getAttribute('aria-invalid'), 'false');
    });

    test('stacked 2×2 layer on Y: z = 124; selecting z marks its receptive field, 4 cells of Y and 9 of X', async () => {
      await frame.getByTestId('stack').check();
      await frame.getByTestId('Z-0-0').click();
      assert.equal(num(await frame.getByTestId('Z-0-0').textContent()), 19 + 25 + 37 + 43);
      assert.equal(await frame.locator('[data-testid="Y"] td.field').count(), 4);
      assert.equal(await frame.locator('[data-testid="X"] td.field').count(), 9);
      assert.equal(await text(frame, 'arith'), '19×1 + 25×1 + 37×1 + 43×1 = 124');
      await frame.getByTestId('arith').hover();
      await screenshot(session.page, `step-receptive-field-${theme}`);
    });
  });
}
