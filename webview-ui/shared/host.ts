// The webview's side of the protocol: a typed wrapper over acquireVsCodeApi (which may be called once per page),
// validation of everything the host sends, and the view's saved state.
import { checkToWebview, type FromWebview, type ToWebview, type ViewKind } from '../../src/protocol/messages';
import { messageOf } from './format';

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

/** The state this view saved last (kept by VS Code across tab switches and reloads), or undefined. Unchecked. */
export function savedState(): unknown {
  return api.getState() ?? undefined;
}

/** Saves the view's state (plain JSON). Only the view's store calls this, after a state update. */
export function saveState(state: unknown): void {
  api.setState(state);
}

/** Reports an error to the host's log; the view shows it itself too. */
export function reportError(message: string): void {
  post({ type: 'error', message });
}

/**
 * Listens to the host (validating each message), then says `ready`: the host answers with `init`.
 * A message that fails validation is reported back and dropped; an error thrown by `onMessage` is reported too.
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
      reportError(`${view}: ${messageOf(e)}`);
    }
  });
  post({ type: 'ready', view });
}
