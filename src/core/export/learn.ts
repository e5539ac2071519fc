// Code export of Learn Kernel: the experiment of d2l §7.2.4 "Learning a Kernel" as the panel runs it — X (a matrix,
// or a photo loaded by the program: gray, centre square, mean removed), Y = corr2d(X, target), then plain gradient
// descent on the summed squared error L = Σ(corr2d(X, K) + b − Y)² from the panel's start, with its lr and steps,
// the bias trained or not, and its stopping rules (converged below the tolerance, diverged above 1e30 or not finite).
// NumPy writes the gradient out (dL/dK = 2·corr2d(X, Ŷ − Y), dL/db = 2·Σ(Ŷ − Y)); PyTorch uses autograd as the
// book does; TensorFlow a Keras Conv2D layer set with set_weights and a GradientTape, as the book's TensorFlow port;
// TensorFlow.js tf.variableGrads, as the panel.
import { DIVERGENCE_LOSS } from '../learn-reference';
import { validateMatrix, type Matrix } from '../matrix';
import type { ExportTarget } from './code';
import {
  jsImports,
  jsInNode,
  jsLoader,
  jsString,
  pythonCentreSquare,
  pythonImports,
  pythonLoader,
  pyString,
} from './image';
import type { ImageSource } from './image';
import { printArray } from './literal';

/** A photo as Learn Kernel uses it: gray, the centre square sampled at `side`×`side` points, minus its mean. */
export interface LearnPhoto {
  image: ImageSource;
  side: number;
}

/** One learning run as the panel sets it up. `X: [h, w]`, `target`, `initKernel: [kh, kw]`. */
export interface LearnExportSpec {
  X: Matrix | LearnPhoto;
  target: Matrix;
  initKernel: Matrix;
  initBias: number;
  lr: number;
  steps: number;
  useBias: boolean;
  /** The run stops (converged) once the loss is below this. */
  tolerance: number;
  /** How the start was chosen, for a comment ("seeded random start, seed 0"). */
  start?: string;
}

/**
 * Source code for `target` that runs the experiment and prints the loss of every step (before its update), why the
 * run stopped, and the final K and b. NumPy, PyTorch and TensorFlow compute in float64, TensorFlow.js in float32.
 * Throws "export: …" for matrices that are not rectangular and finite, or a start kernel not shaped like the target.
 */
export function exportLearnCode(spec: LearnExportSpec, target: ExportTarget): string {
  validateMatrix('export', 'target', spec.target);
  validateMatrix('export', 'initKernel', spec.initKernel);
  if (!isPhoto(spec.X)) validateMatrix('export', 'X', spec.X);
  const [kh, kw] = [spec.target.length, spec.target[0].length];
  if (spec.initKernel.length !== kh || spec.initKernel[0].length !== kw) {
    throw new Error(
      `export: initKernel is ${spec.initKernel.length}×${spec.initKernel[0].length}, the target ${kh}×${kw}`,
    );
  }
  const lines = target === 'tfjs' ? jsCode(spec) : pythonCode(spec, target);
  return `${lines.join('\n')}\n`;
}

function isPhoto(X: LearnExportSpec['X']): X is LearnPhoto {
  return !Array.isArray(X);
}

function header(spec: LearnExportSpec, marker: string): string[] {
  return [
    `${marker}Conv2D Lens export: Learn Kernel — plain gradient descent on L = Σ(corr2d(X, K) + b − Y)²,`,
    `${marker}Y = corr2d(X, target) (d2l §7.2.4 "Learning a Kernel", with the summed loss): lr ${spec.lr}, up to ${spec.steps} steps,`,
    `${marker}${spec.useBias ? 'kernel and bias learned' : 'kernel learned, bias fixed'}; the run stops early when the loss falls below the tolerance`,
    `${marker}(converged) or passes ${DIVERGENCE_LOSS} (diverged).`,
  ];
}

