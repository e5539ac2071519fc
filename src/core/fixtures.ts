// The book's example matrices (d2l §7.2, §7.4). Functions, not constants, so that no caller can mutate a shared copy.

import { corr2dReference } from './reference';
import type { Matrix } from './matrix';
import type { Volume } from './volume';

/** Fig. 7.2.1 (Fig. 5.1 in older editions) input X: `[3, 3]`, values 0..8 row-major. */
export function fig51X(): Matrix {
  return [
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
  ];
}

/** Fig. 7.2.1 kernel K: `[2, 2]`, values 0..3. `corr2d(X, K)` = [[19, 25], [37, 43]]. */
export function fig51K(): Matrix {
  return [
    [0, 1],
    [2, 3],
  ];
}

/** d2l §7.2.4 edge image: `[6, 8]` of ones with columns 2..5 set to 0 (black stripe in the middle). */
export function edgeImage(): Matrix {
  return Array.from({ length: 6 }, () => [1, 1, 0, 0, 0, 0, 1, 1]);
}

/** d2l §7.2.4 edge-detection kernel `[1, 2]`: [[1, -1]] (1 at a white→black edge, −1 at black→white). */
export function edgeKernel(): Matrix {
  return [[1, -1]];
}

/** The learning target Y = corr2d(edgeImage(), [[1, -1]]): `[6, 7]`, every row [0, 1, 0, 0, 0, -1, 0]. */
export function edgeTarget(): Matrix {
  return corr2dReference(edgeImage(), edgeKernel());
}

/** d2l §7.4.1 input X: `[2, 3, 3]`, channel 0 = 0..8 (Fig. 7.2.1's X), channel 1 = 1..9. */
export function d2l74X(): Volume {
  return [fig51X(), fig51X().map((row) => row.map((v) => v + 1))];
}

/**
 * d2l §7.4.1 kernel for two input channels: `[2, 2, 2]`, [[0, 1], [2, 3]] and [[1, 2], [3, 4]];
 * `corr2d_multi_in(d2l74X(), d2l74K())` = [[56, 72], [104, 120]].
 */
export function d2l74K(): Volume {
  return [fig51K(), fig51K().map((row) => row.map((v) => v + 1))];
}
