// Code export of Detect Edges on a photo: the program loads the image file itself (image.ts: gray by the panel's
// rule at the file's bit depth), shrinks and transposes it as the panel did, and cross-correlates it with K, 'valid'
// (d2l §7.2.3 "Object Edge Detection in Images"), printing Y's shape, minimum and maximum (the panel's stats line)
// and Y. A photo is never written as a literal: a 4096×4096 image would be a 200 MB program.
import type { Matrix } from '../matrix';
import { validateMatrix } from '../matrix';
import type { ExportTarget } from './code';
import {
  jsImports,
  jsInNode,
  jsLoader,
  jsShrink,
  jsString,
  pythonImports,
  pythonLoader,
  pythonShrink,
  pyString,
  type ImageSource,
} from './image';
import { printArray } from './literal';

/** Detect Edges on a photo: `Y = X ⋆ K` ('valid'), X the photo's gray plane as the panel computed on it. */
export interface PhotoExportSpec {
  image: ImageSource;
  /** The kernel `[kh, kw]` (cross-correlation, as the panel applies it). */
  K: Matrix;
  /** The size `[h, w]` the panel shrank the photo to (area average) when it was above its limit. */
  shrink?: [number, number];
  /** The panel's "Transpose X". */
  transpose?: boolean;
}

/**
 * Source code for `target` that loads `spec.image`, makes X as the panel did and prints `Y: [h − kh + 1, w − kw + 1]`.
 * NumPy, PyTorch and TensorFlow compute in float64, TensorFlow.js in float32 (the panel computes in float32).
 * Throws "export: K …" for a kernel that is not a matrix of finite numbers.
 */
export function exportPhotoCode(spec: PhotoExportSpec, target: ExportTarget): string {
  validateMatrix('export', 'K', spec.K);
  const lines = target === 'tfjs' ? jsCode(spec) : pythonCode(spec, target);
  return `${lines.join('\n')}\n`;
}

function header(spec: PhotoExportSpec, marker: string): string[] {
  const name = spec.image.path.split(/[\\/]/).pop();
  return [`${marker}Conv2D Lens export: Detect Edges on ${name} — Y = X ⋆ K, cross-correlation, 'valid' (d2l §7.2.3).`];
}

function pythonCode(spec: PhotoExportSpec, target: Exclude<ExportTarget, 'tfjs'>): string[] {
  const [kh, kw] = [spec.K.length, spec.K[0].length];
  const imports = {
    numpy: ['from scipy.signal import correlate2d'],
    pytorch: ['import torch', 'import torch.nn.functional as F'],
    tensorflow: ['import tensorflow as tf'],
  }[target];
  const compute = {
    numpy: ["Y = correlate2d(X, K, mode='valid')  # cross-correlation, [h - kh + 1, w - kw + 1]"],
    pytorch: [
      '# F.conv2d computes the cross-correlation: X[None, None] is NCHW, K[None, None] the weight [c_out, c_in, kh, kw].',
      'Y = F.conv2d(torch.from_numpy(X)[None, None], torch.from_numpy(K)[None, None])[0, 0]',
    ],
    tensorflow: [
      '# tf.nn.conv2d computes the cross-correlation in NHWC; its filter is [kh, kw, c_in, c_out].',
      "Y = tf.nn.conv2d(X[None, :, :, None], K[:, :, None, None], strides=1, padding='VALID')[0, :, :, 0]",
    ],
  }[target];
  const stats = {
    numpy: 'print(Y.shape, Y.min(), Y.max())',
    pytorch: 'print(tuple(Y.shape), Y.min().item(), Y.max().item())',
    tensorflow: 'print(tuple(Y.shape), float(tf.reduce_min(Y)), float(tf.reduce_max(Y)))',
  }[target];
  return [
    ...header(spec, '# '),
    'import numpy as np',
    ...imports,
    ...pythonImports(spec.image),
    '',
    ...pythonLoader(spec.image),
    ...(spec.shrink ? ['', ...pythonShrink()] : []),
    '',
    `X = load_gray(${pyString(spec.image.path)})`,
    ...(spec.shrink
      ? [
          `# The panel computes on at most 4096 pixels a side: this photo was shrunk to ${spec.shrink[0]}×${spec.shrink[1]}.`,
          `X = shrink_area(X, ${spec.shrink[0]}, ${spec.shrink[1]})`,
        ]
      : []),
    ...(spec.transpose ? ['X = np.ascontiguousarray(X.T)  # the panel\'s "Transpose X"'] : []),
    `# Kernel K: [kh, kw] = [${kh}, ${kw}]`,
    `K = ${printArray(spec.K, 'numpy', 4)}`,
    ...compute,
    "# Y's shape, minimum and maximum (the panel's stats line), then Y.",
    stats,
    'print(Y)',
  ];
}

function jsCode(spec: PhotoExportSpec): string[] {
  const [kh, kw] = [spec.K.length, spec.K[0].length];
  const node = jsInNode(spec.image);
  const wait = node ? '' : 'await ';
  const shrink = spec.shrink;
  return [
    ...header(spec, '// '),
    node
      ? '// Runs in Node (an ES module): the PNG is read with fast-png, as the panel reads it.'
      : '// Runs in a browser (an ES module): the image is decoded as the panel decodes it.',
    "import * as tf from '@tensorflow/tfjs';",
    ...jsImports(spec.image),
    '',
    ...jsLoader(spec.image),
    ...(shrink ? ['', ...jsShrink()] : []),
    '',
    `const { gray, h, w } = ${wait}loadGray(${jsString(spec.image.path)});`,
    ...(shrink
      ? [
          `// The panel computes on at most 4096 pixels a side: this photo was shrunk to ${shrink[0]}×${shrink[1]}.`,
          `let x = tf.tensor4d(shrinkArea(gray, w, h, ${shrink[1]}, ${shrink[0]}), [1, ${shrink[0]}, ${shrink[1]}, 1]);`,
        ]
      : ['let x = tf.tensor4d(gray, [1, h, w, 1]); // NHWC']),
    ...(spec.transpose ? ['x = tf.transpose(x, [0, 2, 1, 3]); // the panel\'s "Transpose X"'] : []),
    `// Kernel K: [kh, kw] = [${kh}, ${kw}]; tf.conv2d's filter is [kh, kw, c_in, c_out].`,
    `const K = ${printArray(spec.K, 'js', 10)};`,
    `const k = tf.tensor4d(K.flat(), [${kh}, ${kw}, 1, 1]);`,
    '// tf.conv2d computes the cross-correlation, in float32 as the panel does.',
    "const Y = tf.squeeze(tf.conv2d(x, k, 1, 'valid'), [0, 3]);",
    "// Y's shape, minimum and maximum (the panel's stats line), then Y.",
    'console.log(Y.shape, tf.min(Y).dataSync()[0], tf.max(Y).dataSync()[0]);',
    'Y.print();',
  ];
}
