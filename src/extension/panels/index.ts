import * as vscode from 'vscode';

/** Registers the panel commands and serializers (filled in by the panels work). */
export function registerPanels(_context: vscode.ExtensionContext): void {}
