// What a debug adapter answers to the expressions of js.ts and python.ts, read back. Every expression returns one
// string, `C2L|…` fields separated by `|`, made only of letters, digits and `.,-+[]:? _` (no quote, no backslash), so
// however the adapter quotes a string — js-debug `'…'` (or `"…"` when the text holds `'`), debugpy Python's repr
// `'…'`, or not at all — taking off one pair of matching quotes gives the text back. vscode-free (unit-tested in Node).

/** A failure to read a value, in the user's terms (what was asked, what went wrong, what to do). */
export class DebugReadError extends Error {
  constructor(
    message: string,
    /** 'cancelled' when the user cancelled, 'timeout' when the adapter did not answer in time. */
    readonly kind: 'failed' | 'cancelled' | 'timeout' | 'not-numeric' = 'failed',
  ) {
    super(message);
  }
}

/** What an array-like value is, as the describe expression tells it. */
export type Kind =
  | 'typed' // a JS TypedArray
  | 'tfjs' // a tfjs Tensor
  | 'data' // a JS object with `data` (TypedArray or array) and `shape` / `dims` (scijs ndarray, onnxruntime Tensor)
  | 'nested' // nested JS arrays
  | 'ndarray' // a numpy ndarray
  | 'arraylike' // a Python object numpy converts (`__array__`: TensorFlow, JAX, pandas) while numpy is loaded
  | 'torch' // a torch.Tensor
  | 'list' // nested Python lists / tuples
  | 'number' // a single number
  | 'other'; // anything else: its type name is in `typeName`

/** A described value: its kind, dtype, the shape it is stored in and the shape shown, and a problem if any. */
export interface Described {
  kind: Kind;
  dtype?: string;
  /** The shape as stored: `[n]` for a TypedArray, the nesting for lists, the array's own shape otherwise. */
  storage: number[];
  /** The shape shown: `storage`, or the one the user asked for (`K as 3x3`), or one inferred for a flat buffer. */
  shape: number[];
  /** A strided `data` object (scijs ndarray): where element `[i, j, …]` is, `offset + Σ i·strides`. */
  layout?: { offset: number; strides: number[] };
  /** Why the value is not a numeric array (a ragged list, a string entry, a disposed tensor…). */
  problem?: string;
  /** The type's name, for `other` and `number` ("Map", "str"). */
  typeName?: string;
  /**
   * Values held as float32 or float16: the expressions print each with the fewest digits that single it out in its
   * dtype (`0.1`, not float32 0.1's double `0.10000000149011612`), and the reader rounds it back to the dtype.
   */
  short?: 'float32' | 'float16';
}

const KINDS: readonly Kind[] = [
  'typed',
  'tfjs',
  'data',
  'nested',
  'ndarray',
  'arraylike',
  'torch',
  'list',
  'number',
  'other',
];

/**
 * The text of a string result: `'abc'`, `"abc"` or `` `abc` `` → `abc` (backslash escapes undone), anything else as
 * it is. js-debug quotes strings in the 'repl' context and picks the quote the text does not contain; Python's repr
 * does the same with `'` and `"`.
 */
export function unquote(result: string): string {
  const t = result.trim();
  const q = t[0];
  if (t.length < 2 || (q !== "'" && q !== '"' && q !== '`') || t[t.length - 1] !== q) return t;
  return t.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

/** The `|` fields of an answer after the `C2L` tag; throws naming `what` when the answer is not one of ours. */
function fields(result: string, what: string, n: number): string[] {
  const text = unquote(result);
  const parts = text.split('|');
  if (parts[0] !== 'C2L' || parts.length < n + 1) {
    throw new DebugReadError(`${what}: unexpected answer from the debugger: ${clip(text)}`);
  }
  return parts.slice(1);
}

/** An answer's text shortened for a message. */
export function clip(text: string, max = 160): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A comma-separated list of whole numbers ("" → []); throws on anything else. */
function wholes(text: string, what: string): number[] {
  if (text === '') return [];
  return text.split(',').map((s) => {
    const n = Number(s);
    if (!/^\d+$/.test(s.trim()) || !Number.isSafeInteger(n)) {
      throw new DebugReadError(`${what}: "${clip(s, 30)}" is not a dimension`);
    }
    return n;
  });
}

/**
 * Reads the describe answer `C2L|kind|dtype|shape|problem[|offset;strides]` (js.ts, python.ts). The shown shape is
 * the stored one until the caller reshapes it. Throws `DebugReadError` for an answer that is not one.
 */
export function readDescribe(result: string): Described {
  const [kind, dtype, shapeText, problem, layoutText] = fields(result, 'describe', 4);
  if (!KINDS.includes(kind as Kind)) throw new DebugReadError(`describe: unknown kind "${clip(kind, 30)}"`);
  const k = kind as Kind;
  const named = k === 'other' || k === 'number';
  const storage = named ? [] : wholes(shapeText, 'describe');
  const d: Described = { kind: k, storage, shape: storage };
  if (named) d.typeName = dtype || 'value';
  else if (dtype) d.dtype = dtype;
  if (problem) d.problem = problem;
  if (layoutText) {
    const [offset, strides] = layoutText.split(';');
    d.layout = { offset: Number(offset), strides: strides.split(',').map(Number) };
    if (!Number.isSafeInteger(d.layout.offset) || d.layout.strides.some((s) => !Number.isSafeInteger(s))) {
      throw new DebugReadError(`describe: bad strides "${clip(layoutText, 40)}"`);
    }
  }
  return d;
}

/** One number as the expressions print it: JS `String(x)` or Python `repr(float(x))` (NaN, Infinity, nan, inf). */
export function readNumber(s: string): number {
  switch (s) {
    case 'NaN':
    case 'nan':
      return NaN;
    case 'Infinity':
    case 'inf':
      return Infinity;
    case '-Infinity':
    case '-inf':
      return -Infinity;
  }
  const x = Number(s);
  if (s.trim() === '' || Number.isNaN(x)) throw new DebugReadError(`"${clip(s, 30)}" is not a number`);
  return x;
}

/** The summary answer `C2L|count|min|max|mean|nan|posInf|negInf` (min, max, mean empty when count is 0). */
export function readSummary(result: string): {
  count: number;
  min?: number;
  max?: number;
  mean?: number;
  nan: number;
  posInf: number;
  negInf: number;
} {
  const [count, min, max, mean, nan, posInf, negInf] = fields(result, 'summary', 7);
  const n = (s: string) => wholes(s, 'summary')[0] ?? 0;
  const finite = Number(count) > 0 ? { min: readNumber(min), max: readNumber(max), mean: readNumber(mean) } : {};
  return { count: n(count), ...finite, nan: n(nan), posInf: n(posInf), negInf: n(negInf) };
}

/**
 * The values answer `C2L|n|v,v,…` to a request of up to `asked` values: its n values (1 ≤ n ≤ asked; the
 * expression stops at its character budget), else a `DebugReadError` — an adapter that cut a long string short
 * (pydevd's repr keeps the start and the end of a long text) loses values in the middle.
 */
export function readValues(result: string, asked: number): number[] {
  const [n, list] = fields(result, 'values', 2);
  const words = list === '' ? [] : list.split(',');
  const cut = () =>
    new DebugReadError(`values: asked for ${asked}, the debugger sent ${words.length}: the answer was cut short`);
  const count = Number(n);
  if (count !== words.length || count > asked || (count === 0 && asked > 0)) throw cut();
  try {
    return words.map(readNumber);
  } catch {
    throw cut(); // a number with "..." in it: the adapter cut the text in the middle
  }
}
