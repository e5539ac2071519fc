// The fast path's WebAssembly module (entry of scripts/build-wasm.mjs). Memory is managed by the caller
// (src/core/fast/wasm.ts): every buffer lives at a byte offset it chooses above `heapBase()`; no allocator, no GC.
export { corr, scale } from './corr';
export { grad } from './grad';
export { fftCorr, spectrum } from './fft';
export { corrMulti } from './multi';
export { residual, grad3 } from './learn';
export { poolMaxAbs, minMax } from './pool';

/** First free byte of linear memory after the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
