// Commands that open the panels, the serializers that restore them after a reload, and the image picker.
import * as vscode from 'vscode';
import * as v from 'valibot';
import { PanelInputSchema, type PanelInput } from '../../protocol/messages';
import { ConvPanel, PANELS, stepTransposedTitle, type PanelKind, type PanelServices } from './panel';
import { log } from '../log';
import { callAtCursor, learnCallAtCursor, selectedChannels, selectedMatrix } from '../editor-matrix';

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
  void vscode.window.showErrorMessage(
    vscode.l10n.t('Conv2D: ignored the matrices passed to the command: {0}', r.issues[0].message),
  );
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
  // The transposed convolution is a mode of the Step panel (d2l §14.10): its command always asks for that mode.
  const openTransposed = (arg: unknown) =>
    ConvPanel.createOrShow(
      context,
      'step',
      arg === undefined ? transposedFromEditor() : { ...panelInputFrom(arg), mode: 'transposed' },
      services,
    );
  context.subscriptions.push(
    vscode.commands.registerCommand('conv2d.stepCrossCorrelation', open('step')),
    vscode.commands.registerCommand('conv2d.stepTransposedConvolution', openTransposed),
    vscode.commands.registerCommand('conv2d.detectEdges', open('edges')),
    vscode.commands.registerCommand('conv2d.learnKernel', open('learn')),
    vscode.commands.registerCommand('conv2d.detectEdgesInImage', async (uri?: vscode.Uri) => {
      // From the explorer's context menu the image comes as the argument; from the palette it is the image in the
      // active editor, else one picked from the workspace's images (no API reads the explorer's selection:
      // microsoft/vscode#3553).
      const image = uri instanceof vscode.Uri ? uri : (activeImage() ?? (await pickWorkspaceImage()));
      if (!image) return;
      loadImage(ConvPanel.createOrShow(context, 'edges', {}, services), image);
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
 * Input from the editor for a command run from the palette: the `corr2d(X, K)` / `corr2d_multi_in(X, K)` call under
 * the cursor (Step; Learn Kernel, which learns K back from X), else a selected literal — as X to step through, as K to
 * detect edges with or to learn, channels `[c, h, w]` as the X of Learn Kernel's colour experiment — else nothing.
 */
function fromEditor(kind: PanelKind): PanelInput {
  const found =
    kind === 'step'
      ? (callAtCursor() ?? selectedMatrix('X'))
      : kind === 'learn'
        ? (learnCallAtCursor() ?? selectedChannels() ?? selectedMatrix('K'))
        : selectedMatrix('K');
  if (found) return found;
  // Nothing in the editor: a Step panel showing the transposed convolution goes back to cross-correlation (the book's
  // Fig. 7.2.1), any other panel is only revealed as it is.
  return kind === 'step' && stepIsTransposed() ? { mode: 'correlation' } : {};
}

/**
 * Input of "Conv2D: Step Transposed Convolution" from the palette: the `trans_conv(X, K)` / `conv_transpose2d(X, K)`
 * call under the cursor, else a selected literal as X, else d2l §14.10's example — or, when the Step panel already
 * shows a transposed convolution, nothing (it is revealed as it is).
 */
function transposedFromEditor(): PanelInput {
  const found = callAtCursor('transposed') ?? selectedMatrix('X');
  if (found) return { ...found, mode: 'transposed' };
  return stepIsTransposed() ? {} : { mode: 'transposed' };
}

/** Whether the open Step panel shows the transposed convolution (its view reports its title). */
function stepIsTransposed(): boolean {
  return ConvPanel.get('step')?.panel.title === stepTransposedTitle();
}

/** The image shown in the active editor tab (VS Code's image preview or any editor of an image file), if any. */
function activeImage(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText ? input.uri : undefined;
  return uri && isImage(uri) ? uri : undefined;
}

function isImage(uri: vscode.Uri): boolean {
  return IMAGE_EXTENSIONS.includes(uri.path.split('.').pop()?.toLowerCase() ?? '');
}

/**
 * A Quick Pick of the workspace's images (by path; the last item opens the file dialog for an image elsewhere), or the
 * file dialog alone without a workspace. Undefined when the user cancels.
 */
async function pickWorkspaceImage(
  title = vscode.l10n.t('Conv2D: Detect Edges in Image'),
  openLabel = vscode.l10n.t('Detect Edges'),
): Promise<vscode.Uri | undefined> {
  const glob = `**/*.{${IMAGE_EXTENSIONS.join(',')}}`;
  const found = vscode.workspace.workspaceFolders
    ? await vscode.workspace.findFiles(glob, '**/node_modules/**', 2000)
    : [];
  if (found.length === 0) return (await openDialog(openLabel))?.[0];
  const browse = {
    label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`,
    description: vscode.l10n.t('an image outside the workspace'),
  };
  const items = [
    ...found
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    browse,
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: vscode.l10n.t('An image of the workspace (type to filter), or Browse…'),
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  return 'uri' in picked ? picked.uri : (await openDialog(openLabel))?.[0];
}

function openDialog(openLabel: string): Thenable<vscode.Uri[] | undefined> {
  return vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel,
    filters: { [vscode.l10n.t('Images')]: IMAGE_EXTENSIONS },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
}

async function pickAndLoadImage(panel: ConvPanel): Promise<void> {
  const picked =
    panel.kind === 'learn'
      ? await pickWorkspaceImage(vscode.l10n.t('Conv2D: Learn Kernel from an Image'), vscode.l10n.t('Learn from Image'))
      : await pickWorkspaceImage();
  if (picked) loadImage(panel, picked);
}

/** Lets the panel read the image's folder and hands it the webview URI; the browser decodes it. */
function loadImage(panel: ConvPanel, uri: vscode.Uri): void {
  if (!isImage(uri)) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Conv2D: {0} is not an image (PNG, JPEG, GIF, BMP or WebP).', uri.path.split('/').pop() ?? ''),
    );
    return;
  }
  panel.allowFolder(vscode.Uri.joinPath(uri, '..'));
  panel.rememberImage(uri);
  const name = uri.path.split('/').pop() ?? uri.path;
  log().info(`edges panel: loading ${uri.toString()}`);
  // The path lets exported code open the same file ("Copy as code" of a photo). A remote workspace's files (code-server,
  // Remote - SSH; the web worker host sees them as vscode-remote:) are local files where that code runs; others
  // (github.dev's virtual files) have no path a program could open, so their URI is named instead.
  const path = uri.scheme === 'file' || uri.scheme === 'vscode-remote' ? uri.fsPath : uri.toString();
  panel.post({ type: 'loadImage', uri: panel.panel.webview.asWebviewUri(uri).toString(), name, path });
}
