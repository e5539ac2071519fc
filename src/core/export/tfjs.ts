// TensorFlow.js export: tf.conv2d / tf.conv2dTranspose in NHWC with explicit padding (float32, tfjs's only float
// type). Layout conversions are transposes, groups one call per group, and dilation is written into the kernel where
// tfjs refuses it (stride > 1 with dilation > 1 in conv2d; conv2dTranspose has no dilation) — as `../tfjs/dilate.ts`.

import { comment, describeLayer, gaps, pairText, paddingComment } from './common';
import { printArray } from './literal';
import type { ResolvedSpec } from './spec';

/**
 * JavaScript (an ES module importing '@tensorflow/tfjs') that defines X, K (and b), computes `Y: [c_out, outH, outW]`
 * as a tensor and prints it. Everything after the import line runs as a function body given `tf`.
 */
export function tfjsCode(r: ResolvedSpec): string {
  const lines = [
    `// Conv2D Lens export: ${describeLayer(r)}.`,
    "import * as tf from '@tensorflow/tfjs';",
    '',
    `// Input X: [c_in, h, w] = [${r.cIn}, ${r.inH}, ${r.inW}]; tfjs works in NHWC, so x is [1, h, w, c_in].`,
    `const X = ${printArray(r.X, 'js', 10)};`,
    'const x = tf.expandDims(tf.transpose(tf.tensor(X), [1, 2, 0]), 0);',
    r.op === 'transposed'
      ? `// Kernels K: [c_in, c_out/groups, kh, kw] = [${r.cIn}, ${r.cOutPerGroup}, ${r.kH}, ${r.kW}] (PyTorch's ConvTranspose2d layout).`
      : `// Kernels K: [c_out, c_in/groups, kh, kw] = [${r.cOut}, ${r.cInPerGroup}, ${r.kH}, ${r.kW}] (PyTorch's Conv2d layout).`,
    `const K = ${printArray(r.K, 'js', 10)};`,
    ...kernel(r),
    ...(r.bias ? [`const b = tf.tensor1d(${printArray(r.bias, 'js')}); // bias [c_out]`] : []),
    '',
    ...(r.op === 'transposed' ? transposed(r) : forward(r)),
    ...(r.bias ? ['y = tf.add(y, b); // one bias per output channel (the last axis)'] : []),
    'const Y = tf.transpose(tf.squeeze(y, [0]), [2, 0, 1]); // back to [c_out, h, w]',
    'Y.print();',
  ];
  return `${lines.join('\n')}\n`;
}

/** Whether the kernel must carry its dilation: tfjs conv2d refuses it with stride > 1, conv2dTranspose always. */
function dilateInKernel(r: ResolvedSpec): boolean {
  const dilated = r.dilation[0] > 1 || r.dilation[1] > 1;
  return dilated && (r.op === 'transposed' || r.stride[0] > 1 || r.stride[1] > 1);
}

function kernel(r: ResolvedSpec): string[] {
  const layout =
    r.op === 'transposed'
      ? "// tf.conv2dTranspose's filter is [kh, kw, c_out/groups, c_in]: a transpose of K, not a reshape."
      : "// tf.conv2d's filter is [kh, kw, c_in/groups, c_out]: a transpose of K, not a reshape.";
  const lines = [layout, 'let k = tf.transpose(tf.tensor(K), [2, 3, 1, 0]);'];
  if (r.op === 'convolution') {
    lines.push('// True convolution: tf.conv2d computes the cross-correlation, so flip each kernel both ways.');
    lines.push('k = tf.reverse(k, [0, 1]);');
  }
  if (dilateInKernel(r)) {
    const [dh, dw] = r.dilation;
    const why = r.op === 'transposed' ? 'tf.conv2dTranspose has no dilation' : 'tf.conv2d refuses it with stride > 1';
    lines.push(
      `// Dilation ${pairText(r.dilation)} written into the kernel (${why}): ${gaps(r.dilation)}.`,
      `const [ki, ko] = [k.shape[2], k.shape[3]];`,
      `k = tf.pad(tf.reshape(k, [${r.kH}, 1, ${r.kW}, 1, ki * ko]), [[0, 0], [0, ${dh - 1}], [0, 0], [0, ${dw - 1}], [0, 0]]);`,
      `k = tf.slice(tf.reshape(k, [${r.kH * dh}, ${r.kW * dw}, ki, ko]), [0, 0, 0, 0], [${r.effKH}, ${r.effKW}, ki, ko]);`,
    );
  }
  return lines;
}

function forward(r: ResolvedSpec): string[] {
  const { top, bottom, left, right } = r.pads;
  const [sh, sw] = r.stride;
  const dil = dilateInKernel(r) ? [1, 1] : r.dilation;
  const call = (xv: string, kv: string) =>
    `tf.conv2d(${xv}, ${kv}, [${sh}, ${sw}], [[0, 0], [${top}, ${bottom}], [${left}, ${right}], [0, 0]], 'NHWC', [${dil[0]}, ${dil[1]}])`;
  const why = comment(paddingComment(r), '// ');
  if (r.groups === 1) return [...why, `let y = ${call('x', 'k')};`];
  return [
    ...why,
    `// groups ${r.groups}: one tf.conv2d per group of input channels and of filters, outputs concatenated.`,
    `const ks = tf.split(k, ${r.groups}, 3);`,
    `let y = tf.concat(tf.split(x, ${r.groups}, 3).map((xg, g) => ${call('xg', 'ks[g]')}), 3);`,
  ];
}

function transposed(r: ResolvedSpec): string[] {
  const { top, left } = r.pads;
  const [sh, sw] = r.stride;
  const [oh, ow] = r.outputPadding;
  const fullH = (r.inH - 1) * sh + r.effKH;
  const fullW = (r.inW - 1) * sw + r.effKW;
  const call = (xv: string, kv: string) =>
    `tf.conv2dTranspose(${xv}, ${kv}, [1, ${fullH}, ${fullW}, ${r.cOutPerGroup}], [${sh}, ${sw}], 'valid')`;
  const full =
    r.groups === 1
      ? [`let full = ${call('x', 'k')};`]
      : [
          `// groups ${r.groups}: one tf.conv2dTranspose per group of input channels, outputs concatenated.`,
          `const ks = tf.split(k, ${r.groups}, 3);`,
          `let full = tf.concat(tf.split(x, ${r.groups}, 3).map((xg, g) => ${call('xg', 'ks[g]')}), 3);`,
        ];
  return [
    `// The full transposed convolution, (h - 1)*s + d*(k - 1) + 1 = ${fullH} × ${fullW} ('valid'), then PyTorch's`,
    '// padding (crop) and output padding (extra rows/columns at the bottom/right).',
    ...full,
    ...comment(paddingComment(r), '// '),
    ...(oh + ow > 0 ? [`full = tf.pad(full, [[0, 0], [0, ${oh}], [0, ${ow}], [0, 0]]);`] : []),
    `let y = tf.slice(full, [0, ${top}, ${left}, 0], [1, ${r.outH}, ${r.outW}, ${r.cOut}]);`,
  ];
}
