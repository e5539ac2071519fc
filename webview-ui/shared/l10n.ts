// The views' strings in VS Code's display language. A webview cannot call vscode.l10n: the host sends the language and
// the extension's bundle (l10n/bundle.l10n.<language>.json) with `init`, and `t` looks messages up in it. English
// messages are the keys and the fallback, as in vscode.l10n.t (https://code.visualstudio.com/api/references/
// vscode-api#l10n): a message the bundle lacks shows in English, never as a blank.
import type { L10n } from '../../src/protocol/messages';

let current: L10n = { language: 'en', bundle: {} };

/**
 * Uses `l10n` for every later `t` (called by startView on `init`, before the first render) and sets the page's `lang`
 * (screen readers, CJK line breaking). Components read strings while rendering, never at module load.
 */
export function setL10n(l10n: L10n | undefined): void {
  current = l10n ?? { language: 'en', bundle: {} };
  if (typeof document !== 'undefined') document.documentElement.lang = current.language;
}

/** VS Code's display language as the host reported it ('en' before `init`). */
export function language(): string {
  return current.language;
}

/**
 * `message` in the display language, with `{0}`, `{1}`, … replaced by `args` (as vscode.l10n.t does); the English
 * message itself when the bundle has no translation. A placeholder without an argument stays as written.
 */
export function t(message: string, ...args: Array<string | number>): string {
  const translated = current.bundle[message] ?? message;
  return args.length === 0
    ? translated
    : translated.replace(/\{(\d+)\}/g, (all, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : all));
}
