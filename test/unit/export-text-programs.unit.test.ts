// The PyTorch and TensorFlow/Keras programs of the photo and Learn Kernel exports cannot run here (neither
// framework is installed): each case is compared with expected text, reviewed line by line against the frameworks'
// documented conventions — F.conv2d's NCHW input and [c_out, c_in, kh, kw] weight (cross-correlation); tf.nn.conv2d's
// NHWC input and [kh, kw, c_in, c_out] filter; Keras Conv2D's set_weights([kernel, bias]) with the kernel as
// [kh, kw, c_in, c_out]; autograd's .grad and GradientTape.gradient for the summed squared error. The NumPy and tfjs
// programs of the same generators RUN (export-photo / export-learn unit tests); these share their structure.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exportLearnCode, exportPhotoCode, type LearnExportSpec } from '../../src/core/export';

const img8 = { path: '/data/cat.png', format: 'png' as const, bits: 8, channels: 3 };
const img16 = { path: 'C:\\photos\\scan 16.png', format: 'png' as const, bits: 16, channels: 3 };
const book: LearnExportSpec = {
  X: [
    [1, 1, 0, 0],
    [1, 1, 0, 0],
  ],
  target: [[1, -1]],
  initKernel: [[0.25, -0.5]],
  initBias: 0,
  lr: 0.03,
  steps: 10,
  useBias: false,
  tolerance: 1e-12,
  start: "the panel's seeded random kernel (seed 0)",
};

/** Compares line by line, so a failure names the first line that differs. */
function assertText(actual: string, expected: string): void {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) assert.equal(a[i], e[i], `line ${i + 1}`);
}

describe('photo export: PyTorch and TensorFlow text', () => {
  test('PyTorch, 8-bit RGB /data/cat.png (Pillow), K=[1,-1], transposed', () => {
    assertText(exportPhotoCode({ image: img8, K: [[1, -1]], transpose: true }, 'pytorch'), EXPECTED_PHOTO_PYTORCH);
  });
  test('TensorFlow, 16-bit RGB at a Windows path (OpenCV, escaped), Sobel x, shrunk to 4096×3072', () => {
    const K = [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ];
    assertText(exportPhotoCode({ image: img16, K, shrink: [4096, 3072] }, 'tensorflow'), EXPECTED_PHOTO_TENSORFLOW);
  });
});

describe('TensorFlow.js on a photo that is not a PNG: browser code (not runnable in Node)', () => {
  test('JPEG: loadGray decodes as the panel (no premultiplied alpha, no colour conversion), awaited', () => {
    const jpeg = { path: 'photo.jpg', format: 'jpeg' as const, bits: 8, channels: 4 };
    const code = exportPhotoCode({ image: jpeg, K: [[1, -1]] }, 'tfjs');
    assert.ok(!code.includes('fast-png') && !code.includes('node:fs'), 'no Node imports');
    for (const line of [
      '// Runs in a browser (an ES module): the image is decoded as the panel decodes it.',
      "  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });",
      "const { gray, h, w } = await loadGray('photo.jpg');",
      "const Y = tf.squeeze(tf.conv2d(x, k, 1, 'valid'), [0, 3]);",
    ]) {
      assert.ok(code.split('\n').includes(line), line);
    }
    const learn = exportLearnCode({ ...book, X: { image: jpeg, side: 128 } }, 'tfjs');
    assert.ok(learn.split('\n').includes("const { gray, h, w } = await loadGray('photo.jpg');"));
  });
});

describe('Learn Kernel export: PyTorch and Keras text', () => {
  test('PyTorch, X 2×4, target [1,-1], start [0.25,-0.5], lr 0.03, 10 steps, bias fixed at 0', () => {
    assertText(exportLearnCode(book, 'pytorch'), EXPECTED_LEARN_PYTORCH);
  });
  test('Keras Conv2D + set_weights, the same run with the bias learned from 0.5', () => {
    assertText(exportLearnCode({ ...book, useBias: true, initBias: 0.5 }, 'tensorflow'), EXPECTED_LEARN_KERAS);
  });
  test('Keras with a fixed bias 0.25: use_bias=False and b0 added to the output', () => {
    const lines = exportLearnCode({ ...book, initBias: 0.25 }, 'tensorflow')
      .split('\n')
      .filter((l) => /b0|conv2d\(x\)|use_bias/.test(l));
    assertText(lines.join('\n'), EXPECTED_FIXED_BIAS);
  });
  test('PyTorch on a photo /data/cam.png: loader, centre square 128×128, mean removed', () => {
    const photo = { image: { path: '/data/cam.png', format: 'png' as const, bits: 8, channels: 1 }, side: 128 };
    assertText(exportLearnCode({ ...book, X: photo }, 'pytorch'), EXPECTED_LEARN_PHOTO_PYTORCH);
  });
});

