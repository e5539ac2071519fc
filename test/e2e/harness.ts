// End-to-end harness: a real VS Code (code-server) with the packaged .vsix installed, driven in Debian Chromium by
// Playwright. Start one session per test file (the server is slow to start), not one per test; the suite runner
// (suite.ts) goes further and shares one session across files (`shareSessions`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, resultsDir } from '../../scripts/harness/browser.mjs';
import { packageVsix, root, startServer, type Server } from '../../scripts/harness/server.mjs';

/** A running VS Code in a browser page. */
export interface Session {
  page: Page;
  server: Server;
  /** Closes the browser and stops the server's whole process group. */
  close(): Promise<void>;
}

/** Options of `launch`. */
export interface LaunchOptions {
  theme?: 'light' | 'dark';
  /** Workspace folder relative to the repository (default demo). */
  folder?: string;
  /** Extra Chromium flags, e.g. `--disable-software-rasterizer` to turn WebGL off. */
  chromiumArgs?: string[];
  /**
   * VS Code's display language (e.g. 'zh-cn'): code-server's `--locale`, plus a language pack that declares it
   * (test/e2e/fixtures/zh-cn-language-pack). code-server ships without language packs, and without one VS Code
   * resolves every locale to 'en': `vscode.env.language` stays 'en' and package.nls.<locale>.json is not read.
   */
  locale?: string;
  /**
   * The .vsix to install instead of `extensionPackage()` (e.g. a variant whose manifest has only the "browser" entry).
   * A different package is a different session: `launch` keys shared sessions on it too.
   */
  vsix?: string;
  /**
   * A window no other test file has used (the shared suite otherwise reuses one): for a file whose subject is the
   * first-run experience, such as the walkthrough's steps and their completion ticks.
   */
  ownSession?: boolean;
}

let vsix: string | undefined;

/** The .vsix under test: CONV2D_VSIX when the test driver packed it already, else packed once per process. */
export function extensionPackage(): string {
  vsix ??= process.env.CONV2D_VSIX || packageVsix();
  return vsix;
}

/** Starts code-server with the packaged extension and opens the workbench on the demo workspace in Chromium. */
export async function launch(options: LaunchOptions = {}): Promise<Session> {
  if (!sharing) return start(options);
  // Everything but the theme needs a session of its own (workspace, Chromium flags, display language, package).
  const { theme: _theme, ...rest } = options;
  const key = JSON.stringify({ folder: 'demo', ...rest });
  if (shared?.key === key) {
    await resetWorkbench(shared.session, options.theme ?? 'dark');
  } else {
    await shared?.session.close();
    shared = undefined;
    shared = { key, session: await start(options) };
  }
  // The suite closes the shared session at its end (closeShared); a file's own close() leaves it running.
  return { ...shared.session, close: async () => undefined };
}

let sharing = false;
let shared: { key: string; session: Session } | undefined;

/**
 * From now on `launch` reuses one session while the workspace folder and Chromium flags stay the same: the next file
 * gets the same VS Code with its editors closed and its theme set (a launch costs ~50 s of a 2-core machine).
 */
export function shareSessions(): void {
  sharing = true;
}

/** Closes the shared session (the suite's last step). */
export async function closeShared(): Promise<void> {
  await shared?.session.close();
  shared = undefined;
}

/**
 * What a fresh launch would show, as far as a test file can tell: no quick input or hover, no editors (unsaved ones
 * discarded), no notifications, the Explorer, and the theme asked for.
 */
async function resetWorkbench(session: Session, theme: 'light' | 'dark'): Promise<void> {
  const { page } = session;
  for (let k = 0; k < 3; k++) await page.keyboard.press('Escape');
  await closeAllEditors(page);
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, 'View: Show Explorer');
  await setTheme(session, theme);
}

/**
 * Closes every editor, discarding unsaved changes: "Revert and Close Editor" one tab at a time never asks (a
 * "Close All" over a dirty scratch file opens a save dialog), and works on webview panels too.
 */
