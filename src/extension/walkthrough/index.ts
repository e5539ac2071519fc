// The walkthrough's commands (package.json, contributes.walkthroughs "conv2d.convolutions"): each step's button runs
// one, and its `onCommand` completion event ticks the step. The demo code opens read-only from the package itself
// (a `conv2d-demo:` document), so the walkthrough works without the demo workspace and never edits the installation.
import * as vscode from 'vscode';
import type { PanelServices } from '../panels/panel';
import {
  aboveLimitInput,
  channelsInput,
  DEMO_CODE,
  DEMO_PHOTO,
  demoKernelPosition,
  WALKTHROUGH_COMMANDS as C,
} from './inputs';

/** URI scheme of the read-only demo documents. */
export const DEMO_SCHEME = 'conv2d-demo';

/** Registers the walkthrough's commands and the demo documents; `open` opens a panel on an input. */
export function registerWalkthrough(context: vscode.ExtensionContext, open: PanelServices['open']): void {
  const root = context.extensionUri;
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(DEMO_SCHEME, new DemoDocuments(root)),
    vscode.commands.registerCommand(C.hoverKernel, () => reportErrors(showDemoKernelHover())),
    vscode.commands.registerCommand(C.detectEdges, () =>
      vscode.commands.executeCommand('conv2d.detectEdgesInImage', vscode.Uri.joinPath(root, ...DEMO_PHOTO)),
    ),
    vscode.commands.registerCommand(C.learnAboveLimit, () => open('learn', aboveLimitInput())),
    vscode.commands.registerCommand(C.stepChannels, () => open('step', channelsInput())),
  );
}

/** The demo files of the package's demo/ folder as `conv2d-demo:/<name>` documents (only the walkthrough's file). */
class DemoDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly root: vscode.Uri) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const name = uri.path.replace(/^\//, '');
    if (name !== DEMO_CODE) throw new Error(`walkthrough: no demo file ${name}`);
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.root, 'demo', name)));
  }
}

/**
 * Opens the demo code beside the walkthrough with the cursor in the kernel K = [[1, -1]] and shows its hover
 * (`editor.action.showHover`, the command behind Ctrl+K Ctrl+I).
 */
async function showDemoKernelHover(): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: DEMO_SCHEME, path: `/${DEMO_CODE}` }));
  const at = demoKernelPosition(doc.getText());
  const pos = new vscode.Position(at.line, at.character);
  const editor = await vscode.window.showTextDocument(doc, {
    viewColumn: vscode.ViewColumn.Beside,
    selection: new vscode.Range(pos, pos),
  });
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  await vscode.commands.executeCommand('editor.action.showHover');
}

async function reportErrors(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (e) {
    void vscode.window.showErrorMessage(`Conv2D: ${e instanceof Error ? e.message : String(e)}`);
  }
}
