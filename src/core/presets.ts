// Named kernels every view offers (edge panel presets, step panel's kernel picker, sidebar). One list, one place.
import type { Matrix } from './matrix';

/** A named kernel: `K: [kh, kw]`, with where it comes from. */
export interface KernelPreset {
  id: string;
  label: string;
  kernel: Matrix;
  note: string;
}

/**
 * The presets. d2l §7.2.3 for [1, −1] and its transpose; Sobel (Sobel & Feldman 1968) as used by OpenCV's
 * `Sobel` with ksize 3 in cross-correlation order (positive response where intensity grows to the right / down);
 * the 4-neighbour Laplacian; a 3×3 box blur (mean); the common 3×3 sharpen (identity + Laplacian detail).
 */
export const KERNEL_PRESETS: readonly KernelPreset[] = [
  { id: 'edge-x', label: 'K = [1, −1] (vertical edges)', kernel: [[1, -1]], note: 'd2l §7.2.3' },
  { id: 'edge-y', label: 'Kᵀ = [1; −1] (horizontal edges)', kernel: [[1], [-1]], note: 'd2l §7.2.3, transposed' },
  {
    id: 'sobel-x',
    label: 'Sobel x',
    kernel: [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
    note: 'OpenCV Sobel dx=1, ksize 3',
  },
  {
    id: 'sobel-y',
    label: 'Sobel y',
    kernel: [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ],
    note: 'OpenCV Sobel dy=1, ksize 3',
  },
  {
    id: 'laplacian',
    label: 'Laplacian',
    kernel: [
      [0, 1, 0],
      [1, -4, 1],
      [0, 1, 0],
    ],
    note: '4-neighbour Laplacian',
  },
  {
    id: 'box-blur',
    label: 'Box blur 3×3',
    kernel: [
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
    ],
    note: 'mean of the 3×3 window',
  },
  {
    id: 'sharpen',
    label: 'Sharpen',
    kernel: [
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0],
    ],
    note: 'identity minus Laplacian',
  },
  {
    id: 'identity',
    label: 'Identity 3×3',
    kernel: [
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ],
    note: 'output = input (cropped)',
  },
  {
    id: 'fig51',
    label: 'Fig. 7.2.1 K = [[0, 1], [2, 3]]',
    kernel: [
      [0, 1],
      [2, 3],
    ],
    note: 'd2l Fig. 7.2.1 (formerly Fig. 5.1)',
  },
];

/** The preset with `id`. Throws `Error("presets: no kernel preset 'x'")` for an unknown id. */
export function kernelPreset(id: string): KernelPreset {
  const p = KERNEL_PRESETS.find((k) => k.id === id);
  if (!p) throw new Error(`presets: no kernel preset '${id}'`);
  return p;
}
