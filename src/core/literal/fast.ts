// Fast path for the common large case: a nested list of plain numbers (`[[0.5, -1], [2e3, 0]]`), read straight from
// the characters into shape + data without tokens or a tree. Anything else — comments, names, expressions, ragged
// or mixed nesting — returns undefined and the general grammar (with its precise messages) takes over.

import { MAX_RANK } from './shape';
import type { NumericLiteral } from './types';

/** Shape, data and where the list ends (exclusive), when `text` holds a plain regular list at `start`. */
export interface FastList {
  literal: NumericLiteral;
  end: number;
  /** How many entries are written as floats (a `.` or an exponent): the libraries store ints and floats apart. */
  floats: number;
}

/**
 * Reads the list starting with the `[` at `start`. Output as `parseLiteral`'s array (rank 1 … 6);
 * undefined whenever the text needs the general parser. Never throws.
 */
export function fastList(text: string, start: number): FastList | undefined {
  const shape: number[] = [];
  const counts: number[] = [];
  const data: number[] = [];
  let depth = 0;
  let rank = -1;
  let expectItem = true;
  const scan = { float: false, floats: 0 };
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) continue;
    if (c === OPEN) {
      if (!expectItem || (rank >= 0 && depth >= rank)) return undefined;
      counts[++depth] = 0;
    } else if (c === CLOSE) {
      const n = counts[depth];
      if (depth === 0 || n === 0 || (shape[depth - 1] !== undefined && shape[depth - 1] !== n)) return undefined;
      shape[depth - 1] = n;
      if (--depth === 0)
        return rank === shape.length && rank <= MAX_RANK
          ? { literal: { ok: true, shape, data }, end: i + 1, floats: scan.floats }
          : undefined;
      counts[depth]++;
      expectItem = false;
    } else if (c === COMMA) {
      if (expectItem) return undefined;
      expectItem = true;
    } else {
      if (!expectItem || (rank >= 0 && depth !== rank)) return undefined;
      rank = depth;
      const end = signedNumberEnd(text, i, scan);
      if (end === i) return undefined;
      if (scan.float) scan.floats++;
      const v = Number(text.slice(i, end));
      // 1e400 overflows to Infinity: the general path names it ("too large").
      if (!Number.isFinite(v)) return undefined;
      data.push(v);
      counts[depth]++;
      expectItem = false;
      i = end - 1;
    }
  }
  return undefined;
}

const OPEN = 91;
const CLOSE = 93;
const COMMA = 44;

/**
 * End of `[+-]?digits[.digits][e[+-]digits]` at `i`, or `i` (underscores, spaces after a sign: general path);
 * `scan.float` tells whether it had a point or an exponent.
 */
function signedNumberEnd(text: string, i: number, scan: { float: boolean }): number {
  let j = i;
  if (text[j] === '-' || text[j] === '+') j++;
  const intEnd = digits(text, j);
  let k = intEnd;
  if (text[k] === '.') k = digits(text, k + 1);
  if (k === j || (k === j + 1 && intEnd === j)) return i;
  scan.float = k !== intEnd;
  if (text[k] === 'e' || text[k] === 'E') {
    scan.float = true;
    const s = text[k + 1] === '+' || text[k + 1] === '-' ? k + 2 : k + 1;
    const e = digits(text, s);
    if (e === s) return i;
    k = e;
  }
  // A letter, underscore or dot right after (1j, 1_000, 1.2.3) is not a plain number.
  const after = text.charCodeAt(k);
  const glued =
    after === 46 || after === 95 || (after >= 48 && after <= 57) || ((after | 32) >= 97 && (after | 32) <= 122);
  return glued ? i : k;
}

function digits(text: string, from: number): number {
  let j = from;
  while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  return j;
}
