// Entry of the sidebar bundle (dist/webview/sidebar.js and sidebar.css): the Conv2D activity-bar view.
import { startView } from '../shared/start';
import { SidebarApp } from './App';
import { defaultState, sidebarInput, SidebarStateSchema } from './state';
import './sidebar.css';

startView({
  kind: 'sidebar',
  schema: SidebarStateSchema,
  defaults: defaultState,
  fromInput: sidebarInput,
  App: SidebarApp,
  cursorMatrix: (ctx, m) => ctx.store.set({ cursor: { matrix: m.matrix, label: m.label, problem: m.problem } }),
});
