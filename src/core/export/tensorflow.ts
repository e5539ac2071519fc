// TensorFlow export: tf.nn.conv2d / tf.nn.conv2d_transpose with explicit padding, float64. The literals stay in the
// product's (PyTorch's) layout and are converted with numpy transposes — never reshapes — into NHWC and tf's filter
// layouts. Groups run one call per group (tf.nn.conv2d groups only on some devices); dilation is written into the
// kernel, since TensorFlow's CPU kernels refuse dilation > 1 for the transposed convolution
// (github.com/tensorflow/tensorflow/issues/69103) and Keras refuses it together with stride > 1.

import { comment, describeLayer, gaps, pairText, paddingComment } from './common';
import { printArray } from './literal';
import type { ResolvedSpec } from './spec';

/** Python source (TensorFlow 2 + numpy) that defines X, K (and b), computes `Y: [c_out, outH, outW]` and prints it. */
export function tensorflowCode(r: ResolvedSpec): string {
  const lines = [
    `# Conv2D Lens export: ${describeLayer(r)}.`,
    'import numpy as np',
    'import tensorflow as tf',
    '',
    `# Input X: [c_in, h, w] = [${r.cIn}, ${r.inH}, ${r.inW}]`,
    `X = ${printArray(r.X, 'numpy', 4)}`,
    r.op === 'transposed'
      ? `# Kernels K: [c_in, c_out/groups, kh, kw] = [${r.cIn}, ${r.cOutPerGroup}, ${r.kH}, ${r.kW}] (PyTorch's ConvTranspose2d layout)`
      : `# Kernels K: [c_out, c_in/groups, kh, kw] = [${r.cOut}, ${r.cInPerGroup}, ${r.kH}, ${r.kW}] (PyTorch's Conv2d layout)`,
    `K = ${printArray(r.K, 'numpy', 4)}`,
    ...(r.bias ? ['# Bias b: [c_out]', `b = ${printArray(r.bias, 'numpy', 4)}`] : []),
    '',
    '# TensorFlow works in NHWC: x is [1, h, w, c_in].',
    'x = tf.constant(X.transpose(1, 2, 0)[None])',
    ...kernel(r),
    ...(r.op === 'transposed' ? transposed(r) : forward(r)),
    ...(r.bias ? ['y = y + b  # one bias per output channel (the last axis)'] : []),
    'Y = tf.transpose(y[0], [2, 0, 1])  # back to [c_out, h, w]',
    'print(Y)',
  ];
  return `${lines.join('\n')}\n`;
}

function kernel(r: ResolvedSpec): string[] {
  const [dh, dw] = r.dilation;
  const layout =
    r.op === 'transposed'
      ? "# tf.nn.conv2d_transpose's filter is [kh, kw, c_out/groups, c_in]: a transpose of K, not a reshape"
      : "# tf.nn.conv2d's filter is [kh, kw, c_in/groups, c_out]: a transpose of K, not a reshape";
  const lines = [layout, '# (a reshape scrambles the kernels).', 'k = K.transpose(2, 3, 1, 0)'];
  if (r.op === 'convolution') {
    lines.push('# True convolution: tf.nn.conv2d computes the cross-correlation, so flip each kernel both ways.');
    lines.push('k = k[::-1, ::-1]');
  }
  if (dh > 1 || dw > 1) {
    lines.push(
      `# Dilation ${pairText(r.dilation)} written into the kernel, the same operation (${gaps(r.dilation)}):`,
      '# TensorFlow refuses dilation > 1 on CPU in places (tensorflow/tensorflow#69103) and with stride > 1 in Keras.',
      `kd = np.zeros((${r.effKH}, ${r.effKW}) + k.shape[2:])`,
      `kd[::${dh}, ::${dw}] = k`,
      'k = kd',
    );
  }
  lines.push('k = tf.constant(np.ascontiguousarray(k))');
  return lines;
}

function forward(r: ResolvedSpec): string[] {
  const { top, bottom, left, right } = r.pads;
  const [sh, sw] = r.stride;
  const same = r.padding === 'same';
  const why = same
    ? [
        "# padding='SAME' is the rule the product follows for 'same': output = ceil(input / stride), an odd total",
        `# padding puts the extra row/column at the bottom/right (here top ${top}, bottom ${bottom}, left ${left}, right ${right}).`,
      ]
    : comment(paddingComment(r), '# ');
  const padding = same ? "'SAME'" : `[[0, 0], [${top}, ${bottom}], [${left}, ${right}], [0, 0]]`;
  const call = (xv: string, kv: string) =>
    `tf.nn.conv2d(${xv}, ${kv}, strides=[1, ${sh}, ${sw}, 1], padding=${padding})`;
  if (r.groups === 1) return [...why, `y = ${call('x', 'k')}`];
  return [
    ...why,
    `# groups ${r.groups}: one tf.nn.conv2d per group of input channels and of filters, outputs concatenated.`,
    `y = tf.concat([${call('xg', 'kg')}`,
    `               for xg, kg in zip(tf.split(x, ${r.groups}, axis=3), tf.split(k, ${r.groups}, axis=3))], axis=3)`,
  ];
}

function transposed(r: ResolvedSpec): string[] {
  const { top, left } = r.pads;
  const [sh, sw] = r.stride;
  const [oh, ow] = r.outputPadding;
  const fullH = (r.inH - 1) * sh + r.effKH;
  const fullW = (r.inW - 1) * sw + r.effKW;
  const call = (xv: string, kv: string) =>
    `tf.nn.conv2d_transpose(${xv}, ${kv}, output_shape=[1, ${fullH}, ${fullW}, ${r.cOutPerGroup}], strides=[1, ${sh}, ${sw}, 1], padding='VALID')`;
  const full =
    r.groups === 1
      ? [`full = ${call('x', 'k')}`]
      : [
          `# groups ${r.groups}: one conv2d_transpose per group of input channels, outputs concatenated.`,
          `full = tf.concat([${call('xg', 'kg')}`,
          `                  for xg, kg in zip(tf.split(x, ${r.groups}, axis=3), tf.split(k, ${r.groups}, axis=3))], axis=3)`,
        ];
  return [
    `# The full transposed convolution, (h - 1)*s + d*(k - 1) + 1 = ${fullH} × ${fullW} ('VALID'), then PyTorch's`,
    '# padding (crop) and output padding (extra rows/columns at the bottom/right) as explicit slices.',
    ...full,
    ...comment(paddingComment(r), '# '),
    ...(oh + ow > 0 ? [`full = tf.pad(full, [[0, 0], [0, ${oh}], [0, ${ow}], [0, 0]])`] : []),
    `y = full[:, ${top}:${top + r.outH}, ${left}:${left + r.outW}, :]`,
  ];
}