const EXPECTED_PHOTO_PYTORCH = `# Conv2D Lens export: Detect Edges on cat.png — Y = X ⋆ K, cross-correlation, 'valid' (d2l §7.2.3).
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image  # Pillow

def load_gray(path):
    """X: [h, w] in [0, 1] as the panel reads the file: BT.601 luma 0.299 R + 0.587 G + 0.114 B of each pixel's
    stored colour at the file's bit depth; alpha is not applied (transparent pixels keep their stored colour)."""
    img = Image.open(path)
    if img.mode.startswith('I'):  # 16-bit grayscale PNG: Pillow keeps the 16-bit samples
        return np.asarray(img, dtype=np.float64) / 65535
    if img.mode in ('1', 'L', 'LA'):  # grayscale; Pillow scales 1-, 2- and 4-bit samples to 0 … 255
        return np.asarray(img.convert('L'), dtype=np.float64) / 255
    rgb = np.asarray(img.convert('RGB'), dtype=np.float64) / 255  # RGB, RGBA, palette: the stored colour
    return 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]

X = load_gray('/data/cat.png')
X = np.ascontiguousarray(X.T)  # the panel's "Transpose X"
# Kernel K: [kh, kw] = [1, 2]
K = np.array([[1, -1]], dtype=np.float64)
# F.conv2d computes the cross-correlation: X[None, None] is NCHW, K[None, None] the weight [c_out, c_in, kh, kw].
Y = F.conv2d(torch.from_numpy(X)[None, None], torch.from_numpy(K)[None, None])[0, 0]
# Y's shape, minimum and maximum (the panel's stats line), then Y.
print(tuple(Y.shape), Y.min().item(), Y.max().item())
print(Y)
`;

const EXPECTED_PHOTO_TENSORFLOW = `# Conv2D Lens export: Detect Edges on scan 16.png — Y = X ⋆ K, cross-correlation, 'valid' (d2l §7.2.3).
import numpy as np
import tensorflow as tf
import cv2  # OpenCV (Debian: python3-opencv)

def load_gray(path):
    """X: [h, w] in [0, 1] as the panel reads the file: BT.601 luma 0.299 R + 0.587 G + 0.114 B of each pixel's
    stored colour at the file's bit depth; alpha is not applied (transparent pixels keep their stored colour)."""
    # A 16-bit PNG with colour or alpha: Pillow would read it at 8 bits, OpenCV keeps all 16 (channels B, G, R, A).
    a = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if a is None:
        raise FileNotFoundError(f'cannot read {path}')
    a = a.astype(np.float64) / 65535
    return a if a.ndim == 2 else 0.299 * a[..., 2] + 0.587 * a[..., 1] + 0.114 * a[..., 0]

def area_weights(n, m):
    """(out, in, weight): the share of input pixel \`in\` (of n) in output pixel \`out\` (of m) when n pixels shrink to m
    by area averaging (as OpenCV's INTER_AREA)."""
    scale = n / m
    triples = []
    for o in range(m):
        a, b = o * scale, (o + 1) * scale
        for i in range(int(np.floor(a)), min(n, int(np.ceil(b)))):
            cover = min(b, i + 1) - max(a, i)
            if cover > 0:
                triples.append((o, i, cover / scale))
    return triples

def shrink_area(X, oh, ow):
    """X: [h, w] → [oh, ow]: each output pixel is the mean of the input area it covers."""
    tmp = np.zeros((X.shape[0], ow))
    for o, i, wt in area_weights(X.shape[1], ow):
        tmp[:, o] += X[:, i] * wt
    out = np.zeros((oh, ow))
    for o, i, wt in area_weights(X.shape[0], oh):
        out[o] += tmp[i] * wt
    return out

X = load_gray('C:\\\\photos\\\\scan 16.png')
# The panel computes on at most 4096 pixels a side: this photo was shrunk to 4096×3072.
X = shrink_area(X, 4096, 3072)
# Kernel K: [kh, kw] = [3, 3]
K = np.array([[-1, 0, 1],
              [-2, 0, 2],
              [-1, 0, 1]], dtype=np.float64)
# tf.nn.conv2d computes the cross-correlation in NHWC; its filter is [kh, kw, c_in, c_out].
Y = tf.nn.conv2d(X[None, :, :, None], K[:, :, None, None], strides=1, padding='VALID')[0, :, :, 0]
# Y's shape, minimum and maximum (the panel's stats line), then Y.
print(tuple(Y.shape), float(tf.reduce_min(Y)), float(tf.reduce_max(Y)))
print(Y)
`;

