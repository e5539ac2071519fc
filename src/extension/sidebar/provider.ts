// The sidebar visualization (a WebviewView in the "Conv2D" activity-bar container). It follows the editor: the
// matrix literal under the cursor is sent to the view, which can take it as X or K and shows Y = corr2d(X, K) + b.
import * as vscode from 'vscode';
import type { FromWebview, PanelInput, ToWebview } from '../../protocol/messages';
import { Disposable } from '../dispose';
import { buildWebviewHtml, webviewRoots } from '../webview/html';
import { WebviewEndpoint } from '../webview/endpoint';
import { backendPreference } from '../settings';
import { log } from '../log';
import { matrixAtCursor } from '../editor-matrix';

/** Opens a panel on the sidebar's matrices (provided by the panels module). */
export type OpenPanel = (panel: 'step' | 'edges' | 'learn', input: PanelInput) => void;

type DebugTensorMessage = Extract<ToWebview, { type: 'debugTensor' }>;

/** Provider of the `conv2d.sidebar` view. */
export class SidebarProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewId = 'conv2d.sidebar';
  private endpoint: WebviewEndpoint | undefined;
  private view: vscode.WebviewView | undefined;
  private lastCursor: ToWebview | undefined;
  /** The debug value shown last (sent again to a rebuilt page: it is too large for the page's saved state). */
  private lastDebug: DebugTensorMessage | undefined;
  /** Where the view's debug buttons and slicer go (the debug controller). */
  onDebugAction: ((m: Extract<FromWebview, { type: 'debugAction' }>) => void) | undefined;
  /** The view's current X, K and settings, as it last reported them. */
  input: PanelInput = {};
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly openPanel: OpenPanel,
  ) {
    super();
    this._register(vscode.window.onDidChangeTextEditorSelection((e) => this.schedule(e.textEditor)));
    this._register(vscode.window.onDidChangeActiveTextEditor((e) => e && this.schedule(e)));
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri) };
    const endpoint = new WebviewEndpoint(view.webview, 'sidebar', {
      init: () => {
        // After `init`, the literal under the cursor: the last one seen, or the active editor's now.
        queueMicrotask(() => this.resend());
        return { type: 'init', view: 'sidebar', backend: backendPreference(), input: this.input };
      },
      inputChanged: (m) => (this.input = m.input),
      openPanel: (m) => this.openPanel(m.panel, m.input),
      debugAction: (m) => this.onDebugAction?.(m),
    });
    this.endpoint = endpoint;
    this.view = view;
    view.webview.html = buildWebviewHtml(view.webview, this.extensionUri, 'sidebar', 'Conv2D');
    // Without retainContextWhenHidden the page is rebuilt when the view is shown again; its state comes back from
    // getState, and the cursor matrix is re-sent after its `ready`.
    view.onDidDispose(() => {
      endpoint.dispose();
      if (this.endpoint === endpoint) [this.endpoint, this.view] = [undefined, undefined];
    });
    view.onDidChangeVisibility(() => view.visible || endpoint.reload());
  }

  /** Opens panel `kind` on the sidebar's current X and K (the view/title actions). */
  openOnCurrent(kind: 'step' | 'edges' | 'learn'): void {
    this.openPanel(kind, this.input);
  }

  /**
   * Shows a value read from a paused program; `reveal` opens the sidebar on it (the user asked for it). A view not
   * yet built gets it after its `ready`.
   */
  showDebug(m: DebugTensorMessage, reveal: boolean): void {
    this.lastDebug = m;
    if (this.view?.visible) this.endpoint?.post(m);
    // The view's focus command exists for every contributed view (`<id>.focus`); showing it builds the page.
    else if (reveal) void vscode.commands.executeCommand(`${SidebarProvider.viewId}.focus`);
  }

  /** The debug value was closed. */
  clearDebug(): void {
    this.lastDebug = undefined;
    this.endpoint?.post({ type: 'debugClear' });
  }

  private resend(): void {
    if (this.lastCursor) this.endpoint?.post(this.lastCursor);
    else if (vscode.window.activeTextEditor) this.follow(vscode.window.activeTextEditor);
    if (this.lastDebug) this.endpoint?.post(this.lastDebug);
  }

  // Selection events come in bursts while typing or dragging: look once the cursor rests.
  private schedule(editor: vscode.TextEditor): void {
    if (!this.endpoint) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.follow(editor), 120);
  }

  private follow(editor: vscode.TextEditor): void {
    if (vscode.window.activeTextEditor !== editor) return;
    try {
      const found = matrixAtCursor(editor.document, editor.selection.active);
      if (!found) return; // keep showing the last literal when the cursor leaves it
      const { first: _first, ...message } = found;
      this.lastCursor = { type: 'cursorMatrix', ...message };
      // A hidden view gets the last literal when it is shown again (after its `ready`), not every one in between.
      if (this.view?.visible) this.endpoint?.post(this.lastCursor);
    } catch (e) {
      // This runs in a timer: an error here would surface nowhere but the extension host's log.
      log().error(`sidebar: reading the literal at the cursor failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
