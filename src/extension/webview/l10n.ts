// Webviews cannot call vscode.l10n: the host hands them the display language and the extension's bundle with `init`
// (the pattern of https://github.com/microsoft/vscode-l10n: the host owns the bundle, other contexts get it).
import * as vscode from 'vscode';
import type { L10n } from '../../protocol/messages';

/**
 * The display language and the bundle VS Code loaded for it (l10n/bundle.l10n.<language>.json); an empty bundle in
 * English, or when no bundle matches the language (the views then show the English messages, their keys).
 */
export function webviewL10n(): L10n {
  return { language: vscode.env.language, bundle: { ...(vscode.l10n.bundle ?? {}) } };
}
