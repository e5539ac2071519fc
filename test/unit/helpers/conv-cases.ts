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

/** One random multi-channel transposed convolution case (PyTorch weight `[c_in, c_out/groups, kh, kw]`). */
export interface TransposedCase {
  title: string;
  X: Volume;
  K: Filters;
  bias?: number[];
  padding: Padding;
  stride: Pair;
  dilation: Pair;
  outputPadding: Pair;
  groups: number;
}

/**
 * `n` transposed cases from `seed`: c_in 1–4, groups dividing c_in, stride 1–3, dilation 1–2, padding a number,
 * explicit or 'same', output padding below max(stride, dilation) (0 with 'same'), output size at least 1.
 */
export function randomTransposedCases(seed: number, n: number): TransposedCase[] {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  return Array.from({ length: n }, () => {
    const cIn = int(1, 4);
    const divisors = [1, 2, 3, 4].filter((d) => cIn % d === 0);
    const groups = divisors[int(0, divisors.length - 1)];
    const outPerGroup = int(1, 2);
    const [kH, kW] = [int(1, 4), int(1, 4)];
    const stride: Pair = [int(1, 3), int(1, 3)];
    const dilation: Pair = [int(1, 2), int(1, 2)];
    const [h, w] = [int(1, 4), int(1, 4)];
    const choice = int(0, 2);
    const full = [(h - 1) * stride[0] + dilation[0] * (kH - 1) + 1, (w - 1) * stride[1] + dilation[1] * (kW - 1) + 1];
    const crop = (axis: number) => int(0, Math.min(2, Math.floor((full[axis] - 1) / 2)));
    const padding: Padding =
      choice === 0
        ? 'same'
        : choice === 1
          ? Math.min(crop(0), crop(1))
          : [
              [crop(0), crop(0)],
              [crop(1), crop(1)],
            ];
    const outputPadding: Pair =
      padding === 'same'
        ? [0, 0]
        : [int(0, Math.max(stride[0], dilation[0]) - 1), int(0, Math.max(stride[1], dilation[1]) - 1)];
    const X = randomVolume(rand, cIn, h, w);
    const K = randomFilters(rand, cIn, outPerGroup, kH, kW);
    const bias = rand() < 0.5 ? undefined : Array.from({ length: outPerGroup * groups }, () => rand() * 2 - 1);
    const p = typeof padding === 'object' ? JSON.stringify(padding) : String(padding);
    const title =
      `x=[${cIn},${h},${w}] k=[${cIn},${outPerGroup},${kH},${kW}] s=${stride} d=${dilation} p=${p} ` +
      `op=${outputPadding} groups=${groups}${bias ? ' bias' : ''}`;
    return { title, X, K, bias, padding, stride, dilation, outputPadding, groups };
  });
}

/**
 * Python defining `conv_t_multi(X, K, b, padding, stride, dilation, output_padding, groups)`: the transposed
 * convolution as numpy slice additions (each input cell adds x·K onto a strided, dilated slice of the full result),
 * then PyTorch's crop (padding) and bottom/right extension (output padding); 'same' as TensorFlow's conv2d_transpose.
 */
export const NUMPY_CONV_T_MULTI = String.raw`
import json
import numpy as np

def conv_t_multi(X, K, b, padding, stride, dilation, output_padding, groups):
    X = np.asarray(X, dtype=np.float64)
    K = np.asarray(K, dtype=np.float64)
    c_in, h, w = X.shape
    _, opg, kh, kw = K.shape
    sh, sw = stride
    dh, dw = dilation
    eh, ew = dh * (kh - 1) + 1, dw * (kw - 1) + 1
    oph, opw = output_padding
    if padding == 'same':
        th, tw = max(eh - sh, 0), max(ew - sw, 0)
        (pt, pb), (pl, pr) = (th // 2, th - th // 2), (tw // 2, tw - tw // 2)
        oph, opw = max(sh - eh, 0), max(sw - ew, 0)
    elif isinstance(padding, int):
        (pt, pb), (pl, pr) = (padding, padding), (padding, padding)
    else:
        (pt, pb), (pl, pr) = padding
    fh, fw = (h - 1) * sh + eh + oph, (w - 1) * sw + ew + opw
    Y = np.zeros((opg * groups, fh, fw))
    ipg = c_in // groups
    for c in range(c_in):
        for q in range(opg):
            o = (c // ipg) * opg + q
            for i in range(h):
                for j in range(w):
                    Y[o, i * sh:i * sh + eh:dh, j * sw:j * sw + ew:dw] += X[c, i, j] * K[c, q]
    Y = Y[:, pt:fh - pb, pl:fw - pr]
    if b is not None:
        Y += np.asarray(b, dtype=np.float64)[:, None, None]
    return Y
`;
