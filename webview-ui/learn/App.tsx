// "Conv2D: Learn Kernel": gradient descent learns a kernel from (X, Y = corr2d(X, target)) — the book's 6×8 image
// experiment (d2l §7.2.4 "Learning a Kernel"), a gray photo filtered with a preset, or a colour photo (or a 3-D
// literal) whose Y is a kernel over its luma, learned back as one kernel per channel (§7.4.1) — one animated step at a
// time, with the stability limit of plain gradient descent shown before a run.
import { memory } from '@tensorflow/tfjs-core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { LearnRecord } from '../../src/core/learner-base';
import type { Matrix } from '../../src/core/matrix';
import { depthOf, type Volume } from '../../src/core/volume';
import { Badge } from '../shared/components/Badge';
import { MaybeError } from '../shared/components/ErrorBox';
import { ExportBar } from '../shared/components/ExportBar';
import { FieldNotes, NotesView } from '../shared/components/fields';
import { messageOf, num5 } from '../shared/format';
import type { ViewContext } from '../shared/start';
import { buildColourSetup, colourDistances, colourStabilityText, type ColourSetup } from './colour';
import { ColourFinal, ColourPanels } from './ColourPanels';
import {
  RunController,
  lossText,
  matrixDistance,
  statusText,
  thinRecords,
  type RunSnapshot,
  type RunStatus,
  type Schedule,
} from './controller';
import { Controls } from './Controls';
import { learnExport } from './export';
import { kernelText } from './format';
import { Chart, Records } from './History';
import type { LearnModel, LearnPhoto } from './model';
import { Final, Panels } from './Panels';
import { PHOTO_SIZE } from './photo';
import { buildSetup, stabilityText, type LearnSettings, type Setup } from './setup';
import type { LearnState } from './state';
import { t } from '../shared/l10n';

/** Delay between animated steps: slow enough to watch the book's 10 steps, none for a photo's hundreds. */
const DELAY_MS = { book: 150, photo: 0, colour: 0 };
/** Photo and colour runs step in batches of this long between repaints (a step takes well under a millisecond). */
const BATCH_MS = 30;

/** A run of either kind: its setup and its controller, typed together. */
type Run =
  | { kind: 'gray'; setup: Setup; c: RunController<Matrix, Setup['options']> }
  | { kind: 'colour'; setup: ColourSetup; c: RunController<Volume, ColourSetup['options']> };

