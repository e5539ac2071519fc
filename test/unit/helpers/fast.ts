// The fast path's engines under test: both builds of the AssemblyScript kernels and the JavaScript fallback. The
// relaxed-SIMD build needs `v8.setFlagsFromString('--experimental-wasm-relaxed-simd')` on Node 20 (the test files
// set it before creating engines); `make` throws when the requested build does not load, so no engine is skipped.
import { FastCorr2d, type WasmVariant } from '../../../src/core/fast';

function wasm(variant: WasmVariant): () => FastCorr2d {
  return () => {
    const f = FastCorr2d.create('wasm-simd', [variant]);
    if (f.variant !== variant) throw new Error(`the ${variant} build of the fast kernels does not load here`);
    return f;
  };
}

/** [title, factory] per engine. */
export const ENGINES: [string, () => FastCorr2d][] = [
  ['wasm relaxed-simd', wasm('relaxed-simd')],
  ['wasm simd', wasm('simd')],
  ['js', () => FastCorr2d.create('js')],
];
