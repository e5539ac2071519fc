import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The extension's log ("Conv2D Lens" in the Output view), created on first use. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Conv2D Lens', { log: true });
  return channel;
}
