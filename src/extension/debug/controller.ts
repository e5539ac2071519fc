// The sidebar's debug value: what the user asked to see, read in the selected frame (pull.ts), with progress in a
// cancellable notification when it takes more than one chunk, and — pinned — read again at every stop (a 'stopped'
// event seen by a debug adapter tracker, or a new frame selected in the Call Stack view), so stepping over an update
// shows the kernel change. The newest read wins: a stop during a read cancels it. Reads only evaluate expressions
// that read (js.ts, python.ts): the session is never resumed, paused or changed.
import * as vscode from 'vscode';
import type { PlaneSelection } from '../../core/slice';
import { MAX_TENSOR_VALUES, type FromWebview, type ToWebview } from '../../protocol/messages';
import { Disposable } from '../dispose';
import { log } from '../log';
import { dialectOf, type Request } from './dialect';
import { frameEvaluator, frameLabel, selectedFrame, type Frame } from './frame';
import { CHUNK, pullTensor } from './pull';
import { DebugReadError } from './reply';

type DebugTensorMessage = Extract<ToWebview, { type: 'debugTensor' }>;

/** Where the debug value is shown (the sidebar). */
export interface DebugView {
  /** Shows `m`; `reveal` brings the view forward (a new value asked for by the user). */
  show(m: DebugTensorMessage, reveal: boolean): void;
  /** The value was closed. */
  clear(): void;
}

/** Time each evaluate may take: the summary of 16 million values in Python takes about a second. */
export const EVALUATE_TIMEOUT_MS = 30_000;

/** The `conv2d.debug.maxElements` setting, within 1 … MAX_TENSOR_VALUES (default 1 000 000). */
export function maxElements(): number {
  const v = vscode.workspace.getConfiguration('conv2d').get<number>('debug.maxElements', 1_000_000);
  return Number.isFinite(v) ? Math.min(MAX_TENSOR_VALUES, Math.max(1, Math.floor(v))) : 1_000_000;
}

interface Target {
  request: Request;
  text: string;
  pinned: boolean;
  plane?: PlaneSelection;
  last?: DebugTensorMessage;
  /** The session last read in. */
  sessionId?: string;
}

/** The one debug value of the sidebar and its reads. */
export class DebugTensors extends Disposable {
  private target: Target | undefined;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Stops seen per session: a stop in the same frame id (debugpy reuses them) is still a new stop. */
  private readonly stops = new Map<string, number>();
  private lastRead: string | undefined;

