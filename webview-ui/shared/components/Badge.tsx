// The backend badge: which TensorFlow.js backend the view runs on and where its own forward convolutions run, and
// after a fallback or a `conv2d.backend` setting, why. Two pills that wrap as wholes (a narrow side bar puts them on
// two lines instead of breaking one pill), then the reason as plain text.
import type { BackendChoice } from '../backend';
import type { ConvPathChoice } from '../conv-path';

/**
 * `data-testid="backend"` holds just the tfjs backend name (read by the end-to-end tests), `data-testid="conv-path"`
 * the convolution path ('wasm-simd', 'js', 'webgl', 'cpu') with its reason in the title, and
 * `data-testid="backend-reason"` (after a fallback or when set by `conv2d.backend`) why this backend. `conv` is the
 * path this view's output really uses (default: the machine's forward path); a view that computes with tfjs itself
 * passes `tfjsConvPath(…)` so the badge does not claim a path it never takes.
 */
export function Badge({ choice, conv = choice?.conv }: { choice: BackendChoice | undefined; conv?: ConvPathChoice }) {
  const fellBack = choice?.reason.includes('→') ?? false;
  const explained = fellBack || (choice?.reason.includes('conv2d.backend') ?? false);
  const title = choice
    ? `TensorFlow.js: ${choice.reason}. Convolutions: ${conv?.reason ?? '…'}.`
    : 'starting TensorFlow.js…';
  return (
    <span class="badges" title={title} role="status">
      <span class={`badge${fellBack ? ' badge-warn' : ''}`}>
        <span class="codicon codicon-chip" aria-hidden="true" /> TensorFlow.js:{' '}
        <strong data-testid="backend">{choice?.backend ?? '…'}</strong>
      </span>
      <span class="badge" title={conv?.reason ?? ''}>
        convolution: <strong data-testid="conv-path">{conv?.path ?? '…'}</strong>
      </span>
      {explained && (
        <span class="badge-reason" data-testid="backend-reason">
          {choice?.reason}
        </span>
      )}
    </span>
  );
}
