// Commands that open the panels, the serializers that restore them after a reload, and the image picker.
import * as vscode from 'vscode';
import * as v from 'valibot';
import { PanelInputSchema, type PanelInput } from '../../protocol/messages';
import { ConvPanel, PANELS, type PanelKind, type PanelServices } from './panel';
import { log } from '../log';
import { callAtCursor, selectedMatrix } from '../editor-matrix';

/** Image types the browser in a webview decodes. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp'];

/**
 * Reads a command's argument: `{ X?, K? }` from a hover link or the sidebar, anything else (a URI from a menu,
 * nothing from the palette) → no input. A malformed matrix is reported, and the panel opens on its defaults.
 */
export function panelInputFrom(arg: unknown): PanelInput {
  if (arg === undefined || arg === null || arg instanceof vscode.Uri) return {};
  const r = v.safeParse(PanelInputSchema, arg);
  if (r.success) return r.output;
  void vscode.window.showErrorMessage(`Conv2D: ignored the matrices passed to the command: ${r.issues[0].message}`);
  return {};
}

/** Registers the panel commands and serializers on `context.subscriptions`; returns the function that opens a panel. */
export function registerPanels(context: vscode.ExtensionContext): PanelServices['open'] {
  const services: PanelServices = {
    open: (kind, input) => ConvPanel.createOrShow(context, kind, input, services),
    pickImage: (panel) => pickAndLoadImage(panel),
  };
  const open = (kind: PanelKind) => (arg: unknown) =>
    ConvPanel.createOrShow(context, kind, arg === undefined ? fromEditor(kind) : panelInputFrom(arg), services);
  context.subscriptions.push(
    vscode.commands.registerCommand('conv2d.stepCrossCorrelation', open('step')),
    vscode.commands.registerCommand('conv2d.detectEdges', open('edges')),
    vscode.commands.registerCommand('conv2d.learnKernel', open('learn')),
    vscode.commands.registerCommand('conv2d.detectEdgesInImage', async (uri?: vscode.Uri) => {
      const panel = ConvPanel.createOrShow(context, 'edges', {}, services);
      if (uri instanceof vscode.Uri) loadImage(panel, uri);
      else await pickAndLoadImage(panel);
    }),
  );
  for (const kind of Object.keys(PANELS) as PanelKind[]) {
    context.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(PANELS[kind].viewType, {
        deserializeWebviewPanel: async (panel, state) => {
          ConvPanel.revive(context, kind, panel, state, services);
        },
      }),
    );
  }
  context.subscriptions.push({
    dispose: () => (Object.keys(PANELS) as PanelKind[]).forEach((k) => ConvPanel.get(k)?.dispose()),
  });
  return services.open;
}

/**
 * Input from the editor for a command run from the palette: the `corr2d(X, K)` call under the cursor (Step), else a
 * selected literal — as X to step through, as K to detect edges with or to learn — else nothing (the defaults).
 */
function fromEditor(kind: PanelKind): PanelInput {
  return (kind === 'step' ? callAtCursor() : undefined) ?? selectedMatrix(kind === 'step' ? 'X' : 'K') ?? {};
}

async function pickAndLoadImage(panel: ConvPanel): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: panel.kind === 'learn' ? 'Learn from Image' : 'Detect Edges',
    filters: { Images: IMAGE_EXTENSIONS },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  if (picked?.[0]) loadImage(panel, picked[0]);
}

/** Lets the panel read the image's folder and hands it the webview URI; the browser decodes it. */
function loadImage(panel: ConvPanel, uri: vscode.Uri): void {
  const ext = uri.path.split('.').pop()?.toLowerCase() ?? '';
  if (!IMAGE_EXTENSIONS.includes(ext)) {
    void vscode.window.showErrorMessage(
      `Conv2D: ${uri.path.split('/').pop()} is not an image (PNG, JPEG, GIF, BMP or WebP).`,
    );
    return;
  }
  panel.allowFolder(vscode.Uri.joinPath(uri, '..'));
  panel.rememberImage(uri);
  const name = uri.path.split('/').pop() ?? uri.path;
  log().info(`edges panel: loading ${uri.toString()}`);
  panel.post({ type: 'loadImage', uri: panel.panel.webview.asWebviewUri(uri).toString(), name });
}
