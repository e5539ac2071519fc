// Arrays as Python prints them — what a debugger's evaluate returns and what gets pasted into comments and docstrings:
//   numpy str()    [[1. 0.]\n [0. 1.]]                 numpy repr()  array([[1., 0.],\n       [0., 1.]], dtype=float32)
//   torch          tensor([[1., 0.]], dtype=torch.float64, requires_grad=True)   (also `Parameter containing:` first)
//   TensorFlow     tf.Tensor(\n[[1. 0.]], shape=(1, 2), dtype=float32)   <tf.Tensor: shape=(1, 2), …, numpy=array(…)>
//   JAX            Array([[1., 0.]], dtype=float32)
// Forms: numpy's arrayprint (https://numpy.org/doc/stable/reference/generated/numpy.array2string.html), torch's
// _tensor_str.py (https://pytorch.org/docs/stable/generated/torch.set_printoptions.html), TensorFlow's tensor guide
// (https://www.tensorflow.org/guide/tensor). Summarised printouts (`...`) elide values: they are a `truncated` problem.

import { resolveDtype, type Library } from './dtype';
import type { Printed } from './printed-body';
import { readPrintedForm, shapeText, type PrintedForm } from './printed-form';
import { analyze } from './shape';
import { storeLiteral } from './store';
import { LiteralSyntaxError, type LiteralProblem, type Node, type NumericLiteral, type ParseResult } from './types';

/**
 * Reads a printed array (numpy str() or repr(), torch, TensorFlow, JAX; any rank up to 6) into shape and values, or a
 * problem: `truncated` for a summarised printout ("numpy summarised this 5000-element array (shape 5000): only the
 * first and last 3 entries are in the text"), `scalar` for a 0-D one, `not-finite` for nan/inf, `dtype` for complex
 * or string arrays, and the literal parser's structural problems. A printed dtype is applied as the library stores it
 * (`dtype=float16`: 0.1 is 0.0999755859375), and so is torch's default float32. Never throws.
 */
export function parsePrinted(text: string): ParseResult {
  try {
    return fromPrintedForm(readPrintedForm(text));
  } catch (e) {
    if (!(e instanceof LiteralSyntaxError)) throw e;
    return { ok: false, kind: 'syntax', message: `not a printed array: ${e.message}`, numericEntries: 0 };
  }
}

const HOLDS = { text: 'strings', object: 'Python objects', complex: 'complex numbers' };

function fromPrintedForm(form: PrintedForm): ParseResult {
  const words = wordsOf(form.root);
  const extra = {
    ...(form.head !== undefined ? { wrapper: form.head } : {}),
    ...(form.kwargs.has('dtype') ? { dtype: form.kwargs.get('dtype') } : {}),
  };
  const known = shapeText(form.kwargs.get('shape') ?? form.kwargs.get('size'));
  const refused = refusal(form, words, extra.dtype, known);
  if (refused !== undefined) {
    const numericEntries = words.filter((w) => valueOf(w) !== undefined).length;
    const shape = known !== undefined ? { shape: known } : {};
    return { ok: false, ...refused, numericEntries, ...extra, ...shape };
  }
  const texts: string[] = [];
  const result = analyze(toNode(form.root), { texts });
  return result.ok ? stored(form, { ...result, ...extra }, texts) : { ...result, ...extra };
}

/** Why a printout gives no array before its values are looked at: 0-D, summarised, complex, strings, empty. */
function refusal(
  form: PrintedForm,
  words: readonly string[],
  dtypeText: string | undefined,
  known: number[] | undefined,
): Pick<LiteralProblem, 'kind' | 'message'> | undefined {
  if (!('list' in form.root)) return { kind: 'scalar', message: `a scalar (0-D array): ${words.join('')}` };
  if (hasEllipsis(form.root)) return { kind: 'truncated', message: truncatedMessage(form, known) };
  const complex = words.find((w) => /[\d.]j$/.test(w));
  if (complex !== undefined) {
    return { kind: 'dtype', message: `complex values (${complex}): the hover and the panels take real arrays` };
  }
  const dtype = dtypeText === undefined ? undefined : resolveDtype(dtypeText, form.library);
  if (dtype?.kind === 'text' || dtype?.kind === 'object' || dtype?.kind === 'complex') {
    const holds = HOLDS[dtype.kind];
    return {
      kind: 'dtype',
      message: `dtype ${dtypeText} holds ${holds}, not real numbers: the hover and the panels take real arrays`,
    };
  }
  // An empty printout names its shape in the call (`array([], shape=(0, 3))`): say it rather than `0`.
  if (words.length === 0 && known !== undefined)
    return { kind: 'empty', message: `empty array (shape ${known.join('×')})` };
  return undefined;
}

