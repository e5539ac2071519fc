// Which literal syntax "Insert as literal" writes in an editor: the editor's language decides (Python lists, or
// np.array when the file imports numpy as np; JavaScript arrays; MATLAB matrices). Pure (no vscode): tested in Node.
import type { ArrayStyle } from '../../core/export';

/** The syntax to write, and how the host's message names it. */
export interface LiteralStyle {
  style: ArrayStyle;
  label: string;
}

const JS_LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'json', 'jsonc'];

/**
 * The style for an array of `rank` dimensions inserted into a document of `languageId` whose text is `text`:
 * - python: `np.array(…, dtype=np.float64)` when the file has `import numpy as np`, else nested lists;
 * - JavaScript, TypeScript, JSON: nested arrays;
 * - MATLAB, Octave: `[1 2; 3 4]`, 3-D and 4-D arrays with cat(3, …) / cat(4, …);
 * - Julia: a vector as `[1, 2]`, a matrix as `[1 2; 3 4]` (the syntax Julia shares with MATLAB);
 * - any other language: nested lists (valid Python and JSON).
 * Returns a sentence instead when the language has no syntax for that rank here (Julia above 2-D).
 */
export function literalStyle(languageId: string, text: string, rank: number): LiteralStyle | string {
  if (languageId === 'python') {
    return /^[ \t]*import[ \t]+numpy[ \t]+as[ \t]+np\b/m.test(text)
      ? { style: 'numpy', label: 'np.array' }
      : { style: 'python', label: 'Python list' };
  }
  if (JS_LANGUAGES.includes(languageId)) return { style: 'js', label: 'JavaScript array' };
  if (languageId === 'matlab' || languageId === 'octave') return { style: 'matlab', label: 'MATLAB matrix' };
  if (languageId === 'julia') {
    if (rank === 1) return { style: 'js', label: 'Julia vector' };
    if (rank === 2) return { style: 'matlab', label: 'Julia matrix' };
    return `Julia: Insert as literal writes vectors and matrices, and this array is ${rank}-D`;
  }
  return { style: 'python', label: 'nested lists' };
}
