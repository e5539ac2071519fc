// Simplified Chinese in a real VS Code (code-server + Chromium) whose display language is zh-cn: the command palette
// lists the "Conv2D: …" titles of package.nls.zh-cn.json, the Detect Edges and Learn Kernel panels show the labels of
// l10n/bundle.l10n.zh-cn.json (sent with `init`) and still compute the book's example, and the hover over the 6×8
// edge image of demo/d2l_conv.py (d2l §5.1) reads "矩阵 6×8" with Chinese link titles.
// code-server ships without language packs, and without one VS Code resolves every locale to English: the session
// installs a test language pack that declares zh-cn and translates nothing (test/e2e/fixtures), so the workbench stays
// English while vscode.env.language is 'zh-cn' — the display language reaches the extension exactly as a real pack
// would make it. Expected Chinese comes from the repository's nls and bundle files, not from the product's code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  contributedCommands,
  findInPalette,
  launch,
  openFile,
  runCommand,
  screenshot,
  setTheme,
  webviewFrame,
  type Session,
} from './harness';
import { eventually, goTo, hoverTable, hoverWith, showHover, where } from './read';

const ROOT = join(import.meta.dirname, '..', '..');
const ZH: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
const PY = readFileSync(join(ROOT, 'demo', 'd2l_conv.py'), 'utf8');
const EDGE_X_FIRST = 'X = [[1, 1, 0, 0, 0, 0, 1, 1],';

/** The zh-cn translation of an English message (fails the test when the bundle lacks it). */
function zh(message: string): string {
  const s = ZH[message];
  assert.ok(s, `the zh-cn bundle has no "${message}"`);
  return s;
}

/** Trimmed text of the first `selector` in the frame. */
async function textOf(frame: Frame, selector: string): Promise<string> {
  return ((await frame.locator(selector).first().textContent()) ?? '').trim();
}

describe('zh-cn display language: palette, Detect Edges, Learn Kernel and the hover in Chinese', () => {
  let session: Session;
  let page: Page;

  before(async () => {
    session = await launch({ theme: 'dark', locale: 'zh-cn' });
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  test('command palette: every "Conv2D: …" command is listed by its package.nls.zh-cn.json title', async () => {
    const titles = contributedCommands('zh-cn').filter((c) => c.inPalette && c.command !== 'conv2d.convertLayout');
    assert.ok(titles.some((c) => c.paletteTitle === 'Conv2D: 边缘检测'));
    for (const c of titles) await findInPalette(page, c.paletteTitle);
    await findInPalette(page, 'Conv2D: 逐步演示互相关运算');
    await screenshot(page, 'zh-cn-palette-dark');
    await page.keyboard.press('Escape');
  });

  test('Detect Edges ("Conv2D: 边缘检测"): tab, heading and labels in Chinese; the book example X=[6,8] K=[1,-1] gives Y 6×7 in [-1, 1]', async () => {
    await runCommand(page, 'Conv2D: 边缘检测');
    const frame = await webviewFrame(page, zh('Detect Edges'), 60_000);
    // The page's lang is vscode.env.language, as the host sent it with init.
    await eventually(() => frame.evaluate(() => document.documentElement.lang), 'zh-cn', 'the webview’s lang');
    await eventually(() => textOf(frame, 'h1'), zh('Detect edges: Y = X ⋆ K'), 'the panel heading');
    const headings = await frame.locator('h2').allTextContents();
    assert.ok(headings.includes(zh('Kernel K (edit any cell)')), `h2s: ${headings.join(' | ')}`);
    assert.ok(headings.includes(zh('Input X ({0})').replace('{0}', '6×8')), `h2s: ${headings.join(' | ')}`);
    assert.equal(await textOf(frame, '[data-testid="textbook"]'), zh('Book example (6×8)'));
    assert.equal(await textOf(frame, '[data-testid="transpose"]'), zh('Transpose X'));
    assert.equal(await textOf(frame, '[data-testid="open-image"]'), zh('Open image…'));
    // The numbers do not depend on the language: Y = X ⋆ [1, −1] of the book's image is 6×7 with values −1, 0, 1.
    const stats = frame.getByTestId('stats');
    const expected = zh('Y: {0} · min {1} · max {2}').replace('{0}', '6×7');
    await stats.filter({ hasText: expected.split(' · ')[0] }).waitFor({ timeout: 60_000 });
    const shown = ((await stats.textContent()) ?? '').replace(/\u2212/g, '-');
    assert.equal(shown, expected.replace('{1}', '-1').replace('{2}', '1'));
    await screenshot(page, 'zh-cn-edges-dark');
  });

  test('Learn Kernel ("Conv2D: 学习卷积核"): heading, buttons, fields and chart title in Chinese', async () => {
    await runCommand(page, 'Conv2D: 学习卷积核');
    const frame = await webviewFrame(page, zh('Learn Kernel'), 60_000);
    await eventually(() => textOf(frame, 'h1'), zh('Learn Kernel'), 'the panel heading');
    assert.equal(zh('Learn Kernel'), '学习卷积核');
    assert.equal(await textOf(frame, '[data-testid="play"]'), zh('Play'));
    assert.equal(await textOf(frame, '[data-testid="step"]'), zh('Step'));
    const headings = await frame.locator('h2').allTextContents();
    assert.ok(headings.includes(zh('Loss per step')), `h2s: ${headings.join(' | ')}`);
    assert.equal(zh('Loss per step'), '每步的损失');
    const labels = await frame.locator('label').allTextContents();
    assert.ok(
      labels.some((l) => l.includes(zh('lr'))),
      `a field labelled ${zh('lr')}: ${labels.join(' | ')}`,
    );
    await screenshot(page, 'zh-cn-learn-dark');
  });

  test('hover on the edge image X=[6,8] of d2l_conv.py: "矩阵 6×8", the values, Chinese link titles and legend', async () => {
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'd2l_conv.py');
    await goTo(page, where(PY, EDGE_X_FIRST, EDGE_X_FIRST.indexOf('0')));
    await showHover(page);
    const hover = hoverWith(page, zh('**matrix {0}**').replace(/\*/g, '').replace('{0}', '6×8'));
    await hover.waitFor({ timeout: 15_000 });
    assert.equal((await hoverTable(hover)).length, 6, 'six rows of values');
    const links = await hover.locator('a').allTextContents();
    assert.equal(links[0], zh('Step cross-correlation with this as X'));
    assert.equal(links[0], '以此为输入 X 逐步演示互相关运算');
    assert.ok(
      links.includes(zh('Learn this kernel')) || links.includes(zh('Detect edges with this kernel')),
      links.join(),
    );
    const alt = zh('heat map {0}').replace('{0}', '6×8');
    assert.ok(await hover.locator(`img[alt="${alt}"]`).count(), `heat map image "${alt}"`);
    assert.ok(((await hover.textContent()) ?? '').includes(zh('viridis, {0}').replace('{0}', '0 … 1')), 'legend');
    await screenshot(page, 'zh-cn-hover-dark');
  });

  test('light theme: Detect Edges in Chinese (screenshot)', async () => {
    await page.keyboard.press('Escape');
    await setTheme(session, 'light');
    await runCommand(page, 'Conv2D: 边缘检测');
    const frame = await webviewFrame(page, zh('Detect Edges'), 60_000);
    await eventually(() => textOf(frame, 'h1'), zh('Detect edges: Y = X ⋆ K'), 'the panel heading');
    await screenshot(page, 'zh-cn-edges-light');
  });
});
