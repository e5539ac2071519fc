// The Learn Kernel panel's setup controls: the experiment (book or photo), lr (typed or from the stability limit),
// steps, bias, seed, the initial kernel and bias; in photo mode the image and the preset Y is made with.
import { decimalCell, Field, type Check, type FieldNotes } from '../shared/components/fields';
import { MatrixView } from '../shared/components/MatrixView';
import { post } from '../shared/host';
import { PHOTO_SIZE } from './photo';
import type { LearnPhoto } from './model';
import {
  PHOTO_STEPS,
  PRESETS,
  defaultSettings,
  startKernel,
  type LearnSettings,
  type PresetName,
  type Setup,
} from './setup';
import { checkField, type FieldId } from './validate';
import { t } from '../shared/l10n';

const check =
  (id: FieldId) =>
  (text: string): Check<number> => {
    const r = checkField(id, text);
    return r.ok ? r : { ok: false, message: r.message };
  };

/** Everything the user sets before a run. `update` starts the run over with the change. */
export function Controls(p: {
  s: LearnSettings;
  setup?: Setup;
  photo?: LearnPhoto;
  notes: FieldNotes;
  update(patch: Partial<LearnSettings>): void;
}) {
  const { s, notes, update } = p;
  const field = (id: FieldId, label: string, value: number, apply: (v: number) => void, cls = '') => (
    <Field
      id={id}
      label={label}
      value={value}
      check={check(id)}
      onValue={apply}
      notes={notes}
      commit="change"
      class={cls}
    />
  );
  const common = [
    field('steps', t('steps'), s.steps, (steps) => update({ steps }), 'narrow'),
    <label key="bias">
      <input
        type="checkbox"
        data-testid="bias-on"
        checked={s.useBias}
        onChange={(e) => update({ useBias: e.currentTarget.checked })}
      />
      {t('bias')}
    </label>,
  ];
  const init = p.setup?.options.initKernel ?? startKernel(s, s.target.length, s.target[0]?.length ?? 1);
  return (
    <>
      <div class="learn-mode" role="radiogroup" aria-label={t('experiment')}>
        {(
          [
            ['book', t('Book experiment (6×8 image)')],
            ['photo', t('Photo')],
          ] as const
        ).map(([mode, text]) => (
          <label key={mode}>
            <input
              type="radio"
              name="mode"
              value={mode}
              checked={s.mode === mode}
              data-testid={`mode-${mode}`}
              onChange={() => update({ mode, steps: mode === 'photo' ? PHOTO_STEPS : defaultSettings().steps })}
            />
            {text}
          </label>
        ))}
      </div>
      {s.mode === 'photo' ? (
        <div class="learn-setup">
          <button class="secondary" data-testid="open-image" onClick={() => post({ type: 'pickImage' })}>
            <span class="codicon codicon-folder-opened" aria-hidden="true" /> {t('Open image…')}
          </button>
          <span data-testid="photo-name">
            {p.photo ? t('{0} → {1}, grey, centred', p.photo.name, `${PHOTO_SIZE}×${PHOTO_SIZE}`) : t('no image yet')}
          </span>
          <label>
            {t('Y = X filtered with')}
            <select
              data-testid="preset"
              aria-label={t('target filter')}
              value={s.preset}
              onChange={(e) => update({ preset: e.currentTarget.value as PresetName })}
            >
              {Object.entries(PRESETS).map(([k, preset]) => (
                <option key={k} value={k}>
                  {preset.label}
                </option>
              ))}
            </select>
          </label>
          {common}
        </div>
      ) : (
        <div class="learn-setup">
          {field('lr', t('lr'), s.lr, (lr) => update({ lr, lrAuto: false }))}
          <label>
            <input
              type="checkbox"
              checked={s.lrAuto}
              data-testid="lr-auto"
              onChange={(e) => update({ lrAuto: e.currentTarget.checked })}
            />
            {t('lr from the limit (0.9 × lrMax)')}
          </label>
          {common}
          {field('seed', t('seed'), s.seed, (seed) => update({ seed, initKernel: null }), 'narrow')}
          <span>
            <span class="caption">
              {s.initKernel ? t('initial kernel (typed)') : t('initial kernel (random from seed)')}{' '}
            </span>
            <MatrixView
              M={init}
              label={t('initial kernel')}
              testid="K0"
              edit={{
                parse: decimalCell,
                onEdit: (r, c, v) => {
                  const K = init.map((row) => [...row]);
                  K[r][c] = v;
                  update({ initKernel: K });
                },
              }}
            />
          </span>
          {field('b0', t('initial bias'), s.initBias, (initBias) => update({ initBias }), 'narrow')}
        </div>
      )}
    </>
  );
}
