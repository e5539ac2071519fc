// The edge panel's toolbar: the book's example, transpose, open an image, the kernel preset and its shape.
import { post } from '../shared/host';
import type { ViewContext } from '../shared/start';
import type { EdgesModel } from './model';
import { CUSTOM, matchPreset, parseShape, PRESETS, presetKernel, resizeKernel, SHAPES, shapeText } from './presets';
import type { EdgeState } from './state';
import { t } from '../shared/l10n';

export function Toolbar({ s, ctx, model }: { s: EdgeState; ctx: ViewContext<EdgeState>; model: EdgesModel }) {
  const { store } = ctx;
  const shape = shapeText(s.K);
  const shapes = SHAPES.includes(shape) ? SHAPES : [...SHAPES, shape];
  return (
    <div class="toolbar">
      <button
        class="secondary"
        data-testid="textbook"
        onClick={() => {
          model.notice.value = undefined;
          store.set({ source: { kind: 'book' }, kept: undefined, inspect: [0, 0] });
        }}
      >
        {t('Book example (6×8)')}
      </button>
      <button
        class={s.transposed ? undefined : 'secondary'}
        data-testid="transpose"
        aria-pressed={s.transposed ? 'true' : 'false'}
        title={t('Transpose X: the vertical edges become horizontal, and K = [1, −1] sees none')}
        onClick={() => store.set({ transposed: !s.transposed })}
      >
        {t('Transpose X')}
      </button>
      <button data-testid="open-image" onClick={() => post({ type: 'pickImage' })}>
        <span class="codicon codicon-folder-opened" aria-hidden="true" /> {t('Open image…')}
      </button>
      <label>
        {t('Kernel')}{' '}
        <select
          data-testid="preset"
          aria-label={t('Kernel preset')}
          value={s.preset}
          onChange={(e) => {
            const id = e.currentTarget.value;
            if (id !== CUSTOM) store.set({ K: presetKernel(id), preset: id, kernelFrom: undefined });
          }}
        >
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value={CUSTOM}>{t('Custom')}</option>
        </select>
      </label>
      <label>
        {t('Shape')}{' '}
        <select
          data-testid="shape"
          aria-label={t('Kernel shape')}
          value={shape}
          onChange={(e) => {
            const [rows, cols] = parseShape(e.currentTarget.value);
            const K = resizeKernel(s.K, rows, cols);
            store.set({ K, preset: matchPreset(K), kernelFrom: undefined });
          }}
        >
          {shapes.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
