// Entry of the sidebar bundle (dist/webview/sidebar.js and sidebar.css): the Conv2D activity-bar view.
import { signal } from '@preact/signals';
import type { ToWebview } from '../../src/protocol/messages';
import { startView } from '../shared/start';
import { SidebarApp } from './App';
import { defaultState, sidebarInput, SidebarStateSchema } from './state';
import './sidebar.css';

// The debug value lives outside the saved state (up to millions of values; the host sends it again after a reload).
const debug = signal<Extract<ToWebview, { type: 'debugTensor' }> | undefined>(undefined);

startView({
  kind: 'sidebar',
  schema: SidebarStateSchema,
  defaults: defaultState,
  fromInput: sidebarInput,
  App: ({ ctx }) => <SidebarApp ctx={ctx} debug={debug} />,
  cursorMatrix: (ctx, m) =>
    ctx.store.set({
      cursor: { matrix: m.matrix, label: m.label, problem: m.problem, ...(m.tensor ? { tensor: m.tensor } : {}) },
    }),
  debugTensor: (_ctx, m) => (debug.value = m.type === 'debugTensor' ? m : undefined),
});
