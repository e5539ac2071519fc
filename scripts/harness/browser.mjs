// Debian Chromium driven by Playwright against a running code-server: launch with a fresh profile, open the
// workbench on a folder, and optionally inject development options into the workbench configuration (how the
// extension-host tier passes extensionDevelopmentPath / extensionTestsPath, which code-server's CLI does not accept).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { tools } from './install.mjs';

/** Flags for headless Chromium on a machine with no GPU and no internet. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with a fresh profile in `dir`; returns { context, page, close }. */
export async function launchBrowser(dir, extraArgs = []) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: tools.chromium,
    headless: true,
    args: [...chromiumArgs, ...extraArgs],
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close() };
}

/** Runs in the page before the workbench: adds development options to the configuration it reads. */
function patchWorkbenchConfig(dev) {
  /* global Element, location -- this function is serialised and runs in the browser page */
  const read = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const value = read.call(this, name);
    if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
    const uri = (path) => ({ scheme: 'vscode-remote', authority: location.host, path });
    const config = JSON.parse(value);
    config.developmentOptions = {
      ...config.developmentOptions,
      extensions: [uri(dev.extensionDevelopmentPath)],
      extensionTestsPath: uri(dev.extensionTestsPath),
    };
    return JSON.stringify(config);
  };
}

/**
 * Makes the next workbench load run `extensionDevelopmentPath` as a development extension and the test runner
 * `extensionTestsPath` in its extension host: the web workbench reads both from the `developmentOptions` of its
 * configuration (the JSON in `#vscode-workbench-web-configuration`), which is patched as the page reads it.
 */
export async function injectDevelopmentOptions(page, dev) {
  await page.addInitScript(patchWorkbenchConfig, dev);
}

/** Opens the workbench on `folder` and waits until its parts are laid out. */
export async function openWorkbench(page, serverUrl, folder) {
  await page.goto(`${serverUrl}?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  await page
    .locator('.monaco-workbench .part.activitybar, .monaco-workbench .part.sidebar')
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
}

/** Where screenshots and other artefacts of a run go (git-ignored; CI keeps it). */
export const resultsDir = join(tools.root, '..', 'test-results');
