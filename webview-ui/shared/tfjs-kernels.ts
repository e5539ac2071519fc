// TensorFlow.js for the views, custom-bundle style: the cpu and webgl backends without their "register every kernel"
// side effect, plus only the kernels the views run (forward cross-correlation and the learner's forward pass). The
// full registrations made each bundle 700–760 kB; this keeps them under the 700 kB goal of issue 7. A missing
// kernel shows as "Kernel 'X' not registered for backend 'cpu'": add it here (and to the unit test's list).
import { registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu/dist/base';
import '@tensorflow/tfjs-backend-webgl/dist/base';
import { conv2DConfig as cpuConv2D } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2D';
import { conv2DConfig as glConv2D } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Conv2D';
import { padV2Config as cpuPadV2 } from '@tensorflow/tfjs-backend-cpu/dist/kernels/PadV2';
import { padV2Config as glPadV2 } from '@tensorflow/tfjs-backend-webgl/dist/kernels/PadV2';
import { reshapeConfig as cpuReshape } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { reshapeConfig as glReshape } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Reshape';
import { reverseConfig as cpuReverse } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reverse';
import { reverseConfig as glReverse } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Reverse';
import { sliceConfig as cpuSlice } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Slice';
import { sliceConfig as glSlice } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Slice';
import { identityConfig as cpuIdentity } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity';
import { identityConfig as glIdentity } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Identity';
import { castConfig as cpuCast } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast';
import { castConfig as glCast } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Cast';
import { multiplyConfig as cpuMultiply } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply';
import { multiplyConfig as glMultiply } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Multiply';
import { addConfig as cpuAdd } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add';
import { addConfig as glAdd } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Add';
import { subConfig as cpuSub } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub';
import { subConfig as glSub } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sub';
import { squareConfig as cpuSquare } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Square';
import { squareConfig as glSquare } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Square';
import { sumConfig as cpuSum } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum';
import { sumConfig as glSum } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sum';
import { expandDimsConfig as cpuExpandDims } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ExpandDims';
import { expandDimsConfig as glExpandDims } from '@tensorflow/tfjs-backend-webgl/dist/kernels/ExpandDims';
import { concatConfig as cpuConcat } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Concat';
import { concatConfig as glConcat } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Concat';
import { splitVConfig as cpuSplitV } from '@tensorflow/tfjs-backend-cpu/dist/kernels/SplitV';
import { splitVConfig as glSplitV } from '@tensorflow/tfjs-backend-webgl/dist/kernels/SplitV';
import { depthwiseConv2dNativeConfig as cpuDepthwise } from '@tensorflow/tfjs-backend-cpu/dist/kernels/DepthwiseConv2dNative';
import { depthwiseConv2dNativeConfig as glDepthwise } from '@tensorflow/tfjs-backend-webgl/dist/kernels/DepthwiseConv2dNative';
import { conv2DBackpropInputConfig as cpuConvT } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropInput';
import { conv2DBackpropInputConfig as glConvT } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Conv2DBackpropInput';

export { FORWARD_KERNELS } from './tfjs-kernel-names';

/** Registers `configs` once (registerKernel warns and overrides on a second call). */
export function registerKernels(configs: readonly KernelConfig[]): void {
  for (const c of configs) registerKernel(c);
}

registerKernels([
  cpuConv2D,
  glConv2D,
  cpuPadV2,
  glPadV2,
  cpuReshape,
  glReshape,
  cpuReverse,
  glReverse,
  cpuSlice,
  glSlice,
  cpuIdentity,
  glIdentity,
  cpuCast,
  glCast,
  cpuMultiply,
  glMultiply,
  cpuAdd,
  glAdd,
  cpuSub,
  glSub,
  cpuSquare,
  glSquare,
  cpuSum,
  glSum,
  cpuConcat,
  glConcat,
  cpuExpandDims,
  glExpandDims,
  cpuSplitV,
  glSplitV,
  cpuDepthwise,
  glDepthwise,
  cpuConvT,
  glConvT,
]);
