// The parser's entry point: text of one literal → numeric array or a problem the hover can print. Pure and total.

import { libraryOf, TYPED_ARRAYS, typedArrayClass } from './dtype';
import { tokenize } from './lexer';
import { parseMatlab } from './matlab';
import { fastList } from './fast';
import { parseNested, parseWrapperTail, type NestedParse } from './nested';
import { parsePrinted } from './printed';
import { analyze } from './shape';
import { withShapeArgument } from './shape-argument';
import { storeLiteral } from './store';
import { writtenAsInteger } from './store-rules';
import { LiteralSyntaxError, type Node, type NumericLiteral, type ParseResult, type Syntax } from './types';

/**
 * Parses one literal: `[[0, 1, 2], [3, 4, 5]]`, `np.array([...], dtype=np.float32)`, `tf.constant(...)`,
 * `new Uint8Array([...])`, `[1 -1; 2 3]` (syntax `matlab`; bracketed lists inside brackets fall back to the nested
 * grammar, as Julia writes vectors of vectors). `text` must start at the literal (or its wrapper's name) and end at
 * its closing bracket; one statement-ending `;` is allowed. A wrapped literal's values come back as its library stores
 * them in its dtype (`storedAs`, `notes`; see store.ts), or as an `out-of-range` / `dtype` problem.
 * Never throws: syntax errors come back as a `syntax` problem.
 */
export function parseLiteral(text: string, syntax: Syntax = 'nested'): ParseResult {
  try {
    const fast = syntax !== 'matlab' ? parseFast(text, syntax) : undefined;
    if (fast) return fast;
    const parsed =
      syntax === 'matlab' && !hasInnerBracket(text)
        ? { root: matlabTree(text) }
        : parseNestedText(text, syntax === 'matlab' ? 'nested' : syntax);
    return printedInstead(analyzeAndStore(parsed), text);
  } catch (e) {
    if (!(e instanceof LiteralSyntaxError)) throw e;
    const message = `not a matrix literal: ${e.message}`;
    return printedInstead({ ok: false, kind: 'syntax', message, numericEntries: 0 }, text);
  }
}

/**
 * A literal that does not parse may be a printed array (a numpy str() in a docstring: `[[1. 0.]\n [0. 1.]]`; a
 * summarised repr: `array([0, 1, 2, ..., 7, 8, 9])`): the printout's reading when it makes an array or names a
 * problem of its own (truncated, ragged…), else the literal's problem. Only failed literals get here, so the common
 * path pays nothing.
 */
function printedInstead(result: ParseResult, text: string): ParseResult {
  // Blank-separated numbers make a syntax error (`[[1. 0.]`) or one entry that is not a number (`[1 2 3]`).
  if (result.ok || (result.kind !== 'syntax' && result.kind !== 'not-a-number')) return result;
  const printed = parsePrinted(text);
  // Its structure (truncated, ragged, nan at row 1…) is news; its "not a number" or "complex" is the literal's own.
  const news = printed.ok || !['syntax', 'not-a-number', 'dtype'].includes(printed.kind);
  return news ? printed : result;
}