function setupOf(s: LearnSettings, photo: LearnPhoto | undefined): { setup?: Setup | ColourSetup; error?: string } {
  if (s.mode !== 'book' && !photo && !(s.mode === 'colour' && s.channels)) return {};
  try {
    if (s.mode === 'colour') return { setup: buildColourSetup(s, s.channels ?? colourOf(photo)) };
    return { setup: buildSetup(s, photo?.X ?? null) };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

function colourOf(photo: LearnPhoto | undefined): Volume | null {
  if (photo && !photo.rgb) {
    throw new Error(`learnKernel: ${photo.name} is a gray image; the colour experiment needs R, G and B (use Photo)`);
  }
  return photo?.rgb ?? null;
}

const schedule: Schedule = (f, ms) => {
  const t = setTimeout(f, ms);
  return () => clearTimeout(t);
};

export function LearnApp({ ctx, model }: { ctx: ViewContext<LearnState>; model: LearnModel }) {
  const { store } = ctx;
  const s = store.state.value;
  const photo = model.photo.value;
  const notes = useMemo(() => new FieldNotes(), []);
  // A run that was playing when the page went away comes back paused, and says why until the user acts.
  const [interrupted, setInterrupted] = useState(s.status === 'playing');
  // The chart's log scale is a setting of the view, not of the run: switching it must not restart anything.
  const runKey = JSON.stringify({ ...s.settings, logScale: undefined });
  const { setup, error } = useMemo(() => setupOf(s.settings, photo), [runKey, photo]);
  const run = useMemo((): Run | undefined => {
    if (!setup) return undefined;
    const saved = store.value;
    const status: RunStatus = saved.status === 'playing' ? 'paused' : saved.status;
    const timing = { delayMs: DELAY_MS[s.settings.mode], batchMs: BATCH_MS };
    const save = (snap: RunSnapshot<Matrix> | RunSnapshot<Volume>) =>
      store.set({ records: thinRecords<LearnRecord<Matrix | Volume>>(snap.records), status: snap.status });
    // Saved records of the other kind (a state saved by another mode) are not resumed.
    const records = <P,>(depth: number) => saved.records.filter((r) => depthOf(r.kernel) === depth) as LearnRecord<P>[];
    if (setup.kind === 'colour') {
      const c = new RunController<Volume, ColourSetup['options']>(
        { options: setup.options, ...timing },
        (o) => model.colourLearner(o),
        save,
        schedule,
        records<Volume>(3),
        status,
      );
      return { kind: 'colour', setup, c };
    }
    const c = new RunController<Matrix, Setup['options']>(
      { options: setup.options, ...timing },
      (o) => model.learner(s.settings.mode, o),
      save,
      schedule,
      records<Matrix>(2),
      status,
    );
    return { kind: 'gray', setup, c };
  }, [setup]);
  const controller = run?.c;
  useEffect(() => () => controller?.dispose(), [controller]);
  useEffect(() => {
    const stop = () => controller?.dispose();
    window.addEventListener('pagehide', stop);
    return () => window.removeEventListener('pagehide', stop);
  }, [controller]);

  const snap = controller?.snapshot();
  // A new setting starts the run over; nothing else of the state changes.
  const update = (patch: Partial<LearnSettings>) => {
    setInterrupted(false);
    store.update((x) => ({
      ...x,
      settings: { ...x.settings, ...patch, stableStart: undefined },
      records: [],
      status: 'ready',
    }));
  };
  const act = (f: (c: NonNullable<typeof controller>) => void) => () => {
    setInterrupted(false);
    if (!controller) return;
    try {
      f(controller);
    } catch (e) {
      controller.dispose();
      model.error.value = messageOf(e);
    }
  };
  const blocked = notes.problems.value.size > 0;
  const status = snap?.status ?? 'finished';
  const ended = status === 'finished' || status === 'converged' || status === 'diverged';
  const buttons: Array<[string, string, string, (c: NonNullable<typeof controller>) => void, boolean]> = [
    ['play', 'play', t('Play'), (c) => c.play(), ended || status === 'playing' || blocked],
    ['pause', 'debug-pause', t('Pause'), (c) => c.pause(), status !== 'playing'],
    ['step', 'debug-step-over', t('Step'), (c) => c.step(), ended || blocked],
    ['reset', 'debug-restart', t('Reset'), (c) => c.reset(), false],
  ];
  const waiting = s.settings.mode !== 'book' && !photo && !(s.settings.mode === 'colour' && s.settings.channels);

  return (
    <>
      <div class="toolbar">
        <h1>{t('Learn Kernel')}</h1>
        <Badge choice={ctx.backend} conv={model.path(s.settings.mode)} />
      </div>
      <p class="caption">
        {t(
          'Plain gradient descent on the summed squared error L = Σ(corr2d(X, K) + b − Y)², Y = corr2d(X, target) (Dive into Deep Learning §7.2.4 “Learning a Kernel”).',
        )}
        {s.settings.mode === 'colour' ? ` ${t('With channels, corr2d sums over them (§7.4.1).')}` : ''}
        {s.settings.source ? ` ${t('Target from {0}.', s.settings.source)}` : ''}
      </p>
      <Controls s={s.settings} setup={setup} photo={photo} notes={notes} update={update} />
      <NotesView notes={notes} testid="field-errors" suffix={t('— Play and Step wait until this is fixed.')} />
      {setup && <Stability setup={setup} s={s.settings} />}
      <MaybeError message={ctx.inputError.value} />
      <MaybeError message={error} />
      <MaybeError message={model.error.value} />
      {waiting && <PhotoHint lost={model.lost.value} colour={s.settings.mode === 'colour'} />}
      <div class="toolbar">
        {buttons.map(([id, icon, label, f, disabled]) => (
          <button key={id} data-testid={id} disabled={!controller || disabled} onClick={act(f)}>
            <span class={`codicon codicon-${icon}`} aria-hidden="true" /> {label}
          </button>
        ))}
      </div>
      <div class={`status ended-${status}`} data-testid="status" role="status">
        {statusLine(s, run, interrupted)}
      </div>
      <RunView s={s.settings} run={run} photo={photo} />
      <div class="toolbar">
        <h2>{t('Loss per step')}</h2>
        <label>
          <input
            type="checkbox"
            data-testid="log-scale"
            checked={s.settings.logScale}
            onChange={(e) => store.set({ settings: { ...s.settings, logScale: e.currentTarget.checked } })}
          />
          {t('log scale')}
        </label>
      </div>
      <Chart records={snap?.records ?? []} log={s.settings.logScale} />
      <h2>{t('Steps')}</h2>
      <History run={run} />
      <div class="footer">
        {setup && `${setup.lrNote}; tolerance ${lossText(setup.options.tolerance)}; `}
        {t('tensors in memory:')} <span data-testid="num-tensors">{String(memory().numTensors)}</span>
      </div>
      <ExportBar source={learnExport(s, setup, photo, snap?.kernel)} />
    </>
  );
}

/** The kernels, the maps and the final line of the run, for its kind. */
function RunView({ s, run, photo }: { s: LearnSettings; run: Run | undefined; photo: LearnPhoto | undefined }) {
  if (!run) return <Final />;
  if (run.kind === 'colour') {
    const snap = run.c.snapshot();
    return (
      <>
        <ColourPanels setup={run.setup} snap={snap} />
        <ColourFinal setup={run.setup} snap={snap} />
      </>
    );
  }
  const snap = run.c.snapshot();
  return (
    <>
      <Panels s={s} setup={run.setup} snap={snap} photo={photo} />
      <Final setup={run.setup} snap={snap} />
    </>
  );
}

function History({ run }: { run: Run | undefined }) {
  if (!run) return <Records records={[]} kernel={{ head: 'kernel', text: () => '' }} />;
  if (run.kind === 'colour') {
    const { setup } = run;
    const text = (K: Volume) =>
      colourDistances(setup, K)
        .map((d, c) => `${setup.names[c]} ${num5(d)}`)
        .join(', ');
    return <Records records={run.c.snapshot().records} kernel={{ head: 'max |K − target| per channel', text }} />;
  }
  return <Records records={run.c.snapshot().records} kernel={{ head: 'kernel', text: kernelText }} />;
}

/** The status line; before a photo is open it says what the run waits for, with the steps it will take. */
function statusLine(s: LearnState, run: Run | undefined, interrupted: boolean): string {
  if (!run) {
    return s.settings.mode !== 'book'
      ? `waiting for an image: ${s.settings.steps} steps once one is open`
      : 'no run: fix the problem above';
  }
  const snap = run.c.snapshot();
  if (interrupted && snap.status === 'paused') {
    return `paused (panel was hidden) at step ${run.c.stepsDone} of ${snap.totalSteps}: Play resumes from here`;
  }
  if (run.kind === 'colour') {
    const { setup } = run;
    return statusText(run.c.snapshot(), setup.options.tolerance, (K) => Math.max(...colourDistances(setup, K)));
  }
  return statusText(run.c.snapshot(), run.setup.options.tolerance, matrixDistance(run.setup.target));
}

function Stability({ setup, s }: { setup: Setup | ColourSetup; s: LearnSettings }) {
  const { text, warning } = setup.kind === 'colour' ? colourStabilityText(setup) : stabilityText(setup);
  return (
    <>
      <p class="stability">
        <span data-testid="stability">{text}</span> · <span data-testid="lr">{setup.lrNote}</span>
      </p>
      {s.stableStart && (
        <p class="caption" data-testid="stable-start">
          {`lr chosen from the limit: ${s.stableStart}.`}
        </p>
      )}
      {warning && (
        <div class="warning" role="alert" data-testid="stability-warning">
          <span class="codicon codicon-warning" aria-hidden="true" /> {warning}
        </div>
      )}
    </>
  );
}

function PhotoHint({ lost, colour }: { lost: string | undefined; colour: boolean }) {
  return lost ? (
    <div class="warning" role="status" data-testid="photo-hint">
      {`${lost} could not be loaded again after the panel was restored. Use “Open image…” to pick it again.`}
    </div>
  ) : (
    <p class="caption" data-testid="photo-hint">
      {colour
        ? `Open a colour image: its centre square is resampled to ${PHOTO_SIZE}×${PHOTO_SIZE} in R, G and B, Y is the chosen kernel over its luma, and one kernel per channel is learned back from (X, Y).`
        : `Open an image: its centre square is resampled to ${PHOTO_SIZE}×${PHOTO_SIZE} grey, filtered with the chosen kernel to make Y, and the kernel is learned back from (X, Y).`}
    </p>
  );
}
