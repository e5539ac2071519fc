// "Conv2D: Learn Kernel" in a real VS Code (code-server + Chromium): the book's experiment (d2l §7.2.4 “Learning a Kernel”) learns
// [[1, −1]] from the 6×8 image; with a bias, lr 3e-2 is above the stability limit and the loss grows
// 27, 94.6, 666 … 8.45e8 (numbers checked against the float64 reference in the unit tier). Screenshots in light and dark.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { launch, runCommand, screenshot, webviewFrame, type Session } from './harness';
import { num } from './read';

const TITLE = 'Learn Kernel';

async function setField(frame: Frame, testid: string, value: string): Promise<void> {
  const input = frame.getByTestId(testid);
  await input.fill(value);
  await input.press('Tab'); // commits ('change')
}

async function runToEnd(frame: Frame): Promise<void> {
  await frame.getByTestId('play').click();
  await frame.getByTestId('kernel-final').waitFor({ state: 'visible', timeout: 60_000 });
}

async function losses(frame: Frame): Promise<number[]> {
  return await frame
    .locator('[data-testid="records"] [data-testid^="loss-"]')
    .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
}

for (const theme of ['light', 'dark'] as const) {
  describe(`Learn Kernel panel (${theme} theme)`, () => {
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

    test('shows the TensorFlow.js backend badge', async () => {
      const badge = frame.getByTestId('backend');
      await badge.filter({ hasText: /^(webgl|cpu|wasm)$/ }).waitFor({ timeout: 30_000 });
      assert.match((await badge.textContent()) ?? '', /^(webgl|cpu|wasm)$/);
    });

    test('X=[6,8] K=[1,2] lr=3e-2 seed 0, 20 steps: final kernel within 0.05 of [1, −1]', async () => {
      // The default 10 steps from seed 0 end at [0.935, −1.046] (learnKernelReference); 20 steps at [0.994, −1.006].
      assert.match((await frame.getByTestId('stability').textContent()) ?? '', /stable for lr < 0\.0333/);
      assert.equal(await frame.getByTestId('stability-warning').count(), 0, 'no warning at lr 3e-2 without bias');
      await setField(frame, 'steps', '20');
      await runToEnd(frame);
      const K = JSON.parse(
        (await frame.getByTestId('kernel-final').getAttribute('data-value')) ?? 'null',
      ) as number[][];
      assert.ok(Math.abs(K[0][0] - 1) <= 0.05 && Math.abs(K[0][1] + 1) <= 0.05, `final kernel ${JSON.stringify(K)}`);
      const text = (await frame.getByTestId('kernel-final').textContent()) ?? '';
      const shown = [...text.matchAll(/[−-]?\d+(\.\d+)?/g)].map((m) => num(m[0]));
      assert.ok(Math.abs(shown[0] - K[0][0]) < 1e-4 && Math.abs(shown[1] - K[0][1]) < 1e-4, `text "${text}"`);
      const L = await losses(frame);
      assert.equal(L.length, 20);
      assert.ok(L.every(Number.isFinite) && L[19] < L[0] / 100, `losses fall: ${L.join(', ')}`);
      const cellTexts = await frame.locator('[data-testid="records"] [data-testid^="loss-"]').allTextContents();
      cellTexts.forEach((t, i) => assert.ok(Math.abs(num(t) - L[i]) <= 1e-3 * L[i], `loss cell ${i + 1}: "${t}"`));
      assert.equal(
        (await frame.getByTestId('num-tensors').textContent())?.trim(),
        '0',
        'tensors released after the run',
      );
      await screenshot(session.page, `learn-book-${theme}`);
    });

    test('bias on, start [0.5, 0.5], b=0, lr=3e-2: warning, loss 27, 94.6, 666 … 8.45e8', async () => {
      await setField(frame, 'steps', '10');
      await frame.getByTestId('bias-on').check();
      await frame.locator('[data-testid="K0-0-0"] input').fill('0.5');
      await frame.locator('[data-testid="K0-0-1"] input').fill('0.5');
      await setField(frame, 'b0', '0');
      assert.match((await frame.getByTestId('stability').textContent()) ?? '', /stable for lr < 0\.0161/);
      await frame.getByTestId('stability-warning').waitFor({ state: 'visible' });
      await runToEnd(frame);
      const L = await losses(frame);
      const expected = [27, 94.608, 666.405, 4948.96, 36856.7, 274527, 2044826, 15230990, 113448827, 845029534];
      assert.equal(L.length, 10);
      L.forEach((l, i) =>
        assert.ok(Math.abs(l - expected[i]) <= 1e-3 * expected[i], `loss ${i + 1}: ${l} vs ${expected[i]}`),
      );
      assert.ok(!((await frame.locator('body').textContent()) ?? '').includes('NaN'), 'no NaN on screen');
      assert.match((await frame.getByTestId('status').textContent()) ?? '', /diverg/);
      await frame.getByTestId('chart').scrollIntoViewIfNeeded(); // the log-scale curve is the point of this shot
      await screenshot(session.page, `learn-diverge-${theme}`);
      await frame.getByTestId('reset').click();
      assert.equal(
        await frame.locator('[data-testid="records"] [data-testid^="loss-"]').count(),
        0,
        'reset clears the records',
      );
      assert.equal((await frame.getByTestId('num-tensors').textContent())?.trim(), '0', 'tensors released after reset');
    });

    test('lr "abc", 0 and steps 0 disable Play/Step while typed, with the allowed range; a valid lr enables them', async () => {
      const lr = frame.locator('input[data-testid="lr"]'); // a span of the stability line also has testid lr
      for (const bad of ['abc', '0', '-0.01']) {
        await lr.fill(bad); // no Tab: checked on input, before the field is left
        assert.equal(await frame.getByTestId('play').isDisabled(), true, `Play disabled for lr "${bad}"`);
        assert.equal(await frame.getByTestId('step').isDisabled(), true, `Step disabled for lr "${bad}"`);
        assert.match((await frame.getByTestId('field-errors').textContent()) ?? '', /learning rate .*greater than 0/);
      }
      await lr.fill('0.03');
      await frame.getByTestId('steps').fill('0');
      assert.match((await frame.getByTestId('field-errors').textContent()) ?? '', /steps .*1 to 20000/);
      assert.equal(await frame.getByTestId('play').isDisabled(), true);
      await setField(frame, 'steps', '10');
      assert.equal(await frame.getByTestId('field-errors').isVisible(), false);
      assert.equal(await frame.getByTestId('play').isDisabled(), false, 'valid fields enable Play again');
    });
  });
}
