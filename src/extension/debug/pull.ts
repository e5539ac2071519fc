// Reads an array out of a paused program through the debug adapter, without ever pulling more than the limit: the
// shape first (describe), then the summary computed where the array lives (min, max, mean, NaN and ±∞ counts over
// all of it), then the values in chunks — all of them when they fit the limit, else one plane (the slicer's), thinned
// to every step-th row and column until it fits. Each request is one evaluate; progress is reported after each chunk
// and cancellation is checked before each. vscode-free: the caller passes the evaluate function (tests run the
// expressions in Node's vm and in a real Python with numpy).
import type { Tensor } from '../../protocol/messages';
import {
  extractPlane,
  fitSelection,
  planeLayout,
  planeText,
  sizeOf,
  stepWithin,
  type PlaneSelection,
} from '../../core/slice';
import { summarize, type Summary } from '../../core/summary';
import { roundToFloat16 } from '../../core/literal/round-float';
import type { ValuesRequest } from './access';
import { inferredShape, type Dialect } from './dialect';
import { jsDescribe, jsSummary, jsValues, typedDtype } from './js';
import { readPrintedArray } from './printed';
import { pyDescribe, pySummary, pyValues } from './python';
import { clip, DebugReadError, readDescribe, readSummary, readValues, type Described } from './reply';

/** One evaluate request to the paused frame: the expression's printed result, or a rejection. */
export type Evaluate = (expression: string) => Promise<string>;

/**
 * `evaluate` with a time limit per request: an answer later than `ms` rejects with a `DebugReadError` ('timeout')
 * saying the program may be busy (the request itself cannot be taken back; its late answer is ignored).
 */
