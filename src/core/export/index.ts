// Code export: what the panels compute, written for NumPy/SciPy, PyTorch, TensorFlow or TensorFlow.js — one layer
// (code.ts), a second layer stacked on it (stack.ts), Detect Edges on a photo read from its file (photo.ts) and the
// Learn Kernel experiment (learn.ts) — and arrays as literals (literal.ts). Pure string generation.

export * from './spec';
export * from './literal';
export { exportCode, type ExportTarget } from './code';
export { exportPhotoCode, type PhotoExportSpec } from './photo';
export { exportLearnCode, type LearnExportSpec, type LearnPhoto } from './learn';
export type { ImageSource } from './image';
export { exportStackedCode } from './stack';
