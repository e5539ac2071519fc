// What a learning run is made of, decided from the panel's settings: X, the target kernel, Y = corr2d(X, target),
// the learning rate (typed, or chosen from the stability limit), the initial parameters — for the book's matrix and
// a gray photo (one channel); colour.ts does the same over several channels. Pure: no DOM, no tfjs, so the unit tests
// check it in Node.
import { corr2dReference } from '../../src/core/reference';
import { edgeImage, edgeKernel } from '../../src/core/fixtures';
import { initKernel } from '../../src/core/random';
import { shapeOf, validateMatrix, type Matrix } from '../../src/core/matrix';
import { validateVolume, type Volume } from '../../src/core/volume';
import { stabilityReport, type Stability } from '../../src/core/stability';
import type { LearnOptions } from '../../src/core/learn-reference';
import * as v from 'valibot';

/**
 * The book's experiment on a small matrix, a gray photo filtered with a preset kernel, or the colour experiment: X
 * with channels (an RGB photo, or a 3-D literal), Y = a kernel over their luma, a `[c_in, kh, kw]` kernel learned.
 */
export type LearnMode = 'book' | 'photo' | 'colour';

/** Everything the user can edit; saved with the view state. */
export interface LearnSettings {
  mode: LearnMode;
  /** Learning rate typed by the user (used unless `lrAuto`). */
  lr: number;
  /** Choose lr = LR_FACTOR × lrMax from the stability limit instead of `lr`. */
  lrAuto: boolean;
  steps: number;
  useBias: boolean;
  /** Seed of the random initial kernel (used when `initKernel` is null). */
  seed: number;
  /** Initial kernel typed by the user, or null for a seeded random start. */
  initKernel: Matrix | null;
  initBias: number;
  /** Book mode input `[h, w]` (the 6×8 edge image unless a hover link sent another). */
  X: Matrix;
  /** The kernel Y is made with (book mode, and the photo's "custom" preset). */
  target: Matrix;
  /** Photo and colour modes: name of the preset kernel Y is made with (colour: over the luma). */
  preset: PresetName;
  /** Colour mode: X `[c, h, w]` sent from the editor (a 3-D literal), used instead of the photo; null: the photo. */
  channels: Volume | null;
  /** Colour mode: a target kernel `[c, kh, kw]` sent from the editor, used instead of (weights ⊗ preset). */
  targetChannels: Volume | null;
  logScale: boolean;
  /** Where the matrices came from (hover link caption). */
  source?: string;
  /** Why lr was chosen from the stability limit for the last input (the book's lr would diverge), if it was. */
  stableStart?: string;
}

/**
 * Most steps a run may have: the colour experiment's default (its loss is ill-conditioned, colour.ts). Play runs
 * sub-millisecond steps in batches, the table shows the last rows, the saved state keeps a thinned record.
 */
export const MAX_STEPS = 20000;

/** Kernels a photo can be filtered with; "custom" is the target from a hover link. */
export const PRESETS = {
  'sobel-x': {
    label: 'Sobel x',
    K: [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
  },
  'sobel-y': {
    label: 'Sobel y',
    K: [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ],
  },
  laplacian: {
    label: 'Laplacian',
    K: [
      [0, 1, 0],
      [1, -4, 1],
      [0, 1, 0],
    ],
  },
  sharpen: {
    label: 'Sharpen',
    K: [
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0],
    ],
  },
  box: {
    label: 'Box blur 3×3',
    K: [
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
    ],
  },
  custom: { label: 'Target kernel (from the link)', K: null },
} as const;
/** A preset's key. */
export type PresetName = keyof typeof PRESETS;

/** lr chosen from the stability limit: a margin below 2/λmax so the slowest-decaying mode still shrinks. */
export const LR_FACTOR = 0.9;
/** Photo steps by default: the photo's Hessian is less well conditioned than the 6×8 image's. */
export const PHOTO_STEPS = 300;
/**
 * Colour steps by default: on a photo R, G and B are strongly correlated, so the loss over a 3-channel kernel is far
 * worse conditioned (λmax/λmin ≈ 16 500 on chelsea.png's centre): the channel contrasts of the kernel need about
 * 20 000 plain steps at 0.9 × the limit to come within 0.01 of the target (measured by the unit tests).
 */
export const COLOUR_STEPS = 20000;
/** Steps a mode starts with. */
export const STEPS: Readonly<Record<LearnMode, number>> = { book: 10, photo: PHOTO_STEPS, colour: COLOUR_STEPS };

/** The book's setup: X the 6×8 image, target [[1, −1]], lr 3e-2, 10 steps, no bias, seed 0. */
export function defaultSettings(): LearnSettings {
  return {
    mode: 'book',
    lr: 3e-2,
    lrAuto: false,
    steps: 10,
    useBias: false,
    seed: 0,
    initKernel: null,
    initBias: 0,
    X: edgeImage(),
    target: edgeKernel(),
    preset: 'sobel-x',
    channels: null,
    targetChannels: null,
    logScale: true,
  };
}

