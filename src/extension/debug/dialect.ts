// Which expressions a debug session gets, by its type, and what the user typed: an expression and, optionally, the
// shape to show it in (`buf as 3x3`), for flat buffers whose shape lives elsewhere in the program. vscode-free.

/** Expressions for JavaScript adapters (js.ts), Python adapters (python.ts), or the printed value only (printed.ts). */
export type Dialect = 'js' | 'python' | 'printed';

// js-debug's types, old and new names (`node` launch configurations run as `pwa-node`), and debugpy's.
const JS_TYPES = new Set([
  'pwa-node',
  'node',
  'node-terminal',
  'pwa-chrome',
  'chrome',
  'pwa-msedge',
  'msedge',
  'pwa-extensionHost',
  'extensionHost',
  'pwa-editor-browser',
  'editor-browser',
]);
const PYTHON_TYPES = new Set(['debugpy', 'python']);

/** The dialect of a debug session of type `type` (DebugSession.type). */
export function dialectOf(type: string): Dialect {
  if (JS_TYPES.has(type)) return 'js';
  return PYTHON_TYPES.has(type) ? 'python' : 'printed';
}

/** What the user asked to see: an expression, and a shape when one was written after it. */
export interface Request {
  expression: string;
  shape?: number[];
}

// "buf as 3x3", "buf as 3×3", "buf as [2, 3, 3]", "buf as (2, 3, 3)", "buf as 9".
const AS_SHAPE = /^(.*?\S)\s+as\s+[[(]?\s*(\d+(?:\s*[x×,]\s*\d+)*)\s*,?\s*[\])]?\s*$/;

/**
 * Reads the user's text: `expr` or `expr as <shape>` (dimensions separated by x, × or commas, optionally in brackets).
 * Throws naming the problem when the text is empty, spans lines, or a dimension is 0.
 */
export function readRequest(text: string): Request {
  const t = text.trim();
  if (t === '') throw new Error('no expression: type a variable name or an expression, e.g. K or model.weight');
  if (/[\r\n]/.test(t)) throw new Error('the expression spans several lines: give one expression on one line');
  const m = AS_SHAPE.exec(t);
  if (!m) return { expression: t };
  const shape = m[2].split(/\s*[x×,]\s*/).map(Number);
  if (shape.some((n) => n < 1)) throw new Error(`shape ${m[2]}: every dimension must be at least 1`);
  return { expression: m[1], shape };
}

/**
 * A shape for `n` values of a flat buffer with none given: a square `m×m` when n = m² (m ≥ 2: a kernel is usually
 * square), else a row vector `[n]`.
 */
export function inferredShape(n: number): number[] {
  const m = Math.round(Math.sqrt(n));
  return m >= 2 && m * m === n ? [m, m] : [n];
}
