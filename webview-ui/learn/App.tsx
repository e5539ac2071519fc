// "Conv2D: Learn Kernel": gradient descent learns a kernel from (X, Y = corr2d(X, target)) — the book's 6×8 image
// experiment (d2l §7.2.4 "Learning a Kernel") or a photo filtered with a preset — one animated step at a time, with
// the stability limit of plain gradient descent shown before a run.
import { memory } from '@tensorflow/tfjs-core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { maxAbsDiff } from '../../src/core/matrix';
import { Badge } from '../shared/components/Badge';
import { MaybeError } from '../shared/components/ErrorBox';
import { ExportBar } from '../shared/components/ExportBar';
import { FieldNotes, NotesView } from '../shared/components/fields';
import { messageOf, num5 } from '../shared/format';
import type { ViewContext } from '../shared/start';
import { LossChart } from './chart';
import { RunController, lossText, statusText, type RunSnapshot, type RunStatus } from './controller';
import { Controls } from './Controls';
import { learnExport } from './export';
import { kernelText } from './format';
import type { LearnModel } from './model';
import { Panels } from './Panels';
import { PHOTO_SIZE } from './photo';
import { buildSetup, stabilityText, type LearnSettings, type Setup } from './setup';
import type { LearnState } from './state';
import { t } from '../shared/l10n';

/** Delay between animated steps: slow enough to watch the book's 10 steps, none for a photo's hundreds. */
const DELAY_MS = { book: 150, photo: 0 };

