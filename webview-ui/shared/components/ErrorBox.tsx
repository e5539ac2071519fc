// An error shown inside a view: a visible, readable box (role=alert), also sent to the host's log once. The view keeps
// working underneath; a new error replaces the box's message rather than stacking.
import { useEffect } from 'preact/hooks';
import { reportError } from '../host';

/** The error box for `message` (`data-testid="error"`). */
export function ErrorBox({ message, testid = 'error' }: { message: string; testid?: string }) {
  useEffect(() => reportError(message), [message]);
  return (
    <div class="error" role="alert" data-testid={testid}>
      <span class="codicon codicon-error" aria-hidden="true" /> {message}
    </div>
  );
}

/** The error box when `message` is set, else nothing. */
export function MaybeError({ message, testid }: { message: string | undefined; testid?: string }) {
  return message ? <ErrorBox message={message} testid={testid} /> : null;
}