const WRAPPER_HEAD = /^\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(\s*(?=\[)/;

/** The list tree with the wrapper's name and dtype text, checked, then stored as the wrapper's library stores it. */
function analyzeAndStore(parsed: NestedParse): ParseResult {
  const extra = {
    ...(parsed.wrapper !== undefined ? { wrapper: parsed.wrapper } : {}),
    ...(parsed.dtype !== undefined ? { dtype: parsed.dtype } : {}),
  };
  const typed = typedArrayClass(parsed.wrapper);
  const texts: string[] = [];
  // Integer typed arrays store NaN and ±Infinity as 0 (ECMAScript ToInt8 …): they are values there, not problems.
  const acceptNonFinite = typed !== undefined && TYPED_ARRAYS[typed].kind === 'int';
  const result = analyze(parsed.root, { texts, acceptNonFinite });
  if (!result.ok) return { ...result, ...extra };
  if (typed !== undefined && result.shape.length > 1) {
    const message = `a ${typed} holds numbers, not lists: element 0 is a list`;
    return { ok: false, kind: 'too-deep', message, numericEntries: result.data.length, ...extra };
  }
  const literal = withShapeArgument({ ...result, ...extra }, parsed.shape);
  if (!literal.ok || libraryOf(parsed.wrapper) === undefined) return literal;
  const isInt = (k: number) => writtenAsInteger(texts[k], literal.data[k]);
  const anyFloat = () => literal.data.some((_, k) => !isInt(k));
  return storeLiteral(literal, { text: (k) => texts[k], isInt }, anyFloat);
}

/** Plain numeric lists (optionally wrapped) without tokens; undefined when the general grammar is needed. */
function parseFast(text: string, syntax: Syntax): ParseResult | undefined {
  const head = WRAPPER_HEAD.exec(text);
  const start = head ? head[0].length : text.indexOf('[');
  if (start < 0 || (text.slice(0, start).trim() !== '' && !head)) return undefined;
  // Typed arrays take the general path: it refuses their extra arguments (`Int16Array.from(xs, mapFn)`).
  if (head && typedArrayClass(head[1]) !== undefined) return undefined;
  const list = fastList(text, start);
  if (!list) return undefined;
  const rest = text.slice(list.end);
  if (!head) return /^\s*[;,]?\s*$/.test(rest) ? list.literal : undefined;
  // Offsets in messages count from the start of the literal, as on the general path.
  const tail = tokenize(rest, syntax).map((t) => ({ ...t, start: t.start + list.end }));
  const { dtype, shape } = parseWrapperTail(tail, text);
  const literal = withShapeArgument(
    { ...list.literal, wrapper: head[1], ...(dtype !== undefined ? { dtype } : {}) },
    shape,
  );
  if (!literal.ok) return literal;
  return libraryOf(head[1]) === undefined ? literal : storeFast(literal, list.floats);
}

/** Thrown when a rule asks whether an entry of a mixed int/float list is an int: the fast path does not know. */
const MIXED = new Error('mixed ints and floats');

/**
 * Stores a fast-path literal. Only when all entries are ints, or all floats, does the fast path know each entry's kind
 * (float dtypes never ask); otherwise, and for a problem (whose message quotes the entry as written), the general path
 * takes over.
 */
function storeFast(literal: NumericLiteral, floats: number): ParseResult | undefined {
  const n = literal.data.length;
  const isInt = () => {
    if (floats !== 0 && floats !== n) throw MIXED;
    return floats === 0;
  };
  try {
    const stored = storeLiteral(literal, { text: (k) => String(literal.data[k]), isInt }, () => floats > 0);
    return stored.ok ? stored : undefined;
  } catch (e) {
    if (e === MIXED) return undefined;
    throw e;
  }
}

function matlabTree(text: string): Node {
  return parseMatlab(tokenize(text, 'matlab'), text);
}

function parseNestedText(text: string, syntax: Syntax): NestedParse {
  return parseNested(tokenize(text, syntax), text);
}

/** A second `[` (outside comments, roughly) means lists inside the brackets: Julia's `[[1, 2], [3, 4]]`. */
function hasInnerBracket(text: string): boolean {
  const first = text.indexOf('[');
  return first >= 0 && tokenize(text.slice(first + 1), 'matlab').some((t) => t.kind === '[');
}

/**
 * The values of a parsed literal as nested arrays, any rank: shape `[n]` → `number[]`, `[h, w]` → `number[][]`,
 * `[c_out, c_in, kh, kw]` → `number[][][][]`. `data` must hold the product of `shape` values, row-major.
 */
export function nestValues(shape: readonly number[], data: readonly number[]): NestedValues {
  return nest(shape, data, 0, 0);
}

function nest(shape: readonly number[], data: readonly number[], depth: number, offset: number): NestedValues {
  const n = shape[depth] ?? data.length;
  if (depth >= shape.length - 1) return data.slice(offset, offset + n);
  const size = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, k) => nest(shape, data, depth + 1, offset + k * size)) as NestedValues;
}

/** A vector, a matrix or an N-D array as nested arrays (`number[]`, `number[][]`, `number[][][]` …). */
export type NestedValues = number[] | NestedValues[];
