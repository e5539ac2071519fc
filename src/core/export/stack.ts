// A second layer stacked on a one-channel layer's output, as the Step panel shows it for the receptive field (d2l
// §7.2.6 "Feature Map and Receptive Field"): z = corr2d(Y, K2), 'valid', stride 1. Appended to the layer's program,
// which defines Y: [1, outH, outW].
import { validateMatrix, type Matrix } from '../matrix';
import { corrGeometry } from '../reference';
import type { ExportTarget } from './code';
import { exportCode } from './code';
import { printArray } from './literal';
import { resolveSpec, type ExportSpec } from './spec';

/**
 * `exportCode(spec, target)` followed by the stacked layer: `Z: [outH − k2h + 1, outW − k2w + 1]` computed from the
 * program's Y and printed. Throws like `exportCode`, "export: the stacked layer needs one output channel, K has N",
 * and the core's "corr2d: …" when K2 does not fit Y.
 */
export function exportStackedCode(spec: ExportSpec, K2: Matrix, target: ExportTarget): string {
  const r = resolveSpec(spec);
  if (r.cOut !== 1) throw new Error(`export: the stacked layer needs one output channel, K has ${r.cOut}`);
  validateMatrix('export', 'K2', K2);
  const Y0 = Array.from({ length: r.outH }, () => new Array<number>(r.outW).fill(0));
  corrGeometry('corr2d', Y0, K2); // throws when K2 does not fit Y
  const [kh, kw] = [K2.length, K2[0].length];
  const marker = target === 'tfjs' ? '//' : '#';
  const head = [
    '',
    `${marker} The stacked second layer (d2l §7.2.6): z = corr2d(Y, K2), 'valid', stride 1; K2: [kh, kw] = [${kh}, ${kw}].`,
  ];
  const lines = {
    numpy: [
      'from scipy.signal import correlate2d',
      `K2 = ${printArray(K2, 'numpy', 5)}`,
      "Z = correlate2d(Y[0], K2, mode='valid')",
      'print(Z)',
    ],
    pytorch: [
      `K2 = torch.tensor(${printArray(K2, 'python', 18)}, dtype=torch.float64)`,
      'Z = F.conv2d(Y[None], K2[None, None])[0, 0]',
      'print(Z)',
    ],
    tensorflow: [
      `K2 = ${printArray(K2, 'numpy', 5)}`,
      "Z = tf.nn.conv2d(Y[0][None, :, :, None], K2[:, :, None, None], strides=1, padding='VALID')[0, :, :, 0]",
      'print(Z)',
    ],
    tfjs: [
      `const K2 = ${printArray(K2, 'js', 11)};`,
      `const z = tf.conv2d(tf.reshape(Y, [1, ${r.outH}, ${r.outW}, 1]), tf.tensor4d(K2.flat(), [${kh}, ${kw}, 1, 1]), 1, 'valid');`,
      'const Z = tf.squeeze(z, [0, 3]);',
      'Z.print();',
    ],
  }[target];
  return `${exportCode(spec, target)}${[...head, ...lines].join('\n')}\n`;
}