async function closeAllEditors(page: Page): Promise<void> {
  const tabs = page.locator('.tabs-container .tab');
  const dontSave = page.locator('.monaco-dialog-box button', { hasText: /Don.?t Save/i });
  for (let k = 0; k < 40 && (await tabs.count()) > 0; k++) {
    if (await dontSave.first().isVisible()) await dontSave.first().click();
    else await runCommand(page, 'View: Revert and Close Editor');
    await page.waitForTimeout(200);
  }
  if ((await tabs.count()) > 0) {
    await screenshot(page, 'reset-workbench-failed');
    throw new Error(`resetting the shared session: ${await tabs.count()} editor tabs would not close`);
  }
}

/** Starts a new session. */
async function start(options: LaunchOptions): Promise<Session> {
  const theme = options.theme ?? 'dark';
  // Another package gets its own state folder: startServer wipes the folder of its label first.
  const variant = options.vsix ? `-${basename(options.vsix, '.vsix')}` : '';
  const label = `e2e-${process.pid}-${theme}${variant}`;
  const server = await startServer({
    vsix: options.vsix ?? extensionPackage(),
    theme,
    label,
    folder: join(root, options.folder ?? 'demo'),
    ...(options.locale ? { locale: options.locale, extraVsix: [languagePack(options.locale)] } : {}),
  });
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const profile = join(server.state.dir, 'chromium');
  const close = async () => {
    await browser?.close();
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    browser = await launchBrowser(profile, options.chromiumArgs);
    await openWorkbench(browser.page, server.url, server.folder);
    return { page: browser.page, server, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Packs test/e2e/fixtures/<locale>-language-pack (a pack with no workbench translations) once; returns the .vsix. */
function languagePack(locale: string): string {
  const out = join(root, 'dist', `test-language-pack-${locale}.vsix`);
  const r = spawnSync(
    'npx',
    ['vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out],
    { cwd: join(root, 'test', 'e2e', 'fixtures', `${locale}-language-pack`), stdio: 'inherit' },
  );
  if (r.status !== 0)
    throw new Error(`languagePack: packing the ${locale} test language pack failed (exit ${r.status})`);
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The command palette row whose label is exactly `title`. */
function paletteRow(page: Page, title: string): Locator {
  const label = page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) });
  return page.locator('.quick-input-widget .monaco-list-row').filter({ has: label }).first();
}

/**
 * Runs a command by its palette title (e.g. "Conv2D: Detect Edges"): F1, type the title, pick the row. Commands may
 * register late, so the palette is reopened until the title is listed; throws naming the command if it never is.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  await findInPalette(page, title, timeoutMs);
  await paletteRow(page, title).click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
}

/**
 * Opens the palette with `title` typed and waits until that exact row is listed, reopening meanwhile: commands may
 * register late, and a palette opened while a modal editor closes can be inert, then hidden (a fill would wait on it
 * for ever), so every step of an attempt has a short timeout.
 */
export async function findInPalette(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 3_000 });
      await paletteRow(page, title).waitFor({ state: 'visible', timeout: 2_000 });
      return;
    } catch {
      if (Date.now() > deadline) {
        await page.keyboard.press('Escape');
        throw new Error(`command "${title}" never appeared in the command palette within ${timeoutMs / 1000} s`);
      }
    }
  }
}

/** The content frame of a visible webview (`iframe.webview` → `#active-frame`) inside the box of `container`. */
async function visibleWebviewIn(page: Page, container: Locator): Promise<Frame | undefined> {
  const box = await container.boundingBox();
  if (!box) return undefined;
  for (const outer of await page.locator('iframe.webview').all()) {
    const b = await outer.boundingBox();
    if (!b || !(await outer.isVisible())) continue;
    const cx = b.x + b.width / 2;
    const cy = b.y + b.height / 2;
    if (cx < box.x || cx > box.x + box.width || cy < box.y || cy > box.y + box.height) continue;
    const outerFrame = await (await outer.elementHandle())?.contentFrame();
    const inner = await (await outerFrame?.$('#active-frame'))?.contentFrame();
    if (inner) return inner;
  }
  return undefined;
}

