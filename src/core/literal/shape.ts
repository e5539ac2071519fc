// From a parsed list tree to an array: the shape follows the first element at every depth, then every node is
// checked against it. Problems are named in matrix terms (row, column, slice) as a reader of the source counts them.

import type { LiteralProblem, Node, NumericLiteral, ProblemKind } from './types';

type Checked = NumericLiteral | LiteralProblem;

/** What `analyze` may also do: collect each entry's text in reading order; let NaN and ±Infinity through. */
export interface AnalyzeOptions {
  texts?: string[];
  /** For containers that define a stored value for them (integer typed arrays store 0). */
  acceptNonFinite?: boolean;
}

/**
 * Turns the list tree into shape + row-major data, or a problem: `empty`, `too-deep` (rank > 3), `mixed` (lists and
 * numbers at one depth), `ragged` ("ragged: row 0 has 4 elements, row 1 has 7"), `not-a-number`
 * ('not a number: "x" at row 0, column 1') or `not-finite` ('too large: "1e400" at row 0, column 1 is beyond float64',
 * 'not finite: "np.nan" at element 0 is NaN'). Structure is checked before the entries; the first bad entry in
 * reading order is named.
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
  if (shape.length > 3) {
    return problem('too-deep', `${shape.length}-D array: the hover shows vectors, matrices and 3-D arrays`);
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
    const unit = depth === rank - 1 ? 'elements' : 'rows';
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

/** Index path → words: rank 2 `[1]` → "row 1", `[0, 1]` → "row 0, column 1"; rank 3 adds "slice s" in front. */
export function where(path: readonly number[], rank: number): string {
  const names = rank === 1 ? ['element'] : rank === 2 ? ['row', 'column'] : ['slice', 'row', 'column'];
  if (path.length === 0) return 'the array';
  return path.map((k, d) => `${names[d] ?? 'index'} ${k}`).join(', ');
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
