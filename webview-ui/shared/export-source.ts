// What a view offers to "Copy as code" and "Insert as literal", built by the view's pure `export.ts` from its own
// state (so the code reproduces exactly what the panel shows), and the flattening of an array for the protocol.
// Pure: tested in Node.
import {
  exportReference,
  resolveSpec,
  type ExportSpec,
  type ExportTarget,
  type NestedNumbers,
} from '../../src/core/export';
import { explain, type Where } from './explain';
import { MAX_LITERAL_VALUES } from '../../src/protocol/messages';

/** One array a view offers to insert. */
export interface LiteralChoice {
  /** "X", "K", "Y", … (named in the host's message). */
  name: string;
  /** The option's text, e.g. "Y (2×2)". */
  label: string;
  /** The values, or a sentence saying why they cannot be inserted (no output, too large). */
  values(): NestedNumbers | string;
}

/** What a view exports. */
export interface ExportSource {
  /** What the code computes, for the messages: "Y = X ⋆ K + b of the Step panel". */
  what: string;
  /** The program for `target`. Throws a user-facing sentence when there is nothing to export (no valid output). */
  code(target: ExportTarget): string;
  literals: LiteralChoice[];
}

/** The export targets in the order the language choice lists them, with their names. */
export const TARGETS: ReadonlyArray<{ id: ExportTarget; label: string }> = [
  { id: 'numpy', label: 'NumPy/SciPy' },
  { id: 'pytorch', label: 'PyTorch' },
  { id: 'tensorflow', label: 'TensorFlow/Keras' },
  { id: 'tfjs', label: 'TensorFlow.js' },
];

/**
 * `values` as the protocol carries it: shape (rank 1–4) and row-major data. Throws "… has N values; Insert as literal
 * takes up to M" above the protocol's limit.
 */
export function flatten(name: string, values: NestedNumbers): { shape: number[]; data: number[] } {
  const shape: number[] = [];
  for (let v: unknown = values; Array.isArray(v); v = v[0]) shape.push(v.length);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count > MAX_LITERAL_VALUES) {
    throw new Error(
      `${name} is ${shape.join('×')} (${count} values); Insert as literal takes up to ${MAX_LITERAL_VALUES} values`,
    );
  }
  return { shape, data: (values as unknown[]).flat(shape.length) as number[] };
}

/** "K (3×3)": an array's name with its shape. */
export function literalLabel(name: string, values: { length: number }[] | number[]): string {
  const shape: number[] = [];
  for (let v: unknown = values; Array.isArray(v); v = v[0]) shape.push(v.length);
  return `${name} (${shape.join('×')})`;
}

/**
 * Y of a one-channel spec to insert: labelled with its shape from the geometry (cheap), computed by the float64
 * reference only when inserted (the numbers the exported code prints). Without output cells, the reason in the
 * user's terms.
 */
export function outputLiteral(spec: ExportSpec, where: Where): LiteralChoice {
  let shape: string | undefined;
  let problem: string | undefined;
  try {
    const r = resolveSpec(spec);
    shape = r.cOut === 1 ? `${r.outH}×${r.outW}` : `${r.cOut}×${r.outH}×${r.outW}`;
  } catch (e) {
    problem = `Y has no cells with these settings: ${explain(e, where)}`;
  }
  return {
    name: 'Y',
    label: shape ? `Y (${shape})` : 'Y',
    values: () => {
      if (problem) return problem;
      const Y = exportReference(spec);
      return Y.length === 1 ? Y[0] : Y;
    },
  };
}
