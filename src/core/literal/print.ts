// Prints arrays as source literals in every syntax the parser reads. The property tests print random matrices with
// these and parse them back; the formats also show each syntax's quirks (trailing commas, comments, signs).

import type { NestedValues } from './parse';

/** The source styles the parser understands. */
export type PrintStyle = 'python' | 'numpy' | 'torch' | 'tf' | 'json' | 'js' | 'matlab' | 'julia';

/**
 * Source text of `values` in `style`. `matlab` and `julia` write rows separated by `;` / line breaks and elements by
 * spaces, so they take vectors (printed as one row) and matrices only: a 3-D array throws.
 * Numbers use JavaScript's shortest round-trip form (`1e-7`, `-2.5e+250`, `NaN`, `-Infinity`); JSON has no NaN
 * or infinities (`JSON.stringify` writes `null`). The wrapped styles name float64, so the values read back are the ones
 * printed (with float32 they would be rounded as stored).
 */
export function printLiteral(values: NestedValues, style: PrintStyle): string {
  switch (style) {
    case 'python':
      return list(values, ', ');
    case 'numpy':
      return `np.array(${list(values, ', ')}, dtype=np.float64)`;
    case 'torch':
      return `torch.tensor(${list(values, ',')}, dtype=torch.float64,)`;
    case 'tf':
      return `tf.constant(\n  ${list(values, ', ')},\n  dtype=tf.float64\n)`;
    case 'json':
      return JSON.stringify(values);
    case 'js':
      return jsLines(values);
    case 'matlab':
      return `[${rows(values)
        .map((r) => r.map(String).join(' '))
        .join('; ')}];`;
    case 'julia':
      return `[${rows(values)
        .map((r) => r.map(String).join('  '))
        .join('\n ')}]`;
  }
}

function list(v: NestedValues | number, sep: string): string {
  return Array.isArray(v) ? `[${(v as (NestedValues | number)[]).map((x) => list(x, sep)).join(sep)}]` : String(v);
}

/** One row per line, a comment of each kind and a trailing comma at every level. */
function jsLines(values: NestedValues): string {
  const items = (values as (NestedValues | number)[]).map((x, k) => `  ${list(x, ', ')}, // ${k}`);
  return `[ /* ${values.length} items */\n${items.join('\n')}\n]`;
}

function rows(values: NestedValues): number[][] {
  if (values.length > 0 && Array.isArray(values[0]) && Array.isArray((values as number[][][])[0][0])) {
    throw new Error('printLiteral: MATLAB-style brackets hold vectors and matrices, not 3-D arrays');
  }
  return typeof values[0] === 'number' ? [values as number[]] : (values as number[][]);
}