function pyNumber(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** Python lines defining X (numpy float64): the literal, or the photo as the panel samples it. */
function pythonX(spec: LearnExportSpec): string[] {
  if (!isPhoto(spec.X))
    return [`# Input X: [h, w] = [${spec.X.length}, ${spec.X[0].length}]`, `X = ${printArray(spec.X, 'numpy', 4)}`];
  return [`X = load_gray(${pyString(spec.X.image.path)})`, ...pythonCentreSquare(spec.X.side)];
}

function pythonCode(spec: LearnExportSpec, target: Exclude<ExportTarget, 'tfjs'>): string[] {
  const photo = isPhoto(spec.X) ? spec.X : undefined;
  const imports = {
    numpy: ['from scipy.signal import correlate2d'],
    pytorch: ['import torch', 'import torch.nn.functional as F'],
    tensorflow: ['import tensorflow as tf'],
  }[target];
  const settings = [
    `lr, steps, tolerance = ${spec.lr}, ${spec.steps}, ${spec.tolerance}`,
    `# The start: ${spec.start ?? "the panel's initial kernel"}.`,
    `K0 = ${printArray(spec.initKernel, 'numpy', 5)}`,
    `b0 = ${pyNumber(spec.initBias)}`,
  ];
  const body = { numpy: numpyRun, pytorch: torchRun, tensorflow: kerasRun }[target](spec);
  return [
    ...header(spec, '# '),
    'import numpy as np',
    ...imports,
    ...(photo ? pythonImports(photo.image) : []),
    '',
    ...(photo ? [...pythonLoader(photo.image), ''] : []),
    ...pythonX(spec),
    `# Target kernel: [kh, kw] = [${spec.target.length}, ${spec.target[0].length}]`,
    `target = ${printArray(spec.target, 'numpy', 9)}`,
    ...settings,
    '',
    ...body,
  ];
}

const STOP_PY = [
  `    if not np.isfinite(loss) or loss > ${DIVERGENCE_LOSS}:`,
  "        print(f'diverged at step {step}: loss {loss:.6g}')",
  '        break',
  '    if loss < tolerance:',
  "        print(f'converged at step {step}: loss {loss:.6g} < tolerance')",
  '        break',
];

function numpyRun(spec: LearnExportSpec): string[] {
  return [
    "Y = correlate2d(X, target, mode='valid')",
    'K, b = K0, b0',
    'for step in range(1, steps + 1):',
    "    R = correlate2d(X, K, mode='valid') + b - Y  # the residual Ŷ − Y",
    "    loss = np.sum(R ** 2)  # L before this step's update",
    ...STOP_PY,
    "    K_next = K - lr * 2 * correlate2d(X, R, mode='valid')  # dL/dK = 2·corr2d(X, Ŷ − Y)",
    spec.useBias
      ? '    b_next = b - lr * 2 * np.sum(R)  # dL/db = 2·Σ(Ŷ − Y)'
      : '    b_next = b  # the bias is not learned',
    '    if not (np.all(np.isfinite(K_next)) and np.isfinite(b_next)):',
    "        print(f'diverged at step {step}: the update is not finite')",
    '        break',
    '    K, b = K_next, b_next',
    "    print(f'step {step}, loss {loss:.6g}')",
    "print('K =', K)",
    "print('b =', b)",
  ];
}

function torchRun(spec: LearnExportSpec): string[] {
  return [
    'X = torch.as_tensor(X, dtype=torch.float64)',
    'target = torch.as_tensor(target, dtype=torch.float64)',
    '# F.conv2d computes the cross-correlation: X[None, None] is NCHW, the weight [c_out, c_in, kh, kw].',
    'Y = F.conv2d(X[None, None], target[None, None])[0, 0]',
    'K = torch.tensor(K0, requires_grad=True)',
    `b = torch.tensor(b0, dtype=torch.float64, requires_grad=${spec.useBias ? 'True' : 'False'})${spec.useBias ? '' : '  # the bias is not learned'}`,
    'for step in range(1, steps + 1):',
    '    l = ((F.conv2d(X[None, None], K[None, None])[0, 0] + b - Y) ** 2).sum()',
    "    loss = l.item()  # L before this step's update",
    ...STOP_PY,
    '    l.backward()',
    '    with torch.no_grad():',
    '        K_next = K - lr * K.grad',
    ...(spec.useBias ? ['        b_next = b - lr * b.grad'] : ['        b_next = b']),
    '        if not (torch.isfinite(K_next).all() and torch.isfinite(b_next)):',
    "            print(f'diverged at step {step}: the update is not finite')",
    '            break',
    '        K.copy_(K_next)',
    ...(spec.useBias ? ['        b.copy_(b_next)', '        b.grad.zero_()'] : []),
    '        K.grad.zero_()',
    "    print(f'step {step}, loss {loss:.6g}')",
    "print('K =', K.detach())",
    "print('b =', b.item())",
  ];
}

function kerasRun(spec: LearnExportSpec): string[] {
  const [h, w] = isPhoto(spec.X) ? [spec.X.side, spec.X.side] : [spec.X.length, spec.X[0].length];
  const [kh, kw] = [spec.target.length, spec.target[0].length];
  const fixedBias = !spec.useBias;
  return [
    'x = tf.constant(X[None, :, :, None])  # NHWC',
    '# tf.nn.conv2d computes the cross-correlation; its filter is [kh, kw, c_in, c_out].',
    "y = tf.nn.conv2d(x, target[:, :, None, None], strides=1, padding='VALID')",
    `conv2d = tf.keras.layers.Conv2D(1, (${kh}, ${kw}), use_bias=${spec.useBias ? 'True' : 'False'}, dtype='float64')`,
    `conv2d.build((1, ${h}, ${w}, 1))`,
    spec.useBias
      ? 'conv2d.set_weights([K0[:, :, None, None], np.array([b0])])  # the kernel as [kh, kw, c_in, c_out]'
      : 'conv2d.set_weights([K0[:, :, None, None]])  # the kernel as [kh, kw, c_in, c_out]; the bias b0 stays fixed',
    'for step in range(1, steps + 1):',
    '    with tf.GradientTape() as tape:',
    `        l = tf.reduce_sum((conv2d(x)${fixedBias ? ' + b0' : ''} - y) ** 2)`,
    "    loss = float(l)  # L before this step's update",
    ...STOP_PY,
    '    grads = tape.gradient(l, conv2d.trainable_variables)',
    '    updated = [v - lr * g for v, g in zip(conv2d.trainable_variables, grads)]',
    '    if not all(np.all(np.isfinite(u)) for u in updated):',
    "        print(f'diverged at step {step}: the update is not finite')",
    '        break',
    '    for v, u in zip(conv2d.trainable_variables, updated):',
    '        v.assign(u)',
    "    print(f'step {step}, loss {loss:.6g}')",
    'weights = conv2d.get_weights()',
    "print('K =', weights[0][:, :, 0, 0])",
    `print('b =', ${spec.useBias ? 'weights[1][0]' : 'b0'})`,
  ];
}

function jsCode(spec: LearnExportSpec): string[] {
  const photo = isPhoto(spec.X) ? spec.X : undefined;
  const [kh, kw] = [spec.target.length, spec.target[0].length];
  const node = !photo || jsInNode(photo.image);
  const xLines = photo
    ? [
        `const { gray, h, w } = ${node ? '' : 'await '}loadGray(${jsString(photo.image.path)});`,
        `// The centre square, sampled at ${photo.side}×${photo.side} points (nearest pixel), minus its mean.`,
        'const s = Math.min(h, w);',
        'const [r0, c0] = [Math.floor((h - s) / 2), Math.floor((w - s) / 2)];',
        `const at = (k) => Math.min(s - 1, Math.floor(((k + 0.5) * s) / ${photo.side}));`,
        `const X0 = Array.from({ length: ${photo.side} }, (_, r) =>`,
        `  Array.from({ length: ${photo.side} }, (_, c) => gray[(r0 + at(r)) * w + c0 + at(c)]));`,
        `const mean = X0.flat().reduce((a, v) => a + v, 0) / ${photo.side * photo.side};`,
        'const X = X0.map((row) => row.map((v) => v - mean));',
      ]
    : [
        `// Input X: [h, w] = [${(spec.X as Matrix).length}, ${(spec.X as Matrix)[0].length}]`,
        `const X = ${printArray(spec.X as Matrix, 'js', 10)};`,
      ];
  return [
    ...header(spec, '// '),
    "import * as tf from '@tensorflow/tfjs';",
    ...(photo ? jsImports(photo.image) : []),
    '',
    ...(photo ? [...jsLoader(photo.image), ''] : []),
    ...xLines,
    `// Target kernel: [kh, kw] = [${kh}, ${kw}]`,
    `const target = ${printArray(spec.target, 'js', 15)};`,
    `const [lr, steps, tolerance] = [${spec.lr}, ${spec.steps}, ${spec.tolerance}];`,
    `// The start: ${spec.start ?? "the panel's initial kernel"}.`,
    `const K0 = ${printArray(spec.initKernel, 'js', 11)};`,
    `const b0 = ${spec.initBias};`,
    '',
    '// NHWC input; tf.conv2d computes the cross-correlation, its filter is [kh, kw, c_in, c_out].',
    'const x = tf.tensor4d(X.flat(), [1, X.length, X[0].length, 1]);',
    `const y = tf.conv2d(x, tf.tensor4d(target.flat(), [${kh}, ${kw}, 1, 1]), 1, 'valid');`,
    `const k = tf.variable(tf.tensor4d(K0.flat(), [${kh}, ${kw}, 1, 1]));`,
    `const b = tf.variable(tf.scalar(b0), ${spec.useBias}); // ${spec.useBias ? 'learned' : 'not learned'}`,
    `const verdict = (loss) => (!Number.isFinite(loss) || loss > ${DIVERGENCE_LOSS} ? 'diverged' : loss < tolerance ? 'converged' : 'update');`,
    'for (let step = 1; step <= steps; step++) {',
    '  const [loss, finite] = tf.tidy(() => {',
    "    const f = () => tf.sum(tf.square(tf.sub(tf.add(tf.conv2d(x, k, 1, 'valid'), b), y)));",
    `    const { value, grads } = tf.variableGrads(f, ${spec.useBias ? '[k, b]' : '[k]'});`,
    "    const loss = value.dataSync()[0]; // L before this step's update",
    "    if (verdict(loss) !== 'update') return [loss, true];",
    '    const nextK = tf.sub(k, tf.mul(grads[k.name], lr));',
    spec.useBias ? '    const nextB = tf.sub(b, tf.mul(grads[b.name], lr));' : '    const nextB = b;',
    '    const finite = [nextK, nextB].every((t) => t.dataSync().every(Number.isFinite));',
    '    if (finite) {',
    '      k.assign(nextK);',
    ...(spec.useBias ? ['      b.assign(nextB);'] : []),
    '    }',
    '    return [loss, finite];',
    '  });',
    "  if (verdict(loss) !== 'update') {",
    '    console.log(`${verdict(loss)} at step ${step}: loss ${loss.toPrecision(6)}`);',
    '    break;',
    '  }',
    '  if (!finite) {',
    '    console.log(`diverged at step ${step}: the update is not finite`);',
    '    break;',
    '  }',
    '  console.log(`step ${step}, loss ${loss.toPrecision(6)}`);',
    '}',
    `const K = tf.reshape(k, [${kh}, ${kw}]);`,
    "console.log('K =');",
    'K.print();',
    "console.log('b =', b.dataSync()[0]);",
  ];
}
