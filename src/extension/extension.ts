// Extension entry point. Activation stays cheap: TensorFlow.js is never loaded here (the panels run it inside their
// webviews, and the host's own numbers come from the plain-loop core).
import * as vscode from 'vscode';
import { registerExport } from './export/service';
import { registerPanels } from './panels';
import { registerHover } from './hover';
import { registerSidebar } from './sidebar';
import { registerLayoutCommand } from './layout-command';
import { registerDebug } from './debug';
import { activationLine } from './host';
import { log } from './log';
import { registerWalkthrough } from './walkthrough';

/** Called by VS Code on the first activation event; everything registered reaches `context.subscriptions`. */
export function activate(context: vscode.ExtensionContext): void {
  // Says which host runs the extension (Node or, from the package's "browser" entry, a web worker).
  log().info(activationLine(vscode.UIKind[vscode.env.uiKind]));
  registerExport(context);
  const openPanel = registerPanels(context);
  registerHover(context);
  registerLayoutCommand(context);
  const sidebar = registerSidebar(context, openPanel);
  const debug = registerDebug(context, {
    show: (m, reveal) => sidebar.showDebug(m, reveal),
    clear: () => sidebar.clearDebug(),
  });
  sidebar.onDebugAction = (m) => debug.action(m);
  registerWalkthrough(context, openPanel);
}

/** Nothing to do: every resource was registered on `context.subscriptions`. */
export function deactivate(): void {}
