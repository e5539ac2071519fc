// Code export: one layer as the product computes it, written for NumPy/SciPy, PyTorch, TensorFlow or TensorFlow.js.
// Pure string generation; the snippets define their inputs as literals, compute Y and print it.

import { numpyCode } from './numpy';
import { resolveSpec, type ExportSpec } from './spec';
import { tensorflowCode } from './tensorflow';
import { tfjsCode } from './tfjs';
import { torchCode } from './torch';

export * from './spec';
export * from './literal';

/** The frameworks `exportCode` writes for. */
export type ExportTarget = 'numpy' | 'pytorch' | 'tensorflow' | 'tfjs';

/**
 * Source code that reproduces `spec` (see `ExportSpec`) in `target`, printing `Y: [c_out, outH, outW]` equal to
 * `exportReference(spec)`: exactly (float64) for NumPy, PyTorch and TensorFlow, within float32 rounding for tfjs.
 * Throws like `resolveSpec` for an invalid spec, and for an unknown target.
 */
export function exportCode(spec: ExportSpec, target: ExportTarget): string {
  const r = resolveSpec(spec);
  switch (target) {
    case 'numpy':
      return numpyCode(r);
    case 'pytorch':
      return torchCode(r);
    case 'tensorflow':
      return tensorflowCode(r);
    case 'tfjs':
      return tfjsCode(r);
    default:
      throw new Error(`export: unknown target ${String(target satisfies never)}`);
  }
}
export { exportPhotoCode, type PhotoExportSpec } from './photo';
export { exportLearnCode, type LearnExportSpec, type LearnPhoto } from './learn';
export type { ImageSource } from './image';