const EXPECTED_LEARN_PYTORCH = `# Conv2D Lens export: Learn Kernel — plain gradient descent on L = Σ(corr2d(X, K) + b − Y)²,
# Y = corr2d(X, target) (d2l §7.2.4 "Learning a Kernel", with the summed loss): lr 0.03, up to 10 steps,
# kernel learned, bias fixed; the run stops early when the loss falls below the tolerance
# (converged) or passes 1e+30 (diverged).
import numpy as np
import torch
import torch.nn.functional as F

# Input X: [h, w] = [2, 4]
X = np.array([[1, 1, 0, 0],
              [1, 1, 0, 0]], dtype=np.float64)
# Target kernel: [kh, kw] = [1, 2]
target = np.array([[1, -1]], dtype=np.float64)
lr, steps, tolerance = 0.03, 10, 1e-12
# The start: the panel's seeded random kernel (seed 0).
K0 = np.array([[0.25, -0.5]], dtype=np.float64)
b0 = 0.0

X = torch.as_tensor(X, dtype=torch.float64)
target = torch.as_tensor(target, dtype=torch.float64)
# F.conv2d computes the cross-correlation: X[None, None] is NCHW, the weight [c_out, c_in, kh, kw].
Y = F.conv2d(X[None, None], target[None, None])[0, 0]
K = torch.tensor(K0, requires_grad=True)
b = torch.tensor(b0, dtype=torch.float64, requires_grad=False)  # the bias is not learned
for step in range(1, steps + 1):
    l = ((F.conv2d(X[None, None], K[None, None])[0, 0] + b - Y) ** 2).sum()
    loss = l.item()  # L before this step's update
    if not np.isfinite(loss) or loss > 1e+30:
        print(f'diverged at step {step}: loss {loss:.6g}')
        break
    if loss < tolerance:
        print(f'converged at step {step}: loss {loss:.6g} < tolerance')
        break
    l.backward()
    with torch.no_grad():
        K_next = K - lr * K.grad
        b_next = b
        if not (torch.isfinite(K_next).all() and torch.isfinite(b_next)):
            print(f'diverged at step {step}: the update is not finite')
            break
        K.copy_(K_next)
        K.grad.zero_()
    print(f'step {step}, loss {loss:.6g}')
print('K =', K.detach())
print('b =', b.item())
`;

const EXPECTED_LEARN_KERAS = `# Conv2D Lens export: Learn Kernel — plain gradient descent on L = Σ(corr2d(X, K) + b − Y)²,
# Y = corr2d(X, target) (d2l §7.2.4 "Learning a Kernel", with the summed loss): lr 0.03, up to 10 steps,
# kernel and bias learned; the run stops early when the loss falls below the tolerance
# (converged) or passes 1e+30 (diverged).
import numpy as np
import tensorflow as tf

# Input X: [h, w] = [2, 4]
X = np.array([[1, 1, 0, 0],
              [1, 1, 0, 0]], dtype=np.float64)
# Target kernel: [kh, kw] = [1, 2]
target = np.array([[1, -1]], dtype=np.float64)
lr, steps, tolerance = 0.03, 10, 1e-12
# The start: the panel's seeded random kernel (seed 0).
K0 = np.array([[0.25, -0.5]], dtype=np.float64)
b0 = 0.5

x = tf.constant(X[None, :, :, None])  # NHWC
# tf.nn.conv2d computes the cross-correlation; its filter is [kh, kw, c_in, c_out].
y = tf.nn.conv2d(x, target[:, :, None, None], strides=1, padding='VALID')
conv2d = tf.keras.layers.Conv2D(1, (1, 2), use_bias=True, dtype='float64')
conv2d.build((1, 2, 4, 1))
conv2d.set_weights([K0[:, :, None, None], np.array([b0])])  # the kernel as [kh, kw, c_in, c_out]
for step in range(1, steps + 1):
    with tf.GradientTape() as tape:
        l = tf.reduce_sum((conv2d(x) - y) ** 2)
    loss = float(l)  # L before this step's update
    if not np.isfinite(loss) or loss > 1e+30:
        print(f'diverged at step {step}: loss {loss:.6g}')
        break
    if loss < tolerance:
        print(f'converged at step {step}: loss {loss:.6g} < tolerance')
        break
    grads = tape.gradient(l, conv2d.trainable_variables)
    updated = [v - lr * g for v, g in zip(conv2d.trainable_variables, grads)]
    if not all(np.all(np.isfinite(u)) for u in updated):
        print(f'diverged at step {step}: the update is not finite')
        break
    for v, u in zip(conv2d.trainable_variables, updated):
        v.assign(u)
    print(f'step {step}, loss {loss:.6g}')
weights = conv2d.get_weights()
print('K =', weights[0][:, :, 0, 0])
print('b =', weights[1][0])
`;

