// The names of the TensorFlow.js kernels the views register (tfjs-kernels.ts), without importing a backend: the unit
// tier checks them against the kernels the views' computations really run.

/** Kernel names registered by tfjs-kernels.ts, on both backends (tests compare it with the ops the views call). */
export const FORWARD_KERNELS: readonly string[] = [
  'Conv2D',
  'PadV2',
  'Reshape',
  'Reverse',
  'Slice',
  'Identity',
  'Cast',
  'Multiply',
  'Add',
  'Sub',
  'Square',
  'Sum',
  // Channels (d2l §7.4): groups run as split → conv2d → concat, depthwise on its own kernel.
  'Concat',
  'ExpandDims',
  'SplitV',
  'DepthwiseConv2dNative',
  // The transposed convolution (d2l §14.10): tf.conv2dTranspose is the gradient of conv2d with respect to its input.
  'Conv2DBackpropInput',
];