/** The values as the printing library stores them in the printed (or default) dtype, with a note on print precision. */
function stored(form: PrintedForm, literal: NumericLiteral, texts: string[]): ParseResult {
  const notes = precisionNote(form, texts);
  const withNotes = (r: ParseResult): ParseResult =>
    r.ok && notes.length > 0 ? { ...r, notes: [...(r.notes ?? []), ...notes] } : r;
  if (texts.every((w) => w === 'True' || w === 'False')) return withNotes({ ...literal, storedAs: 'bool' });
  // numpy's bare str() does not say the dtype: the values are as printed.
  if (form.head === undefined) return withNotes(literal);
  const isInt = (k: number) => /^[+-]?\d+$/.test(texts[k]);
  const anyFloat = () => texts.some((_, k) => !isInt(k));
  const r = storeLiteral(literal, { text: (k) => texts[k], isInt }, anyFloat, { library: form.library, printed: true });
  return withNotes(r);
}

/** Digits after the point (of the mantissa, in scientific notation) from which each library's default print rounds. */
const PRECISION: Record<Library, number> = { numpy: 8, jax: 8, tensorflow: 8, torch: 4, tfjs: 8, js: 17 };

/** A note when some value shows as many decimals as the default print keeps: it may have been rounded for print. */
function precisionNote(form: PrintedForm, texts: readonly string[]): string[] {
  const decimals = Math.max(0, ...texts.map((w) => /\.(\d+)/.exec(w)?.[1].length ?? 0));
  const precision = PRECISION[form.library];
  if (decimals < precision) return [];
  // TensorFlow and JAX print through numpy.
  const who = form.library === 'torch' ? 'torch' : 'numpy';
  return [`${who} prints floats with ${precision} decimals by default: values are as printed, which may be rounded`];
}

const WHO: Record<Library, string> = {
  numpy: 'numpy',
  jax: 'jax',
  torch: 'torch',
  tensorflow: 'TensorFlow',
  tfjs: 'tfjs',
  js: 'JavaScript',
};

/** "numpy summarised this 5000-element array (shape 5000): only the first and last 3 entries are in the text". */
function truncatedMessage(form: PrintedForm, known: number[] | undefined): string {
  const who = WHO[form.library];
  const edge = edgeItems(form.root);
  const rank = known?.length ?? depthOf(form.root);
  const what =
    known !== undefined
      ? `this ${known.reduce((a, b) => a * b, 1)}-element array (shape ${known.join('×')})`
      : 'this array (its shape is not in the text)';
  const where = rank > 1 ? ' of each long axis' : '';
  return `${who} summarised ${what}: only the first and last ${edge} entries${where} are in the text`;
}

/** How many items a summarised list shows before its `...` (numpy's and torch's edgeitems, 3 by default). */
function edgeItems(p: Printed): number {
  if (!('list' in p)) return 0;
  const at = p.list.findIndex((x) => 'ellipsis' in x);
  if (at >= 0) return at;
  for (const x of p.list) {
    const e = edgeItems(x);
    if (e > 0) return e;
  }
  return 0;
}

function hasEllipsis(p: Printed): boolean {
  return 'ellipsis' in p || ('list' in p && p.list.some(hasEllipsis));
}

function depthOf(p: Printed): number {
  return 'list' in p ? 1 + Math.max(0, ...p.list.map(depthOf)) : 0;
}

function wordsOf(p: Printed): string[] {
  if ('word' in p) return [p.word];
  return 'list' in p ? p.list.flatMap(wordsOf) : [];
}

function toNode(p: Printed): Node {
  if ('list' in p) return { list: p.list.map(toNode) };
  const word = 'word' in p ? p.word : '...';
  return { value: valueOf(word), text: word };
}

/** A printed number: `1.`, `-2.5e-05`, `1.e+00`, `nan`, `inf`, `-inf`, `True` / `False` (1 / 0); else undefined. */
function valueOf(word: string): number | undefined {
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(word)) return Number(word);
  const special: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity, True: 1, False: 0 };
  return Object.prototype.hasOwnProperty.call(special, word) ? special[word] : undefined;
}
