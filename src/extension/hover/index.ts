// Matrix-literal hovers: registration only; the work is in ./pipeline (pure) and ./provider (VS Code).

import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { OPEN_LITERAL } from './markdown';
import { hoverSelector, MatrixHoverProvider, openLiteral } from './provider';

/** Registers the matrix-literal hover provider and the command its links use for large literals. */
export function registerHover(context: vscode.ExtensionContext): void {
  // The hover's markdown is vscode-free (./markdown) and localizes through @vscode/l10n: hand it VS Code's bundle for
  // the display language (undefined in English, where the messages are their own translation).
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(hoverSelector(), new MatrixHoverProvider()),
    vscode.commands.registerCommand(OPEN_LITERAL, openLiteral),
  );
}
