// Start-up shared by every view: connect to the host, pick the TensorFlow.js backend, then hand messages to the
// view one at a time (in order, each after the previous one finished: a setInput must not overtake init).
import {
  assertNever,
  type PanelInput,
  type ToWebview,
  type ViewKind,
  type BackendPreference,
} from '../../src/protocol/messages';
import { chooseBackend, type BackendChoice } from './backend';
import { connect } from './host';
import { errorBox, messageOf } from './errors';

/** What a view does with the host's messages. */
export interface ViewHandlers {
  /** First message. `state` is the saved view state (getState, else the serializer's), if any; else use `input`. */
  init(args: {
    input: PanelInput;
    state: unknown;
    backend: BackendChoice;
    preference: BackendPreference;
  }): void | Promise<void>;
  setInput(input: PanelInput): void | Promise<void>;
  loadImage?(uri: string, name: string): void | Promise<void>;
  cursorMatrix?(matrix: number[][] | null, label: string, problem?: string): void | Promise<void>;
}

/** Connects view `kind` and runs its handlers; an error in a handler is shown in the view, which stays usable. */
export function startView(kind: ViewKind, handlers: ViewHandlers, savedState: () => unknown): void {
  let queue = Promise.resolve();
  const handle = async (m: ToWebview): Promise<void> => {
    switch (m.type) {
      case 'init': {
        const backend = await chooseBackend(m.backend);
        await handlers.init({ input: m.input ?? {}, state: savedState() ?? m.state, backend, preference: m.backend });
        return;
      }
      case 'setInput':
        await handlers.setInput(m.input);
        return;
      case 'loadImage':
        await handlers.loadImage?.(m.uri, m.name);
        return;
      case 'cursorMatrix':
        await handlers.cursorMatrix?.(m.matrix, m.label, m.problem);
        return;
      default:
        assertNever(m);
    }
  };
  connect(kind, (m) => {
    queue = queue.then(() => handle(m)).catch((e) => showFatal(messageOf(e)));
  });
}

function showFatal(message: string): void {
  const root = document.getElementById('root');
  root?.prepend(errorBox(message));
}
