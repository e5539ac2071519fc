// Gradients for the Learn Kernel view only (the other views never differentiate): the backward kernels of the
// learner's loss Σ(conv2d(X, K) + b − Y)² on cpu and webgl, and the gradient functions of the ops in it — instead of
// tfjs-core's register_all_gradients, which pulls in every op.
import { registerGradient } from '@tensorflow/tfjs-core';
import { conv2DGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Conv2D_grad';
import { addGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Add_grad';
import { subGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sub_grad';
import { squareGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Square_grad';
import { sumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sum_grad';
import { multiplyGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Multiply_grad';
import { reshapeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Reshape_grad';
import { castGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Cast_grad';
import { identityGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Identity_grad';
import { registerKernels } from '../shared/tfjs-kernels';
import { conv2DBackpropFilterConfig as cpuConv2DBackpropFilter } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropFilter';
import { conv2DBackpropFilterConfig as glConv2DBackpropFilter } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Conv2DBackpropFilter';
import { conv2DBackpropInputConfig as cpuConv2DBackpropInput } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropInput';
import { conv2DBackpropInputConfig as glConv2DBackpropInput } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Conv2DBackpropInput';
import { negConfig as cpuNeg } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Neg';
import { negConfig as glNeg } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Neg';
import { fillConfig as cpuFill } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Fill';
import { fillConfig as glFill } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Fill';
import { zerosLikeConfig as cpuZerosLike } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ZerosLike';
import { zerosLikeConfig as glZerosLike } from '@tensorflow/tfjs-backend-webgl/dist/kernels/ZerosLike';
import { onesLikeConfig as cpuOnesLike } from '@tensorflow/tfjs-backend-cpu/dist/kernels/OnesLike';
import { onesLikeConfig as glOnesLike } from '@tensorflow/tfjs-backend-webgl/dist/kernels/OnesLike';
import { tileConfig as cpuTile } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tile';
import { tileConfig as glTile } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Tile';
import { transposeConfig as cpuTranspose } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Transpose';
import { transposeConfig as glTranspose } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Transpose';

registerKernels([
  cpuConv2DBackpropFilter,
  glConv2DBackpropFilter,
  cpuConv2DBackpropInput,
  glConv2DBackpropInput,
  cpuNeg,
  glNeg,
  cpuFill,
  glFill,
  cpuZerosLike,
  glZerosLike,
  cpuOnesLike,
  glOnesLike,
  cpuTile,
  glTile,
  cpuTranspose,
  glTranspose,
]);
for (const g of [
  conv2DGradConfig,
  addGradConfig,
  subGradConfig,
  squareGradConfig,
  sumGradConfig,
  multiplyGradConfig,
  reshapeGradConfig,
  castGradConfig,
  identityGradConfig,
])
  registerGradient(g);
