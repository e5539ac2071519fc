// From a parsed list tree to an array: the shape follows the first element at every depth, then every node is
// checked against it. Problems are named in matrix terms (row, column, slice) as a reader of the source counts them;
// beyond 3-D the matrix is named by its index path, `[1][0] row 2, column 3`, as `K[1][0][2][3]` indexes it.

import type { LiteralProblem, Node, NumericLiteral, ProblemKind } from './types';

type Checked = NumericLiteral | LiteralProblem;

/** The deepest array read: 6-D holds a batch of kernel banks with room to spare (`[n, c_out, c_in, kh, kw]` is 5-D). */
export const MAX_RANK = 6;

/** What `analyze` may also do: collect each entry's text in reading order; let NaN and ±Infinity through. */
export interface AnalyzeOptions {
  texts?: string[];
  /** For containers that define a stored value for them (integer typed arrays store 0). */
  acceptNonFinite?: boolean;
}

/**
 * Turns the list tree into shape + row-major data (rank 1 … 6), or a problem: `empty`, `too-deep` (rank > 6),
 * `mixed` (lists and numbers at one depth), `ragged` ("ragged: row 0 has 4 elements, row 1 has 7", "ragged: [0][0]
 * has 2 rows, [1][0] has 3"), `not-a-number` ('not a number: "x" at row 0, column 1') or `not-finite` ('too large:
 * "1e400" at row 0, column 1 is beyond float64', 'not finite: "np.nan" at element 0 is NaN'). Structure is checked
 * before the entries; the first bad entry in reading order is named.
 */
export function analyze(root: Node, opts: AnalyzeOptions = {}): Checked {
  const numericEntries = countNumbers(root);
  const problem = (kind: ProblemKind, message: string): LiteralProblem => ({
    ok: false,
    kind,
    message,
    numericEntries,
  });
  const shape = firstPathShape(root);
  if (shape.includes(0)) return problem('empty', `empty array (shape ${shape.join('×')})`);
  if (shape.length > MAX_RANK) {
    return problem(
      'too-deep',
      `${shape.length}-D array (nested ${shape.length} lists deep): arrays are read up to ${MAX_RANK}-D`,
    );
  }
  const structural = checkStructure(root, shape, []);
  if (structural) return problem(structural.kind, structural.message);
  const data: number[] = [];
  const bad = flatten(root, [], data, opts);
  if (bad) {
    const at = `${quoted(bad.text)} at ${where(bad.path, shape.length)}`;
    if (bad.value === undefined) return problem('not-a-number', `not a number: ${at}${lookalike(bad.text)}`);
    // The panels, the sidebar and the protocol take finite numbers only: say so here rather than fail there.
    return problem(
      'not-finite',
      overflowed(bad.text, bad.value) ? `too large: ${at} is beyond float64` : `not finite: ${at} is ${bad.value}`,
    );
  }
  return { ok: true, shape, data };
}

