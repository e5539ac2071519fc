// Finds the literal around a cursor without reading the whole document: scan left from the cursor for the enclosing
// unmatched brackets (within a window of lines), then match each forward to its closer and parse only that text.
// The outermost enclosing `[` (or wrapper call) that parses as a numeric array wins, so hovering any entry of
// `[[1, 2], [3, 4]]` shows the matrix, not the row.

import { permuteAxes } from '../layout';
import { inCommentOrString, maskLine, revealLine } from './mask';
import { WRAPPERS } from './nested';
import { parseLiteral } from './parse';
import type { NumericLiteral, ParseResult, Pos, Syntax } from './types';

/** Read access to a document's lines: `vscode.TextDocument` fits, and so does an array of strings. */
export interface LineSource {
  readonly lineCount: number;
  lineAt(line: number): string;
}

/** A literal found in a document: its range (end exclusive), its text and what the parser made of it. */
export interface FoundLiteral {
  start: Pos;
  end: Pos;
  text: string;
  result: ParseResult;
}

/** How far the finder may look: lines above and below the cursor (default 2000). */
export interface FindOptions {
  syntax: Syntax;
  maxLines?: number;
}

const DEFAULT_MAX_LINES = 2000;
// Unmatched ( or { passed on the way out before any [ (the cursor inside `abs(4)` inside a literal); more means the
// cursor sits in ordinary code and the search stops early.
const MAX_OTHER_OPENERS = 2;

/** A text as a `LineSource` (tests, the benchmark): lines end at LF or CRLF, as VS Code's `lineAt` sees them. */
export function linesOf(text: string): LineSource {
  const lines = text.split(/\r?\n/);
  return { lineCount: lines.length, lineAt: (k) => lines[k] };
}

/** Masked lines of one search, computed on demand and kept for the search's lifetime. */
export class MaskedLines {
  private readonly cache = new Map<number, string>();
  constructor(
    readonly src: LineSource,
    readonly syntax: Syntax,
  ) {}

  /** Line `k` with strings and comments blanked, or undefined outside the document. */
  at(k: number): string | undefined {
    if (k < 0 || k >= this.src.lineCount) return undefined;
    let m = this.cache.get(k);
    if (m === undefined) {
      m = maskLine(this.src.lineAt(k), this.syntax);
      this.cache.set(k, m);
    }
    return m;
  }

  /** The source text from `start` up to `end` (exclusive), lines joined by "\n". */
  text(start: Pos, end: Pos): string {
    return spanOf((k) => this.src.lineAt(k), start, end);
  }

  /** The same span with strings and comments blanked (same length: positions carry over). */
  maskedText(start: Pos, end: Pos): string {
    return spanOf((k) => this.at(k) ?? '', start, end);
  }
}

/** Lines `start` up to `end` (exclusive) of `lineAt`, joined by "\n". */
function spanOf(lineAt: (k: number) => string, start: Pos, end: Pos): string {
  if (start.line === end.line) return lineAt(start.line).slice(start.character, end.character);
  const parts = [lineAt(start.line).slice(start.character)];
  for (let k = start.line + 1; k < end.line; k++) parts.push(lineAt(k));
  parts.push(lineAt(end.line).slice(0, end.character));
  return parts.join('\n');
}

/**
 * The numeric literal enclosing `pos` (or whose wrapper name `pos` is on), or undefined when there is none within
 * `maxLines` lines. Literals the hover should stay quiet about (empty, mixed nesting, no number at all, syntax
 * errors) give undefined too; ragged or partly non-numeric ones come back with their problem. A cursor in a comment or
 * a string with no literal of code around it reads what the comments and strings hold (a printed array pasted there:
 * `# [[1. 0.]` / `#  [0. 1.]]`), their markers blanked; there a single number in brackets is prose, not an array.
 */
