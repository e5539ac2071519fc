// The fast cross-correlation the product uses on CPU-only machines: WebAssembly SIMD kernels written in
// AssemblyScript (./assembly) when the page may compile them, plain JavaScript otherwise. Measured against OpenCV,
// tfjs and onnxruntime-web by `npm run bench` (bench/last-run.md). Pure typed arrays: no DOM, no tfjs, no vscode.

export { FastCorr2d, chooseRoute, type FastPath, type CorrRoute } from './engine';
export { fromPlane, toPlane, type Plane } from './plane';
export { rankOneFactors, type Factors } from './separable';
export { FastKernelLearner } from './learn';
export { ParallelCorr2d, PARALLEL_MIN_PRODUCTS, type ParallelRoute } from './parallel';
export { FastWorkerState, type FastRequest, type FastReply, type WorkerLike } from './worker-protocol';
export type { WasmVariant } from './wasm';
export {
  FastMultiKernelLearner,
  learnStepMulti,
  type MultiParams,
  type MultiStep,
  type MultiScratch,
} from './learn-multi';
export { FastConv2d, multiGeometry, type Planes, type Weights, type MultiOptions } from './multi';
