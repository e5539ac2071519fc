// What each view can take, in one place: the hover offers a link only when its target accepts the matrix, and the
// views refuse with the same numbers. Shapes are `[rows, columns]`.
import { edgeImage } from './fixtures';

/** Largest side of X or K the Step panel steps through (grids of numbers up to 32, a canvas above). */
export const STEP_MAX_SIDE = 128;
/** Most channels (of X, and output channels of K) the Step panel draws. */
export const STEP_MAX_CHANNELS = 16;
/** Most values of X (all channels) the Step panel steps through: four 128×128 channels. */
export const STEP_MAX_ELEMENTS = 4 * 128 * 128;
/** Largest kernel side Detect Edges edits (its shape picker and kernel editor). */
export const EDGES_MAX_KERNEL = 15;
/** Largest side Detect Edges computes at full resolution; larger photos are scaled down to it (area average). */
export const EDGES_MAX_SIDE = 4096;
/** Most channels of an X with channels Learn Kernel learns on (its stability check diagonalises a (c·kh·kw)² Hessian). */
export const LEARN_MAX_CHANNELS = 8;
/** Largest side of an X with channels Learn Kernel learns on: its photo sample's size (a step stays sub-millisecond). */
export const LEARN_MAX_SIDE = 128;
/** Most elements the sidebar holds (it keeps every value in its saved state). */
export const SIDEBAR_MAX_ELEMENTS = 10_000;

/** Where a matrix can go, as the hover's links and the sidebar's buttons name it. */
export type Target = 'step-X' | 'step-K' | 'edges-X' | 'edges-K' | 'learn-K' | 'sidebar';

/**
 * Why `target` refuses a matrix of `shape` (e.g. "the Step panel steps through matrices up to 128×128"), or undefined
 * when it accepts it. Learn Kernel's target kernel must fit the book's 6×8 image, on which it learns (d2l §7.2.4).
 */
export function refusal(target: Target, [rows, cols]: readonly [number, number]): string | undefined {
  const side = Math.max(rows, cols);
  switch (target) {
    case 'step-X':
    case 'step-K':
      return side > STEP_MAX_SIDE
        ? `the Step panel steps through matrices up to ${STEP_MAX_SIDE}×${STEP_MAX_SIDE}`
        : undefined;
    case 'edges-X':
      return undefined; // scaled down above EDGES_MAX_SIDE, and the caption says so
    case 'edges-K':
      return side > EDGES_MAX_KERNEL
        ? `Detect Edges edits kernels up to ${EDGES_MAX_KERNEL}×${EDGES_MAX_KERNEL}`
        : undefined;
    case 'learn-K': {
      const [h, w] = [edgeImage().length, edgeImage()[0].length];
      return rows > h || cols > w ? `Learn Kernel learns kernels that fit its ${h}×${w} image` : undefined;
    }
    case 'sidebar':
      return rows * cols > SIDEBAR_MAX_ELEMENTS
        ? `the sidebar holds up to ${SIDEBAR_MAX_ELEMENTS} elements`
        : undefined;
  }
}