/** A run ready for `KernelLearner`, with the stability check and a sentence saying how lr was chosen. */
export interface Setup {
  kind: 'gray';
  options: Required<
    Pick<LearnOptions, 'X' | 'Y' | 'kH' | 'kW' | 'lr' | 'steps' | 'useBias' | 'initKernel' | 'initBias' | 'tolerance'>
  >;
  target: Matrix;
  stability: Stability;
  lrNote: string;
}

/** The target kernel of the current mode: the preset in photo mode (the link's kernel for "custom"). */
export function targetKernel(s: LearnSettings): Matrix {
  if (s.mode === 'book' || s.preset === 'custom') return s.target;
  return PRESETS[s.preset].K.map((row) => [...row]);
}

/** The initial kernel: the typed one if its shape fits `[kH, kW]`, else the seeded random one (`initKernel`). */
export function startKernel(s: LearnSettings, kH: number, kW: number): Matrix {
  const K = s.initKernel;
  if (K && K.length === kH && K[0]?.length === kW) return K;
  return initKernel(s.seed, kH, kW);
}

/**
 * Builds the run: `X: [h, w]` (the photo in photo mode, `s.X` otherwise), target `[kh, kw]`,
 * Y = corr2d(X, target) `[h − kh + 1, w − kw + 1]`. In photo mode, or with `lrAuto`, lr = 0.9 × lrMax of the loss's
 * Hessian (`stabilityReport`). The convergence tolerance is relative to ΣY² (1e-12 book, 1e-8 photo), so that it means
 * the same for a 6×7 and a 126×126 output. Throws "learnKernel: …" for a target larger than X or a bad matrix.
 */
export function buildSetup(s: LearnSettings, photo: Matrix | null): Setup {
  const X = s.mode === 'photo' ? photo : s.X;
  if (!X) throw new Error('learnKernel: open an image first (Photo mode learns from a photo)');
  validateMatrix('learnKernel', 'X', X);
  const target = validateMatrix('learnKernel', 'target kernel', targetKernel(s));
  const [kH, kW] = shapeOf(target);
  const [h, w] = shapeOf(X);
  if (kH > h || kW > w) throw new Error(`learnKernel: target kernel ${kH}×${kW} is larger than X ${h}×${w}`);
  const Y = corr2dReference(X, target);
  const auto = s.mode === 'photo' || s.lrAuto;
  const limit = stabilityReport(X, kH, kW, s.useBias, 1);
  const { run, stability, lrNote } = runFromSettings(s, limit, auto, Y, s.mode === 'photo' ? 1e-8 : 1e-12);
  return {
    kind: 'gray',
    options: { ...run, X, Y, kH, kW, initKernel: startKernel(s, kH, kW) },
    target,
    stability,
    lrNote,
  };
}

/**
 * What both experiments take from the settings once the stability limit is known: lr (0.9 × lrMax when `auto`,
 * else the typed one), the verdict, the lr's caption, and the run's steps, bias and tolerance (relative to ΣY², so
 * it means the same for a 6×7 and a 126×126 output). Throws "learnKernel: learning rate …" unless lr is a positive
 * number.
 */
export function runFromSettings<L extends { lrMax: number }>(
  s: LearnSettings,
  limit: L,
  auto: boolean,
  Y: Matrix,
  relativeTolerance: number,
) {
  const lr = auto ? LR_FACTOR * limit.lrMax : s.lr;
  if (!Number.isFinite(lr) || lr <= 0) throw new Error(`learnKernel: learning rate ${lr} is not a positive number`);
  const energy = Y.reduce((a, row) => row.reduce((b, v) => b + v * v, a), 0);
  return {
    run: {
      lr,
      steps: s.steps,
      useBias: s.useBias,
      initBias: s.initBias,
      tolerance: relativeTolerance * Math.max(energy, 1),
    },
    stability: { ...limit, stable: lr < limit.lrMax },
    lrNote: auto
      ? `lr = ${LR_FACTOR} × lrMax = ${formatLr(lr)} (chosen from the stability limit)`
      : `lr = ${formatLr(lr)}`,
  };
}

/** A learning rate as text: 3 significant digits ("0.0161", "8.19e-5"). */
export function formatLr(lr: number): string {
  if (!Number.isFinite(lr)) return '∞';
  return lr >= 1e-3 ? String(Number(lr.toPrecision(3))) : lr.toExponential(2).replace('e-', 'e−');
}

/**
 * The stability sentence shown before a run: "stable for lr < 0.0333 (λmax = 60 of the loss's Hessian; …)".
 * `warning` is set when the chosen lr is at or above the limit.
 */
export function stabilityText(setup: Setup): { text: string; warning: string | null } {
  const { lrMax, lambdaMax } = setup.stability;
  const lr = setup.options.lr;
  const params = setup.options.useBias ? 'kernel and bias' : 'kernel';
  const text = `stable for lr < ${formatLr(lrMax)} (2/λmax, λmax = ${Number(lambdaMax.toPrecision(5))} for the ${params}; summed squared error)`;
  const warning =
    lr >= lrMax
      ? `lr ${formatLr(lr)} is above the stability limit ${formatLr(lrMax)}: gradient descent will diverge (the loss grows every step).`
      : null;
  // A zero eigenvalue: some direction of the kernel does not change Ŷ at all (e.g. a 3×3 kernel on an image whose
  // rows are all equal), so the loss can reach 0 while K stays away from the target.
  const ambiguous = setup.stability.eigenvalues[0] < 1e-9 * Math.max(lambdaMax, 1);
  return {
    text: ambiguous
      ? `${text}; λmin ≈ 0: this X does not pin down every kernel entry (many kernels give the same Y)`
      : text,
    warning,
  };
}

