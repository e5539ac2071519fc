// What surrounds a printed array's values: who printed it (`array(` numpy, `tensor(` torch, `tf.Tensor(` TensorFlow,
// `Array(` JAX, a bare `[` numpy's str()), and the keyword arguments after the values (`dtype=`, `shape=`, `size=`,
// torch's `device=` and `grad_fn=<…>`).

import type { Library } from './dtype';
import { readPrintedBody, type Printed } from './printed-body';
import { LiteralSyntaxError } from './types';

/** A printout split into who printed it, the call's name, its keyword arguments and the values' tree. */
export interface PrintedForm {
  library: Library;
  /** `array`, `tensor`, `tf.Tensor`, `Array`, `np.float64`; undefined for numpy's bare str(). */
  head?: string;
  kwargs: Map<string, string>;
  root: Printed;
}

const HEADS: Record<string, Library> = { array: 'numpy', tensor: 'torch', 'tf.Tensor': 'tensorflow', Array: 'jax' };

/**
 * Splits a printout into its form. `Parameter containing:` (torch's nn.Parameter) is skipped; TensorFlow's repr
 * `<tf.Tensor: shape=…, dtype=…, numpy=array(…)>` reads the numpy repr inside with the tensor's own keywords.
 * Throws `LiteralSyntaxError` when the text is not one of these forms.
 */
export function readPrintedForm(text: string): PrintedForm {
  const t = text.trim().replace(/^Parameter containing:\s*/, '');
  const tfRepr = /^<tf\.Tensor:([\s\S]*?)numpy=([\s\S]*)>$/.exec(t);
  if (tfRepr) {
    const inner = readPrintedForm(tfRepr[2]);
    return { ...inner, library: 'tensorflow', head: 'tf.Tensor', kwargs: keywords(tfRepr[1]) };
  }
  // numpy 2 prints scalars as np.float64(1.5), np.int64(3), np.True_.
  const call = /^(array|tensor|tf\.Tensor|Array|np\.(?:u?int|float|complex|bool)\w*)\(/.exec(t);
  if (!call) {
    const body = readPrintedBody(t, 0);
    if (t.slice(body.end).trim() !== '') throw new LiteralSyntaxError(`unexpected text at offset ${body.end}`);
    return { library: 'numpy', kwargs: new Map(), root: body.root };
  }
  const body = readPrintedBody(t, call[0].length);
  const rest = t.slice(body.end).trim();
  if (!rest.endsWith(')') || !/^[,)]/.test(rest)) {
    throw new LiteralSyntaxError(`expected "," or ")" after the values of ${call[1]}(…) at offset ${body.end}`);
  }
  return { library: HEADS[call[1]] ?? 'numpy', head: call[1], kwargs: keywords(rest.slice(0, -1)), root: body.root };
}

/**
 * `, dtype=float32, shape=(2, 3), grad_fn=<AddBackward0>` → dtype → float32, shape → (2, 3), grad_fn → …; string
 * values lose their quotes (`dtype='<U3'` → `<U3`). Commas inside brackets, `<…>` and quotes do not split.
 */
function keywords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let depth = 0;
  let quote: string | undefined;
  let from = 0;
  for (let k = 0; k <= text.length; k++) {
    const c = text[k];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '>') depth--;
    if (k === text.length || (c === ',' && depth === 0)) {
      const m = /^\s*(\w+)\s*=\s*([\s\S]*?)\s*$/.exec(text.slice(from, k));
      if (m) out.set(m[1], m[2].replace(/^(['"])(.*)\1$/, '$2'));
      from = k + 1;
    }
  }
  return out;
}

/** `(5000,)`, `(0, 3)`, `()`, `[2, 3]`, `torch.Size([2, 3])` → the dimensions; undefined for anything else. */
export function shapeText(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const m = /^[([]\s*((?:\d+\s*,?\s*)*)[)\]]$/.exec(text.replace(/^torch\.Size\((.*)\)$/, '$1'));
  if (!m) return undefined;
  return m[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
}
