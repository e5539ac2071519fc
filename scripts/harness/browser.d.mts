// Types for browser.mjs (used by the TypeScript end-to-end harness).
import type { BrowserContext, Page } from 'playwright-core';

/** Flags for headless Chromium on a machine with no GPU and no internet. */
export const chromiumArgs: string[];
/** Where screenshots and other artefacts of a run go. */
export const resultsDir: string;
/** Launches Chromium with a fresh profile in `dir`. */
export function launchBrowser(
  dir: string,
  extraArgs?: string[],
): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }>;
/** Makes the next workbench load run a development extension and an extension test runner. */
export function injectDevelopmentOptions(
  page: Page,
  dev: { extensionDevelopmentPath: string; extensionTestsPath: string },
): Promise<void>;
/** Opens the workbench on `folder` and waits until its parts are laid out. */
export function openWorkbench(page: Page, serverUrl: string, folder: string): Promise<void>;
