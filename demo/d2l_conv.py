"""Dive into Deep Learning, section 7.2 "Convolutions for Images" (section 5.1 of the TensorFlow 2 port).

Open this file with Conv2D Lens installed: hover a matrix literal to see its shape and a heat map, or run
"Conv2D: Step Cross-Correlation" on the corr2d(X, K) call below.
"""
import numpy as np
import tensorflow as tf


def corr2d(X, K):
    """Compute 2D cross-correlation."""
    h, w = K.shape
    Y = tf.Variable(tf.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1)))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j].assign(tf.reduce_sum(X[i: i + h, j: j + w] * K))
    return Y


# Fig. 7.2.1 (Fig. 5.1 of the TF2 port): a 3x3 input and a 2x2 kernel give a 2x2 output [[19, 25], [37, 43]].
X = tf.constant([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
K = tf.constant([[0.0, 1.0], [2.0, 3.0]])
print(corr2d(X, K))

# The same input as a NumPy array.
X_np = np.array([[0, 1, 2],
                 [3, 4, 5],
                 [6, 7, 8]])

# Object edge detection: a 6x8 image, black (0) in the middle four columns, white (1) elsewhere.
X = [[1, 1, 0, 0, 0, 0, 1, 1],
     [1, 1, 0, 0, 0, 0, 1, 1],
     [1, 1, 0, 0, 0, 0, 1, 1],
     [1, 1, 0, 0, 0, 0, 1, 1],
     [1, 1, 0, 0, 0, 0, 1, 1],
     [1, 1, 0, 0, 0, 0, 1, 1]]
K = [[1, -1]]
# 1 marks the edge from white to black, -1 the edge from black to white.
Y = corr2d(tf.constant(X, dtype=tf.float32), tf.constant(K, dtype=tf.float32))
print(Y)

# The kernel only detects vertical edges: on the transposed image the output is all zeros.
print(corr2d(tf.transpose(tf.constant(X, dtype=tf.float32)), tf.constant(K, dtype=tf.float32)))

# Learning a kernel: a Conv2D layer with one output channel and a 1x2 kernel, trained to reproduce Y.
conv2d = tf.keras.layers.Conv2D(1, kernel_size=(1, 2), use_bias=False)
X_train = tf.reshape(tf.constant(X, dtype=tf.float32), (1, 6, 8, 1))
Y_train = tf.reshape(Y, (1, 6, 7, 1))
lr = 3e-2
for i in range(10):
    with tf.GradientTape(watch_accessed_variables=False) as g:
        g.watch(conv2d.weights[0])
        Y_hat = conv2d(X_train)
        l = (abs(Y_hat - Y_train)) ** 2
        update = tf.multiply(lr, g.gradient(l, conv2d.weights[0]))
        weights = conv2d.get_weights()
        weights[0] = conv2d.weights[0] - update
        conv2d.set_weights(weights)
        if (i + 1) % 2 == 0:
            print(f'epoch {i + 1}, loss {tf.reduce_sum(l):.3f}')
