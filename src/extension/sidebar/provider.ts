// The sidebar visualization (a WebviewView in the "Conv2D" activity-bar container). It follows the editor: the
// matrix literal under the cursor is sent to the view, which can take it as X or K and shows Y = corr2d(X, K) + b.
import * as vscode from 'vscode';
import {
  assertNever,
  checkFromWebview,
  type FromWebview,
  type PanelInput,
  type ToWebview,
} from '../../protocol/messages';
import { buildWebviewHtml, webviewRoots } from '../webview/html';
import { backendPreference } from '../settings';
import { log } from '../log';
import { matrixAtCursor } from '../editor-matrix';

/** Opens a panel on the sidebar's matrices (provided by the panels module). */
export type OpenPanel = (panel: 'step' | 'edges' | 'learn', input: PanelInput) => void;

/** Provider of the `conv2d.sidebar` view. */
export class SidebarProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'conv2d.sidebar';
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private lastCursor: ToWebview | undefined;
  /** The view's current X and K, as it last reported them. */
  input: PanelInput = {};
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly openPanel: OpenPanel,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeTextEditorSelection((e) => this.schedule(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.schedule(e)),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: webviewRoots(this.extensionUri) };
    view.webview.html = buildWebviewHtml(view.webview, this.extensionUri, 'sidebar', 'Conv2D');
    view.webview.onDidReceiveMessage((raw) => this.receive(raw), undefined, this.disposables);
    // Without retainContextWhenHidden the page is rebuilt when the view is shown again; its state comes back from
    // getState, and the cursor matrix is re-sent after its `ready`.
    view.onDidDispose(() => (this.view = undefined), undefined, this.disposables);
  }

  /** Opens panel `kind` on the sidebar's current X and K (the view/title actions). */
  openOnCurrent(kind: 'step' | 'edges' | 'learn'): void {
    this.openPanel(kind, this.input);
  }

  // Selection events come in bursts while typing or dragging: look once the cursor rests.
  private schedule(editor: vscode.TextEditor): void {
    if (!this.view) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.follow(editor), 120);
  }

  private follow(editor: vscode.TextEditor): void {
    if (vscode.window.activeTextEditor !== editor) return;
    try {
      const found = matrixAtCursor(editor.document, editor.selection.active);
      if (!found) return; // keep showing the last literal when the cursor leaves it
      this.lastCursor = { type: 'cursorMatrix', ...found };
      this.post(this.lastCursor);
    } catch (e) {
      // This runs in a timer: an error here would surface nowhere but the extension host's log.
      log().error(`sidebar: reading the literal at the cursor failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private post(m: ToWebview): void {
    if (this.view && this.ready) void this.view.webview.postMessage(m);
  }

  private receive(raw: unknown): void {
    const checked = checkFromWebview(raw);
    if (!checked.ok) log().warn(`sidebar: ${checked.error}`);
    else this.handle(checked.message);
  }

  private handle(msg: FromWebview): void {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'init', view: 'sidebar', backend: backendPreference(), input: this.input });
        if (this.lastCursor) this.post(this.lastCursor);
        else if (vscode.window.activeTextEditor) this.follow(vscode.window.activeTextEditor);
        return;
      case 'inputChanged':
        this.input = msg.input;
        return;
      case 'openPanel':
        this.openPanel(msg.panel, msg.input);
        return;
      case 'backend':
        log().info(`sidebar: TensorFlow.js backend ${msg.backend} (${msg.reason})`);
        return;
      case 'error':
        log().error(`sidebar: ${msg.message}`);
        return;
      case 'pickImage':
        return;
      default:
        assertNever(msg);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