const EXPECTED_FIXED_BIAS = `b0 = 0.25
conv2d = tf.keras.layers.Conv2D(1, (1, 2), use_bias=False, dtype='float64')
conv2d.set_weights([K0[:, :, None, None]])  # the kernel as [kh, kw, c_in, c_out]; the bias b0 stays fixed
        l = tf.reduce_sum((conv2d(x) + b0 - y) ** 2)
print('b =', b0)`;

const EXPECTED_LEARN_PHOTO_PYTORCH = `# Conv2D Lens export: Learn Kernel — plain gradient descent on L = Σ(corr2d(X, K) + b − Y)²,
# Y = corr2d(X, target) (d2l §7.2.4 "Learning a Kernel", with the summed loss): lr 0.03, up to 10 steps,
# kernel learned, bias fixed; the run stops early when the loss falls below the tolerance
# (converged) or passes 1e+30 (diverged).
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image  # Pillow

def load_gray(path):
    """X: [h, w] in [0, 1] as the panel reads the file: BT.601 luma 0.299 R + 0.587 G + 0.114 B of each pixel's
    stored colour at the file's bit depth; alpha is not applied (transparent pixels keep their stored colour)."""
    img = Image.open(path)
    if img.mode.startswith('I'):  # 16-bit grayscale PNG: Pillow keeps the 16-bit samples
        return np.asarray(img, dtype=np.float64) / 65535
    if img.mode in ('1', 'L', 'LA'):  # grayscale; Pillow scales 1-, 2- and 4-bit samples to 0 … 255
        return np.asarray(img.convert('L'), dtype=np.float64) / 255
    rgb = np.asarray(img.convert('RGB'), dtype=np.float64) / 255  # RGB, RGBA, palette: the stored colour
    return 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]

X = load_gray('/data/cam.png')
# The centre square, sampled at 128×128 points (nearest pixel: smoothing would remove the detail that makes
# the kernel learnable), minus its mean (the loss is then far better conditioned).
s = min(X.shape)
r0, c0 = (X.shape[0] - s) // 2, (X.shape[1] - s) // 2
at = np.minimum(s - 1, np.floor((np.arange(128) + 0.5) * s / 128).astype(int))
X = X[r0 + at][:, c0 + at]
X = X - X.mean()
# Target kernel: [kh, kw] = [1, 2]
target = np.array([[1, -1]], dtype=np.float64)
lr, steps, tolerance = 0.03, 10, 1e-12
# The start: the panel's seeded random kernel (seed 0).
K0 = np.array([[0.25, -0.5]], dtype=np.float64)
b0 = 0.0

X = torch.as_tensor(X, dtype=torch.float64)
target = torch.as_tensor(target, dtype=torch.float64)
# F.conv2d computes the cross-correlation: X[None, None] is NCHW, the weight [c_out, c_in, kh, kw].
Y = F.conv2d(X[None, None], target[None, None])[0, 0]
K = torch.tensor(K0, requires_grad=True)
b = torch.tensor(b0, dtype=torch.float64, requires_grad=False)  # the bias is not learned
for step in range(1, steps + 1):
    l = ((F.conv2d(X[None, None], K[None, None])[0, 0] + b - Y) ** 2).sum()
    loss = l.item()  # L before this step's update
    if not np.isfinite(loss) or loss > 1e+30:
        print(f'diverged at step {step}: loss {loss:.6g}')
        break
    if loss < tolerance:
        print(f'converged at step {step}: loss {loss:.6g} < tolerance')
        break
    l.backward()
    with torch.no_grad():
        K_next = K - lr * K.grad
        b_next = b
        if not (torch.isfinite(K_next).all() and torch.isfinite(b_next)):
            print(f'diverged at step {step}: the update is not finite')
            break
        K.copy_(K_next)
        K.grad.zero_()
    print(f'step {step}, loss {loss:.6g}')
print('K =', K.detach())
print('b =', b.item())
`;
