// Registers the sidebar view and its view/title actions.
import * as vscode from 'vscode';
import { SidebarProvider, type OpenPanel } from './provider';

/** Registers the `conv2d.sidebar` WebviewView and the commands of its title bar; returns the provider. */
export function registerSidebar(context: vscode.ExtensionContext, openPanel: OpenPanel): SidebarProvider {
  const provider = new SidebarProvider(context.extensionUri, openPanel);
  context.subscriptions.push(
    provider,
    vscode.window.registerWebviewViewProvider(SidebarProvider.viewId, provider),
    vscode.commands.registerCommand('conv2d.sidebar.stepCrossCorrelation', () => provider.openOnCurrent('step')),
    vscode.commands.registerCommand('conv2d.sidebar.detectEdges', () => provider.openOnCurrent('edges')),
    vscode.commands.registerCommand('conv2d.sidebar.learnKernel', () => provider.openOnCurrent('learn')),
  );
  return provider;
}
