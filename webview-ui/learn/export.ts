// What Learn Kernel exports: the experiment as the panel sets it up — X (the matrix, or the photo read again from its
// file and sampled as the panel samples it), Y = corr2d(X, target), the start, lr, steps, bias and the stopping
// tolerance — as the core's LearnExportSpec. Pure.
import { exportLearnCode, type LearnExportSpec } from '../../src/core/export';
import type { Matrix } from '../../src/core/matrix';
import type { Volume } from '../../src/core/volume';
import type { ColourSetup } from './colour';
import { literalLabel, type ExportSource } from '../shared/export-source';
import type { LearnPhoto } from './model';
import { PHOTO_SIZE } from './photo';
import type { Setup } from './setup';
import type { LearnState } from './state';

/** Why the colour experiment has no program yet (its arrays can still be inserted). */
export const COLOUR_CODE =
  'Copy as code covers the one-channel experiments; for the colour experiment use Insert as literal (X, the target, Y, K)';

/**
 * The run of state `s` (its `buildSetup` result `setup`, and the photo in photo mode): the setup's numbers, with a
 * photo X written as the file to read and the `PHOTO_SIZE` square to sample. A sentence when there is no run to
 * export (a problem the panel shows, a photo not loaded, or a photo whose file the panel does not know).
 */
export function exportSpecOf(
  s: LearnState,
  setup: Setup | ColourSetup | undefined,
  photo: LearnPhoto | undefined,
): LearnExportSpec | string {
  if (!setup) {
    return s.settings.mode !== 'book' && !photo
      ? 'Nothing to export yet: open an image first'
      : 'Nothing to export: fix the problem shown above first';
  }
  if (setup.kind === 'colour') return COLOUR_CODE;
  const o = setup.options;
  let X: LearnExportSpec['X'] = o.X;
  if (s.settings.mode === 'photo') {
    const path = s.photo?.path;
    if (!photo || !path) {
      return 'The panel does not know where this photo is stored: use “Open image…” to open it again, then export';
    }
    X = { image: { path, ...photo.stored }, side: PHOTO_SIZE };
  }
  return {
    X,
    target: setup.target,
    initKernel: o.initKernel,
    initBias: o.initBias,
    lr: o.lr,
    steps: o.steps,
    useBias: o.useBias,
    tolerance: o.tolerance,
    start:
      o.initKernel === s.settings.initKernel
        ? 'the initial kernel typed in the panel'
        : `the panel's seeded random kernel (seed ${s.settings.seed})`,
  };
}

/** "Copy as code" and "Insert as literal" of Learn Kernel: the run's code; X, the target, Y and the kernel now. */
export function learnExport(
  s: LearnState,
  setup: Setup | ColourSetup | undefined,
  photo: LearnPhoto | undefined,
  kernel: Matrix | Volume | undefined,
): ExportSource {
  const spec = exportSpecOf(s, setup, photo);
  const missing = typeof spec === 'string' ? spec : 'no run';
  const choice = (name: string, M: Matrix | Volume | undefined) => ({
    name,
    label: M ? literalLabel(name, M) : name,
    values: () => M ?? missing,
  });
  return {
    what: 'the Learn Kernel run',
    code: (target) => {
      if (typeof spec === 'string') throw new Error(spec);
      return exportLearnCode(spec, target);
    },
    literals: [
      choice('X', setup?.options.X),
      choice('target', setup?.target),
      choice('Y', setup?.options.Y),
      { ...choice('K', kernel), label: kernel ? `${literalLabel('K', kernel)} learned so far` : 'K' },
    ],
  };
}
