// Smoke test in a real VS Code: the packaged extension activates, every "Conv2D:" command of package.json is in the
// command palette, and each panel opens with TensorFlow.js on WebGL; screenshots in the dark and the light theme.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  contributedCommands,
  findInPalette,
  launch,
  openFile,
  runCommand,
  runningExtension,
  screenshot,
  setTheme,
  webviewFrame,
  type Session,
} from './harness';

/** Panel commands and the title of the panel each opens. */
const panels = [
  { command: 'conv2d.stepCrossCorrelation', tab: 'Step Cross-Correlation' },
  { command: 'conv2d.detectEdges', tab: 'Detect Edges' },
  { command: 'conv2d.learnKernel', tab: 'Learn Kernel' },
];

function paletteTitle(command: string): string {
  const c = contributedCommands().find((x) => x.command === command);
  assert.ok(c, `${command} is not contributed in package.json`);
  return c.paletteTitle;
}

async function backendOf(session: Session, tab: string): Promise<string> {
  const frame = await webviewFrame(session.page, tab);
  const badge = frame.locator('[data-testid="backend"]');
  await badge.filter({ hasText: /^(webgl|wasm|cpu)$/ }).waitFor({ timeout: 45_000 });
  return ((await badge.textContent()) ?? '').trim();
}

describe('smoke: Conv2D Lens in VS Code (code-server, Chromium)', () => {
  let session: Session;
  before(async () => {
    session = await launch({ theme: 'dark' });
  });
  after(async () => {
    await session?.close();
  });

  it('activates when a Python file opens', async () => {
    await openFile(session.page, 'd2l_conv.py');
    const row = await runningExtension(session.page, 'Conv2D Lens');
    await screenshot(session.page, 'smoke-dark-running-extensions');
    assert.ok(row, 'Conv2D Lens is not among the running extensions');
    assert.match(row, /Activation/);
  });

  it('lists every "Conv2D:" command of package.json in the command palette', async () => {
    const titles = contributedCommands().filter((c) => c.inPalette && c.paletteTitle.startsWith('Conv2D:'));
    assert.ok(titles.length >= 4, `expected at least 4 Conv2D commands, package.json has ${titles.length}`);
    for (const c of titles) await findInPalette(session.page, c.paletteTitle);
    await session.page.keyboard.press('Escape');
  });

  for (const p of panels) {
    it(`${p.command} opens the "${p.tab}" panel on the webgl backend`, async () => {
      await runCommand(session.page, paletteTitle(p.command));
      const backend = await backendOf(session, p.tab);
      await screenshot(session.page, `smoke-dark-${p.command.replace('conv2d.', '')}`);
      assert.equal(backend, 'webgl');
    });
  }

  // Each theme's body class, as VS Code sets it on every webview.
  const themes = [
    ['light', 'vscode-light'],
    ['hc', 'vscode-high-contrast'],
  ] as const;
  for (const [theme, bodyClass] of themes) {
    it(`follows the ${theme} theme, workbench and webviews`, async () => {
      await setTheme(session, theme);
      for (const p of panels) {
        const frame = await webviewFrame(session.page, p.tab);
        await frame.locator(`body.${bodyClass}`).waitFor({ state: 'attached', timeout: 15_000 });
        await screenshot(session.page, `smoke-${theme}-${p.command.replace('conv2d.', '')}`);
      }
    });
  }
});
