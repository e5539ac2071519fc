import * as vscode from 'vscode';

/** Registers the matrix-literal hover provider (filled in by the hover work). */
export function registerHover(_context: vscode.ExtensionContext): void {}
