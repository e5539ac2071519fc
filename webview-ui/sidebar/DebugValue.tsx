// The value read from a paused debug session ("Conv2D: Visualize Variable"): where it was read, whether it is pinned
// (read again at every stop), the read's progress or failure, and the array itself in a TensorView. While a pinned
// value is read again the previous values stay, marked as being read; a failure clears them (no stale values next
// to an error) and says what to do.
import { useRef } from 'preact/hooks';
import type { Tensor, ToWebview } from '../../src/protocol/messages';
import type { Matrix } from '../../src/core/matrix';
import { TensorView } from '../shared/components/TensorView';
import { post } from '../shared/host';
import { summaryText } from '../shared/tensor';
import { planeFor, type SidebarState } from './state';

/** The host's message about the debug value. */
export type DebugMessage = Extract<ToWebview, { type: 'debugTensor' }>;

export function DebugValue({
  m,
  s,
  set,
  use,
}: {
  m: DebugMessage;
  s: SidebarState;
  set(patch: Partial<SidebarState>): void;
  use(role: 'X' | 'K', M: Matrix, from: string): void;
}) {
  // The last values read, kept while the next read runs (a pinned value at every step).
  const kept = useRef<{ expression: string; tensor: Tensor } | undefined>(undefined);
  if (m.status === 'failed' || kept.current?.expression !== m.expression) kept.current = undefined;
  if (m.tensor) kept.current = { expression: m.expression, tensor: m.tensor };
  const tensor = kept.current?.tensor;
  const act = (action: 'pin' | 'unpin' | 'refresh' | 'close') => () => post({ type: 'debugAction', action });
  const name = m.expression.replace(/\s+as\s+.*$/, '');
  // The slicer keeps its plane while the same expression is read again with the same shape (a pinned value).
  const of = `${m.expression} ${tensor?.shape.join('×') ?? ''}`;
  return (
    <section aria-label="Debug value" class="debug-value">
      <div class="toolbar">
        <h2 class="grow">
          <span class="codicon codicon-debug-alt" aria-hidden="true" />{' '}
          <span data-testid="debug-expression">{m.expression}</span>
        </h2>
        <label title="Read again at every stop of the debugger">
          <input
            type="checkbox"
            data-testid="debug-pin"
            checked={m.pinned}
            onChange={(e) => post({ type: 'debugAction', action: e.currentTarget.checked ? 'pin' : 'unpin' })}
          />
          pin
        </label>
        <button class="secondary" data-testid="debug-refresh" title="Read again now" onClick={act('refresh')}>
          <span class="codicon codicon-refresh" aria-hidden="true" />
        </button>
        <button class="secondary" data-testid="debug-close" title="Close" onClick={act('close')}>
          <span class="codicon codicon-close" aria-hidden="true" />
        </button>
      </div>
      <p class="caption" data-testid="debug-label">
        {m.label}
      </p>
      <Status m={m} />
      {m.note && (
        <p class="caption" data-testid="debug-note">
          {m.note}
        </p>
      )}
      {!tensor && m.preview && <Preview p={m.preview} />}
      {tensor && (
        <TensorView
          tensor={tensor}
          name={name}
          title="Value"
          testid="debug"
          selection={planeFor(s.planes.debug, of)}
          onSelect={(sel) => {
            set({ planes: { ...s.planes, debug: { ...sel, of } } });
            // Only one plane of a large array was sent: ask the host for the newly selected one.
            if (tensor.plane) post({ type: 'debugAction', action: 'plane', plane: sel });
          }}
          onUse={(role, M, what) => use(role, M, `${what} at ${m.label}`)}
          busy={m.status === 'loading'}
        />
      )}
      <hr />
    </section>
  );
}

/** Shape, dtype and summary of a value whose values are still being read (a large array: this comes first). */
function Preview({ p }: { p: NonNullable<DebugMessage['preview']> }) {
  return (
    <section aria-label="Value" class="tensor">
      <h2>
        Value{' '}
        <span class="caption" data-testid="debug-shape">
          {p.shape.length === 0 ? 'scalar' : p.shape.join('×')}
        </span>{' '}
        {p.dtype && (
          <span class="dtype" data-testid="debug-dtype">
            {p.dtype}
          </span>
        )}
      </h2>
      <p class="caption" data-testid="debug-summary">
        {summaryText(p.summary)}
      </p>
    </section>
  );
}

function Status({ m }: { m: DebugMessage }) {
  switch (m.status) {
    case 'loading':
      return (
        <p class="caption loading" role="status" data-testid="debug-status">
          reading… {m.progress !== undefined && m.progress > 0 ? `${Math.round(m.progress * 100)} %` : ''}
          {m.progress !== undefined && <progress value={m.progress} max={1} />}
        </p>
      );
    case 'failed':
      return (
        <p class="warning" role="alert" data-testid="debug-problem">
          {m.problem ?? 'the value could not be read'}
        </p>
      );
    case 'ended':
      return (
        <p class="caption" data-testid="debug-status">
          The program is not paused here any more: these are the values read at the last stop.
          {m.pinned ? ' They are read again at the next stop.' : ''}
        </p>
      );
    case 'ready':
      return (
        <p class="caption" role="status" data-testid="debug-status">
          {m.pinned ? 'read at this stop; read again at every stop' : 'read at this stop'}
        </p>
      );
  }
}
