// "Copy as code" and "Insert as literal", the same in every panel and the sidebar: a language choice (NumPy/SciPy,
// PyTorch, TensorFlow/Keras, TensorFlow.js), Copy (to the clipboard) and Open (an untitled editor), and a choice of
// the view's arrays to insert at the cursor of the last active text editor. The view passes what it exports (its
// `export.ts`); the host does the clipboard and the editors, and its answer shows in the status line.
import { signal } from '@preact/signals';
import { useState } from 'preact/hooks';
import type { ExportTarget } from '../../../src/core/export';
import { MAX_EXPORT_CODE } from '../../../src/protocol/messages';
import { exportStatus } from '../export-status';
import { flatten, TARGETS, type ExportSource } from '../export-source';
import { messageOf } from '../format';
import { post } from '../host';

/** The language chosen last on this page (a re-render or a new source keeps it). */
const chosen = signal<ExportTarget>('numpy');

export function ExportBar({ source }: { source: ExportSource }) {
  const [name, setName] = useState<string | undefined>(undefined);
  const literal = source.literals.find((l) => l.name === name) ?? source.literals[0];
  const fail = (e: unknown) => (exportStatus.value = { ok: false, text: messageOf(e) });
  const send = (destination: 'clipboard' | 'editor') => {
    try {
      const code = source.code(chosen.value);
      if (code.length > MAX_EXPORT_CODE) {
        throw new Error(
          `The program would be ${(code.length / 2 ** 20).toFixed(0)} MB, above the ${MAX_EXPORT_CODE / 2 ** 20} MB a view hands to the editor`,
        );
      }
      exportStatus.value = { ok: true, text: destination === 'clipboard' ? 'Copying…' : 'Opening…' };
      post({ type: 'exportCode', target: chosen.value, destination, code, what: source.what.slice(0, 500) });
    } catch (e) {
      fail(e);
    }
  };
  const insert = () => {
    try {
      const values = literal.values();
      if (typeof values === 'string') throw new Error(values);
      post({ type: 'insertLiteral', name: literal.name, ...flatten(literal.name, values) });
      exportStatus.value = { ok: true, text: `Inserting ${literal.name}…` };
    } catch (e) {
      fail(e);
    }
  };
  const status = exportStatus.value;
  return (
    <section class="export-bar" aria-label="Export">
      <div class="toolbar">
        <label>
          Code{' '}
          <select
            data-testid="export-target"
            aria-label="Language of the exported code"
            value={chosen.value}
            onChange={(e) => (chosen.value = e.currentTarget.value as ExportTarget)}
          >
            {TARGETS.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <button
          data-testid="copy-code"
          title={`Copy a program that computes ${source.what} to the clipboard`}
          onClick={() => send('clipboard')}
        >
          <span class="codicon codicon-copy" aria-hidden="true" /> Copy as code
        </button>
        <button
          class="secondary"
          data-testid="open-code"
          title="Open the program in an untitled editor"
          onClick={() => send('editor')}
        >
          <span class="codicon codicon-new-file" aria-hidden="true" /> Open
        </button>
        {source.literals.length > 0 && (
          <>
            <select
              data-testid="literal-name"
              aria-label="Array to insert"
              value={literal.name}
              onChange={(e) => setName(e.currentTarget.value)}
            >
              {source.literals.map((l) => (
                <option key={l.name} value={l.name}>
                  {l.label}
                </option>
              ))}
            </select>
            <button
              class="secondary"
              data-testid="insert-literal"
              title="Insert at the cursor of the last active text editor, in its language (Python list or np.array, JavaScript, MATLAB)"
              onClick={insert}
            >
              <span class="codicon codicon-insert" aria-hidden="true" /> Insert as literal
            </button>
          </>
        )}
      </div>
      <p
        class={`caption export-status${status && !status.ok ? ' failed' : ''}`}
        data-testid="export-status"
        role="status"
        aria-live="polite"
        hidden={!status}
      >
        {status?.text}
      </p>
    </section>
  );
}
