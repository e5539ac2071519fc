// What the sidebar exports: Y = corr2d(X, K) + b with its padding, stride and dilation, as the core's ExportSpec. Pure.
import { exportCode, specFrom2d, type ExportSpec } from '../../src/core/export';
import { explain } from '../shared/explain';
import { literalLabel, outputLiteral, type ExportSource } from '../shared/export-source';
import type { SidebarState } from './state';

/** The sidebar's layer: cross-correlation of X with K, its geometry, and the bias unless it is 0 (no "+ b"). */
export function exportSpecOf(s: SidebarState): ExportSpec {
  return specFrom2d('correlation', s.X, s.K, {
    padding: s.padding === 0 ? 'valid' : s.padding,
    stride: s.stride,
    dilation: s.dilation,
    bias: s.bias === 0 ? undefined : s.bias,
  });
}

/** "Copy as code" and "Insert as literal" of the sidebar: the layer's code; X, K and Y (float64, as printed). */
export function sidebarExport(s: SidebarState): ExportSource {
  const spec = exportSpecOf(s);
  const y = outputLiteral(spec, 'sidebar');
  return {
    what: `${s.bias === 0 ? 'Y = corr2d(X, K)' : 'Y = corr2d(X, K) + b'} of the Conv2D sidebar`,
    code: (target) => {
      try {
        return exportCode(spec, target);
      } catch (e) {
        throw new Error(`Nothing to export: ${explain(e, 'sidebar')}`);
      }
    },
    literals: [
      { name: 'X', label: literalLabel('X', s.X), values: () => s.X },
      { name: 'K', label: literalLabel('K', s.K), values: () => s.K },
      y,
    ],
  };
}
