// The backend badge: which TensorFlow.js backend the view runs on and where its forward convolutions run, and
// after a fallback, why.
import { h } from './dom';
import type { BackendChoice } from './backend';

/**
 * A badge element; `data-testid="backend"` holds just the tfjs backend name (read by the end-to-end tests) and
 * `data-testid="conv-path"` the convolution path ('wasm-simd', 'js', 'webgl', 'cpu'), its reason in the title.
 */
export function backendBadge(choice: BackendChoice | undefined): HTMLElement {
  const fellBack = choice?.reason.includes('→') ?? false;
  const title = choice ? `TensorFlow.js: ${choice.reason}. Convolutions: ${choice.conv.reason}.` : 'starting TensorFlow.js…';
  return h(
    'span',
    { class: `badge${fellBack ? ' badge-warn' : ''}`, title, role: 'status' },
    h('span', { class: 'codicon codicon-chip', 'aria-hidden': 'true' }),
    ' TensorFlow.js: ',
    h('strong', { 'data-testid': 'backend' }, choice?.backend ?? '…'),
    fellBack ? h('span', { class: 'badge-reason' }, ` (${choice?.reason})`) : null,
    ' · convolution: ',
    h('strong', { 'data-testid': 'conv-path', title: choice?.conv.reason ?? '' }, choice?.conv.path ?? '…'),
  );
}
