// Matrix-literal hovers: registration only; the work is in ./pipeline (pure) and ./provider (VS Code).

import * as vscode from 'vscode';
import { OPEN_LITERAL } from './markdown';
import { hoverSelector, MatrixHoverProvider, openLiteral } from './provider';

/** Registers the matrix-literal hover provider and the command its links use for large literals. */
export function registerHover(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(hoverSelector(), new MatrixHoverProvider()),
    vscode.commands.registerCommand(OPEN_LITERAL, openLiteral),
  );
}