export function findLiteral(src: LineSource, pos: Pos, opts: FindOptions): FoundLiteral | undefined {
  const maxLines = opts.maxLines ?? DEFAULT_MAX_LINES;
  const found = searchLiteral(new MaskedLines(src, opts.syntax), pos, maxLines);
  if (found !== undefined || pos.line >= src.lineCount) return found;
  if (!inCommentOrString(src.lineAt(pos.line), pos.character, opts.syntax)) return undefined;
  const revealed: LineSource = {
    lineCount: src.lineCount,
    lineAt: (k) => revealLine(src.lineAt(k), opts.syntax),
  };
  // Only the run of lines with comments or strings around the cursor can hold the printout: search no further.
  const reach = quotedReach(revealed, pos.line, Math.min(maxLines, MAX_QUOTED_LINES));
  const quoted = searchLiteral(new MaskedLines(revealed, opts.syntax), pos, reach);
  // Prose cites and indexes in brackets ("see [3]", "w[700]"): one number is not an array worth a hover there.
  const entries =
    quoted === undefined ? 0 : quoted.result.ok ? quoted.result.data.length : quoted.result.numericEntries;
  return entries >= 2 ? quoted : undefined;
}

/** The longest printout read from comments or strings, in lines. */
const MAX_QUOTED_LINES = 200;

/** How far the run of lines that hold comment or string text reaches from `line`, up or down, within `limit`. */
function quotedReach(revealed: LineSource, line: number, limit: number): number {
  const holds = (k: number) => k >= 0 && k < revealed.lineCount && revealed.lineAt(k).trim() !== '';
  let up = 0;
  while (up < limit && holds(line - up - 1)) up++;
  let down = 0;
  while (down < limit && holds(line + down + 1)) down++;
  return Math.max(up, down);
}

function searchLiteral(lines: MaskedLines, pos: Pos, maxLines: number): FoundLiteral | undefined {
  const onName = lines.syntax !== 'matlab' ? wrapperAt(lines, pos) : undefined;
  if (onName) {
    const found = literalFrom(lines, onName.name, onName.paren, maxLines);
    if (found) return found;
  }
  const candidates = enclosingOpeners(lines, pos, maxLines);
  for (let k = candidates.length - 1; k >= 0; k--) {
    const found = literalFrom(lines, candidates[k].start, candidates[k].open, maxLines);
    if (found && !isShapeArgument(lines, candidates[k].start, found)) return found;
  }
  return undefined;
}

/**
 * True for a vector that is a shape, not data: `np.zeros([2, 3])`, `x.reshape([2, 3])`, `shape=[2, 3]`.
 * Matrices are always data (`corr2d([[1, 2]], K)`).
 */
function isShapeArgument(lines: MaskedLines, start: Pos, found: FoundLiteral): boolean {
  if (!found.result.ok || found.result.shape.length !== 1) return false;
  const before = (lines.at(start.line) ?? '').slice(0, start.character);
  return SHAPE_ARGUMENT.test(before);
}

/** What precedes a shape argument: a shape-taking call's `(` (maybe after other arguments) or a shape keyword. */
const SHAPE_ARGUMENT =
  /(?:\b(?:zeros|ones|empty|full|rand|randn|randint|normal|uniform|reshape|resize|view|tile|broadcast_to|expand|repeat|permute|transpose|fill|truncatedNormal|randomNormal|randomUniform)(?:_like)?\s*\((?:[^()]*,)?\s*|\b(?:shape|size|dims|axes|axis|perm|strides?|dilations?|kernel_size|pool_size|padding)\s*[=:]\s*)$/;

/**
 * Where to look when the cursor sits just past a literal or call (`K = [[1, -1]];|` after End, `corr2d(X, K)|`):
 * the column of the closer (`]` or `)`) before the cursor, skipping blanks, a `;` and transposes; undefined
 * when the cursor does not follow one.
 */
export function closerBefore(line: string, character: number): number | undefined {
  // Blanks, a `;` and transposes (`.T`, `.t()`, `'`) between the closer and the cursor.
  const m = /(?:\s|;|\.m?T|\.t\(\s*\)|\.?')*$/.exec(line.slice(0, Math.min(character, line.length)));
  const k = m ? m.index : Math.min(character, line.length);
  return k > 0 && /[\])]/.test(line[k - 1]) ? k - 1 : undefined;
}

/** A candidate: where its text starts (the wrapper's name or the `[`) and the bracket to match. */
interface Candidate {
  start: Pos;
  open: Pos;
}

