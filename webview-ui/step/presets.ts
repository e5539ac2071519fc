// The step panel's kernel picker: the shared preset list (src/core/presets.ts), as functions returning fresh copies
// so the panel's state never aliases the shared matrices.
import { KERNEL_PRESETS as SHARED } from '../../src/core/presets';
import type { Matrix } from '../../src/core/matrix';
import { d2l74K, d2l74X, fig51K, fig51X } from '../../src/core/fixtures';
import type { Filters, Volume } from '../../src/core/volume';

/** A named kernel of the picker. */
export interface KernelPreset {
  id: string;
  label: string;
  kernel: () => Matrix;
}

/** The picker's kernels, in the shared order. */
export const KERNEL_PRESETS: readonly KernelPreset[] = SHARED.map((p) => ({
  id: p.id,
  label: p.label,
  kernel: () => p.kernel.map((row) => [...row]),
}));

/** The preset with `id`, or undefined. */
export function presetById(id: string): KernelPreset | undefined {
  return KERNEL_PRESETS.find((p) => p.id === id);
}

/**
 * A whole setup the panel can open on: X `[c_in, h, w]`, K (`[c_out, c_in/groups, kh, kw]`, or for the transposed
 * convolution PyTorch's ConvTranspose2d weight `[c_in, c_out/groups, kh, kw]`), the groups, and the settings it needs
 * (the defaults otherwise).
 */
export interface Example {
  id: string;
  label: string;
  X: () => Volume;
  K: () => Filters;
  groups: number;
  /** Where the example comes from, for the caption ("d2l §7.4"). */
  ref: string;
  mode?: 'correlation' | 'transposed';
  stride?: number;
  padding?: number;
  outputPadding?: number;
}

// d2l §7.4.1's X and K live with the book's other matrices (the host's walkthrough opens this example too).
export { d2l74X };

const plus = (K: Volume, n: number): Volume => K.map((M) => M.map((row) => row.map((v) => v + n)));

/**
 * The cross-correlation setups of the example picker: the book's one-channel Fig. 7.2.1, §7.4.1 (two input channels summed into one
 * output: 56, 72, 104, 120), §7.4.2 (K, K + 1, K + 2 as three output channels), a depthwise layer (groups = channels,
 * torch.nn.Conv2d) and a grouped one (4 → 4 channels in 2 groups).
 */
export const FORWARD_EXAMPLES: readonly Example[] = [
  {
    id: 'fig721',
    label: 'Fig. 7.2.1: one channel',
    X: () => [fig51X()],
    K: () => [[fig51K()]],
    groups: 1,
    ref: 'd2l §7.2',
  },
  {
    id: 'd2l-741',
    label: '§7.4.1: 2 input channels → 1 output',
    X: d2l74X,
    K: () => [d2l74K()],
    groups: 1,
    ref: 'd2l §7.4',
  },
  {
    id: 'd2l-742',
    label: '§7.4.2: 2 inputs → 3 outputs (K, K+1, K+2)',
    X: d2l74X,
    K: () => [0, 1, 2].map((n) => plus(d2l74K(), n)),
    groups: 1,
    ref: 'd2l §7.4',
  },
  {
    id: 'depthwise',
    label: 'Depthwise: groups = 2 channels',
    X: d2l74X,
    K: () => [
      [
        [
          [1, 0],
          [0, 1],
        ],
      ],
      [
        [
          [0, 1],
          [1, 0],
        ],
      ],
    ],
    groups: 2,
    ref: 'd2l §7.4; torch.nn.Conv2d groups',
  },
  {
    id: 'grouped',
    label: 'Grouped: 4 → 4 channels, groups = 2',
    X: () => [0, 1, 2, 3].map((c) => fig51X().map((row) => row.map((v) => v + c))),
    K: () => [0, 1, 2, 3].map((o) => [plus([fig51K()], o)[0], plus([fig51K()], -o)[0]]),
    groups: 2,
    ref: 'd2l §7.4; torch.nn.Conv2d groups',
  },
];

/** d2l §14.10's X and K: [[0, 1], [2, 3]] both. */
export function d2l1410(): Matrix {
  return [
    [0, 1],
    [2, 3],
  ];
}

const ones = (h: number, w: number): Matrix => Array.from({ length: h }, () => new Array<number>(w).fill(1));

/**
 * The transposed convolution's setups: d2l §14.10.1 (X = K = [[0, 1], [2, 3]] → [[0, 0, 1], [0, 4, 6], [4, 12, 9]]);
 * the checkerboard of Odena, Dumoulin & Olah, "Deconvolution and Checkerboard Artifacts" (Distill 2016) — ones
 * through a ones kernel, so Y is the overlap map itself — with the two 2× upsampling layers of GANs: kernel 3,
 * stride 2 (padding 1, output padding 1: uneven, 1/2/4 contributions) and kernel 4, stride 2 (padding 1, DCGAN's:
 * 4 everywhere inside); and two input channels into two output channels (PyTorch's ConvTranspose2d weight).
 */
export const TRANSPOSED_EXAMPLES: readonly Example[] = [
  {
    id: 'd2l-1410',
    label: '§14.10: X = K = [[0, 1], [2, 3]]',
    X: () => [d2l1410()],
    K: () => [[d2l1410()]],
    groups: 1,
    ref: 'd2l §14.10',
    mode: 'transposed',
  },
  {
    id: 'checker-k3s2',
    label: 'Checkerboard: kernel 3, stride 2 (uneven)',
    X: () => [ones(4, 4)],
    K: () => [[ones(3, 3)]],
    groups: 1,
    ref: 'Odena et al., Distill 2016',
    mode: 'transposed',
    stride: 2,
    padding: 1,
    outputPadding: 1,
  },
  {
    id: 'checker-k4s2',
    label: 'Even overlap: kernel 4, stride 2',
    X: () => [ones(4, 4)],
    K: () => [[ones(4, 4)]],
    groups: 1,
    ref: 'Odena et al., Distill 2016',
    mode: 'transposed',
    stride: 2,
    padding: 1,
  },
  {
    id: 'transposed-channels',
    label: '2 input channels → 2 outputs',
    X: () => [d2l1410(), plus([d2l1410()], 1)[0]],
    K: () => [
      [d2l1410(), plus([d2l1410()], 1)[0]],
      [plus([d2l1410()], -1)[0], ones(2, 2)],
    ],
    groups: 1,
    ref: 'd2l §14.10.2; torch.nn.ConvTranspose2d',
    mode: 'transposed',
  },
];

/** Every setup of the example picker. */
export const EXAMPLES: readonly Example[] = [...FORWARD_EXAMPLES, ...TRANSPOSED_EXAMPLES];

/** The example with `id`, or undefined. */
export function exampleById(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
