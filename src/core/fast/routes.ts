// Tunables of the route choice (./engine.ts chooseRoute), set from the grid of `npm run bench`: a
// mutable object so the benchmark can time each route on the same cells (A/B in one run).

export const ROUTE = {
  /** The FFT route from this kernel area up (both sides at least `fftMinSide`). */
  fftMinArea: 121,
  fftMinSide: 7,
  /** Direct kernel: two or three output rows per pass (./assembly/corr2.ts), not one. */
  rowPairs: true,
};
