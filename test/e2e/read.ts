// Reading what the views and the editor show, shared by the end-to-end tests: numbers as the views print them,
// text by test id, matrix grids, and moving the editor's cursor to a line and column.
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import type { Frame, Locator, Page } from 'playwright-core';

/** A number as the views print it (U+2212 minus; exponent forms like "8.450e8" as they are). */
export function num(text: string | null): number {
  return Number((text ?? '').trim().replace(/\u2212/g, '-'));
}

/** Trimmed text of the first element with `data-testid=testid`. */
export async function text(frame: Frame, testid: string): Promise<string> {
  return ((await frame.getByTestId(testid).first().textContent()) ?? '').trim();
}

/**
 * The numbers of grid `id`. With `rows` and `cols`, cell by cell through the `<id>-r-c` test ids; without, every
 * row of the grid's table as shown.
 */
export async function grid(frame: Frame, id: string, rows?: number, cols?: number): Promise<number[][]> {
  if (rows === undefined || cols === undefined) {
    const texts = await frame
      .locator(`[data-testid="${id}"] tr`)
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    return texts.map((row) => row.map(num));
  }
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < cols; c++) row.push(num(await frame.getByTestId(`${id}-${r}-${c}`).textContent()));
    out.push(row);
  }
  return out;
}

/**
 * Reads until `read()` deep-equals `expected`, then asserts it (at most `timeoutMs`). The views render after a
 * message, and on a GPU tfjs computes asynchronously: a value read right after a click can still be the old one.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  expected: T,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // A read can also fail while the view reloads (its frame goes away): try again until the deadline.
  const attempt = async (): Promise<{ value?: T; error?: unknown }> =>
    read().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
  let seen = await attempt();
  while (('error' in seen || !isDeepStrictEqual(seen.value, expected)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    seen = await attempt();
  }
  if ('error' in seen) throw seen.error;
  assert.deepEqual(seen.value, expected, what);
}

/** 1-based line and column of the `nth` occurrence of `needle` in `source`, moved `shift` characters right. */
export function where(source: string, needle: string, shift = 0, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = source.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not found`);
  const lines = source.slice(0, at + shift).split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Moves the editor's cursor to line:column through Quick Open's ":" (go to line), as a user would with Ctrl+G.
 * Enter before Quick Open lists its "go to" row does nothing: wait for the row, and press again while it stays open.
 */
export async function goTo(page: Page, at: { line: number; column: number }): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // A Quick Open opened while a modal closes can be inert, then hidden: time the fill out and open it again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`:${at.line}:${at.column}`, { timeout: 3_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  await page
    .locator('.quick-input-widget .monaco-list-row')
    .first()
    .waitFor({ state: 'visible', timeout: 5_000 })
    .catch(() => undefined);
  for (let k = 0; k < 3 && (await input.isVisible()); k++) {
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
  }
  assert.ok(!(await input.isVisible()), `go to ${at.line}:${at.column}: Quick Open did not close`);
}

/** The visible editor hover whose text contains `text`. */
export function hoverWith(page: Page, text: string): Locator {
  return page.locator('.monaco-hover:visible', { hasText: text }).first();
}

/** The values of the hover's table (first column is the row label, the header row holds column indices). */
export async function hoverTable(hover: Locator): Promise<number[][]> {
  const rows = await hover.locator('table tbody tr').all();
  const out: number[][] = [];
  // Each row: its index, a "│" separator, then the values.
  for (const tr of rows) out.push((await tr.locator('td').allTextContents()).slice(2).map(num));
  return out;
}

/** Ctrl+K Ctrl+I ("Show or Focus Hover") at the cursor. */
export async function showHover(page: Page): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
}