/** Parses the text from `start` to the closer of the bracket at `open`; undefined when it is not worth a hover. */
export function literalFrom(lines: MaskedLines, start: Pos, open: Pos, maxLines: number): FoundLiteral | undefined {
  const close = matchForward(lines, open, maxLines);
  if (!close) return undefined;
  const result = parseLiteral(lines.text(start, close), lines.syntax);
  if (!worthShowing(result)) return undefined;
  const suffix = transposeAfter(lines, close);
  const perm = suffix && result.ok ? permutationOf(suffix, result.shape.length) : undefined;
  if (!suffix || !result.ok || !perm) return { start, end: close, text: lines.text(start, close), result };
  const end = { line: close.line, character: close.character + suffix.length };
  return { start, end, text: lines.text(start, end), result: transposed(result, suffix.trim(), perm) };
}

/**
 * The transposes written right after a literal's closer, as written (blanks before numpy's `.T` included), or
 * undefined: `'` / `.'` in MATLAB/Julia (glued to the bracket: `[1 -1]'` is a column), `.T`, `.mT` and torch's `.t()`
 * elsewhere.
 */
function transposeAfter(lines: MaskedLines, close: Pos): string | undefined {
  const rest = (lines.src.lineAt(close.line) ?? '').slice(close.character);
  const one = lines.syntax === 'matlab' ? /\.?'/y : /\s*\.(?:m?T(?![\w$])|t\(\s*\))/y;
  let end = 0;
  for (one.lastIndex = 0; one.exec(rest) !== null; one.lastIndex = end) end = one.lastIndex;
  return end > 0 ? rest.slice(0, end) : undefined;
}

/**
 * The axis permutation the transposes in `suffix` apply to an array of rank `rank` (numpy.transpose's convention),
 * or undefined when they give the array back as written (`.T.T`, `''`, `.T.mT` of a matrix). `.T`, `'`, `.'` and
 * `.t()` reverse the axes (numpy's `ndarray.T`; a 2-D matrix swaps rows and columns); `.mT` swaps the last two
 * (numpy 2's and torch's matrix transpose, applied to every matrix of a stack).
 */
function permutationOf(suffix: string, rank: number): number[] | undefined {
  const ops = suffix.match(/mT|T|t\(|'/g) ?? [];
  // A vector stays itself, but an odd number of transposes is still noted (the hover says it changed nothing).
  if (rank < 2) return ops.length % 2 === 1 ? [0] : undefined;
  let perm = [...Array(rank).keys()];
  for (const op of ops)
    perm = op === 'mT' ? [...perm.slice(0, -2), perm[rank - 1], perm[rank - 2]] : [...perm].reverse();
  return perm.every((p, k) => p === k) ? undefined : perm;
}

/** `r` with its axes permuted by `perm` (see permutationOf), noting the transpose as written. */
function transposed(r: NumericLiteral, suffix: string, perm: number[]): NumericLiteral {
  const { data, shape } = permuteAxes(r.data, r.shape, perm);
  return { ...r, shape, data, transpose: suffix };
}

/** Problems the hover names (a list of names or strings, a syntax error, an empty list: it stays quiet). */
const NAMED_PROBLEMS: ReadonlySet<string> = new Set([
  'ragged',
  'not-a-number',
  'not-finite',
  'too-deep',
  'out-of-range',
  'dtype',
  'truncated',
  'scalar',
]);

function worthShowing(r: ParseResult): boolean {
  return r.ok || (NAMED_PROBLEMS.has(r.kind) && r.numericEntries > 0);
}

/**
 * Unmatched `[` enclosing `pos`, innermost first, then the wrapper call around the outermost if there is one.
 * Once a `[` is found, an enclosing list can only have lists, commas and blanks beside it: any other character at
 * depth 0 ends the search (so `X = [[...]]` stops at the `=`, not at the window's edge).
 */
function enclosingOpeners(lines: MaskedLines, pos: Pos, maxLines: number): Candidate[] {
  const out: Candidate[] = [];
  let others = 0;
  let depth = 0;
  const first = lines.at(pos.line) ?? '';
  // On a closer, count from just inside it, so its own opener shows up as enclosing.
  let col = isCloser(first.charCodeAt(pos.character)) ? pos.character - 1 : Math.min(pos.character, first.length - 1);
  for (let line = pos.line; line >= Math.max(0, pos.line - maxLines); line--) {
    const text = lines.at(line) ?? '';
    if (line !== pos.line) col = text.length - 1;
    for (; col >= 0; col--) {
      const c = text.charCodeAt(col);
      if (isCloser(c)) depth++;
      else if (isOpener(c)) {
        if (depth > 0) {
          depth--;
          continue;
        }
        const here = { line, character: col };
        if (c === OPEN_SQUARE && !isSubscript(text, col, lines.syntax)) {
          out.push({ start: here, open: here });
          continue;
        }
        const wrapper = c === OPEN_PAREN && lines.syntax !== 'matlab' ? wrapperBefore(text, col) : undefined;
        if (wrapper !== undefined) return [...out, { start: { line, character: wrapper }, open: here }];
        if (out.length > 0 || ++others > MAX_OTHER_OPENERS) return out;
      } else if (depth === 0 && out.length > 0 && c !== COMMA && !BLANK.test(text[col])) return out;
    }
    // Nothing open yet and this line starts a statement at column 0: no bracket above can enclose the cursor.
    if (out.length === 0 && depth === 0 && STATEMENT.test(text)) return out;
  }
  return out;
}

/**
 * True when the `[` at `col` indexes something rather than opening a list: glued to a name, `)` or `]` (`x[0]`,
 * `f(x)[1]`, `list[list[float]]`). Julia's typed literals (`Float32[1 2; 3 4]`) stay literals.
 */
function isSubscript(text: string, col: number, syntax: Syntax): boolean {
  const m = /(?:[A-Za-z_$][\w$]*|[)\]])$/.exec(text.slice(0, col));
  if (!m) return false;
  return !(syntax === 'matlab' && JULIA_ELEMENT_TYPE.test(m[0]));
}

