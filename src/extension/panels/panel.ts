// One class for the three panels: each is a WebviewPanel showing one view bundle, talking the one protocol.
// Shape from the extension samples (webview-sample): static create/revive, private constructor, dispose().
import * as vscode from 'vscode';
import type { PanelInput, ToWebview, ViewKind } from '../../protocol/messages';
import { Disposable } from '../dispose';
import { buildWebviewHtml, webviewRoots } from '../webview/html';
import { WebviewEndpoint } from '../webview/endpoint';
import { backendPreference } from '../settings';
import { webviewL10n } from '../webview/l10n';

/** Where a panel's last image is remembered (workspace state), so a reload can grant its folder again. */
function imageKey(kind: PanelKind): string {
  return `conv2d.${kind}.image`;
}

/** The panel views (the sidebar is a WebviewView, not a panel). */
export type PanelKind = Exclude<ViewKind, 'sidebar'>;

/** viewType and title of each panel; `title()` is in the display language (read it once VS Code is running). */
export const PANELS: Record<PanelKind, { viewType: string; title: () => string }> = {
  step: { viewType: 'conv2d.step', title: () => vscode.l10n.t('Step Cross-Correlation') },
  edges: { viewType: 'conv2d.edges', title: () => vscode.l10n.t('Detect Edges') },
  learn: { viewType: 'conv2d.learn', title: () => vscode.l10n.t('Learn Kernel') },
};

/** The Step panel's title in its transposed mode (d2l §14.10), in the display language. */
export const stepTransposedTitle = () => vscode.l10n.t('Step Transposed Convolution');

/** The title a new panel of `kind` opens with for `input` (the Step panel names its transposed mode). */
function titleFor(kind: PanelKind, input: PanelInput): () => string {
  return kind === 'step' && input.mode === 'transposed' ? stepTransposedTitle : PANELS[kind].title;
}

/** What a panel asks of the rest of the extension (opening other panels, picking images). */
export interface PanelServices {
  open(kind: PanelKind, input: PanelInput): void;
  pickImage(panel: ConvPanel): Promise<void>;
}

/** A live panel. At most one per kind: a second open reveals it and sends the new input. */
export class ConvPanel extends Disposable {
  private static readonly live = new Map<PanelKind, ConvPanel>();
  private readonly folders = new Set<string>();
  private readonly endpoint: WebviewEndpoint;
  /** The backend the view reported last (for status and tests). */
  backend: { backend: string; reason: string } | undefined;

  /** Opens (or reveals) the panel of `kind` and shows `input` in it. */
  static createOrShow(
    ctx: vscode.ExtensionContext,
    kind: PanelKind,
    input: PanelInput,
    services: PanelServices,
  ): ConvPanel {
    const existing = ConvPanel.live.get(kind);
    if (existing) {
      existing.panel.reveal();
      // Settings alone are an input too: the Step panel switches to the transposed convolution on `{ mode }` (and
      // reports its new title itself, or keeps the old one when it refuses the input).
      if (Object.values(input).some((x) => x !== undefined)) existing.post({ type: 'setInput', input });
      return existing;
    }
    const { viewType } = PANELS[kind];
    const title = titleFor(kind, input);
    // Panels share one column beside the editor, as tabs, instead of each splitting off a narrower column.
    const column =
      [...ConvPanel.live.values()].find((p) => p.panel.viewColumn)?.panel.viewColumn ?? vscode.ViewColumn.Beside;
    const panel = vscode.window.createWebviewPanel(viewType, title(), column, {
      enableScripts: true,
      localResourceRoots: webviewRoots(ctx.extensionUri),
    });
    return new ConvPanel(ctx, kind, panel, input, undefined, services);
  }

  /** Restores a panel after a window reload (WebviewPanelSerializer); `state` is what the view saved. */
  static revive(
    ctx: vscode.ExtensionContext,
    kind: PanelKind,
    panel: vscode.WebviewPanel,
    state: unknown,
    services: PanelServices,
  ): ConvPanel {
    ConvPanel.live.get(kind)?.dispose();
    // The image the panel showed before the reload: its folder must be readable again for the view to reload it.
    const image = ctx.workspaceState.get<string>(imageKey(kind));
    const folders = image ? [vscode.Uri.joinPath(vscode.Uri.parse(image), '..')] : [];
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [...webviewRoots(ctx.extensionUri), ...folders],
    };
    const revived = new ConvPanel(ctx, kind, panel, {}, state, services);
    for (const f of folders) revived.folders.add(f.toString());
    return revived;
  }

  /** The open panel of `kind`, if any. */
  static get(kind: PanelKind): ConvPanel | undefined {
    return ConvPanel.live.get(kind);
  }

  private constructor(
    private readonly ctx: vscode.ExtensionContext,
    readonly kind: PanelKind,
    readonly panel: vscode.WebviewPanel,
    input: PanelInput,
    state: unknown,
    services: PanelServices,
  ) {
    super();
    ConvPanel.live.set(kind, this);
    panel.iconPath = vscode.Uri.joinPath(ctx.extensionUri, 'media', 'icon.svg');
    this.endpoint = this._register(
      new WebviewEndpoint(panel.webview, `${kind} panel`, {
        init: () => ({ type: 'init', view: kind, backend: backendPreference(), input, state, l10n: webviewL10n() }),
        backend: (m) => (this.backend = { backend: m.backend, reason: m.reason }),
        title: (m) => (panel.title = m.title),
        pickImage: () => void services.pickImage(this),
        openPanel: (m) => services.open(m.panel, m.input),
      }),
    );
    panel.webview.html = buildWebviewHtml(panel.webview, ctx.extensionUri, kind, PANELS[kind].title());
    this._register(panel.onDidDispose(() => this.dispose()));
    // A hidden panel's page is discarded (no retainContextWhenHidden) and reloads when shown: hold messages, such as
    // a hover link's `setInput`, until the reloaded page's `ready`, or they are lost.
    this._register(panel.onDidChangeViewState(() => panel.visible || this.endpoint.reload()));
  }

  /** Sends a message once the view is listening (messages before `ready` would be lost). */
  post(message: ToWebview): void {
    this.endpoint.post(message);
  }

  /**
   * Lets the view read files under `folder` (an image the user picked), keeping the roots otherwise narrow.
   * New options make VS Code reload the page, so messages wait for the reloaded page's `ready`.
   */
  allowFolder(folder: vscode.Uri): void {
    const key = folder.toString();
    if (this.folders.has(key)) return;
    this.folders.add(key);
    this.endpoint.reload();
    this.panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [
        ...webviewRoots(this.ctx.extensionUri),
        ...[...this.folders].map((f) => vscode.Uri.parse(f)),
      ],
    };
  }

  /** Remembers the image this panel shows, for `revive` after a window reload. */
  rememberImage(uri: vscode.Uri): void {
    void this.ctx.workspaceState.update(imageKey(this.kind), uri.toString());
  }

  /** Closes the panel and releases its listeners. */
  override dispose(): void {
    if (this.isDisposed) return;
    if (ConvPanel.live.get(this.kind) === this) ConvPanel.live.delete(this.kind);
    super.dispose();
    this.panel.dispose();
  }
}
