// One layer's program for a target: the dispatch over the four generators (kept apart from index.ts so that the
// generators built on it, like stack.ts, import it without an import cycle).
import { numpyCode } from './numpy';
import { resolveSpec, type ExportSpec } from './spec';
import { tensorflowCode } from './tensorflow';
import { tfjsCode } from './tfjs';
import { torchCode } from './torch';

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
