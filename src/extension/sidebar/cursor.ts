// The matrix literal under the editor's cursor, for the sidebar: the hover's finder and parser, on the lines near
// the cursor only (never the whole document).
import * as vscode from 'vscode';
import { findLiteral } from '../../core/literal';
import { asMatrix } from '../hover/markdown';
import { HOVER_LANGUAGES, syntaxFor } from '../hover/pipeline';

/** What the sidebar shows for the cursor: a matrix, or the reason the literal is not one. */
export interface CursorMatrix {
  matrix: number[][] | null;
  label: string;
  problem?: string;
}

// The sidebar holds every value in the DOM and in its saved state: keep literals it is sent to a sane size.
const MAX_ELEMENTS = 10_000;

/**
 * The literal enclosing `pos` in `doc` as a matrix (vectors become one row; a 3-D array shows its first slice), with a
 * label "file:line shape"; a ragged or non-numeric literal gives its problem. Undefined when the cursor is in no literal
 * or the language has none.
 */
export function matrixAtCursor(doc: vscode.TextDocument, pos: vscode.Position): CursorMatrix | undefined {
  if (!HOVER_LANGUAGES.includes(doc.languageId)) return undefined;
  const lines = { lineCount: doc.lineCount, lineAt: (k: number) => doc.lineAt(k).text };
  const found = findLiteral(lines, pos, { syntax: syntaxFor(doc.languageId), maxLines: 500 });
  if (!found) return undefined;
  const where = `${vscode.workspace.asRelativePath(doc.uri)}:${found.start.line + 1}`;
  const r = found.result;
  if (!r.ok) return { matrix: null, label: where, problem: r.message };
  const shape = r.shape.join('×');
  if (r.data.length > MAX_ELEMENTS) {
    return { matrix: null, label: `${where} ${shape}`, problem: `${shape} has ${r.data.length} elements; the sidebar takes up to ${MAX_ELEMENTS}` };
  }
  const M = asMatrix(r) ?? firstSlice(r.shape, r.data);
  return { matrix: M, label: `${where} ${shape}${r.shape.length === 3 ? ' (slice 0)' : ''}` };
}

function firstSlice(shape: number[], data: number[]): number[][] {
  const [, h, w] = shape;
  return Array.from({ length: h }, (_, i) => data.slice(i * w, i * w + w));
}
