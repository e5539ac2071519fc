// Grammar of MATLAB / Octave / Julia matrix brackets: `[1 2; 3 4]`. Rows end at `;` or a line break, elements at `,`
// or at whitespace — except around binary operators. MATLAB's rule: a `+`/`-` preceded by whitespace and followed
// directly (no whitespace) by its operand is a sign that starts a new element, so `[1 -1]` is 1×2 and `[1 - 1]` is 1×1.

import { evaluate } from './expr';
import type { Token } from './lexer';
import { LiteralSyntaxError, type Node } from './types';

/**
 * Parses a bracketed MATLAB matrix into a list of rows (always 2-D, as MATLAB builds it; empty rows are dropped).
 * Throws `LiteralSyntaxError` for a missing bracket, nested brackets (the caller then tries the nested grammar:
 * Julia's `[[1, 2], [3, 4]]`) or text after the closing bracket other than `;`.
 */
export function parseMatlab(all: readonly Token[], text: string): Node {
  const tokens = trimEdges(all);
  if (tokens[0]?.kind !== '[') throw new LiteralSyntaxError('expected "[" at the start of the matrix');
  const close = closingIndex(tokens);
  const rows = new RowBuilder(text);
  let depth = 0;
  for (let i = 1; i < close; i++) {
    const t = tokens[i];
    if (t.kind === '[') throw new LiteralSyntaxError(`nested "[" at offset ${t.start}`);
    if (t.kind === '(') depth++;
    if (t.kind === ')') depth--;
    // Inside parentheses blanks separate nothing: `[(1 - 2) 3]` is 1×2.
    if (depth > 0) {
      if (!isBlank(t)) rows.add(t);
    } else if (!rows.separator(t, tokens, i)) rows.add(t);
  }
  return { list: rows.finish() };
}

/** Drops blanks around the brackets and a statement-ending `;` after them (`A = [1 2];`). */
function trimEdges(all: readonly Token[]): Token[] {
  let a = 0;
  let b = all.length;
  while (a < b && isBlank(all[a])) a++;
  while (b > a && isBlank(all[b - 1])) b--;
  if (b > a && all[b - 1].kind === ';') b--;
  while (b > a && isBlank(all[b - 1])) b--;
  return all.slice(a, b);
}

function closingIndex(tokens: Token[]): number {
  const j = tokens.length - 1;
  if (j < 1 || tokens[j].kind !== ']') throw new LiteralSyntaxError('expected "]" at the end of the matrix');
  return j;
}

function isBlank(t: Token): boolean {
  return t.kind === 'ws' || t.kind === 'nl';
}

/** Collects tokens into elements and elements into rows. */
class RowBuilder {
  private readonly rows: Node[] = [];
  private row: Node[] = [];
  private element: Token[] = [];
  constructor(private readonly text: string) {}

  add(t: Token): void {
    this.element.push(t);
  }

  /** Handles `t` if it separates elements or rows; returns false when `t` belongs to the current element. */
  separator(t: Token, tokens: readonly Token[], i: number): boolean {
    if (t.kind === ';' || t.kind === 'nl') {
      this.endElement();
      this.endRow();
      return true;
    }
    if (t.kind === ',') {
      this.endElement();
      return true;
    }
    if (t.kind !== 'ws') return false;
    if (this.element.length > 0 && startsNewElement(this.element[this.element.length - 1], tokens, i)) {
      this.endElement();
    }
    return true;
  }

  finish(): Node[] {
    this.endElement();
    this.endRow();
    return this.rows;
  }

  private endElement(): void {
    if (this.element.length === 0) return;
    const first = this.element[0];
    const last = this.element[this.element.length - 1];
    const text = this.text.slice(first.start, last.start + last.text.length);
    this.row.push({ value: evaluate(this.element), text });
    this.element = [];
  }

  private endRow(): void {
    if (this.row.length > 0) this.rows.push({ list: this.row });
    this.row = [];
  }
}

/** Whitespace at `i` after `prev`: does the token after it start a new element? (MATLAB's sign rule.) */
function startsNewElement(prev: Token, tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined || (prev.kind === 'op' && prev.text !== "'")) return false;
  if (next.kind !== 'op') return true;
  if (next.text !== '+' && next.text !== '-') return false;
  const after = tokens[i + 2];
  return after !== undefined && !isBlank(after);
}
