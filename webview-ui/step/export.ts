// What the Step panel exports: its one layer — X, K as given, cross-correlation or true convolution, padding, stride,
// dilation and bias — as the core's ExportSpec, so the exported code prints the Y the panel steps through. Pure.
import {
  exportCode,
  exportReference,
  exportStackedCode,
  resolveSpec,
  type ExportSpec,
  type NestedNumbers,
} from '../../src/core/export';
import { corr2dReference } from '../../src/core/reference';
import { explain } from '../shared/explain';
import { literalLabel, outputLiteral, type ExportSource } from '../shared/export-source';
import type { StepState } from './state';

/**
 * The panel's layer: `X: [c_in, h, w]`, `K: [c_out, c_in/groups, kh, kw]` (unflipped: op 'convolution' makes the code
 * flip it, as the panel does) or, transposed, `[c_in, c_out/groups, kh, kw]` with the output padding; the bias per
 * output channel when set, groups, padding 0 as 'valid'. Throws nothing; an
 * impossible geometry is refused later by `exportCode` / `exportReference`, like the panel's own computation.
 */
export function exportSpecOf(s: StepState): ExportSpec {
  return {
    op: s.mode,
    X: s.X,
    K: s.K,
    padding: s.padding === 0 ? 'valid' : s.padding,
    stride: s.stride,
    dilation: s.dilation,
    groups: s.groups,
    // Output padding exists for the transposed convolution only (resolveSpec refuses it elsewhere).
    ...(s.mode === 'transposed' ? { outputPadding: s.outputPadding } : {}),
    ...(s.bias === undefined ? {} : { bias: s.bias }),
  };
}

/**
 * "Copy as code" and "Insert as literal" of the Step panel: the layer's code, followed by the stacked second layer
 * z = corr2d(Y, K2) when the panel shows one (a K2 that does not fit Y is left out, as the panel shows no z); X, K,
 * Y (float64, as printed) and, when stacked, K2 and z.
 */
export function stepExport(s: StepState): ExportSource {
  const spec = exportSpecOf(s);
  const y = outputLiteral(spec, 'step');
  // The stacked layer reads a one-channel Y (exportStackedCode refuses more).
  const z = s.stack && s.mode !== 'transposed' && s.K.length === 1 ? stackedShape(spec, s.K2) : undefined;
  return {
    what: `Y = X ${s.mode === 'transposed' ? '⋆ᵀ' : '⋆'} K${s.bias === undefined ? '' : ' + b'} of the Step panel`,
    code: (target) => {
      try {
        return z ? exportStackedCode(spec, s.K2, target) : exportCode(spec, target);
      } catch (e) {
        throw new Error(`Nothing to export: ${explain(e, 'step')}`);
      }
    },
    literals: [
      { name: 'X', label: literalLabel('X', asWritten(s.X)), values: () => asWritten(s.X) },
      { name: 'K', label: literalLabel('K', asWritten(s.K)), values: () => asWritten(s.K) },
      y,
      ...(z
        ? [
            { name: 'K2', label: literalLabel('K2', s.K2), values: () => s.K2 },
            {
              name: 'z',
              label: `z (${z.join('×')})`,
              values: () => corr2dReference(exportReference(spec)[0], s.K2),
            },
          ]
        : []),
    ],
  };
}

/** z's shape `[outH − k2h + 1, outW − k2w + 1]` from the geometry, or undefined when there is no Y or K2 does not fit. */
function stackedShape(spec: ExportSpec, K2: number[][]): [number, number] | undefined {
  try {
    const r = resolveSpec(spec);
    const [h, w] = [r.outH - K2.length + 1, r.outW - K2[0].length + 1];
    return h >= 1 && w >= 1 ? [h, w] : undefined;
  } catch {
    return undefined;
  }
}

/** A stack whose leading axes are all 1 as its innermost matrix (one channel, one kernel: the 2-D literal written). */
function asWritten(a: NestedNumbers): NestedNumbers {
  let v = a;
  while (v.length === 1 && Array.isArray(v[0]) && Array.isArray(v[0][0])) v = v[0] as NestedNumbers;
  return v;
}