const fallback = <T>(schema: v.GenericSchema<unknown, T>, key: keyof LearnSettings) =>
  v.fallback(schema, () => defaultSettings()[key] as T);
const Finite = v.pipe(v.number(), v.finite());
/** A valid volume `[c, h, w]`, or null when a saved one is malformed. */
const SavedVolume = v.custom<Volume>((x) => {
  try {
    return validateVolume('restore', 'volume', x) !== undefined;
  } catch {
    return false;
  }
}, 'a [c, h, w] array of finite numbers');
/** A valid matrix, or the issue that makes a saved one fall back to its default. */
const SavedMatrix = v.custom<Matrix>((x) => {
  try {
    return validateMatrix('restore', 'matrix', x) !== undefined;
  } catch {
    return false;
  }
}, 'a rectangular matrix of finite numbers');

/**
 * The settings as saved (they come back from storage): each field that is malformed falls back to its default on its
 * own, so an older or damaged state keeps what it can.
 */
export const LearnSettingsSchema = v.object({
  mode: fallback(v.picklist(['book', 'photo', 'colour']), 'mode'),
  lr: fallback(v.pipe(Finite, v.gtValue(0)), 'lr'),
  lrAuto: fallback(v.boolean(), 'lrAuto'),
  steps: fallback(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_STEPS)), 'steps'),
  useBias: fallback(v.boolean(), 'useBias'),
  seed: fallback(v.pipe(v.number(), v.safeInteger()), 'seed'),
  initKernel: v.fallback(v.nullable(SavedMatrix), null),
  initBias: fallback(Finite, 'initBias'),
  X: v.fallback(SavedMatrix, () => defaultSettings().X),
  target: v.fallback(SavedMatrix, () => defaultSettings().target),
  preset: fallback(v.picklist(Object.keys(PRESETS) as PresetName[]), 'preset'),
  channels: v.fallback(v.nullable(SavedVolume), null),
  targetChannels: v.fallback(v.nullable(SavedVolume), null),
  logScale: fallback(v.boolean(), 'logScale'),
  source: v.fallback(v.optional(v.pipe(v.string(), v.maxLength(500))), undefined),
  stableStart: v.fallback(v.optional(v.pipe(v.string(), v.maxLength(500))), undefined),
});

/** Reads saved settings over the defaults, keeping only well-formed fields (state comes back from storage). */
export function restoreSettings(saved: unknown): LearnSettings {
  return v.parse(v.fallback(LearnSettingsSchema, defaultSettings), saved);
}

/**
 * Settings for an input (a hover link, the sidebar, the walkthrough): `K` becomes the TARGET kernel
 * (Y = corr2d(X, K)), `X` (if sent) the input, `lr` (if sent) the learning rate. The setup is replaced: every other
 * setting returns to its default — except photo or colour mode with a photo open, which stays (the caption says so;
 * colour mode then makes Y with K over the luma). When no lr is sent and the book's lr (3e-2) is at or above the new
 * kernel's stability limit, the run starts at 0.9 × the limit instead, and `stableStart` says why; a sent lr is used
 * as it is, even above the limit (showing divergence is what the walkthrough sends it for).
 */
export function applyInput(
  s: LearnSettings,
  input: { X?: Matrix; K?: Matrix; source?: string; lr?: number },
  photo = false,
): LearnSettings {
  if (!input.X && !input.K && input.lr === undefined) return s;
  const d = defaultSettings();
  const mode = photo && s.mode !== 'book' && !input.X ? s.mode : 'book';
  const next: LearnSettings = {
    ...d,
    mode,
    lr: input.lr ?? d.lr,
    steps: STEPS[mode],
    lrAuto: input.lr === undefined && mode === 'colour',
    logScale: s.logScale,
    source: input.source,
    target: input.K ?? d.target,
    X: input.X ?? d.X,
    preset: input.K ? 'custom' : d.preset,
  };
  if (mode === 'book' && input.lr === undefined) {
    try {
      const [kH, kW] = shapeOf(validateMatrix('learnKernel', 'target kernel', next.target));
      const { lrMax } = stabilityReport(validateMatrix('learnKernel', 'X', next.X), kH, kW, next.useBias, 1);
      if (next.lr >= lrMax) {
        next.lrAuto = true;
        next.stableStart = `the book's lr ${formatLr(next.lr)} is above this kernel's stability limit ${formatLr(lrMax)}, so the run starts at ${LR_FACTOR} × the limit`;
      }
    } catch {
      // A target that does not fit X: buildSetup names the problem.
    }
  }
  return next;
}