/** Julia element types that may prefix an array literal. */
const JULIA_ELEMENT_TYPE =
  /^(?:Float(?:16|32|64)|U?Int(?:8|16|32|64|128)?|Bool|Complex(?:F16|F32|F64)?|Rational|Big(?:Float|Int)|Real|Number|Any)$/;

/** A top-level statement's first line (`def f(x):`, `const a = 1`, `y = g(x)`); rows of a literal never look so. */
const STATEMENT =
  /^(?:(?:def|class|const|let|var|function|import|from|export|return|if|for|while|async|type|interface)\b|[A-Za-z_$][\w$.]*\s*(?:=[^=]|\())/;

const OPEN_SQUARE = 91;
const OPEN_PAREN = 40;
const COMMA = 44;
/** Blanks between rows, the no-break and other Unicode spaces included. */
const BLANK = /\s/;

function isOpener(c: number): boolean {
  return c === 40 || c === 91 || c === 123;
}

function isCloser(c: number): boolean {
  return c === 41 || c === 93 || c === 125;
}

/**
 * Column where a known wrapper's name (with a `new` before it: `new Uint8Array`) starts right before the `(` at
 * `paren`, or undefined.
 */
function wrapperBefore(text: string, paren: number): number | undefined {
  const m = /(?:\bnew\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*$/.exec(text.slice(0, paren));
  return m && WRAPPERS.has(m[1]) ? m.index : undefined;
}

/** The cursor on a wrapper's name (`np.array` in `np.array([...])`, `new Uint8Array`): where it starts and its `(`. */
function wrapperAt(lines: MaskedLines, pos: Pos): { name: Pos; paren: Pos } | undefined {
  const text = lines.at(pos.line) ?? '';
  const re = /(?:\bnew\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > pos.character) return undefined;
    const paren = m.index + m[0].length - 1;
    if (pos.character <= paren && WRAPPERS.has(m[1])) {
      return { name: { line: pos.line, character: m.index }, paren: { line: pos.line, character: paren } };
    }
  }
  return undefined;
}

/** Position just after the bracket that closes the one at `open`, or undefined within `maxLines` lines. */
export function matchForward(lines: MaskedLines, open: Pos, maxLines: number): Pos | undefined {
  let depth = 0;
  for (let line = open.line; line <= open.line + maxLines; line++) {
    const text = lines.at(line);
    if (text === undefined) return undefined;
    for (let col = line === open.line ? open.character : 0; col < text.length; col++) {
      const c = text.charCodeAt(col);
      if (isOpener(c)) depth++;
      else if (isCloser(c) && --depth === 0) return { line, character: col + 1 };
    }
  }
  return undefined;
}
