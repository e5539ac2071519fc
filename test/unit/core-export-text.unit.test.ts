// PyTorch and TensorFlow exports cannot run here (neither framework is installed), so each is compared with expected
// text written by hand from the frameworks' documented conventions and reviewed line by line:
// - F.pad takes (left, right, top, bottom); F.conv2d's weight is [c_out, c_in/groups, kh, kw], its padding symmetric;
//   F.conv_transpose2d's weight is [c_in, c_out/groups, kh, kw], output_padding adds at the bottom/right.
// - tf.nn.conv2d's filter is [kh, kw, in, out], its explicit padding [[0,0],[t,b],[l,r],[0,0]] in NHWC;
//   tf.nn.conv2d_transpose's filter is [kh, kw, out, in] and its output_shape must be given.
// The numbers these snippets would print are the reference's: the same structure runs in NumPy and tfjs
// (core-export.unit.test.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exportCode, specFrom2d, type ExportSpec } from '../../src/core/export';

const d2lX = [
  [
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
  ],
  [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ],
];

/** (a) d2l §7.4 x=[2,3,3] k=[1,2,2,2], 'same' with stride 2 (odd pad: bottom/right), bias. */
const sameSpec: ExportSpec = {
  op: 'correlation',
  X: d2lX,
  K: [
    [
      [
        [0, 1],
        [2, 3],
      ],
      [
        [1, 2],
        [3, 4],
      ],
    ],
  ],
  bias: [1],
  padding: 'same',
  stride: 2,
};

/** (b) true convolution, depthwise x=[2,3,3] k=[2,1,2,2] groups 2, padding 1, dilation 2, bias. */
const depthwiseSpec: ExportSpec = {
  op: 'convolution',
  X: d2lX,
  K: [
    [
      [
        [1, 0],
        [0, 1],
      ],
    ],
    [
      [
        [0, 1],
        [1, 0],
      ],
    ],
  ],
  groups: 2,
  padding: 1,
  dilation: 2,
  bias: [0.5, -0.5],
};

/** (c) d2l §14.10 transposed x=[2,2] k=[2,2] stride 2, crop [[0,1],[1,0]], output padding 1. */
const transposedSpec = specFrom2d(
  'transposed',
  [
    [0, 1],
    [2, 3],
  ],
  [
    [0, 1],
    [2, 3],
  ],
  {
    stride: 2,
    padding: [
      [0, 1],
      [1, 0],
    ],
    outputPadding: 1,
  },
);

const torchX = `X = torch.tensor([[[0, 1, 2],
                   [3, 4, 5],
                   [6, 7, 8]],

                  [[1, 2, 3],
                   [4, 5, 6],
                   [7, 8, 9]]], dtype=torch.float64)`;

const numpyX = `X = np.array([[[0, 1, 2],
               [3, 4, 5],
               [6, 7, 8]],

              [[1, 2, 3],
               [4, 5, 6],
               [7, 8, 9]]], dtype=np.float64)`;

