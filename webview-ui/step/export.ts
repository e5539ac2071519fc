// What the Step panel exports: its one layer — X, K as given, cross-correlation or true convolution, padding, stride,
// dilation and bias — as the core's ExportSpec, so the exported code prints the Y the panel steps through. Pure.
import { exportCode, specFrom2d, type ExportSpec } from '../../src/core/export';
import { explain } from '../shared/explain';
import { literalLabel, outputLiteral, type ExportSource } from '../shared/export-source';
import type { StepState } from './state';

/**
 * The panel's layer: `X: [h, w]` → `[1, h, w]`, `K: [kh, kw]` (unflipped: op 'convolution' makes the code flip it, as
 * the panel does) → `[1, 1, kh, kw]`, the bias when set, padding 0 as 'valid'. Throws nothing; an impossible geometry
 * is refused later by `exportCode` / `exportReference`, like the panel's own computation.
 */
export function exportSpecOf(s: StepState): ExportSpec {
  return specFrom2d(s.mode, s.X, s.K, {
    padding: s.padding === 0 ? 'valid' : s.padding,
    stride: s.stride,
    dilation: s.dilation,
    bias: s.bias,
  });
}

/** "Copy as code" and "Insert as literal" of the Step panel: the layer's code; X, K and Y (float64, as printed). */
export function stepExport(s: StepState): ExportSource {
  const spec = exportSpecOf(s);
  const y = outputLiteral(spec, 'step');
  return {
    what: `${s.bias === undefined ? 'Y = X ⋆ K' : 'Y = X ⋆ K + b'} of the Step panel`,
    code: (target) => {
      try {
        return exportCode(spec, target);
      } catch (e) {
        throw new Error(`Nothing to export: ${explain(e, 'step')}`);
      }
    },
    literals: [
      { name: 'X', label: literalLabel('X', s.X), values: () => s.X },
      { name: 'K', label: literalLabel('K', s.K), values: () => s.K },
      y,
    ],
  };
}
