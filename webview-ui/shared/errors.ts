// Errors shown inside a view: a visible, readable box (role=alert) — the view keeps working underneath.
import { h } from './dom';
import { reportError } from './host';

/** An error box for `message`; also sent to the host's log. */
export function errorBox(message: string): HTMLElement {
  reportError(message);
  return h(
    'div',
    { class: 'error', role: 'alert', 'data-testid': 'error' },
    h('span', { class: 'codicon codicon-error', 'aria-hidden': 'true' }),
    ' ',
    message,
  );
}

/** The message of anything thrown. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
