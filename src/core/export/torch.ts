// PyTorch export: torch.nn.functional.conv2d / conv_transpose2d in float64 (the product's reference is float64).
// F.conv2d takes one padding per axis for both sides; asymmetric padding (TensorFlow-style 'same' with an odd total,
// or explicit sides) goes through F.pad. conv_transpose2d's padding crops both sides equally; asymmetric crops slice.

import { comment, describeLayer, paddingComment } from './common';
import { printArray } from './literal';
import type { ResolvedSpec } from './spec';

/** Python source (torch) that defines X, K (and b), computes `Y: [c_out, outH, outW]` and prints it. */
export function torchCode(r: ResolvedSpec): string {
  const lines = [
    `# Conv2D Lens export: ${describeLayer(r)}.`,
    'import torch',
    'import torch.nn.functional as F',
    '',
    `# Input X: [c_in, h, w] = [${r.cIn}, ${r.inH}, ${r.inW}]; X[None] is the batch of one, NCHW`,
    `X = ${tensor(r.X)}`,
    r.op === 'transposed'
      ? `# Weight K: [c_in, c_out/groups, kh, kw] = [${r.cIn}, ${r.cOutPerGroup}, ${r.kH}, ${r.kW}] (ConvTranspose2d layout)`
      : `# Weight K: [c_out, c_in/groups, kh, kw] = [${r.cOut}, ${r.cInPerGroup}, ${r.kH}, ${r.kW}] (Conv2d layout)`,
    `K = ${tensor(r.K)}`,
    ...(r.bias ? ['# Bias b: [c_out]', `b = ${tensor(r.bias)}`] : []),
    '',
    ...(r.op === 'transposed' ? transposed(r) : forward(r)),
    'print(Y)',
  ];
  return `${lines.join('\n')}\n`;
}

function tensor(v: Parameters<typeof printArray>[0]): string {
  return `torch.tensor(${printArray(v, 'python', 4 + 'torch.tensor('.length)}, dtype=torch.float64)`;
}

function args(r: ResolvedSpec, padding: string, extra = ''): string {
  const [sh, sw] = r.stride;
  const [dh, dw] = r.dilation;
  const bias = r.bias ? 'b' : 'None';
  return `bias=${bias}, stride=(${sh}, ${sw}), padding=${padding},${extra} dilation=(${dh}, ${dw}), groups=${r.groups}`;
}

function forward(r: ResolvedSpec): string[] {
  const { top, bottom, left, right } = r.pads;
  const flip =
    r.op === 'convolution'
      ? [
          '# True convolution: F.conv2d computes the cross-correlation, so flip each kernel both ways.',
          'K = K.flip(-2, -1)',
        ]
      : [];
  const why = comment(paddingComment(r), '# ');
  if (top === bottom && left === right) {
    return [...flip, ...why, `Y = F.conv2d(X[None], K, ${args(r, `(${top}, ${left})`)})[0]`];
  }
  return [
    ...flip,
    ...why,
    '# F.conv2d pads both sides alike, so F.pad adds these (last axis first: left, right, top, bottom).',
    `X = F.pad(X, (${left}, ${right}, ${top}, ${bottom}))`,
    `Y = F.conv2d(X[None], K, ${args(r, '0')})[0]`,
  ];
}

function transposed(r: ResolvedSpec): string[] {
  const { top, bottom, left, right } = r.pads;
  const [oh, ow] = r.outputPadding;
  const why = comment(paddingComment(r), '# ');
  const extra = ` output_padding=(${oh}, ${ow}),`;
  if (top === bottom && left === right) {
    return [...why, `Y = F.conv_transpose2d(X[None], K, ${args(r, `(${top}, ${left})`, extra)})[0]`];
  }
  return [
    ...why,
    '# conv_transpose2d crops both sides alike, so compute the uncropped result and slice.',
    `Y = F.conv_transpose2d(X[None], K, ${args(r, '0', extra)})[0]`,
    `Y = Y[:, ${top}:${top + r.outH}, ${left}:${left + r.outW}]`,
  ];
}
