// The webview's side of the protocol: a typed wrapper over acquireVsCodeApi (which may be called once per page),
// validation of everything the host sends, and the view's saved state.
import { checkToWebview, type FromWebview, type ToWebview, type ViewKind } from '../../src/protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

/** Sends a message to the host. */
export function post(message: FromWebview): void {
  api.postMessage(message);
}

/** The state this view saved last (kept by VS Code across tab switches and reloads), or undefined. */
export function savedState<T>(): T | undefined {
  return (api.getState() ?? undefined) as T | undefined;
}

/** Saves the view's state (plain JSON: matrices, settings, the step shown). */
export function saveState(state: unknown): void {
  api.setState(state);
}

/** Reports an error to the host's log; the view shows it itself too. */
export function reportError(message: string): void {
  post({ type: 'error', message });
}

/**
 * Listens to the host (validating each message), then says `ready`: the host answers with `init`.
 * A message that fails validation is reported back and dropped.
 */
export function connect(view: ViewKind, onMessage: (m: ToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const checked = checkToWebview(event.data);
    if (!checked.ok) {
      reportError(checked.error);
      return;
    }
    try {
      onMessage(checked.message);
    } catch (e) {
      reportError(`${view}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  post({ type: 'ready', view });
}
