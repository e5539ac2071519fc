// The backend badge: which TensorFlow.js backend the view runs on, and after a fallback, why.
import { h } from './dom';
import type { BackendChoice } from './backend';

/** A badge element; `data-testid="backend"` holds just the backend name (read by the end-to-end tests). */
export function backendBadge(choice: BackendChoice | undefined): HTMLElement {
  const fellBack = choice?.reason.includes('→') ?? false;
  return h(
    'span',
    { class: `badge${fellBack ? ' badge-warn' : ''}`, title: choice?.reason ?? 'starting TensorFlow.js…', role: 'status' },
    h('span', { class: 'codicon codicon-chip', 'aria-hidden': 'true' }),
    ' TensorFlow.js: ',
    h('strong', { 'data-testid': 'backend' }, choice?.backend ?? '…'),
    fellBack ? h('span', { class: 'badge-reason' }, ` (${choice?.reason})`) : null,
  );
}
