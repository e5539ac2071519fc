// The colour experiment of Learn Kernel (d2l §7.2.4 "Learning a Kernel" with the input channels of §7.4.1): X with c
// channels (an RGB photo's centre square, or a 3-D literal from the editor), Y = a chosen kernel over their luma —
// equivalently the c-channel kernel (luma weights ⊗ kernel) — and a `[1, c, kh, kw]` kernel learned back by plain
// gradient descent, with the stability limit of the multi-channel loss. Pure: no DOM, no tfjs; tested in Node.
import { channelDistances, channelKernel, initKernels, weightedSum } from '../../src/core/learn-multi';
import type { MultiLearnOptions } from '../../src/core/learn-multi';
import { shapeOf, validateMatrix, type Matrix } from '../../src/core/matrix';
import { corr2dReference } from '../../src/core/reference';
import { multiStabilityReport, type MultiStability } from '../../src/core/stability';
import { depthOf, validateVolume, volumeShape, type Filters, type Volume } from '../../src/core/volume';
import { LEARN_MAX_CHANNELS, LEARN_MAX_SIDE } from '../../src/core/limits';
import { LUMA } from '../shared/image/pixels';
import { defaultSettings, formatLr, PRESETS, runFromSettings, STEPS, targetKernel, type LearnSettings } from './setup';

/** A colour run ready for the multi-channel learners, with the stability check and what the target is. */
export interface ColourSetup {
  kind: 'colour';
  options: Required<
    Pick<
      MultiLearnOptions,
      'X' | 'Y' | 'kH' | 'kW' | 'lr' | 'steps' | 'useBias' | 'initKernel' | 'initBias' | 'tolerance'
    >
  >;
  /** The kernel `[c, kh, kw]` that makes Y from X (weights ⊗ base, or the one sent from the editor). */
  target: Volume;
  /** Where the target came from, for captions: "0.299 R + 0.587 G + 0.114 B (luma) ⊗ Sobel x". */
  targetLabel: string;
  /** The channels' names: R, G, B for three, else "channel 0", … */
  names: string[];
  stability: MultiStability;
  lrNote: string;
}

/** "R", "G", "B" for three channels, else "channel 0", "channel 1", … */
export function channelNames(c: number): string[] {
  return c === 3 ? ['R', 'G', 'B'] : Array.from({ length: c }, (_, k) => `channel ${k}`);
}

/**
 * The weights of the gray image Y is made from: ITU-R BT.601 luma (0.299, 0.587, 0.114) for three channels, else the
 * channel mean (1/c each) — with how the caption names it.
 */
export function channelWeights(c: number): { weights: number[]; label: string } {
  if (c === 3) return { weights: [LUMA.r, LUMA.g, LUMA.b], label: '0.299 R + 0.587 G + 0.114 B (luma)' };
  return { weights: new Array<number>(c).fill(1 / c), label: `the mean of the ${c} channels` };
}

/**
 * The target kernel `[c, kh, kw]` of settings `s` for c channels: the kernel sent from the editor when there is one
 * (its channel count must be c), else (channel weights ⊗ the preset, or the link's 2-D kernel). Throws
 * "learnKernel: the target kernel has 2 input channels, X has 3".
 */
export function colourTarget(s: LearnSettings, c: number): { target: Volume; label: string } {
  if (s.targetChannels) {
    const t = validateVolume('learnKernel', 'target kernel', s.targetChannels);
    if (t.length !== c) throw new Error(`learnKernel: the target kernel has ${t.length} input channels, X has ${c}`);
    const [, kh, kw] = volumeShape(t);
    return { target: t, label: `the ${c}-channel kernel [${c}, ${kh}, ${kw}] from the editor` };
  }
  const base = validateMatrix('learnKernel', 'target kernel', targetKernel({ ...s, mode: 'photo' }));
  const { weights, label } = channelWeights(c);
  const name = s.preset === 'custom' ? `the kernel ${shapeOf(base).join('×')} from the link` : PRESETS[s.preset].label;
  return { target: channelKernel(weights, base), label: `(${label}) ⊗ ${name}` };
}

/**
 * Builds the colour run on `X: [c, h, w]` (the 3-D literal of the settings, else the photo's channels): target
 * `[c, kh, kw]` (`colourTarget`), Y = Σ_c corr2d(X_c, target_c) `[h − kh + 1, w − kw + 1]` — for a target made from
 * a 2-D kernel K, corr2d(Σ_c w_c·X_c, K) — lr = 0.9 × lrMax of the multi-channel loss's Hessian
 * (`multiStabilityReport`) unless typed, the seeded start `initKernels`, tolerance 1e-8·ΣY². Throws "learnKernel: …"
 * without X, for a target larger than X, or channel counts that differ.
 */
export function buildColourSetup(s: LearnSettings, X: Volume | null): ColourSetup {
  if (!X) throw new Error('learnKernel: open a colour image first (the colour experiment learns from R, G and B)');
  const [c, h, w] = volumeShape(validateVolume('learnKernel', 'X', X));
  const { target, label } = colourTarget(s, c);
  const [, kH, kW] = volumeShape(target);
  if (kH > h || kW > w) throw new Error(`learnKernel: target kernel ${kH}×${kW} is larger than X ${h}×${w}`);
  const Y = makeY(s, X, target);
  const limit = multiStabilityReport(X, kH, kW, 1, { useBias: s.useBias });
  const { run, stability, lrNote } = runFromSettings(s, limit, s.lrAuto, Y, 1e-8);
  return {
    kind: 'colour',
    options: { ...run, X, Y, kH, kW, initKernel: initKernels(s.seed, c, kH, kW) },
    target,
    targetLabel: label,
    names: channelNames(c),
    stability,
    lrNote,
  };
}

