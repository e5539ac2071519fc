// NumPy/SciPy export: float64 like the product's reference. scipy.signal.correlate2d (or convolve2d, which flips the
// kernel) per channel when stride and dilation are 1; otherwise an explicit window loop, because SciPy has neither.
// The transposed convolution is written as the scatter it is (d2l §14.10.1).

import { comment, describeLayer, paddingComment } from './common';
import { printArray } from './literal';
import type { ResolvedSpec } from './spec';

/**
 * Python source that defines X, K (and b), computes `Y: [c_out, outH, outW]` as the product does, and prints it.
 * `r` from `resolveSpec`. Uses numpy and scipy only.
 */
export function numpyCode(r: ResolvedSpec): string {
  const lines = [
    `# Conv2D Lens export: ${describeLayer(r)}.`,
    'import numpy as np',
    ...(r.op !== 'transposed' && plain(r)
      ? [`from scipy.signal import ${r.op === 'convolution' ? 'convolve2d' : 'correlate2d'}`]
      : []),
    '',
    `# Input X: [c_in, h, w] = [${r.cIn}, ${r.inH}, ${r.inW}]`,
    `X = ${printArray(r.X, 'numpy', 4)}`,
    kernelComment(r),
    `K = ${printArray(r.K, 'numpy', 4)}`,
    ...(r.bias ? ['# Bias b: [c_out]', `b = ${printArray(r.bias, 'numpy', 4)}`] : []),
    '',
    ...(r.op === 'transposed' ? transposed(r) : forward(r)),
    ...(r.bias ? ['Y += b[:, None, None]  # one bias per output channel'] : []),
    'print(Y)',
  ];
  return `${lines.join('\n')}\n`;
}

function kernelComment(r: ResolvedSpec): string {
  const shape = `[${r.K.length}, ${r.K[0].length}, ${r.kH}, ${r.kW}]`;
  return r.op === 'transposed'
    ? `# Kernels K: [c_in, c_out/groups, kh, kw] = ${shape} (PyTorch's ConvTranspose2d weight layout)`
    : `# Kernels K: [c_out, c_in/groups, kh, kw] = ${shape} (PyTorch's Conv2d weight layout)`;
}

function plain(r: ResolvedSpec): boolean {
  return r.stride[0] === 1 && r.stride[1] === 1 && r.dilation[0] === 1 && r.dilation[1] === 1;
}

function forward(r: ResolvedSpec): string[] {
  const { top, bottom, left, right } = r.pads;
  const pad =
    top + bottom + left + right > 0
      ? [...comment(paddingComment(r), '# '), `X = np.pad(X, ((0, 0), (${top}, ${bottom}), (${left}, ${right})))`]
      : [];
  const flip = r.op === 'convolution';
  const source = r.groups === 1 ? 'X[c]' : `X[o // ${r.cOutPerGroup} * ${r.cInPerGroup} + c]`;
  const groupLines =
    r.groups === 1
      ? []
      : [
          `# groups ${r.groups}: output channel o sees only input channels`,
          `# o // ${r.cOutPerGroup} * ${r.cInPerGroup} … + ${r.cInPerGroup - 1} (its group's), with kernels K[o, 0 … ${r.cInPerGroup - 1}]`,
        ];
  if (plain(r)) {
    const fn = flip ? 'convolve2d' : 'correlate2d';
    return [
      ...pad,
      ...(flip
        ? ['# True convolution: scipy.signal.convolve2d flips the kernel (cross-correlation with K[::-1, ::-1]).']
        : []),
      '# Each output channel sums the 2-D results of its input channels (d2l §7.4).',
      ...groupLines,
      'Y = np.stack([',
      `    sum(${fn}(${source}, K[o, c], mode='valid') for c in range(${r.cInPerGroup}))`,
      `    for o in range(${r.cOut})`,
      '])',
    ];
  }
  const kernel = flip ? 'K[o, c, ::-1, ::-1]' : 'K[o, c]';
  return [
    'def corr2d(x, k, stride, dilation):',
    '    """Cross-correlation of one channel: window (i, j) starts at (i*sh, j*sw), its taps dh, dw apart."""',
    '    (sh, sw), (dh, dw) = stride, dilation',
    '    eh, ew = dh * (k.shape[0] - 1) + 1, dw * (k.shape[1] - 1) + 1  # dilated kernel size',
    '    out_h, out_w = (x.shape[0] - eh) // sh + 1, (x.shape[1] - ew) // sw + 1',
    '    return np.array([[np.sum(x[i * sh:i * sh + eh:dh, j * sw:j * sw + ew:dw] * k) for j in range(out_w)]',
    '                     for i in range(out_h)])',
    '',
    ...pad,
    ...(flip ? ['# True convolution: cross-correlation with each kernel flipped top-bottom and left-right.'] : []),
    '# Each output channel sums the 2-D results of its input channels (d2l §7.4).',
    ...groupLines,
    'Y = np.stack([',
    `    sum(corr2d(${source}, ${kernel}, (${r.stride[0]}, ${r.stride[1]}), (${r.dilation[0]}, ${r.dilation[1]}))`,
    `        for c in range(${r.cInPerGroup}))`,
    `    for o in range(${r.cOut})`,
    '])',
  ];
}

function transposed(r: ResolvedSpec): string[] {
  const { top, bottom, left, right } = r.pads;
  const [sh, sw] = r.stride;
  const [dh, dw] = r.dilation;
  const [oh, ow] = r.outputPadding;
  const fullH = (r.inH - 1) * sh + r.effKH;
  const fullW = (r.inW - 1) * sw + r.effKW;
  const target = r.groups === 1 ? 'q' : `c // ${r.cInPerGroup} * ${r.cOutPerGroup} + q`;
  return [
    '# Transposed convolution as a scatter (d2l §14.10): input cell (i, j) of channel c adds X[c, i, j] * K[c, q]',
    `# into output channel ${target === 'q' ? 'q' : target}, rows i*${sh} + a*${dh}, columns j*${sw} + b*${dw}.`,
    `full = np.zeros((${r.cOut}, ${fullH + oh}, ${fullW + ow}))  # (h - 1)*s + d*(k - 1) + 1, plus output padding`,
    `for c in range(${r.cIn}):`,
    `    for q in range(${r.cOutPerGroup}):`,
    `        for i in range(${r.inH}):`,
    `            for j in range(${r.inW}):`,
    `                full[${target}, i * ${sh}:i * ${sh} + ${r.effKH}:${dh}, j * ${sw}:j * ${sw} + ${r.effKW}:${dw}] += X[c, i, j] * K[c, q]`,
    ...comment(paddingComment(r), '# '),
    `Y = full[:, ${top}:${fullH + oh - bottom}, ${left}:${fullW + ow - right}]`,
  ];
}
