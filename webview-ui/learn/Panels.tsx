// What a run shows as it goes: the learned kernel and bias beside the target, and Ŷ = corr2d(X, K) + b beside Y —
// grids for the book's 6×8 image, grey canvases for a photo.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { mapMatrix, maxAbsDiff, type Matrix } from '../../src/core/matrix';
import { corr2dReference } from '../../src/core/reference';
import { MatrixView } from '../shared/components/MatrixView';
import { num5 } from '../shared/format';
import type { RunSnapshot } from './controller';
import { kernelText } from './format';
import type { LearnPhoto } from './model';
import { drawMatrix } from './photo';
import type { LearnSettings, Setup } from './setup';
import { t } from '../shared/l10n';

export function Figure({ caption, children }: { caption: string; children: preact.ComponentChildren }) {
  return (
    <figure>
      <figcaption>{caption}</figcaption>
      {children}
    </figure>
  );
}

export function GreyCanvas({ M, label }: { M: Matrix; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawMatrix(ref.current, M);
  }, [M]);
  return <canvas ref={ref} class="photo" role="img" aria-label={label} />;
}

export function Panels(p: { s: LearnSettings; setup: Setup; snap: RunSnapshot; photo?: LearnPhoto }) {
  const { setup, snap } = p;
  const yhat = useMemo(
    () => mapMatrix(corr2dReference(setup.options.X, snap.kernel), (v) => v + snap.bias),
    [snap.kernel, snap.bias, setup],
  );
  const bias = setup.options.useBias || snap.bias !== 0 ? num5(snap.bias) : t('0 (off)');
  return (
    <>
      <div class="learn-panels">
        <Figure caption={t('learned kernel K')}>
          <MatrixView M={snap.kernel} label={t('learned kernel K')} testid="K" />
        </Figure>
        <Figure caption={t('target kernel')}>
          <MatrixView M={setup.target} label={t('target kernel')} testid="K-target" />
        </Figure>
        <Figure caption={t('bias b')}>
          <span class="mono" data-testid="bias">
            {bias}
          </span>
        </Figure>
        <Figure caption="max |K − target|">
          <span class="mono" data-testid="kernel-diff">
            {num5(maxAbsDiff(snap.kernel, setup.target))}
          </span>
        </Figure>
      </div>
      {p.s.mode === 'photo' ? (
        <div class="learn-panels">
          <Figure caption={t('X (photo)')}>
            <GreyCanvas M={setup.options.X} label={t('photo X')} />
          </Figure>
          <Figure caption="Ŷ = corr2d(X, K) + b">
            <GreyCanvas M={yhat} label={t('prediction Ŷ')} />
          </Figure>
          <Figure caption="Y = corr2d(X, target)">
            <GreyCanvas M={setup.options.Y} label={t('target Y')} />
          </Figure>
        </div>
      ) : (
        <div class="learn-panels">
          <Figure caption="Ŷ = corr2d(X, K) + b">
            <MatrixView M={yhat} label={t('prediction Ŷ')} testid="Yhat" />
          </Figure>
          <Figure caption="Y = corr2d(X, target)">
            <MatrixView M={setup.options.Y} label={t('target Y')} testid="Y" />
          </Figure>
        </div>
      )}
    </>
  );
}

/** The final line once the run has ended: the kernel (and bias) learned, the target, and how far apart they are. */
export function Final({ setup, snap }: { setup?: Setup; snap?: RunSnapshot }) {
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