/** Y: the 2-D kernel on the weighted channel sum when the target is made from one (the caption's formula), else Σ_c. */
function makeY(s: LearnSettings, X: Volume, target: Volume): Matrix {
  if (!s.targetChannels) {
    const { weights } = channelWeights(X.length);
    return corr2dReference(weightedSum(X, weights), targetKernel({ ...s, mode: 'photo' }));
  }
  const parts = X.map((Xc, c) => corr2dReference(Xc, target[c]));
  return parts[0].map((row, i) => row.map((_, j) => parts.reduce((a, P) => a + P[i][j], 0)));
}

/**
 * The stability sentence of the colour run: "stable for lr < 1.89e−4 (2/λmax, λmax = 10 573 for the 27 kernel entries
 * …)", and when λmax/λmin is large, why the run is slow: the channels move together, so some combinations of the
 * channels' kernels barely change Y. `warning` when the chosen lr is at or above the limit.
 */
export function colourStabilityText(setup: ColourSetup): { text: string; warning: string | null } {
  const { lrMax, lambdaMax, eigenvalues } = setup.stability;
  const o = setup.options;
  const entries = o.initKernel.length * o.kH * o.kW;
  const params = o.useBias ? `${entries} kernel entries and the bias` : `${entries} kernel entries`;
  const text = `stable for lr < ${formatLr(lrMax)} (2/λmax, λmax = ${Number(lambdaMax.toPrecision(5))} for the ${params}; summed squared error)`;
  const lambdaMin = eigenvalues[0];
  const ratio = lambdaMax / lambdaMin;
  const slow = !(lambdaMin > 1e-9 * Math.max(lambdaMax, 1))
    ? '; λmin ≈ 0: this X does not pin down every kernel entry (many kernels give the same Y)'
    : ratio > 100
      ? `; λmax/λmin = ${Math.round(ratio)}: the channels move together in this X, so some mixes of the channels' kernels change Y very little and are learned about ${Math.round(ratio)}× slower than the fastest`
      : '';
  const warning =
    o.lr >= lrMax
      ? `lr ${formatLr(o.lr)} is above the stability limit ${formatLr(lrMax)}: gradient descent will diverge (the loss grows every step).`
      : null;
  return { text: text + slow, warning };
}

/** max |K_c − target_c| per channel. */
export function colourDistances(setup: ColourSetup, K: Volume): number[] {
  return channelDistances(K, setup.target);
}

/**
 * Settings for an input with channels: X `[c, h, w]` (a 3-D literal) and/or a target K `[c, kh, kw]` or
 * `[1, c, kh, kw]` (one output channel), or a 2-D K over X's luma. The setup is replaced (defaults for the rest, colour
 * mode, lr from the limit); without X the photo is X (`photo`: one is open). Throws "learnKernel: …" for a K with
 * several output channels, channel counts that differ, or an X larger than `LEARN_MAX_CHANNELS`×`LEARN_MAX_SIDE`².
 */
export function applyChannelInput(
  s: LearnSettings,
  input: { X?: Volume; K?: Matrix | Volume | Filters; source?: string },
): LearnSettings {
  const d = defaultSettings();
  const X = input.X && checkChannels(input.X);
  const K = input.K === undefined ? undefined : targetOf(input.K);
  if (X && K && 'channels' in K && K.channels.length !== X.length) {
    throw new Error(`learnKernel: K has ${K.channels.length} input channels, X has ${X.length}`);
  }
  return {
    ...d,
    mode: 'colour',
    steps: STEPS.colour,
    lrAuto: true,
    logScale: s.logScale,
    source: input.source,
    channels: X ?? null,
    targetChannels: K && 'channels' in K ? K.channels : null,
    target: K && 'matrix' in K ? K.matrix : d.target,
    preset: K && 'matrix' in K ? 'custom' : d.preset,
  };
}

function checkChannels(X: Volume): Volume {
  const [c, h, w] = volumeShape(validateVolume('learnKernel', 'X', X));
  if (c > LEARN_MAX_CHANNELS || Math.max(h, w) > LEARN_MAX_SIDE) {
    throw new Error(
      `learnKernel: X is [${c}, ${h}, ${w}]; Learn Kernel learns on up to ${LEARN_MAX_CHANNELS} channels of up to ${LEARN_MAX_SIDE}×${LEARN_MAX_SIDE}`,
    );
  }
  return X;
}

function targetOf(K: Matrix | Volume | Filters): { matrix: Matrix } | { channels: Volume } {
  const depth = depthOf(K);
  if (depth === 2) return { matrix: validateMatrix('learnKernel', 'K', K) };
  if (depth === 3) return { channels: validateVolume('learnKernel', 'K', K) };
  if (depth === 4 && (K as Filters).length === 1) return { channels: validateVolume('learnKernel', 'K', K[0]) };
  const shape: number[] = [];
  for (let x: unknown = K; Array.isArray(x); x = x[0]) shape.push(x.length);
  throw new Error(
    `learnKernel: K is [${shape.join(', ')}]; Learn Kernel learns one output channel: K [kh, kw], [c_in, kh, kw] or [1, c_in, kh, kw]`,
  );
}