describe('PyTorch export text', () => {
  test('(a) x=[2,3,3] k=[1,2,2,2] s=2 p=same bias: F.pad (0, 1, 0, 1) then F.conv2d padding=0', () => {
    assert.equal(
      exportCode(sameSpec, 'pytorch'),
      `# Conv2D Lens export: cross-correlation, 2 → 1 channels, stride 2, dilation 1.
import torch
import torch.nn.functional as F

# Input X: [c_in, h, w] = [2, 3, 3]; X[None] is the batch of one, NCHW
${torchX}
# Weight K: [c_out, c_in/groups, kh, kw] = [1, 2, 2, 2] (Conv2d layout)
K = torch.tensor([[[[0, 1],
                    [2, 3]],

                   [[1, 2],
                    [3, 4]]]], dtype=torch.float64)
# Bias b: [c_out]
b = torch.tensor([1], dtype=torch.float64)

# Zero padding top 0, bottom 1, left 0, right 1: 'same' as TensorFlow computes it (output = ceil(input / stride));
# an odd total puts the extra row/column at the bottom/right.
# F.conv2d pads both sides alike, so F.pad adds these (last axis first: left, right, top, bottom).
X = F.pad(X, (0, 1, 0, 1))
Y = F.conv2d(X[None], K, bias=b, stride=(2, 2), padding=0, dilation=(1, 1), groups=1)[0]
print(Y)
`,
    );
  });
  test('(b) true convolution depthwise x=[2,3,3] k=[2,1,2,2] groups=2 p=1 d=2 bias: K.flip(-2, -1)', () => {
    assert.equal(
      exportCode(depthwiseSpec, 'pytorch'),
      `# Conv2D Lens export: true convolution, 2 → 2 channels, depthwise (groups 2), stride 1, dilation 2.
import torch
import torch.nn.functional as F

# Input X: [c_in, h, w] = [2, 3, 3]; X[None] is the batch of one, NCHW
${torchX}
# Weight K: [c_out, c_in/groups, kh, kw] = [2, 1, 2, 2] (Conv2d layout)
K = torch.tensor([[[[1, 0],
                    [0, 1]]],


                  [[[0, 1],
                    [1, 0]]]], dtype=torch.float64)
# Bias b: [c_out]
b = torch.tensor([0.5, -0.5], dtype=torch.float64)

# True convolution: F.conv2d computes the cross-correlation, so flip each kernel both ways.
K = K.flip(-2, -1)
# Zero padding top 1, bottom 1, left 1, right 1.
Y = F.conv2d(X[None], K, bias=b, stride=(1, 1), padding=(1, 1), dilation=(2, 2), groups=2)[0]
print(Y)
`,
    );
  });
  test('(c) transposed x=[1,2,2] k=[1,1,2,2] s=2 crop [[0,1],[1,0]] output_padding=1: uncropped, then sliced', () => {
    assert.equal(
      exportCode(transposedSpec, 'pytorch'),
      `# Conv2D Lens export: transposed convolution, 1 → 1 channel, stride 2, dilation 1.
import torch
import torch.nn.functional as F

# Input X: [c_in, h, w] = [1, 2, 2]; X[None] is the batch of one, NCHW
X = torch.tensor([[[0, 1],
                   [2, 3]]], dtype=torch.float64)
# Weight K: [c_in, c_out/groups, kh, kw] = [1, 1, 2, 2] (ConvTranspose2d layout)
K = torch.tensor([[[[0, 1],
                    [2, 3]]]], dtype=torch.float64)

# Padding crops the full result (top 0, bottom 1, left 1, right 0); output padding adds 1 row(s) at the bottom
# and 1 column(s) at the right (PyTorch's conv_transpose2d convention).
# conv_transpose2d crops both sides alike, so compute the uncropped result and slice.
Y = F.conv_transpose2d(X[None], K, bias=None, stride=(2, 2), padding=0, output_padding=(1, 1), dilation=(1, 1), groups=1)[0]
Y = Y[:, 0:4, 1:5]
print(Y)
`,
    );
  });
});

