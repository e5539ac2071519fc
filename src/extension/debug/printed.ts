// The printed value of an expression read as an array — for debug adapters whose language the expressions of js.ts
// and python.ts do not speak, and for values those expressions do not know. The parser is the hover's (numpy str() and
// repr(), torch, TensorFlow, JAX printouts; nested list literals), so a summarised printout (`[0 1 2 ... 4997 4998
// 4999]`) is refused as truncated, never shown as six values. vscode-free.
import { parseLiteral, parsePrinted, type NumericLiteral, type ParseResult } from '../../core/literal';
import { clip, DebugReadError, unquote } from './reply';

/**
 * The array printed in `result` (an evaluate answer: quoted when the value is a string). Reads a printout first, then
 * a list literal (with `{…}` braces read as brackets, as C-family debuggers print arrays, and a leading `(n)` or
 * `Float32Array(n)` length as js-debug previews arrays). Throws `DebugReadError` ('not-numeric') naming the problem,
 * e.g. "numpy summarised this 5000-element array (shape 5000): only the first and last 3 entries are in the text".
 */
export function readPrintedArray(result: string, expression: string): NumericLiteral {
  const text = unquote(result);
  const r = bestReading(text);
  if (r.ok) return r;
  const hint =
    r.kind === 'truncated'
      ? ' — this debugger only gives the printed value; print fewer values or show a smaller slice'
      : r.kind === 'syntax'
        ? ` (the debugger printed: ${clip(text, 80)})`
        : '';
  throw new DebugReadError(`${expression}: not a numeric array: ${r.message}${hint}`, 'not-numeric');
}

function bestReading(text: string): ParseResult {
  const printed = parsePrinted(text);
  if (printed.ok || printed.kind !== 'syntax') return printed;
  const literal = text
    .replace(/^[A-Za-z_$][\w$]*\(\d+\)\s*/, '') // "Float32Array(9) [1, 2, …]"
    .replace(/^\(\d+\)\s*/, '') // "(3) [1, 2, 3]"
    .replace(/[{]/g, '[')
    .replace(/[}]/g, ']');
  const parsed = parseLiteral(literal, 'nested');
  return parsed.ok || parsed.kind !== 'syntax' ? parsed : printed;
}
