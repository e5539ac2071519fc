// The backend fallback in a real VS Code (code-server + Chromium). With `--disable-software-rasterizer` this
// machine has no WebGL at all (Chromium's --disable-software-rasterizer): every view must start TensorFlow.js on cpu, say why webgl failed, show the
// convolution path the design gives for cpu (conv-path.ts: the fast engine for forward passes under 'auto'; tfjs
// cpu where the view computes with tfjs itself) and still compute the book's numbers — Fig. 5.1 → 19, 25, 37, 43
// (d2l §5.1), the edge image → rows [0, 1, 0, 0, 0, −1, 0], and Learn Kernel's 20 steps → [1, −1] within 0.05,
// which needs the cpu kernels and gradients registered. Then, with WebGL available, the `conv2d.backend` setting
// set to cpu in the user settings moves a reopened panel to cpu with the reason "set by conv2d.backend".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { fig51K, fig51X } from '../../src/core/fixtures';
import { corr2dReference } from '../../src/core/reference';
import { userSettings } from '../../scripts/harness/server.mjs';
import { launch, runCommand, screenshot, sidebarFrame, webviewFrame, type Session } from './harness';
import { grid, text } from './read';

/** What the badge says once TensorFlow.js has started: backend, convolution path, visible reason, hover title. */
async function badge(frame: Frame): Promise<{ backend: string; path: string; reason: string; title: string }> {
  await frame
    .getByTestId('backend')
    .filter({ hasText: /^(webgl|cpu|wasm)$/ })
    .waitFor({ timeout: 60_000 });
  const reason = frame.getByTestId('backend-reason');
  return {
    backend: await text(frame, 'backend'),
    path: await text(frame, 'conv-path'),
    reason: (await reason.count()) ? await text(frame, 'backend-reason') : '',
    title: (await frame.locator('.badges').first().getAttribute('title')) ?? '',
  };
}

async function noErrorBox(frame: Frame): Promise<void> {
  assert.equal(
    await frame.getByTestId('error').count(),
    0,
    `error box: ${await frame.locator('.error').allTextContents()}`,
  );
}

async function openPanel(page: Page, command: string, title: string): Promise<Frame> {
  await runCommand(page, `Conv2D: ${command}`);
  return webviewFrame(page, title);
}

/** Shows the Conv2D side bar (its activity-bar icon; a click during layout may be lost, so check and retry). */
async function showSidebar(page: Page): Promise<Frame> {
  const item = page
    .locator('.part.activitybar .action-item')
    .filter({ has: page.locator('a[aria-label^="Conv2D"]') })
    .first();
  for (let k = 0; k < 5 && !(await item.evaluate((e) => e.classList.contains('checked'))); k++) {
    await item.locator('a').click();
    await page.waitForTimeout(400 * (k + 1));
  }
  return sidebarFrame(page);
}

/**
 * Replaces the user settings through "Preferences: Open User Settings (JSON)", as a user would: select all, type the
 * JSON (one line: no auto-indent to fight), save, close (it opens as a modal editor here). Waits until the file on
 * disk holds the new text: the workbench's own save updates its configuration (a file written behind its back is
 * not noticed by this code-server).
 */
async function writeUserSettingsJson(session: Session, settings: Record<string, unknown>): Promise<void> {
  const { page } = session;
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  const editor = page.locator('.monaco-editor', { hasText: 'workbench.startupEditor' }).last();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(JSON.stringify(settings));
  await page.keyboard.press('Control+S');
  const file = join(session.server.state.userData, 'User', 'settings.json');
  const deadline = Date.now() + 10_000;
  while (!readFileSync(file, 'utf8').includes('"conv2d.backend"')) {
    if (Date.now() > deadline) throw new Error(`settings.json was not saved: ${readFileSync(file, 'utf8')}`);
    await page.waitForTimeout(200);
  }
  await page.keyboard.press('Escape');
  // The modal editor closes with an animation: wait for it, and close it by command only if it stays.
  await editor.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  if (await editor.isVisible()) await runCommand(page, 'View: Close Editor');
}

const FIG51_Y = [
  [19, 25],
  [37, 43],
];
const FELL_BACK = /webgl could not initialise: no WebGL context.* → cpu/;