/** A hint for text that only looks like a number: a typographic minus or dash pasted from a page or a PDF. */
function lookalike(text: string): string {
  const m = /[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/.exec(text);
  return m
    ? ` (U+${m[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} is not a minus sign in code: type "-")`
    : '';
}

function countNumbers(node: Node): number {
  if ('list' in node) return node.list.reduce((n, child) => n + countNumbers(child), 0);
  return node.value === undefined ? 0 : 1;
}

function firstPathShape(root: Node): number[] {
  const shape: number[] = [];
  for (let node: Node | undefined = root; node !== undefined && 'list' in node; node = node.list[0]) {
    shape.push(node.list.length);
  }
  return shape;
}

function checkStructure(
  node: Node,
  shape: number[],
  path: number[],
): { kind: ProblemKind; message: string } | undefined {
  const depth = path.length;
  const rank = shape.length;
  const isList = 'list' in node;
  if (isList !== depth < rank) {
    const first = where(
      path.map(() => 0),
      rank,
    );
    const what = (list: boolean) => (list ? 'a list' : 'a number');
    return {
      kind: 'mixed',
      message: `mixed nesting: ${where(path, rank)} is ${what(isList)}, ${first} is ${what(!isList)}`,
    };
  }
  if (!('list' in node)) return undefined;
  if (node.list.length !== shape[depth]) {
    const first = where(
      path.map(() => 0),
      rank,
    );
    const unit = unitOf(rank - depth - 1, shape[depth]);
    return {
      kind: 'ragged',
      message: `ragged: ${first} has ${shape[depth]} ${unit}, ${where(path, rank)} has ${node.list.length}`,
    };
  }
  for (let k = 0; k < node.list.length; k++) {
    const found = checkStructure(node.list[k], shape, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

/** An entry the array cannot hold: not a number (`value` undefined), or NaN / ±Infinity. */
interface BadEntry {
  text: string;
  value: number | undefined;
  path: number[];
}

/** Appends the values in reading order; returns the first entry that is not a finite number, with its index path. */
function flatten(node: Node, path: number[], out: number[], opts: AnalyzeOptions): BadEntry | undefined {
  if (!('list' in node)) {
    const v = node.value;
    if (v === undefined || (!Number.isFinite(v) && !opts.acceptNonFinite)) return { text: node.text, value: v, path };
    out.push(v);
    opts.texts?.push(node.text);
    return undefined;
  }
  for (let k = 0; k < node.list.length; k++) {
    const bad = flatten(node.list[k], [...path, k], out, opts);
    if (bad) return bad;
  }
  return undefined;
}

/** What a list of `n` sub-arrays of rank `childRank` holds: elements, rows, matrices, 3-D arrays … */
function unitOf(childRank: number, n: number): string {
  const one = n === 1;
  if (childRank === 0) return one ? 'element' : 'elements';
  if (childRank === 1) return one ? 'row' : 'rows';
  if (childRank === 2) return one ? 'matrix' : 'matrices';
  return `${childRank}-D ${one ? 'array' : 'arrays'}`;
}

/**
 * Index path → words. Rank 1: "element 3"; rank 2: "row 1", "row 0, column 1"; rank 3: "slice 2, row 0, column 1";
 * rank ≥ 4: the matrix by its index path, then row and column: `[1, 0, 2, 3]` → "[1][0] row 2, column 3", `[1]` →
 * "[1]". The empty path is "the array".
 */
export function where(path: readonly number[], rank: number): string {
  if (path.length === 0) return 'the array';
  if (rank <= 3) {
    const names = rank === 1 ? ['element'] : rank === 2 ? ['row', 'column'] : ['slice', 'row', 'column'];
    return path.map((k, d) => `${names[d]} ${k}`).join(', ');
  }
  const lead = rank - 2;
  const index = path
    .slice(0, lead)
    .map((k) => `[${k}]`)
    .join('');
  const rest = path.slice(lead).map((k, d) => `${d === 0 ? 'row' : 'column'} ${k}`);
  return rest.length === 0 ? index : `${index} ${rest.join(', ')}`;
}

/** ±Infinity written with digits only (`1e400`, `-1e400`, `1e200 * 1e200`), not a name (`inf`) or a division. */
function overflowed(text: string, value: number): boolean {
  return (value === Infinity || value === -Infinity) && !/[A-DF-Za-df-z/]/.test(text);
}

/** The entry in double quotes, unless it is a string literal that already carries its own quotes. */
function quoted(text: string): string {
  const t = clip(text);
  return /^(["'`]).*\1$/.test(t) && t.length >= 2 ? t : `"${t}"`;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine;
}

/** Reading-order index → index path in an array of `shape`. */
export function unravel(k: number, shape: readonly number[]): number[] {
  const path = new Array<number>(shape.length);
  let rest = k;
  for (let d = shape.length - 1; d >= 0; d--) {
    path[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  return path;
}