export function withTimeout(evaluate: Evaluate, ms: number): Evaluate {
  return async (expression) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const s = ms / 1000;
        reject(
          new DebugReadError(
            `the debugger did not answer within ${s} s; the program may be busy. Press Refresh to try again`,
            'timeout',
          ),
        );
      }, ms);
    });
    try {
      return await Promise.race([evaluate(expression), late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Characters of one values answer, and the most values asked for in one request, per dialect: js-debug shows at most
 * 100 000 characters of a string in the 'repl' context, pydevd's repr cuts strings past 65 536 (2**16). The
 * expression stops before its budget, so a request carries as many values as fit: about 4 000 printed doubles
 * (up to 25 characters with the comma), ten times as many small integers.
 */
export const BUDGET = { js: { chars: 90_000, values: 30_000 }, python: { chars: 60_000, values: 12_000 } };

/** Above this many values a read shows a cancellable progress notification (it takes more than one request). */
export const CHUNK = 2000;

/** How a pull is limited and followed. */
export interface PullOptions {
  /** Most values pulled (`conv2d.debug.maxElements`). */
  maxElements: number;
  /** Most values per request (default: the dialect's BUDGET.values). */
  chunk?: number;
  /** The shape to show the values in (`buf as 3x3`); its size must be the value's. */
  shape?: number[];
  /** The plane wanted when the array is too large to pull whole (default: the first matrix). */
  plane?: PlaneSelection;
  progress?(done: number, total: number): void;
  /** The shape, dtype and summary, as soon as they are known (before any value). */
  described?(preview: { shape: number[]; dtype?: string; summary: Summary }): void;
  cancelled?(): boolean;
}

/** What a pull gives: the tensor for the view, notes on how it was read, and what it cost. */
export interface Pulled {
  tensor: Tensor;
  /** "shape 3×3 inferred from 9 values", "16000000 values: showing K[0, ::4, ::4]…". */
  notes: string[];
  /** Values pulled, and evaluate requests sent. */
  pulled: number;
  requests: number;
}

interface Expressions {
  describe(e: string): string;
  summary(e: string, d: Described): string;
  values(e: string, d: Described, r: ValuesRequest): string;
}

const DIALECTS: Record<'js' | 'python', Expressions> = {
  js: { describe: jsDescribe, summary: jsSummary, values: jsValues },
  python: { describe: pyDescribe, summary: pySummary, values: pyValues },
};

/**
 * Reads `expression` in the paused frame behind `evaluate`. Throws `DebugReadError`: 'not-numeric' (a string, a
 * ragged list, complex values: named), 'cancelled', 'timeout' (from `evaluate`), 'failed' (the adapter's error).
 */
export async function pullTensor(
  evaluate: Evaluate,
  dialect: Dialect,
  expression: string,
  opts: PullOptions,
): Promise<Pulled> {
  try {
    return await pull(evaluate, dialect, expression, opts);
  } catch (e) {
    // Every message names the expression, also those of reading an answer ("values: … cut short").
    if (e instanceof DebugReadError && !e.message.startsWith(expression)) {
      throw new DebugReadError(`${expression}: ${e.message}`, e.kind);
    }
    throw e;
  }
}

async function pull(evaluate: Evaluate, dialect: Dialect, expression: string, opts: PullOptions): Promise<Pulled> {
  let requests = 0;
  const ask = async (e: string) => {
    if (opts.cancelled?.()) throw new DebugReadError(`${expression}: cancelled`, 'cancelled');
    requests++;
    try {
      return await evaluate(e);
    } catch (err) {
      if (err instanceof DebugReadError) throw err;
      throw new DebugReadError(`${expression}: the debugger could not evaluate it: ${adapterMessage(err)}`);
    }
  };
  if (dialect === 'printed') return fromPrinted(await ask(expression), expression, opts, requests);
  const x = DIALECTS[dialect];
  const described = readDescribe(await ask(x.describe(expression)));
  if (described.kind === 'other' || described.kind === 'number') {
    return fromPrinted(await ask(expression), expression, opts, requests, described);
  }
  const { d, notes } = shaped(described, expression, opts.shape);
  const summary = readSummary(await ask(x.summary(expression, d)));
  const dtype = dtypeOf(d);
  opts.described?.({ shape: d.shape, ...(dtype ? { dtype } : {}), summary });
  const total = sizeOf(d.shape);
  const plan = planFor(d, total, expression, opts);
  const budget = BUDGET[dialect];
  const chunk = opts.chunk ?? budget.values;
  const values: number[] = [];
  opts.progress?.(0, plan.count);
  while (values.length < plan.count) {
    const from = values.length;
    const to = Math.min(plan.count, from + chunk);
    const plane = plan.plane ? { plane: plan.plane } : {};
    const answer = await ask(x.values(expression, d, { from, to, budget: budget.chars, ...plane }));
    const round = d.short === 'float32' ? Math.fround : d.short === 'float16' ? roundToFloat16 : undefined;
    for (const v of readValues(answer, to - from)) values.push(round ? round(v) : v);
    opts.progress?.(values.length, plan.count);
  }
  const tensor = toTensor(d.shape, dtype, values, summary, plan.plane);
  return { tensor, notes: plan.note ? [...notes, plan.note] : notes, pulled: values.length, requests };
}

/**
 * The useful line of an adapter's error: debugpy sends a whole traceback (its last line names the error), js-debug
 * "Uncaught ReferenceError: K is not defined" with a stack below.
 */
export function adapterMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const traceback = lines[0]?.startsWith('Traceback');
  const line = (traceback ? lines[lines.length - 1] : lines[0]) ?? 'no message';
  return clip(line.replace(/^Uncaught /, ''), 300);
}

/** float32 / float16 storage, whose values print shorter in their own precision (see `Described.short`). */
function shortFloat(d: Described): Described['short'] {
  // Only where the storage is surely of that dtype: a `data` object's dtype is its own word for it.
  const dt = d.kind === 'typed' ? typedDtype(d.dtype) : d.dtype;
  const sure = d.kind === 'typed' || d.kind === 'tfjs' || d.kind === 'ndarray' || d.kind === 'arraylike';
  if (!sure || (dt !== 'float32' && dt !== 'float16')) return undefined;
  return dt === 'float16' && (d.kind === 'typed' || d.kind === 'tfjs') ? undefined : dt;
}

/** The described value with the shape to show, or a `DebugReadError` for a value that is not a numeric array. */
function shaped(d: Described, expression: string, shape: number[] | undefined): { d: Described; notes: string[] } {
  if (d.problem) throw new DebugReadError(`${expression}: not a numeric array: ${d.problem}`, 'not-numeric');
  if (d.kind === 'tfjs' && (d.dtype === 'string' || d.dtype === 'complex64')) {
    throw new DebugReadError(`${expression}: a tfjs tensor of dtype ${d.dtype}, not real numbers`, 'not-numeric');
  }
  const n = sizeOf(d.storage);
  if (shape) {
    if (sizeOf(shape) !== n) {
      throw new DebugReadError(
        `${expression} as ${shape.join('×')}: that shape holds ${sizeOf(shape)} values, ${expression} has ${n} (shape ${d.storage.join('×') || '()'})`,
      );
    }
    return { d: { ...d, shape }, notes: [`shown as ${shape.join('×')} (asked for)`] };
  }
  const s = shortFloat(d);
  if (s) d = { ...d, short: s };
  if (d.kind === 'typed') {
    const s = inferredShape(n);
    const how = s.length === 2 ? `a square of ${n} values` : `${n} values, not a square`;
    return {
      d: { ...d, shape: s },
      notes: [`shape ${s.join('×')} inferred (${how}); write "${expression} as 2x3x3" to choose another`],
    };
  }
  return { d, notes: [] };
}

/** What to pull: every value (`count` = total), or one plane thinned to fit the limit. */
function planFor(
  d: Described,
  total: number,
  expression: string,
  opts: PullOptions,
): {
  count: number;
  plane?: { sel: PlaneSelection; step: number; rows: number; cols: number };
  note?: string;
} {
  if (total <= opts.maxElements) return { count: total };
  const sel = fitSelection(d.shape, opts.plane);
  const whole = planeLayout(d.shape, sel);
  const step = stepWithin(whole.rows, whole.cols, opts.maxElements);
  const p = planeLayout(d.shape, sel, step);
  const thinned = step > 1 ? `, every ${ordinal(step)} row and column` : '';
  const note =
    `${total} values, more than conv2d.debug.maxElements (${opts.maxElements}): showing ` +
    `${planeText(expression, d.shape, sel, step)} (${p.rows}×${p.cols}${thinned}); the summary is of all values`;
  return { count: p.rows * p.cols, plane: { sel, step, rows: p.rows, cols: p.cols }, note };
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

function dtypeOf(d: Described): string | undefined {
  return d.kind === 'typed' || d.kind === 'data' ? typedDtype(d.dtype) : d.dtype;
}

/**
 * The protocol's tensor: values with NaN and ±∞ sent as 0 and their positions listed (JSON has no NaN), the summary,
 * and which plane `values` is when it is one.
 */
export function toTensor(
  shape: number[],
  dtype: string | undefined,
  values: readonly number[],
  summary: Summary,
  plane?: { sel: PlaneSelection; step: number; rows: number; cols: number },
): Tensor {
  const nan: number[] = [];
  const posInf: number[] = [];
  const negInf: number[] = [];
  const data = values.map((v, k) => {
    if (Number.isFinite(v)) return v;
    (Number.isNaN(v) ? nan : v > 0 ? posInf : negInf).push(k);
    return 0;
  });
  const special = nan.length + posInf.length + negInf.length > 0 ? { nonFinite: { nan, posInf, negInf } } : {};
  const p = plane && { ...plane.sel, step: plane.step, rows: plane.rows, cols: plane.cols };
  return {
    shape,
    ...(dtype ? { dtype } : {}),
    data,
    ...special,
    ...(p ? { plane: p } : {}),
    summary,
  };
}

/** The printed value as a tensor (the whole printout is one answer: the limit cuts what is sent, not what is read). */
function fromPrinted(
  result: string,
  expression: string,
  opts: PullOptions,
  requests: number,
  described?: Described,
): Pulled {
  let literal;
  try {
    literal = readPrintedArray(result, expression);
  } catch (e) {
    // A value the expressions recognised as no array: say what it is, not how its printout failed to parse.
    if (described && e instanceof DebugReadError) {
      const what = described.kind === 'number' ? 'a single number' : `a ${described.typeName}`;
      throw new DebugReadError(`${expression} is ${what}, not an array of numbers`, 'not-numeric');
    }
    throw e;
  }
  const shape = opts.shape ?? literal.shape;
  if (sizeOf(shape) !== literal.data.length) {
    throw new DebugReadError(
      `${expression} as ${shape.join('×')}: that shape holds ${sizeOf(shape)} values, the printout has ${literal.data.length}`,
    );
  }
  const summary = summarize(literal.data);
  const notes = ['read from the printed value'];
  if (literal.data.length <= opts.maxElements) {
    const tensor = toTensor(shape, literal.storedAs ?? literal.dtype, literal.data, summary);
    return { tensor, notes, pulled: literal.data.length, requests };
  }
  const d: Described = { kind: 'nested', storage: shape, shape };
  const plan = planFor(d, literal.data.length, expression, opts);
  const sel = plan.plane?.sel ?? fitSelection(shape, undefined);
  const step = plan.plane?.step ?? 1;
  const M = extractPlane(literal.data, shape, sel, step);
  const values = M.flat();
  const size = { rows: M.length, cols: M[0].length };
  const tensor = toTensor(shape, literal.storedAs ?? literal.dtype, values, summary, { sel, step, ...size });
  return { tensor, notes: plan.note ? [...notes, plan.note] : notes, pulled: values.length, requests };
}
