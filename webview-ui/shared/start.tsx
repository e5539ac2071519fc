// How every view starts, in one place: connect to the host, pick the TensorFlow.js backend, restore the saved state
// through the view's schema (or take the host's input for a new view), then render the view's component over a store.
// Later messages are handled one at a time, in order (a setInput must not overtake init).
import { signal, type Signal } from '@preact/signals';
import { Component, render, type ComponentChildren, type FunctionComponent } from 'preact';
import type * as v from 'valibot';
import {
  assertNever,
  type BackendPreference,
  type PanelInput,
  type ToWebview,
  type ViewKind,
} from '../../src/protocol/messages';
import { chooseBackend, type BackendChoice } from './backend';
import { ErrorBox } from './components/ErrorBox';
import { exportStatus } from './export-status';
import { messageOf } from './format';
import { connect, savedState, saveState } from './host';
import { restoreState, Store } from './store';

/** What a view's component gets. */
export interface ViewContext<S extends object> {
  store: Store<S>;
  backend: BackendChoice;
  preference: BackendPreference;
  /** Why the last input from the editor, a hover link or the sidebar was refused (the view kept its state). */
  inputError: Signal<string | undefined>;
}

/** Everything a view declares; `startView` does the rest. */
export interface ViewSpec<S extends object> {
  kind: ViewKind;
  /** The persisted state's schema: a saved state that fails it is replaced by `defaults()`, with a visible note. */
  schema: v.GenericSchema<unknown, S>;
  defaults(): S;
  /**
   * The state after an input (the editor, a hover link, the sidebar). An input replaces the whole setup: what it names,
   * and the defaults for what it does not. Throws a user-facing message to refuse it (the state stays as it was).
   */
  fromInput(state: S, input: PanelInput): S;
  App: FunctionComponent<{ ctx: ViewContext<S> }>;
  /**
   * An image the host made readable (Detect Edges, Learn Kernel): usually a store update. `path` is the file as a
   * program opens it (for exported code), when the host knows it.
   */
  loadImage?(ctx: ViewContext<S>, uri: string, name: string, path?: string): void;
  /** The matrix literal under the editor's cursor (the sidebar). */
  cursorMatrix?(ctx: ViewContext<S>, m: Extract<ToWebview, { type: 'cursorMatrix' }>): void;
  /** A value read from a paused debug session, or its closing (the sidebar). */
  debugTensor?(ctx: ViewContext<S>, m: Extract<ToWebview, { type: 'debugTensor' | 'debugClear' }>): void;
}

/**
 * Starts view `spec` in the page's `#root`. First state: the view's own saved state (VS Code keeps it across tab
 * switches and reloads; after a window reload the host passes the serializer's copy in `init.state`), else the
 * defaults with `init.input` applied — the input of a panel opened just now.
 */
export function startView<S extends object>(spec: ViewSpec<S>): void {
  let ctx: ViewContext<S> | undefined;
  const root = document.getElementById('root');
  if (!root) throw new Error(`${spec.kind}: the page has no #root element`);

  const init = async (m: Extract<ToWebview, { type: 'init' }>) => {
    const backend = await chooseBackend(m.backend);
    const raw = savedState() ?? m.state;
    const restored = restoreState(spec.schema, raw, spec.defaults);
    const inputError = signal<string | undefined>(undefined);
    let state = restored.state;
    if (raw === undefined || raw === null) {
      try {
        state = spec.fromInput(state, m.input ?? {});
      } catch (e) {
        inputError.value = messageOf(e);
      }
    }
    const c: ViewContext<S> = { store: new Store(state, saveState), backend, preference: m.backend, inputError };
    ctx = c;
    render(
      <Shell note={restored.note}>
        <spec.App ctx={c} />
      </Shell>,
      root,
    );
  };

  const handle = async (m: ToWebview): Promise<void> => {
    if (m.type === 'init') return init(m);
    if (!ctx) return; // the host sends nothing else before init; a stray message has nothing to act on
    switch (m.type) {
      case 'setInput':
        return applyInput(spec, ctx, m.input);
      case 'loadImage':
        return spec.loadImage?.(ctx, m.uri, m.name, m.path);
      case 'cursorMatrix':
        return spec.cursorMatrix?.(ctx, m);
      case 'exportResult':
        exportStatus.value = { ok: m.ok, text: m.text };
        return;
      case 'debugTensor':
      case 'debugClear':
        return spec.debugTensor?.(ctx, m);
      default:
        assertNever(m);
    }
  };

  let queue = Promise.resolve();
  connect(spec.kind, (m) => {
    queue = queue.then(() => handle(m)).catch((e) => showFatal(root, messageOf(e)));
  });
}

function applyInput<S extends object>(spec: ViewSpec<S>, ctx: ViewContext<S>, input: PanelInput): void {
  try {
    const next = spec.fromInput(ctx.store.value, input);
    ctx.inputError.value = undefined;
    ctx.store.update(() => next);
  } catch (e) {
    ctx.inputError.value = messageOf(e);
  }
}

function showFatal(root: HTMLElement, message: string): void {
  const box = document.createElement('div');
  root.prepend(box);
  render(<ErrorBox message={message} />, box);
}

/** The frame of every view: the restore note, and an error boundary that keeps the page readable. */
class Shell extends Component<{ note?: string; children: ComponentChildren }, { error?: string }> {
  override componentDidCatch(e: unknown): void {
    this.setState({ error: messageOf(e) });
  }

  override render() {
    return (
      <>
        {this.props.note && (
          <p class="warning" role="status" data-testid="restore-note">
            {this.props.note}
          </p>
        )}
        {this.state.error ? <ErrorBox message={this.state.error} /> : this.props.children}
      </>
    );
  }
}
