// The cross-correlation contenders timed in Node: the product's fast path (wasm SIMD; also one-shot with the copy
// in, the JavaScript fallback and the separable route), a plain loop over a Float32Array, and tfjs's cpu backend.

import { dispose, tensor2d } from '@tensorflow/tfjs-core';
import { FastCorr2d, type Plane } from '../src/core/fast';
import { corr2dTensor } from '../src/core/tfjs/tensor';
import { mulberry32 } from '../src/core/random';

/** A square plane of uniform values in [−1, 1]. */
export function randomPlane(h: number, w: number, seed: number): Plane {
  const next = mulberry32(seed);
  return { data: Float32Array.from({ length: h * w }, () => next() * 2 - 1), h, w };
}

/** The naive loop nest every course starts from (d2l's corr2d on a flat Float32Array). */
export function plainLoop(x: Plane, k: Plane): Float32Array {
  const oh = x.h - k.h + 1;
  const ow = x.w - k.w + 1;
  const y = new Float32Array(oh * ow);
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      let s = 0;
      for (let a = 0; a < k.h; a++)
        for (let b = 0; b < k.w; b++) s += x.data[(i + a) * x.w + j + b] * k.data[a * k.w + b];
      y[i * ow + j] = s;
    }
  }
  return y;
}

/** A function that correlates a fixed image with a fixed kernel and reads the result back. */
export type Runner = () => Float32Array;

/** Product path: image loaded into the engine once (as the edges panel keeps its photo), result copied out. */
export function fastResident(fast: FastCorr2d, x: Plane, k: Plane): Runner {
  fast.load(x);
  const out = new Float32Array((x.h - k.h + 1) * (x.w - k.w + 1));
  return () => fast.corrLoaded(k, out);
}

/** One-shot: copy in, correlate, copy out into a new array. */
export function fastOneShot(fast: FastCorr2d, x: Plane, k: Plane): Runner {
  return () => fast.corr(x, k);
}

/** tfjs (whichever backend is selected): tensors made once, conv + readback timed, result disposed. */
export function tfjsRunner(x: Plane, k: Plane): { run: Runner; dispose: () => void } {
  const xt = tensor2d(x.data, [x.h, x.w]);
  const kt = tensor2d(k.data, [k.h, k.w]);
  return {
    run: () => {
      const y = corr2dTensor(xt, kt);
      const d = y.dataSync() as Float32Array;
      y.dispose();
      return d;
    },
    dispose: () => dispose([xt, kt]),
  };
}
