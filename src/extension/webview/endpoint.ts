// One webview's end of the protocol, for the panels and the sidebar alike: every message that arrives is validated,
// logged when refused, and dispatched by type; messages to the view wait for its `ready` (a page that is still loading,
// or reloading after it was hidden, would lose them), then `init` goes first and the queue follows in order.
import * as vscode from 'vscode';
import { assertNever, checkFromWebview, type FromWebview, type ToWebview } from '../../protocol/messages';
import { Disposable } from '../dispose';
import { exportCode, insertLiteral, type ExportOutcome } from '../export/service';
import { log } from '../log';

/** What a view can ask of the host; `ready`, `backend` and `error` are handled by the endpoint itself. */
export interface EndpointHandlers {
  /** The `init` message answering each `ready` (a reloaded page says `ready` again). */
  init(): ToWebview;
  pickImage?(): void;
  openPanel?(m: Extract<FromWebview, { type: 'openPanel' }>): void;
  inputChanged?(m: Extract<FromWebview, { type: 'inputChanged' }>): void;
  /** The sidebar's debug value: pin, unpin, refresh, close, or another plane of it. */
  debugAction?(m: Extract<FromWebview, { type: 'debugAction' }>): void;
  /** The backend the view runs on, after it chose (for logs and tests). */
  backend?(m: Extract<FromWebview, { type: 'backend' }>): void;
}

/** The protocol endpoint of one webview (a panel's or the sidebar's). `name` prefixes its log lines. */
export class WebviewEndpoint extends Disposable {
  private ready = false;
  private readonly queue: ToWebview[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    private readonly name: string,
    private readonly on: EndpointHandlers,
  ) {
    super();
    this._register(webview.onDidReceiveMessage((raw) => this.receive(raw)));
  }

  /** Sends `m` now if the view is listening, else when it says `ready`. */
  post(m: ToWebview): void {
    if (this.ready) void this.webview.postMessage(m);
    else this.queue.push(m);
  }

  /** The page is about to be replaced (hidden panel, new resource roots): hold messages until its next `ready`. */
  reload(): void {
    this.ready = false;
  }

  private receive(raw: unknown): void {
    const checked = checkFromWebview(raw);
    if (!checked.ok) {
      log().warn(`${this.name}: ${checked.error}`);
      return;
    }
    try {
      this.dispatch(checked.message);
    } catch (e) {
      log().error(
        `${this.name}: handling ${checked.message.type} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /** Sends the outcome of an export to the view (a failure is logged and told too). */
  private answer(what: string, outcome: Promise<ExportOutcome>): void {
    void outcome
      .catch((e: unknown): ExportOutcome => ({
        ok: false,
        text: `${what} failed: ${e instanceof Error ? e.message : String(e)}`,
      }))
      .then((r) => {
        if (!r.ok) log().warn(`${this.name}: ${r.text}`);
        this.post({ type: 'exportResult', ok: r.ok, text: r.text });
      });
  }

  private dispatch(m: FromWebview): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        void this.webview.postMessage(this.on.init());
        for (const q of this.queue.splice(0)) void this.webview.postMessage(q);
        return;
      case 'backend':
        log().info(`${this.name}: TensorFlow.js backend ${m.backend} (${m.reason})`);
        this.on.backend?.(m);
        return;
      case 'error':
        log().error(`${this.name}: ${m.message}`);
        return;
      case 'pickImage':
        return this.on.pickImage?.();
      case 'openPanel':
        return this.on.openPanel?.(m);
      case 'inputChanged':
        return this.on.inputChanged?.(m);
      // Every view offers "Copy as code" and "Insert as literal"; the answer goes back to its status line.
      case 'exportCode':
        return this.answer(m.type, exportCode(m));
      case 'insertLiteral':
        return this.answer(m.type, insertLiteral(m));
      case 'debugAction':
        return this.on.debugAction?.(m);
      default:
        assertNever(m);
    }
  }
}