function setupOf(s: LearnSettings, photo: LearnModel['photo']['value']): { setup?: Setup; error?: string } {
  if (s.mode === 'photo' && !photo) return {};
  try {
    return { setup: buildSetup(s, photo?.X ?? null) };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

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
  const controller = useMemo(() => {
    if (!setup) return undefined;
    const saved = store.value;
    const status: RunStatus = saved.status === 'playing' ? 'paused' : saved.status;
    return new RunController(
      { options: setup.options, delayMs: DELAY_MS[s.settings.mode] },
      (opts) => model.learner(s.settings.mode, opts),
      (snap) => store.set({ records: snap.records, status: snap.status }),
      (f, ms) => {
        const t = setTimeout(f, ms);
        return () => clearTimeout(t);
      },
      saved.records,
      status,
    );
  }, [setup]);
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
  const act = (f: (c: RunController) => void) => () => {
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
  const buttons: Array<[string, string, string, (c: RunController) => void, boolean]> = [
    ['play', 'play', t('Play'), (c) => c.play(), ended || status === 'playing' || blocked],
    ['pause', 'debug-pause', t('Pause'), (c) => c.pause(), status !== 'playing'],
    ['step', 'debug-step-over', t('Step'), (c) => c.step(), ended || blocked],
    ['reset', 'debug-restart', t('Reset'), (c) => c.reset(), false],
  ];

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
        {s.settings.source ? ` ${t('Target from {0}.', s.settings.source)}` : ''}
      </p>
      <Controls s={s.settings} setup={setup} photo={photo} notes={notes} update={update} />
      <NotesView notes={notes} testid="field-errors" suffix={t('— Play and Step wait until this is fixed.')} />
      {setup && <Stability setup={setup} s={s.settings} />}
      <MaybeError message={ctx.inputError.value} />
      <MaybeError message={error} />
      <MaybeError message={model.error.value} />
      {s.settings.mode === 'photo' && !photo && <PhotoHint lost={model.lost.value} />}
      <div class="toolbar">
        {buttons.map(([id, icon, label, f, disabled]) => (
          <button key={id} data-testid={id} disabled={!controller || disabled} onClick={act(f)}>
            <span class={`codicon codicon-${icon}`} aria-hidden="true" /> {label}
          </button>
        ))}
      </div>
      <div class={`status ended-${status}`} data-testid="status" role="status">
        {statusLine(s, snap, setup, interrupted)}
      </div>
      {setup && snap && <Panels s={s.settings} setup={setup} snap={snap} photo={photo} />}
      <Final setup={setup} snap={snap} />
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
      <Records records={snap?.records ?? []} />
      <div class="footer">
        {setup && `${setup.lrNote}; tolerance ${lossText(setup.options.tolerance)}; `}
        {t('tensors in memory:')} <span data-testid="num-tensors">{String(memory().numTensors)}</span>
      </div>
      <ExportBar source={learnExport(s, setup, photo, snap?.kernel)} />
    </>
  );
}

/** The status line; before a photo is open it says what the run waits for, with the steps it will take. */
function statusLine(
  s: LearnState,
  snap: RunSnapshot | undefined,
  setup: Setup | undefined,
  interrupted: boolean,
): string {
  if (!snap || !setup) {
    return s.settings.mode === 'photo'
      ? `waiting for an image: ${s.settings.steps} steps once one is open`
      : 'no run: fix the problem above';
  }
  if (interrupted && snap.status === 'paused') {
    return `paused (panel was hidden) at step ${snap.records.length} of ${snap.totalSteps}: Play resumes from here`;
  }
  return statusText(snap, setup.options.tolerance, setup.target);
}

function Stability({ setup, s }: { setup: Setup; s: LearnSettings }) {
  const { text, warning } = stabilityText(setup);
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

function PhotoHint({ lost }: { lost: string | undefined }) {
  return lost ? (
    <div class="warning" role="status" data-testid="photo-hint">
      {`${lost} could not be loaded again after the panel was restored. Use “Open image…” to pick it again.`}
    </div>
  ) : (
    <p class="caption" data-testid="photo-hint">
      {`Open an image: its centre square is resampled to ${PHOTO_SIZE}×${PHOTO_SIZE} grey, filtered with the chosen kernel to make Y, and the kernel is learned back from (X, Y).`}
    </p>
  );
}

function Final({ setup, snap }: { setup?: Setup; snap?: RunSnapshot }) {
  const ended = snap && (snap.status === 'finished' || snap.status === 'converged' || snap.status === 'diverged');
  return (
    <div class="final">
      {ended && setup ? (
        <span>
          final kernel:{' '}
          <strong data-testid="kernel-final" data-value={JSON.stringify(snap.kernel)}>
            {kernelText(snap.kernel)}
          </strong>
          {setup.options.useBias ? `, bias ${num5(snap.bias)}` : ''}
          {` (target ${kernelText(setup.target)}; max |K − target| ${num5(maxAbsDiff(snap.kernel, setup.target))})`}
        </span>
      ) : (
        <span class="caption">The final kernel appears here when the run ends.</span>
      )}
    </div>
  );
}

function Chart({ records, log }: { records: RunSnapshot['records']; log: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<LossChart | undefined>(undefined);
  useEffect(() => {
    if (!ref.current) return;
    chart.current ??= new LossChart(ref.current, log);
    chart.current.setLog(log);
    chart.current.set(
      records.map((r) => r.step),
      records.map((r) => r.loss),
    );
  }, [records, log]);
  return <div ref={ref} class="loss-chart" data-testid="chart" role="img" aria-label={t('loss per step')} />;
}

function Records({ records }: { records: RunSnapshot['records'] }) {
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (wrap.current) wrap.current.scrollTop = wrap.current.scrollHeight;
  }, [records.length]);
  if (records.length === 0) return <div class="records-wrap" ref={wrap} />;
  return (
    <div class="records-wrap" ref={wrap}>
      <table class="records" data-testid="records">
        <thead>
          <tr>
            <th scope="col">step</th>
            <th scope="col">kernel</th>
            <th scope="col">bias</th>
            <th scope="col">loss (before the step)</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.step}>
              <td>{r.step}</td>
              <td>{kernelText(r.kernel)}</td>
              <td>{num5(r.bias)}</td>
              <td data-testid={`loss-${r.step}`} data-value={String(r.loss)} title={String(r.loss)}>
                {lossText(r.loss)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
