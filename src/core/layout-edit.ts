// The text edit behind "Conv2D: Convert Kernel Layout": a 4-D literal's brackets rewritten in the other layout by
// transposing the axes (./layout.ts), with any wrapper (`np.array(…, dtype=…)`) and what follows left as written.

import { printArray } from './export/literal';
import { tfFilterToTorch, torchWeightToTf } from './layout';
import { findLiteral, MaskedLines, nestValues, type LineSource, type Pos, type Syntax } from './literal';

/** The layout a conversion produces. */
export type KernelLayout = 'tensorflow' | 'pytorch';

/** A replacement: `[start, end)` in the document becomes `text`; `summary` says what happened, for a status line. */
export interface LayoutEdit {
  start: Pos;
  end: Pos;
  text: string;
  summary: string;
  shape: number[];
}

/**
 * Rewrites the 4-D literal around `at`, read as PyTorch `[out, in, kh, kw]` when `to` is `'tensorflow'` (result
 * `[kh, kw, in, out]`, PyTorch's documented Conv2d weight → tf.nn.conv2d's filter) and the other way round for
 * `'pytorch'`. Values are printed as the file's syntax writes lists (Python or JS/JSON), indented from the bracket.
 * Throws, naming the line, when there is no literal there, it does not parse, or it is not 4-D; MATLAB-syntax files
 * are refused (they have no 4-D literal syntax).
 */
export function layoutEdit(src: LineSource, at: Pos, syntax: Syntax, to: KernelLayout): LayoutEdit {
  if (syntax === 'matlab')
    throw new Error('kernel layouts are converted in Python, JavaScript/TypeScript and JSON files');
  const found = findLiteral(src, at, { syntax });
  const r = found?.result;
  if (!found || !r) throw new Error(`no kernel literal at line ${at.line + 1}, column ${at.character + 1}`);
  if (!r.ok) throw new Error(`line ${at.line + 1}: ${r.message}`);
  if (r.shape.length !== 4) {
    throw new Error(`the literal at line ${found.start.line + 1} is ${r.shape.join('×')}; a bank of kernels is 4-D`);
  }
  if (r.transpose) {
    throw new Error(
      `the literal at line ${found.start.line + 1} is transposed after it (${r.transpose}): remove the transpose, then convert`,
    );
  }
  const flat = to === 'tensorflow' ? torchWeightToTf(r.data, r.shape) : tfFilterToTorch(r.data, r.shape);
  // Brackets are looked for with comments and strings blanked: `# weights [out, in, kh, kw]` is not the literal.
  const masked = new MaskedLines(src, syntax).maskedText(found.start, found.end);
  const open = masked.indexOf('[');
  if (open < 0) throw new Error(`the literal at line ${found.start.line + 1} is in a comment or a string`);
  const close = matchingClose(masked, open);
  const start = advance(found.start, found.text, open);
  const values = nestValues(flat.shape, flat.data) as number[][][][];
  const layout = to === 'tensorflow' ? 'TensorFlow [kh, kw, in, out]' : 'PyTorch [out, in, kh, kw]';
  return {
    start,
    end: advance(found.start, found.text, close + 1),
    text: printArray(values, syntax === 'python' ? 'python' : 'js', start.character),
    summary: `${r.shape.join('×')} → ${flat.shape.join('×')}, ${layout} (axes transposed, not reshaped)`,
    shape: flat.shape,
  };
}

/** The position `count` characters into `text`, which starts at `from` (lines end at `\n`). */
function advance(from: Pos, text: string, count: number): Pos {
  let { line, character } = from;
  for (let k = 0; k < count; k++) {
    if (text[k] === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  return { line, character };
}

/** The index of the `]` closing the `[` at `open` in `text`. */
function matchingClose(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === '[') depth++;
    else if (text[k] === ']' && --depth === 0) return k;
  }
  throw new Error('the literal has no closing bracket');
}
