// The Learn Kernel panel's setup controls: the experiment (book, photo or colour), lr (typed or from the stability
// limit), steps, bias, seed, the initial kernel and bias; with a photo the image and the preset Y is made with.
import { decimalCell, Field, type Check, type FieldNotes } from '../shared/components/fields';
import { MatrixView } from '../shared/components/MatrixView';
import { post } from '../shared/host';
import { PHOTO_SIZE } from './photo';
import type { LearnPhoto } from './model';
import type { ColourSetup } from './colour';
import { PRESETS, STEPS, startKernel, type LearnSettings, type PresetName, type Setup } from './setup';
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
  setup?: Setup | ColourSetup;
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
  // With "lr from the limit" the field shows the lr the run uses (3 significant digits), not the last one typed.
  const lrShown = s.lrAuto && p.setup ? Number(p.setup.options.lr.toPrecision(3)) : s.lr;
  const lr = [
    field('lr', t('lr'), lrShown, (lr) => update({ lr, lrAuto: false })),
    <label key="lr-auto">
      <input
        type="checkbox"
        checked={s.lrAuto}
        data-testid="lr-auto"
        onChange={(e) => update({ lrAuto: e.currentTarget.checked })}
      />
      {t('lr from the limit (0.9 × lrMax)')}
    </label>,
  ];
  const openImage = (
    <button class="secondary" data-testid="open-image" onClick={() => post({ type: 'pickImage' })}>
      <span class="codicon codicon-folder-opened" aria-hidden="true" /> Open image…
    </button>
  );
  const preset = (text: string) => (
    <label>
      {text}
      <select
        data-testid="preset"
        aria-label={t('target filter')}
        value={s.preset}
        onChange={(e) => update({ preset: e.currentTarget.value as PresetName, targetChannels: null })}
      >
        {Object.entries(PRESETS).map(([k, preset]) => (
          <option key={k} value={k}>
            {preset.label}
          </option>
        ))}
      </select>
    </label>
  );
  const setupRow =
    s.mode === 'photo' ? (
      <div class="learn-setup">
        {openImage}
        <span data-testid="photo-name">
          {p.photo ? t('{0} → {1}, grey, centred', p.photo.name, `${PHOTO_SIZE}×${PHOTO_SIZE}`) : t('no image yet')}
        </span>
        {preset(t('Y = X filtered with'))}
        {common}
      </div>
    ) : s.mode === 'colour' ? (
      <div class="learn-setup">
        {openImage}
        <span data-testid="photo-name">{colourSource(s, p.photo)}</span>
        {s.targetChannels ? null : preset('Y = the luma of X filtered with')}
        {lr}
        {common}
      </div>
    ) : (
      <BookRow {...p} common={common} lr={lr} field={field} />
    );
  return (
    <>
      <div class="learn-mode" role="radiogroup" aria-label={t('experiment')}>
        {(
          [
            ['book', t('Book experiment (6×8 image)')],
            ['photo', t('Photo')],
            ['colour', t('Colour photo (R, G, B)')],
          ] as const
        ).map(([mode, text]) => (
          <label key={mode}>
            <input
              type="radio"
              name="mode"
              value={mode}
              checked={s.mode === mode}
              data-testid={`mode-${mode}`}
              onChange={() => update({ mode, steps: STEPS[mode], lrAuto: mode === 'colour' })}
            />
            {text}
          </label>
        ))}
      </div>
      {setupRow}
    </>
  );
}

/** What X of the colour experiment is: the 3-D literal, the photo's channels, or nothing yet. */
function colourSource(s: LearnSettings, photo: LearnPhoto | undefined): string {
  if (s.channels) {
    const [c, h, w] = [s.channels.length, s.channels[0].length, s.channels[0][0].length];
    return `X: [${c}, ${h}, ${w}] from the editor`;
  }
  if (!photo) return t('no image yet');
  return photo.rgb
    ? `${photo.name} → [3, ${PHOTO_SIZE}, ${PHOTO_SIZE}]: R, G, B, each centred`
    : `${photo.name} is gray: open a colour image`;
}

/** The book experiment's row: lr, steps, bias, seed, the initial kernel (editable) and bias. */
function BookRow(p: {
  s: LearnSettings;
  setup?: Setup | ColourSetup;
  update(patch: Partial<LearnSettings>): void;
  common: preact.ComponentChildren;
  lr: preact.ComponentChildren;
  field: (id: FieldId, label: string, value: number, apply: (v: number) => void, cls?: string) => preact.JSX.Element;
}) {
  const { s, update, field } = p;
  const fromSetup = p.setup?.kind === 'gray' ? p.setup.options.initKernel : undefined;
  const init = fromSetup ?? startKernel(s, s.target.length, s.target[0]?.length ?? 1);
  return (
    <div class="learn-setup">
      {p.lr}
      {p.common}
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
  );
}
