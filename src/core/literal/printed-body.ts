// The bracketed body of a printed array, as numpy's str() (`[[1. 0.]\n [0. 1.]]`, elements apart by blanks) and repr()
// (`[[1., 0.],\n [0., 1.]]`), torch and TensorFlow print it, read into a tree of words. Commas and blanks (line breaks
// and the blank lines between blocks included) separate items alike; `...` marks what a summarised printout left out.

import { LiteralSyntaxError } from './types';

/** One item of a printed body: a list, a word (`1.`, `-2.5e-05`, `nan`, `True`, `'a b'`), or the `...` of a summary. */
export type Printed = { list: Printed[] } | { word: string } | { ellipsis: true };

/** The body read from `text` at `start` (a `[`, or a lone scalar word), and where it ends. */
export interface PrintedBody {
  root: Printed;
  end: number;
}

/**
 * Reads one printed item at `start`: a bracketed list, nested to any depth, or a single word. Throws
 * `LiteralSyntaxError` naming the offset of an unclosed or stray bracket.
 */
export function readPrintedBody(text: string, start: number): PrintedBody {
  const i = skipBlanks(text, start);
  if (text[i] !== '[') {
    const w = readWord(text, i);
    if (w.end === i) throw new LiteralSyntaxError(`expected "[" or a value at offset ${i}`);
    return { root: w.item, end: w.end };
  }
  const stack: Printed[][] = [[]];
  let k = i + 1;
  for (;;) {
    k = skipSeparators(text, k);
    if (k >= text.length) throw new LiteralSyntaxError(`"[" at offset ${i} is not closed`);
    const c = text[k];
    if (c === '[') {
      stack.push([]);
      k++;
    } else if (c === ']') {
      const list = stack.pop() ?? [];
      k++;
      if (stack.length === 0) return { root: { list }, end: k };
      stack[stack.length - 1].push({ list });
    } else {
      const w = readWord(text, k);
      if (w.end === k) throw new LiteralSyntaxError(`unexpected "${c}" at offset ${k}`);
      stack[stack.length - 1].push(w.item);
      k = w.end;
    }
  }
}

/** A word: a quoted string (blanks inside), `...`, or a run up to a blank, a comma or a bracket. */
function readWord(text: string, i: number): { item: Printed; end: number } {
  const q = text[i];
  if (q === "'" || q === '"') {
    const close = text.indexOf(q, i + 1);
    const end = close < 0 ? text.length : close + 1;
    return { item: { word: text.slice(i, end) }, end };
  }
  let j = i;
  while (j < text.length && !isBlank(text.charCodeAt(j)) && !'[],()'.includes(text[j])) j++;
  const word = text.slice(i, j);
  return { item: word === '...' ? { ellipsis: true } : { word }, end: j };
}

function skipSeparators(text: string, i: number): number {
  let k = i;
  while (k < text.length && (isBlank(text.charCodeAt(k)) || text[k] === ',')) k++;
  return k;
}

function skipBlanks(text: string, i: number): number {
  let k = i;
  while (k < text.length && isBlank(text.charCodeAt(k))) k++;
  return k;
}

/** Space, tab, CR, LF and the no-break space a copy from a web page brings. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}
