// The geometry arguments of a `corr2d(X, K, …)` / `conv2d(X, K, …)` call as written in the user's code: padding,
// stride and dilation under the names TensorFlow, Keras, PyTorch and tfjs give them. What cannot be read is named,
// so the hover says which arguments it did not apply instead of showing a result the call would not compute.

import type { ConvOptions } from '../geometry';

/** Geometry read from a call's extra arguments, and the arguments as written that the hover does not apply. */
export interface CallOptions {
  /**
   * Scalar options only (the panels take one stride, one dilation, one padding for both axes); `groups` for
   * multi-channel calls (torch.nn.functional.conv2d), `outputPadding` for transposed ones (conv_transpose2d).
   */
  geometry: {
    padding?: 'valid' | 'same' | number;
    stride?: number;
    dilation?: number;
    groups?: number;
    outputPadding?: number;
  };
  /** Arguments not applied, as written (`bias=b`, `groups=2`, a third positional argument). */
  ignored: string[];
}

/** The options a call can name. */
type OptionName = keyof ConvOptions | 'groups' | 'outputPadding';

/**
 * Keyword names per option (TensorFlow `strides`/`dilations`, Keras `dilation_rate`, PyTorch `stride`/`dilation`/
 * `groups`/`output_padding`, tfjs `outputPadding` is not an option of tf.conv2dTranspose but of layers).
 */
const NAMES: Record<string, OptionName> = {
  groups: 'groups',
  output_padding: 'outputPadding',
  outputPadding: 'outputPadding',
  padding: 'padding',
  stride: 'stride',
  strides: 'stride',
  dilation: 'dilation',
  dilations: 'dilation',
  dilation_rate: 'dilation',
  dilationRate: 'dilation',
};

/** Keywords that change nothing in a single-channel 2-D cross-correlation. */
const HARMLESS = new Set(['name', 'data_format', 'dataFormat', 'use_cudnn_on_gpu']);

/** Largest padding, stride or dilation read (the panels' own limit). */
const MAX_OPTION = 64;

/**
 * Reads the arguments after X and K (`extra`: each as written, e.g. `padding=1`, `strides=[1, 2, 2, 1]`,
 * `padding: 'same'`). Padding: a whole number ≥ 0, 'valid' or 'same' (any case); stride and dilation: a whole
 * number ≥ 1, a pair of equal ones, or TensorFlow's NHWC form `[1, s, s, 1]`. Never throws.
 */
export function readCallOptions(
  extra: readonly string[],
  kind: 'correlation' | 'transposed' = 'correlation',
): CallOptions {
  const out: CallOptions = { geometry: {}, ignored: [] };
  for (const arg of extra) {
    const m = /^([A-Za-z_$][\w$]*)\s*[=:]\s*([\s\S]+)$/.exec(arg);
    if (m && HARMLESS.has(m[1])) continue;
    const named = m ? NAMES[m[1]] : undefined;
    // Output padding means something only to a transposed convolution: elsewhere it is named as not applied.
    const option = named === 'outputPadding' && kind !== 'transposed' ? undefined : named;
    const value = option && m ? readValue(option, m[2].trim()) : undefined;
    if (option === undefined || value === undefined) out.ignored.push(arg);
    else (out.geometry as Record<string, unknown>)[option] = value;
  }
  return out;
}

function readValue(option: OptionName, text: string): 'valid' | 'same' | number | undefined {
  if (option === 'groups') return wholeNumber(text, 1);
  if (option === 'outputPadding') return wholeNumber(text, 0) ?? pairOf(text, 0);
  if (option === 'padding') {
    const word = /^(['"])(valid|same)\1$/i.exec(text);
    if (word) return word[2].toLowerCase() as 'valid' | 'same';
    return wholeNumber(text, 0);
  }
  return wholeNumber(text, 1) ?? pairOf(text, 1);
}

/**
 * A pair of equal whole numbers ≥ `min` written `(s, s)` or `[s, s]`, or TensorFlow's NHWC form `[1, s, s, 1]`, as one
 * number; undefined otherwise (the panels take one value for both axes).
 */
function pairOf(text: string, min: number): number | undefined {
  const items = /^[([]([^()[\]]*)[)\]]$/
    .exec(text)?.[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (!items) return undefined;
  // NHWC strides/dilations: the batch and channel entries must be 1.
  const spatial = items.length === 4 && items[0] === '1' && items[3] === '1' ? items.slice(1, 3) : items;
  const values = spatial.map((s) => wholeNumber(s, min));
  if (values.length !== 2 || values[0] === undefined || values[0] !== values[1]) return undefined;
  return values[0];
}

function wholeNumber(text: string, min: number): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= MAX_OPTION ? n : undefined;
}