describe('WebGL off (--disable-software-rasterizer): every view falls back to cpu and stays right', () => {
  let session: Session;
  let page: Page;

  before(async () => {
    session = await launch({ theme: 'dark', chromiumArgs: ['--disable-software-rasterizer'] });
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  test('Step X=[3,3] K=[2,2] valid: backend cpu, reason shown, path cpu (Y is tfjs), Y = 19, 25, 37, 43', async () => {
    const frame = await openPanel(page, 'Step Cross-Correlation', 'Step Cross-Correlation');
    const b = await badge(frame);
    assert.equal(b.backend, 'cpu');
    assert.match(b.reason, FELL_BACK);
    assert.match(b.title, FELL_BACK);
    assert.equal(b.path, 'cpu', 'the Step panel computes Y with tfjs: its path is the tfjs backend');
    await frame.getByTestId('Y-1-1').waitFor();
    assert.deepEqual(await grid(frame, 'Y', 2, 2), FIG51_Y);
    assert.equal(await text(frame, 'arith'), '0×0 + 1×1 + 3×2 + 4×3 = 19');
    await noErrorBox(frame);
    await screenshot(page, 'fallback-step-dark');
  });

  test('Detect Edges X=[6,8] K=[1,2]: backend cpu, path wasm-simd (fast engine), every row [0, 1, 0, 0, 0, −1, 0]', async () => {
    const frame = await openPanel(page, 'Detect Edges', 'Detect Edges');
    const b = await badge(frame);
    assert.equal(b.backend, 'cpu');
    assert.match(b.reason, FELL_BACK);
    assert.equal(b.path, 'wasm-simd', `auto on tfjs cpu runs forward passes on the fast engine (${b.title})`);
    await frame.getByTestId('stats').filter({ hasText: 'Y: 6×7' }).waitFor({ timeout: 30_000 });
    const Y = await grid(frame, 'Y', 6, 7);
    for (const row of Y) assert.deepEqual(row, [0, 1, 0, 0, 0, -1, 0]);
    await noErrorBox(frame);
  });

  test('Learn Kernel X=[6,8] K=[1,2] lr=3e-2, 20 steps on tfjs cpu (kernels + gradients): final K within 0.05 of [1, −1]', async () => {
    const frame = await openPanel(page, 'Learn Kernel', 'Learn Kernel');
    const b = await badge(frame);
    assert.equal(b.backend, 'cpu');
    assert.match(b.reason, FELL_BACK);
    // The book experiment learns with tfjs gradients (here cpu); photo mode would use the fast engine.
    assert.equal(b.path, 'cpu');
    const steps = frame.getByTestId('steps');
    await steps.fill('20');
    await steps.press('Tab');
    await frame.getByTestId('play').click();
    await frame.getByTestId('kernel-final').waitFor({ state: 'visible', timeout: 60_000 });
    const K = JSON.parse((await frame.getByTestId('kernel-final').getAttribute('data-value')) ?? 'null') as number[][];
    assert.ok(Math.abs(K[0][0] - 1) <= 0.05 && Math.abs(K[0][1] + 1) <= 0.05, `final kernel ${JSON.stringify(K)}`);
    const losses = await frame.locator('[data-testid="records"] [data-testid^="loss-"]').count();
    assert.equal(losses, 20);
    await noErrorBox(frame);
    await screenshot(page, 'fallback-learn-dark');
  });

  test('sidebar Fig. 5.1: backend cpu, valid → path wasm-simd; padding 1 → path cpu (tfjs corr2d); Y = reference', async () => {
    const frame = await showSidebar(page);
    const b = await badge(frame);
    assert.equal(b.backend, 'cpu');
    assert.match(b.reason, FELL_BACK);
    assert.equal(b.path, 'wasm-simd');
    assert.deepEqual(await grid(frame, 'Y', 2, 2), FIG51_Y);
    await frame.getByTestId('padding').selectOption('1');
    await frame.getByTestId('conv-path').filter({ hasText: /^cpu$/ }).waitFor({ timeout: 10_000 });
    const padded = [[0, 0, 0, 0, 0], ...fig51X().map((r) => [0, ...r, 0]), [0, 0, 0, 0, 0]];
    assert.deepEqual(await grid(frame, 'Y', 4, 4), corr2dReference(padded, fig51K()));
    await screenshot(page, 'fallback-sidebar-padded-dark');
    await frame.getByTestId('padding').selectOption('valid');
    await frame
      .getByTestId('conv-path')
      .filter({ hasText: /^wasm-simd$/ })
      .waitFor({ timeout: 10_000 });
    assert.deepEqual(await grid(frame, 'Y', 2, 2), FIG51_Y);
    await noErrorBox(frame);
    await screenshot(page, 'fallback-sidebar-dark');
  });
});

describe('conv2d.backend = cpu with WebGL available: a reopened panel runs on cpu, "set by conv2d.backend"', () => {
  let session: Session;
  let page: Page;

  before(async () => {
    session = await launch({ theme: 'light' });
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  test('auto: Step on webgl, its path webgl (Y is tfjs); sidebar on webgl with the fast path (software WebGL)', async () => {
    const step = await openPanel(page, 'Step Cross-Correlation', 'Step Cross-Correlation');
    const b = await badge(step);
    assert.equal(b.backend, 'webgl');
    assert.equal(b.path, 'webgl');
    assert.equal(b.reason, '', 'no reason shown on the first backend of the chain');
    const side = await showSidebar(page);
    const s = await badge(side);
    assert.equal(s.backend, 'webgl');
    assert.equal(s.path, 'wasm-simd', `SwiftShader WebGL: forward passes on the fast engine (${s.title})`);
    await screenshot(page, 'fallback-sidebar-auto-light');
  });

  test('user setting conv2d.backend = cpu, Step closed and reopened: backend cpu, path cpu, Y = 19, 25, 37, 43', async () => {
    await writeUserSettingsJson(session, { ...userSettings('light'), 'conv2d.backend': 'cpu' });
    // The extension host hears of the change a moment later: reopen until the panel's init carries the new value.
    let frame: Frame | undefined;
    let b: Awaited<ReturnType<typeof badge>> | undefined;
    for (let attempt = 0; attempt < 10 && b?.backend !== 'cpu'; attempt++) {
      await webviewFrame(page, 'Step Cross-Correlation');
      await runCommand(page, 'View: Close Editor');
      await page.waitForTimeout(500 * attempt);
      frame = await openPanel(page, 'Step Cross-Correlation', 'Step Cross-Correlation');
      b = await badge(frame);
    }
    assert.ok(frame && b);
    assert.equal(b.backend, 'cpu');
    assert.match(b.reason, /^cpu: set by conv2d\.backend$/);
    assert.match(b.title, /set by conv2d\.backend/);
    assert.equal(b.path, 'cpu');
    await frame.getByTestId('Y-1-1').waitFor();
    assert.deepEqual(await grid(frame, 'Y', 2, 2), FIG51_Y);
    await noErrorBox(frame);
    await screenshot(page, 'fallback-setting-cpu-light');
  });
});
