// Blanks out strings and comments of one line so bracket matching sees only code. Line by line on purpose: the
// finder looks at a few lines around the cursor and never at the whole document (a block comment or string that
// spans lines can fool it; the parser, which reads the whole literal, cannot be fooled that way).

import type { Syntax } from './types';

/** `line` with string contents and comments replaced by spaces (same length, so columns stay valid). */
export function maskLine(line: string, syntax: Syntax): string {
  if (!/['"`#%/]|\.\.\./.test(line)) return line;
  const out = line.split('');
  let i = 0;
  while (i < line.length) {
    const end = blankEnd(line, i, syntax);
    if (end > i) {
      for (let k = i; k < end; k++) out[k] = ' ';
      i = end;
    } else i++;
  }
  return out.join('');
}

/**
 * The inverse of `maskLine`: only what comments and strings hold, their markers and quotes blanked, code blanked too
 * (same length). `# [[1. 0.]` → `  [[1. 0.]`; `s = "[1 2]"` → `     [1 2] `. The finder reads a printed array pasted
 * into a comment or a string through it.
 */
export function revealLine(line: string, syntax: Syntax): string {
  const out = new Array<string>(line.length).fill(' ');
  let i = 0;
  while (i < line.length) {
    const end = blankEnd(line, i, syntax);
    if (end === i) {
      i++;
      continue;
    }
    const [open, close] = delimiters(line, i, end, syntax);
    for (let k = i + open; k < end - close; k++) out[k] = line[k];
    i = end;
  }
  return out.join('');
}

/** True when column `ch` of `line` lies in a comment or a string (its markers and quotes included). */
export function inCommentOrString(line: string, ch: number, syntax: Syntax): boolean {
  let i = 0;
  while (i < line.length && i <= ch) {
    const end = blankEnd(line, i, syntax);
    if (end > i && ch < end) return true;
    i = end > i ? end : i + 1;
  }
  return false;
}

/** Lengths of the opening and closing delimiters of the region [i, end): `#` 1 / 0, `/* … *\/` 2 / 2, `"…"` 1 / 1. */
function delimiters(line: string, i: number, end: number, syntax: Syntax): [number, number] {
  const two = line.slice(i, i + 2);
  if (two === '/*' || two === '#=') return [2, line.slice(end - 2, end) === (two === '/*' ? '*/' : '=#') ? 2 : 0];
  if (two === '//' || (syntax === 'matlab' && line.startsWith('...', i))) return [two === '//' ? 2 : 3, 0];
  const c = line[i];
  if (c === '#' || c === '%') return [1, 0];
  return [1, end - i > 1 && line[end - 1] === c ? 1 : 0];
}

/** End of the comment or string starting at `i` (exclusive), or `i` when none starts there. */
function blankEnd(line: string, i: number, syntax: Syntax): number {
  const c = line[i];
  const two = line.slice(i, i + 2);
  if (syntax === 'matlab' && two === '#=') {
    const close = line.indexOf('=#', i + 2);
    return close < 0 ? line.length : close + 2;
  }
  // MATLAB's `...` continues the line: the text after it is a comment.
  if (syntax === 'matlab' && line.startsWith('...', i)) return line.length;
  if (syntax === 'matlab' ? c === '%' || c === '#' : c === '#' || (syntax === 'nested' && two === '//'))
    return line.length;
  if (syntax === 'nested' && two === '/*') {
    const close = line.indexOf('*/', i + 2);
    return close < 0 ? line.length : close + 2;
  }
  const isQuote = c === '"' || (c === "'" && !(syntax === 'matlab' && /[\w\])'.]/.test(line[i - 1] ?? ' ')));
  if (!isQuote && !(c === '`' && syntax !== 'matlab')) return i;
  let j = i + 1;
  while (j < line.length && line[j] !== c) j += line[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, line.length);
}
