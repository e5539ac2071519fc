// The matrix literal under the editor's cursor (for the sidebar, and for panels opened from the palette on a
// selection): the hover's finder and parser, on the lines near the cursor only (never the whole document).
import * as vscode from 'vscode';
import {
  closerBefore,
  findCall,
  findLiteral,
  matricesOf,
  nestValues,
  type CallArgument,
  type LineSource,
  type Pos,
} from '../core/literal';
import { fromFlat } from '../core/matrix';
import { depthOf } from '../core/volume';
import { asMatrix } from './hover/markdown';
import { documentSyntax } from './hover/pipeline';
import type { PanelInput, Tensor } from '../protocol/messages';

/** What the sidebar shows for the cursor: the literal (any rank) and its first matrix, or why it is not an array. */
export interface CursorMatrix {
  matrix: number[][] | null;
  label: string;
  problem?: string;
  /** The whole literal: shape, row-major values and the dtype it is stored as (the sidebar slices N-D ones). */
  tensor?: Tensor;
  /** Which matrix `matrix` is of an N-D literal ("slice 0", "[0][0]"); absent for a vector or a matrix. */
  first?: string;
}

// The sidebar holds every value in the DOM and in its saved state: keep literals it is sent to a sane size.
const MAX_ELEMENTS = 10_000;

/**
 * The literal enclosing `pos` in `doc`: the whole array (`tensor`, any rank up to 6, at most 10 000 values) and its
 * first matrix (vectors become one row; an N-D array's slice 0 or [0][0]), with a label "file:line shape"; a ragged or
 * non-numeric literal gives its problem. Undefined when the cursor is in no literal or the language has none.
 */
export function matrixAtCursor(doc: vscode.TextDocument, pos: vscode.Position): CursorMatrix | undefined {
  const syntax = documentSyntax(doc);
  if (!syntax) return undefined;
  const lines = { lineCount: doc.lineCount, lineAt: (k: number) => doc.lineAt(k).text };
  const found =
    findLiteral(lines, pos, { syntax, maxLines: 500 }) ??
    nearby(lines, pos, (p) => findLiteral(lines, p, { syntax, maxLines: 500 }));
  if (!found) return undefined;
  const where = `${vscode.workspace.asRelativePath(doc.uri)}:${found.start.line + 1}`;
  const r = found.result;
  if (!r.ok) return { matrix: null, label: where, problem: r.message };
  const shape = r.shape.join('×');
  if (r.data.length > MAX_ELEMENTS) {
    return {
      matrix: null,
      label: `${where} ${shape}`,
      problem: `${shape} has ${r.data.length} elements; the sidebar takes up to ${MAX_ELEMENTS}`,
    };
  }
  // The first matrix (slice 0, or [0][0] of a kernel bank) is what a panel opened on the selection takes.
  const first = matricesOf(r.shape, 1)[0];
  const M =
    asMatrix(r) ?? fromFlat(r.data.slice(first.offset, first.offset + first.rows * first.cols), first.rows, first.cols);
  const tensor: Tensor = { shape: r.shape, data: r.data, ...(r.storedAs ? { dtype: r.storedAs } : {}) };
  return { matrix: M, label: `${where} ${shape}`, tensor, ...(first.label ? { first: first.label } : {}) };
}

/**
 * The matrix the user selected in the active editor (a non-empty selection inside or around one literal), as panel
 * input for `role`; undefined when nothing suitable is selected. A selected literal that is not a matrix is
 * reported (its problem names row and column) and ignored.
 */
export function selectedMatrix(role: 'X' | 'K'): { X?: number[][]; K?: number[][]; source: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  // The selection may start before the literal ("X = [[…]]" selected whole): try its start, then its last character.
  const { start, end } = editor.selection;
  const found =
    matrixAtCursor(editor.document, start) ??
    matrixAtCursor(editor.document, end.character > 0 ? end.translate(0, -1) : end);
  if (!found) return undefined;
  if (!found.matrix) {
    void vscode.window.showWarningMessage(
      `Conv2D: the selected literal is not a matrix: ${found.problem ?? 'unknown problem'} (${found.label})`,
    );
    return undefined;
  }
  return { [role]: found.matrix, source: found.first ? `${found.label} (${found.first})` : found.label };
}

/**
 * The `corr2d(X, K)` / `conv2d(X, K)` call under the active editor's cursor, when both arguments resolve to numeric
 * literals of the file (as the hover over the call does): `{ X, K, padding?, stride?, dilation?, source }` for the Step
 * panel; else undefined.
 */
export function callAtCursor(): (PanelInput & { source: string }) | undefined {
  const editor = vscode.window.activeTextEditor;
  const syntax = editor && documentSyntax(editor.document);
  if (!editor || !syntax) return undefined;
  const doc = editor.document;
  const lines = { lineCount: doc.lineCount, lineAt: (k: number) => doc.lineAt(k).text };
  const pos = editor.selection.active;
  const call =
    findCall(lines, pos, { syntax, maxLines: 500 }) ??
    nearby(lines, pos, (p) => findCall(lines, p, { syntax, maxLines: 500 }));
  const X = call && argumentArray(call.X);
  const K = call && argumentArray(call.K);
  if (!call || !X || !K || call.kind === 'transposed') return undefined;
  const depthX = depthOf(X);
  if (depthX !== 2 && depthX !== 3) return undefined;
  // The call's padding, stride, dilation and groups go along; arguments the panel cannot take are left out, as in the
  // hover.
  const { padding, stride, dilation, groups } = call.options.geometry;
  return {
    X: X as number[][] | number[][][],
    K,
    ...{ padding, stride, dilation, groups },
    source: `${vscode.workspace.asRelativePath(doc.uri)}:${call.start.line + 1} ${call.name}(…)`,
  };
}

/** `find` at the closer just before the cursor (the cursor after End on `K = [[1, -1]];`), if there is one. */
function nearby<T>(lines: LineSource, pos: vscode.Position, find: (p: Pos) => T | undefined): T | undefined {
  const at = closerBefore(lines.lineAt(pos.line), pos.character);
  return at === undefined || at === pos.character ? undefined : find({ line: pos.line, character: at });
}

/** An argument's literal as nested arrays: a vector is one row, a 2-D to 4-D array itself; else undefined. */
function argumentArray(a: CallArgument): number[][] | number[][][] | number[][][][] | undefined {
  const r = a.literal?.result;
  if (!r?.ok || r.shape.length > 4) return undefined;
  return asMatrix(r) ?? (nestValues(r.shape, r.data) as number[][][] | number[][][][]);
}
