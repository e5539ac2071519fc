"""Dive into Deep Learning, section 7.4 "Multiple Input and Multiple Output Channels" (section 5.3 of the TensorFlow 2
port), and section 14.10 "Transposed Convolution".

Put the cursor on corr2d_multi_in(X, K) or corr2d_multi_in_out(X, K) below and run "Conv2D: Step Cross-Correlation":
the window moves over both input channels at once, and the arithmetic shows each channel's partial sum.
"""
import tensorflow as tf


def corr2d_multi_in(X, K):
    # Iterate over the channel (first) dimension of X and K, then add the results.
    return tf.reduce_sum([corr2d(x, k) for x, k in zip(X, K)], axis=0)


def corr2d_multi_in_out(X, K):
    # Iterate over the output channels of K; each computes corr2d_multi_in with X, stacked.
    return tf.stack([corr2d_multi_in(X, k) for k in K], 0)


# Two input channels, one output channel: [[56, 72], [104, 120]].
X = tf.constant([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
                 [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
K = tf.constant([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
print(corr2d_multi_in(X, K))

# Three output channels: K, K + 1 and K + 2 stacked (shape 3x2x2x2).
K3 = tf.stack((K, K + 1, K + 2), 0)
K3 = [[[[0, 1], [2, 3]], [[1, 2], [3, 4]]],
      [[[1, 2], [3, 4]], [[2, 3], [4, 5]]],
      [[[2, 3], [4, 5]], [[3, 4], [5, 6]]]]
print(corr2d_multi_in_out(X, K3))

# A PyTorch weight (2 output channels, 1 input channel, 2x2): in TensorFlow's [kh, kw, in, out] layout it is
# tf.transpose(W, (2, 3, 1, 0)), not a reshape.
W = [[[[1, 2], [3, 4]]],
     [[[5, 6], [7, 8]]]]


def trans_conv(X, K):
    """Transposed convolution (d2l section 14.10): every input element scatters X[i, j] * K into the output."""
    h, w = K.shape
    Y = tf.Variable(tf.zeros((X.shape[0] + h - 1, X.shape[1] + w - 1)))
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            Y[i: i + h, j: j + w].assign(Y[i: i + h, j: j + w] + X[i, j] * K)
    return Y


Xt = [[0.0, 1.0], [2.0, 3.0]]
Kt = [[0.0, 1.0], [2.0, 3.0]]
print(trans_conv(tf.constant(Xt), tf.constant(Kt)))  # [[0, 0, 1], [0, 4, 6], [4, 12, 9]]