describe('TensorFlow export text', () => {
  test("(a) x=[2,3,3] k=[1,2,2,2] s=2 p=same bias: padding='SAME', filter K.transpose(2, 3, 1, 0)", () => {
    assert.equal(
      exportCode(sameSpec, 'tensorflow'),
      `# Conv2D Lens export: cross-correlation, 2 → 1 channels, stride 2, dilation 1.
import numpy as np
import tensorflow as tf

# Input X: [c_in, h, w] = [2, 3, 3]
${numpyX}
# Kernels K: [c_out, c_in/groups, kh, kw] = [1, 2, 2, 2] (PyTorch's Conv2d layout)
K = np.array([[[[0, 1],
                [2, 3]],

               [[1, 2],
                [3, 4]]]], dtype=np.float64)
# Bias b: [c_out]
b = np.array([1], dtype=np.float64)

# TensorFlow works in NHWC: x is [1, h, w, c_in].
x = tf.constant(X.transpose(1, 2, 0)[None])
# tf.nn.conv2d's filter is [kh, kw, c_in/groups, c_out]: a transpose of K, not a reshape
# (a reshape scrambles the kernels).
k = K.transpose(2, 3, 1, 0)
k = tf.constant(np.ascontiguousarray(k))
# padding='SAME' is the rule the product follows for 'same': output = ceil(input / stride), an odd total
# padding puts the extra row/column at the bottom/right (here top 0, bottom 1, left 0, right 1).
y = tf.nn.conv2d(x, k, strides=[1, 2, 2, 1], padding='SAME')
y = y + b  # one bias per output channel (the last axis)
Y = tf.transpose(y[0], [2, 0, 1])  # back to [c_out, h, w]
print(Y)
`,
    );
  });
  test('(b) true convolution depthwise groups=2 p=1 d=2 bias: flipped, dilation written into the kernel, split', () => {
    assert.equal(
      exportCode(depthwiseSpec, 'tensorflow'),
      `# Conv2D Lens export: true convolution, 2 → 2 channels, depthwise (groups 2), stride 1, dilation 2.
import numpy as np
import tensorflow as tf

# Input X: [c_in, h, w] = [2, 3, 3]
${numpyX}
# Kernels K: [c_out, c_in/groups, kh, kw] = [2, 1, 2, 2] (PyTorch's Conv2d layout)
K = np.array([[[[1, 0],
                [0, 1]]],


              [[[0, 1],
                [1, 0]]]], dtype=np.float64)
# Bias b: [c_out]
b = np.array([0.5, -0.5], dtype=np.float64)

# TensorFlow works in NHWC: x is [1, h, w, c_in].
x = tf.constant(X.transpose(1, 2, 0)[None])
# tf.nn.conv2d's filter is [kh, kw, c_in/groups, c_out]: a transpose of K, not a reshape
# (a reshape scrambles the kernels).
k = K.transpose(2, 3, 1, 0)
# True convolution: tf.nn.conv2d computes the cross-correlation, so flip each kernel both ways.
k = k[::-1, ::-1]
# Dilation 2 written into the kernel, the same operation (1 zero row and 1 zero column between taps):
# TensorFlow refuses dilation > 1 on CPU in places (tensorflow/tensorflow#69103) and with stride > 1 in Keras.
kd = np.zeros((3, 3) + k.shape[2:])
kd[::2, ::2] = k
k = kd
k = tf.constant(np.ascontiguousarray(k))
# Zero padding top 1, bottom 1, left 1, right 1.
# groups 2: one tf.nn.conv2d per group of input channels and of filters, outputs concatenated.
y = tf.concat([tf.nn.conv2d(xg, kg, strides=[1, 1, 1, 1], padding=[[0, 0], [1, 1], [1, 1], [0, 0]])
               for xg, kg in zip(tf.split(x, 2, axis=3), tf.split(k, 2, axis=3))], axis=3)
y = y + b  # one bias per output channel (the last axis)
Y = tf.transpose(y[0], [2, 0, 1])  # back to [c_out, h, w]
print(Y)
`,
    );
  });
  test("(c) transposed s=2 crop [[0,1],[1,0]] output_padding=1: conv2d_transpose 'VALID' 4×4, tf.pad, slice", () => {
    assert.equal(
      exportCode(transposedSpec, 'tensorflow'),
      `# Conv2D Lens export: transposed convolution, 1 → 1 channel, stride 2, dilation 1.
import numpy as np
import tensorflow as tf

# Input X: [c_in, h, w] = [1, 2, 2]
X = np.array([[[0, 1],
               [2, 3]]], dtype=np.float64)
# Kernels K: [c_in, c_out/groups, kh, kw] = [1, 1, 2, 2] (PyTorch's ConvTranspose2d layout)
K = np.array([[[[0, 1],
                [2, 3]]]], dtype=np.float64)

# TensorFlow works in NHWC: x is [1, h, w, c_in].
x = tf.constant(X.transpose(1, 2, 0)[None])
# tf.nn.conv2d_transpose's filter is [kh, kw, c_out/groups, c_in]: a transpose of K, not a reshape
# (a reshape scrambles the kernels).
k = K.transpose(2, 3, 1, 0)
k = tf.constant(np.ascontiguousarray(k))
# The full transposed convolution, (h - 1)*s + d*(k - 1) + 1 = 4 × 4 ('VALID'), then PyTorch's
# padding (crop) and output padding (extra rows/columns at the bottom/right) as explicit slices.
full = tf.nn.conv2d_transpose(x, k, output_shape=[1, 4, 4, 1], strides=[1, 2, 2, 1], padding='VALID')
# Padding crops the full result (top 0, bottom 1, left 1, right 0); output padding adds 1 row(s) at the bottom
# and 1 column(s) at the right (PyTorch's conv_transpose2d convention).
full = tf.pad(full, [[0, 0], [0, 1], [0, 1], [0, 0]])
y = full[:, 0:4, 1:5, :]
Y = tf.transpose(y[0], [2, 0, 1])  # back to [c_out, h, w]
print(Y)
`,
    );
  });
});
