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
