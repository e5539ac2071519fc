// Common 3x3 image kernels as matrix literals. Hover one to see its shape and a heat map, or select it and run
// "Conv2D: Detect Edges" to apply it to a photo in images/.

/** Fig. 7.2.1 of Dive into Deep Learning (Fig. 5.1 of its TF2 port): input and kernel of the first cross-correlation example. */
export const fig51Input = [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
];
export const fig51Kernel = [
  [0, 1],
  [2, 3],
];

/** Sobel kernels: horizontal and vertical intensity gradients. */
export const sobelX = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];
export const sobelY = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];

/** Laplacian: responds to edges in every direction. */
export const laplacian = [
  [0, 1, 0],
  [1, -4, 1],
  [0, 1, 0],
];

/** Box blur: the mean of a 3x3 neighbourhood. */
export const boxBlur = [
  [1 / 9, 1 / 9, 1 / 9],
  [1 / 9, 1 / 9, 1 / 9],
  [1 / 9, 1 / 9, 1 / 9],
];