/**
 * The Playwright Frame holding a webview panel's content (nested iframes: `iframe.webview` → `#active-frame`), found
 * by the title of its editor tab (e.g. "Step Cross-Correlation"); the tab is brought to front first. The webview
 * iframes carry no view type, so a title is what identifies a panel from the outside.
 */
export async function webviewFrame(page: Page, title: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  const tab = page
    .locator('.tabs-container .tab', {
      has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    })
    .first();
  for (;;) {
    if (await tab.isVisible()) {
      await tab.click();
      const group = page.locator('.editor-group-container.active .editor-container').first();
      // A panel shown again reloads its page: a frame can go away while it is looked up (then look again), and
      // one whose document has no #root yet is still loading.
      const frame = await visibleWebviewIn(page, group).catch(() => undefined);
      if (
        frame &&
        (await frame
          .locator('#root')
          .count()
          .catch(() => 0))
      )
        return frame;
    }
    if (Date.now() > deadline) throw new Error(`webview panel "${title}" not found within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(250);
  }
}

/**
 * The Conv2D sidebar view's content frame: the visible `iframe.webview` whose centre lies in the side bar part, then
 * its `#active-frame` once it has a `#root`. Webview iframes are overlays positioned over the pane, not children of
 * it. Throws after `timeoutMs` (with a screenshot "sidebar-not-found") when the side bar shows no webview.
 */
export async function sidebarFrame(page: Page, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await visibleWebviewIn(page, page.locator('.part.sidebar')).catch(() => undefined);
    if (frame && (await frame.locator('#root').count())) return frame;
    if (Date.now() > deadline) {
      const shot = await screenshot(page, 'sidebar-not-found');
      throw new Error(`the Conv2D sidebar webview did not appear within ${timeoutMs / 1000} s (see ${shot})`);
    }
    await page.waitForTimeout(250);
  }
}

/** The label of the active editor tab. */
export async function activeTabTitle(page: Page): Promise<string> {
  const tab = page.locator('.editor-group-container.active .tab.active .label-name').first();
  return (await tab.count()) ? ((await tab.textContent()) ?? '').trim() : '';
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(resultsDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Opens a workspace file (path relative to the workspace folder) through Quick Open and waits for its tab.
 * Retries with a fresh Quick Open: its file list is cached while it is open, so a file written during the run can be
 * missing from the first search.
 */
export async function openFile(page: Page, relPath: string, attempts = 4): Promise<void> {
  const name = basename(relPath);
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(relPath, { timeout: 3_000 });
      await row.waitFor({ state: 'visible', timeout: 5_000 });
    } catch (err) {
      if (attempt >= attempts) throw err;
      continue;
    }
    // Click the matching row: Enter takes the selected row, which can still be a recently opened file while the
    // list filters.
    await row.click();
    // A click that lands while the list refilters opens nothing: try again (the last attempt waits longest).
    const tab = page.locator('.tab.active', { hasText: name }).first();
    const timeout = attempt >= attempts ? 15_000 : 5_000;
    if (
      await tab.waitFor({ state: 'visible', timeout }).then(
        () => true,
        () => false,
      )
    )
      return;
    if (attempt >= attempts) throw new Error(`openFile: ${relPath} did not become the active editor`);
  }
}

/** A command as contributed in package.json, with the title the palette shows ("Category: Title"). */
export interface ContributedCommand {
  command: string;
  paletteTitle: string;
  /** False when `menus.commandPalette` hides it (`when: false`) or shows it only in some context (`inDebugMode`). */
  inPalette: boolean;
}

/**
 * Reads contributes.commands from the repository's package.json, its `%key%` placeholders resolved from
 * package.nls.json (English) or package.nls.<locale>.json, as VS Code resolves them for that display language.
 */
export function contributedCommands(locale?: string): ContributedCommand[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const nls = JSON.parse(readFileSync(join(root, locale ? `package.nls.${locale}.json` : 'package.nls.json'), 'utf8'));
  const resolve = (s: string) => s.replace(/^%(.+)%$/, (all, key: string) => nls[key] ?? all);
  const hidden = new Set<string>(
    (pkg.contributes.menus?.commandPalette ?? [])
      // Hidden ('false') or shown only in some context (a debug session, an open editor): tested where that holds.
      .filter((m: { when?: string }) => m.when !== undefined && m.when !== 'true')
      .map((m: { command: string }) => m.command),
  );
  return pkg.contributes.commands.map((c: { command: string; title: string; category?: string }) => ({
    command: c.command,
    paletteTitle: c.category ? `${resolve(c.category)}: ${resolve(c.title)}` : resolve(c.title),
    inPalette: !hidden.has(c.command),
  }));
}

/** Labels of the colour themes in the "Preferences: Color Theme" picker. */
const themeLabels = { light: 'Light Modern', dark: 'Dark Modern', hc: 'Dark High Contrast' };

/** Switches the colour theme of a running session through "Preferences: Color Theme" and waits until it shows. */
export async function setTheme(session: Session, theme: 'light' | 'dark' | 'hc'): Promise<void> {
  const { page } = session;
  await runCommandKeepOpen(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const label = themeLabels[theme];
  await input.fill(label);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
  const cls = { light: 'vs', dark: 'vs-dark', hc: 'hc-black' }[theme];
  await page.locator(`.monaco-workbench.${cls}`).waitFor({ state: 'attached', timeout: 15_000 });
}

/** Runs a palette command that opens a quick pick of its own (the palette stays open for it). */
export async function runCommandKeepOpen(page: Page, title: string): Promise<void> {
  await findInPalette(page, title);
  await paletteRow(page, title).click();
}

/**
 * Opens "Developer: Show Running Extensions" and returns the row text of the extension named `displayName`
 * (its name, version and "Activation: N ms"), or undefined when that extension is not running.
 */
export async function runningExtension(page: Page, displayName: string): Promise<string | undefined> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const editor = page.locator('.runtime-extensions-editor');
  await editor.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 15_000 });
  const row = editor.locator('.monaco-list-row', { hasText: displayName }).first();
  // The list is virtualised: scroll through it until the row is rendered or the end is reached.
  for (let i = 0; i < 20 && !(await row.count()); i++) {
    await editor.locator('.monaco-list-row').first().hover();
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(100);
  }
  const text = (await row.count()) ? (await row.innerText()).replace(/\s+/g, ' ').trim() : undefined;
  // The editor opens as a modal overlay in this VS Code: close it so later steps see the workbench.
  await page.keyboard.press('Escape');
  if (await editor.isVisible()) await runCommand(page, 'View: Close Editor');
  return text;
}

/**
 * Opens a workspace image (path relative to the workspace folder, e.g. "images/camera.png") in a panel through the
 * image Quick Pick: "Conv2D: Detect Edges in Image" from the palette (default), or the panel's own "Open image…"
 * button when `button` (a webview frame) is given. The pick lists the workspace's images by path.
 */
export async function openImage(session: Session, relPath: string, button?: Frame): Promise<void> {
  const { page } = session;
  if (button) await button.getByTestId('open-image').click();
  else await runCommandKeepOpen(page, 'Conv2D: Detect Edges in Image');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(relPath)}$`) }) })
    .first();
  // The pick fills while the workspace is searched: type the path, then click the exact row once it is listed.
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(relPath);
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
  // A click while the list is still laid out can be lost: the row is focused by the filter, so Enter picks it then.
  if (
    await input.waitFor({ state: 'hidden', timeout: 5_000 }).then(
      () => false,
      () => true,
    )
  ) {
    await input.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 5_000 });
  }
}