  constructor(private readonly view: DebugView) {
    super();
    this._register(
      vscode.debug.registerDebugAdapterTrackerFactory('*', {
        createDebugAdapterTracker: (session) => ({
          onDidSendMessage: (m: { type?: string; event?: string }) => {
            if (m.type === 'event' && m.event === 'stopped') {
              this.stops.set(session.id, (this.stops.get(session.id) ?? 0) + 1);
              this.schedule();
            }
          },
        }),
      }),
    );
    this._register(vscode.debug.onDidChangeActiveStackItem(() => this.schedule()));
    this._register(vscode.debug.onDidTerminateDebugSession((s) => this.ended(s)));
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  /** Reads `request` in the selected frame and shows it (the command). Tells the user when nothing is paused. */
  async visualize(request: Request, text: string): Promise<void> {
    const frame = selectedFrame();
    if (!frame) {
      void vscode.window.showErrorMessage(
        'Conv2D: Visualize Variable reads values from a paused program: stop at a breakpoint first, then run it again.',
      );
      return;
    }
    this.target = { request, text, pinned: this.target?.pinned ?? false };
    await this.read(frame, true);
  }

  /** The sidebar's buttons and slicer. */
  action(m: Extract<FromWebview, { type: 'debugAction' }>): void {
    const t = this.target;
    if (!t) return;
    switch (m.action) {
      case 'close':
        this.generation++;
        this.target = undefined;
        this.view.clear();
        return;
      case 'pin':
      case 'unpin':
        t.pinned = m.action === 'pin';
        if (t.last) this.post({ ...t.last, pinned: t.pinned });
        if (t.pinned) this.schedule();
        return;
      case 'plane':
        t.plane = m.plane;
        return this.readSelected();
      case 'refresh':
        return this.readSelected();
    }
  }

  private readSelected(): void {
    const frame = selectedFrame();
    if (frame) void this.read(frame, false);
    else if (this.target?.last) this.post({ ...this.target.last, status: 'ended' });
  }

  // A stop fires the tracker and then, once VS Code has the new call stack, the active stack item: read once both
  // have settled, and only when that frame or stop has not been read already.
  // A program that runs again (continue, or a step still under way when the timer fires) leaves values of the last
  // stop on screen: say so.
  private schedule(): void {
    if (!this.target) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const t = this.target;
      const frame = selectedFrame();
      if (!frame) {
        if (t?.last?.status === 'ready') this.post({ ...t.last, status: 'ended' });
      } else if (t?.pinned && this.keyOf(frame) !== this.lastRead) void this.read(frame, false);
    }, 150);
  }

  private keyOf(frame: Frame): string {
    return `${frame.session.id}:${this.stops.get(frame.session.id) ?? 0}:${frame.frameId}`;
  }

  private ended(session: vscode.DebugSession): void {
    this.stops.delete(session.id);
    const t = this.target;
    if (t?.last && t.sessionId === session.id && t.last.status !== 'failed') this.post({ ...t.last, status: 'ended' });
  }

  private post(m: DebugTensorMessage, reveal = false): void {
    if (this.target) this.target.last = m;
    this.view.show(m, reveal);
  }

  /** One read of the target in `frame`; a newer read (or close) makes this one stop and drop its result. */
  private async read(frame: Frame, reveal: boolean): Promise<void> {
    const t = this.target;
    if (!t) return;
    const gen = ++this.generation;
    this.lastRead = this.keyOf(frame);
    t.sessionId = frame.session.id;
    const label = `${await frameLabel(frame)} (${frame.session.type})`;
    const base = { type: 'debugTensor' as const, expression: t.text, label, pinned: t.pinned };
    const current = () => gen === this.generation;
    if (!current()) return;
    this.post({ ...base, status: 'loading', progress: 0 }, reveal);
    // Shape, dtype and summary go to the view as soon as they are known, before the values.
    let preview: DebugTensorMessage['preview'];
    const progress = progressReporter(
      t.text,
      (f) => current() && this.post({ ...base, status: 'loading', progress: f, ...(preview ? { preview } : {}) }),
    );
    const t0 = Date.now();
    try {
      const pulled = await pullTensor(
        frameEvaluator(frame, EVALUATE_TIMEOUT_MS),
        dialectOf(frame.session.type),
        t.request.expression,
        {
          maxElements: maxElements(),
          ...(t.request.shape ? { shape: t.request.shape } : {}),
          ...(t.plane ? { plane: t.plane } : {}),
          progress: progress.report,
          described: (p) => {
            preview = p;
            if (current()) this.post({ ...base, status: 'loading', progress: 0, preview });
          },
          cancelled: () => !current() || progress.cancelled(),
        },
      );
      if (!current()) return;
      log().info(
        `debug: read ${t.text} in ${label}: shape ${pulled.tensor.shape.join('×')}, ${pulled.pulled} values in ${pulled.requests} requests, ${Date.now() - t0} ms`,
      );
      this.post({
        ...base,
        status: 'ready',
        tensor: pulled.tensor,
        ...(pulled.notes.length ? { note: pulled.notes.join('; ') } : {}),
      });
    } catch (e) {
      if (!current()) return;
      const problem = problemOf(e, t.text);
      log().warn(`debug: reading ${t.text} in ${label} failed: ${problem}`);
      this.post({ ...base, status: 'failed', problem });
    } finally {
      progress.finish();
    }
  }
}

/** The user's words for a failed read: cancelled, timed out, not numeric, or the adapter's error. */
function problemOf(e: unknown, text: string): string {
  if (e instanceof DebugReadError) {
    return e.kind === 'cancelled' ? `${text}: reading was cancelled; press Refresh to read it again` : e.message;
  }
  return `${text}: ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Progress of one read: a cancellable notification once the read needs more than one chunk (a 3×3 kernel read at
 * every step flashes nothing), and the sidebar's progress line at most every 200 ms.
 */
function progressReporter(
  text: string,
  toView: (fraction: number) => void,
): { report(done: number, total: number): void; cancelled(): boolean; finish(): void } {
  let cancelled = false;
  let finish: (() => void) | undefined;
  let step: ((fraction: number) => void) | undefined;
  let lastView = 0;
  const start = (total: number) => {
    const done = new Promise<void>((resolve) => (finish = resolve));
    void vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Conv2D: reading ${text} (${total} values)`,
        cancellable: true,
      },
      (p, token) => {
        token.onCancellationRequested(() => (cancelled = true));
        let shown = 0;
        step = (f) => {
          p.report({ increment: (f - shown) * 100, message: `${Math.round(f * 100)} %` });
          shown = f;
        };
        return done;
      },
    );
  };
  return {
    report(done, total) {
      if (total > CHUNK && !finish) start(total);
      const f = total > 0 ? done / total : 1;
      step?.(f);
      if (Date.now() - lastView > 200) {
        lastView = Date.now();
        toView(f);
      }
    },
    cancelled: () => cancelled,
    finish: () => finish?.(),
  };
}
