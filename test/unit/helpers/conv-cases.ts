// Seeded random multi-channel cases (shapes, padding, stride, dilation, groups, bias) shared by the numpy, tfjs and
// export tests, and the numpy loops that independently compute them.

import type { Padding, Pair } from '../../../src/core/geometry';
import type { Filters, Volume } from '../../../src/core/volume';
import { mulberry32, randomFilters, randomVolume } from '../../../src/core/random';

/** One random multi-channel cross-correlation case. */
export interface MultiCase {
  title: string;
  X: Volume;
  K: Filters;
  bias?: number[];
  padding: Padding;
  stride: Pair;
  dilation: Pair;
  groups: number;
}

/** `n` cases from `seed`: c_in 1–4, groups dividing c_in (sometimes depthwise), kernels 1–3, stride and dilation 1–2. */
export function randomMultiCases(seed: number, n: number): MultiCase[] {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  return Array.from({ length: n }, () => {
    const cIn = int(1, 4);
    const divisors = [1, 2, 3, 4].filter((d) => cIn % d === 0);
    const groups = divisors[int(0, divisors.length - 1)];
    const cOut = groups * int(1, 2);
    const [kH, kW] = [int(1, 3), int(1, 3)];
    const stride: Pair = [int(1, 2), int(1, 2)];
    const dilation: Pair = [int(1, 2), int(1, 2)];
    const h = dilation[0] * (kH - 1) + 1 + int(0, 4);
    const w = dilation[1] * (kW - 1) + 1 + int(0, 4);
    const choice = int(0, 3);
    const padding: Padding =
      choice === 0
        ? 'valid'
        : choice === 1
          ? 'same'
          : choice === 2
            ? int(0, 2)
            : [
                [int(0, 2), int(0, 2)],
                [int(0, 2), int(0, 2)],
              ];
    const X = randomVolume(rand, cIn, h, w);
    const K = randomFilters(rand, cOut, cIn / groups, kH, kW);
    const bias = rand() < 0.5 ? undefined : Array.from({ length: cOut }, () => rand() * 2 - 1);
    const p = typeof padding === 'object' ? JSON.stringify(padding) : String(padding);
    const title = `x=[${cIn},${h},${w}] k=[${cOut},${cIn / groups},${kH},${kW}] s=${stride} d=${dilation} p=${p} groups=${groups}${bias ? ' bias' : ''}`;
    return { title, X, K, bias, padding, stride, dilation, groups };
  });
}

/**
 * Python (numpy + scipy) defining `pads(padding, n_h, n_w, k_eff_h, k_eff_w, s)` (TensorFlow's 'same': the odd pad
 * after) and `corr_multi(X, K, b, padding, stride, dilation, groups)`: an explicit window loop, or
 * scipy.signal.correlate2d per channel when stride and dilation are 1. Written from the definitions (d2l §7.3, §7.4;
 * torch.nn.Conv2d groups), sharing no code with the product.
 */
export const NUMPY_CORR_MULTI = String.raw`
import json, math
import numpy as np
from scipy.signal import correlate2d

def pads(padding, n, k_eff, s):
    if padding == 'valid':
        return [(0, 0), (0, 0)]
    if padding == 'same':
        out = []
        for a in range(2):
            o = math.ceil(n[a] / s[a])
            total = max((o - 1) * s[a] + k_eff[a] - n[a], 0)
            out.append((total // 2, total - total // 2))
        return out
    if isinstance(padding, int):
        return [(padding, padding), (padding, padding)]
    return [tuple(padding[0]), tuple(padding[1])]

def corr_multi(X, K, b, padding, stride, dilation, groups):
    X = np.asarray(X, dtype=np.float64)
    K = np.asarray(K, dtype=np.float64)
    c_out, cpg, kh, kw = K.shape
    sh, sw = stride
    dh, dw = dilation
    k_eff = (dh * (kh - 1) + 1, dw * (kw - 1) + 1)
    (pt, pb), (pl, pr) = pads(padding, X.shape[1:], k_eff, stride)
    Xp = np.pad(X, ((0, 0), (pt, pb), (pl, pr)))
    H = (Xp.shape[1] - k_eff[0]) // sh + 1
    W = (Xp.shape[2] - k_eff[1]) // sw + 1
    Y = np.zeros((c_out, H, W))
    opg = c_out // groups
    for o in range(c_out):
        xs = Xp[(o // opg) * cpg:(o // opg + 1) * cpg]
        if stride == [1, 1] and dilation == [1, 1]:
            Y[o] = sum(correlate2d(xs[c], K[o, c], mode='valid') for c in range(cpg))
        else:
            for i in range(H):
                for j in range(W):
                    win = xs[:, i * sh:i * sh + k_eff[0]:dh, j * sw:j * sw + k_eff[1]:dw]
                    Y[o, i, j] = np.sum(win * K[o])
        if b is not None:
            Y[o] += b[o]
    return Y
`;
