// Panels opened from the palette take their matrices from the editor: the corr2d(X, K) call under the cursor (both
// arguments resolved to literals of the file, as d2l §7.2's code has them) or a selected literal. Runs in a real
// extension host on an untitled Python document, so it does not depend on the demo files' line numbers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { callAtCursor, matrixAtCursor, selectedMatrix } from '../../src/extension/editor-matrix';

const SOURCE = [
  'X = [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]',
  'K = [[0.0, 1.0], [2.0, 3.0]]',
  'print(corr2d(X, K))',
  'R = [[1, 2, 3], [4, 5]]',
].join('\n');

async function editorOn(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
  return vscode.window.showTextDocument(doc);
}

describe('matrices from the editor for panels opened from the palette', () => {
  it('cursor on corr2d(X, K) with X=[3,3] K=[2,2] literals above: the call gives both', async () => {
    const editor = await editorOn(SOURCE);
    editor.selection = new vscode.Selection(2, 8, 2, 8); // on "corr2d"
    const call = callAtCursor();
    assert.ok(call, 'the call under the cursor was found');
    assert.deepEqual(call.X, [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
    assert.deepEqual(call.K, [
      [0, 1],
      [2, 3],
    ]);
    assert.match(call.source, /:3 corr2d\(…\)$/);
  });

  it('corr2d(X, K, padding=1, stride=2) and a keyword the panel cannot take: padding and stride go to the panel', async () => {
    const editor = await editorOn(SOURCE.replace('corr2d(X, K)', 'corr2d(X, K, padding=1, stride=2, groups=1)'));
    editor.selection = new vscode.Selection(2, 8, 2, 8);
    const call = callAtCursor();
    assert.ok(call, 'the call under the cursor was found');
    assert.deepEqual([call.padding, call.stride, call.dilation], [1, 2, undefined]);
    assert.deepEqual(call.K, [
      [0, 1],
      [2, 3],
    ]);
  });

  it('cursor just past the call or the literal (End key): Y = corr2d(X, K)| gives the call, K = [[...]];| the matrix', async () => {
    const editor = await editorOn(
      SOURCE.replace('print(corr2d(X, K))', 'Y = corr2d(X, K)').replace('3.0]]', '3.0]];  '),
    );
    editor.selection = new vscode.Selection(2, 16, 2, 16);
    assert.deepEqual(callAtCursor()?.K, [
      [0, 1],
      [2, 3],
    ]);
    const end = editor.document.lineAt(1).range.end;
    assert.deepEqual(matrixAtCursor(editor.document, end)?.matrix, [
      [0, 1],
      [2, 3],
    ]);
    assert.equal(matrixAtCursor(editor.document, new vscode.Position(0, 0)), undefined, 'before X = [[...: nothing');
  });

  it('cursor elsewhere: no call', async () => {
    const editor = await editorOn(SOURCE);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(callAtCursor(), undefined);
  });

  it('a selected literal K=[2,2] becomes the panel input; an empty selection gives nothing', async () => {
    const editor = await editorOn(SOURCE);
    editor.selection = new vscode.Selection(1, 0, 1, 28); // "K = [[0.0, 1.0], [2.0, 3.0]]" whole line
    assert.deepEqual(selectedMatrix('K')?.K, [
      [0, 1],
      [2, 3],
    ]);
    editor.selection = new vscode.Selection(1, 6, 1, 6);
    assert.equal(selectedMatrix('K'), undefined);
  });

  it('a 3-D literal W x=[2,2,2] under the cursor: the whole array for the sidebar, its first matrix, the shape in the label', async () => {
    const editor = await editorOn('W = np.array([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], dtype=np.float32)');
    const found = matrixAtCursor(editor.document, new vscode.Position(0, 20));
    assert.ok(found, 'the literal was found');
    assert.deepEqual(found.tensor, { shape: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8], dtype: 'float32' });
    assert.deepEqual(found.matrix, [
      [1, 2],
      [3, 4],
    ]);
    assert.match(found.label, /:1 2×2×2$/);
    assert.equal(found.first, 'slice 0');
    editor.selection = new vscode.Selection(0, 0, 0, 70);
    assert.match(selectedMatrix('K')?.source ?? '', /:1 2×2×2 \(slice 0\)$/, 'a panel names the matrix it takes');
  });

  it('a selected ragged literal gives nothing (the user is told why)', async () => {
    const editor = await editorOn(SOURCE);
    editor.selection = new vscode.Selection(3, 4, 3, 23);
    assert.equal(selectedMatrix('X'), undefined);
  });
});
