// Extension entry point. Activation stays cheap: TensorFlow.js is never loaded here (the panels run it inside their
// webviews, and the host's own numbers come from the plain-loop core).
import * as vscode from 'vscode';
import { registerExport } from './export/service';
import { registerPanels } from './panels';
import { registerHover } from './hover';
import { registerSidebar } from './sidebar';
import { registerLayoutCommand } from './layout-command';
import { registerWalkthrough } from './walkthrough';

/** Called by VS Code on the first activation event; everything registered reaches `context.subscriptions`. */
export function activate(context: vscode.ExtensionContext): void {
  registerExport(context);
  const openPanel = registerPanels(context);
  registerHover(context);
  registerSidebar(context, openPanel);
  registerLayoutCommand(context);
  registerWalkthrough(context, openPanel);
}

/** Nothing to do: every resource was registered on `context.subscriptions`. */
export function deactivate(): void {}
