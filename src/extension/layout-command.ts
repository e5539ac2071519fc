// "Conv2D: Convert Kernel Layout": rewrites the 4-D literal at the cursor (or at a hover link's anchor) between
// PyTorch's Conv2d weight layout [out, in, kh, kw] and TensorFlow's / TensorFlow.js's conv2d filter [kh, kw, in, out] —
// by transposing the axes (src/core/layout-edit.ts), never by a reshape, which scrambles the kernels.
import * as vscode from 'vscode';
import { layoutEdit } from '../core/layout-edit';
import { documentSyntax } from './hover/pipeline';
import { CONVERT_LAYOUT, type LayoutArgs } from './hover/markdown';

/** Registers the command. */
export function registerLayoutCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(CONVERT_LAYOUT, convertLayout));
}

async function convertLayout(args?: LayoutArgs): Promise<void> {
  try {
    const where = args ?? (await fromCursor());
    if (!where) return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(where.uri));
    const syntax = documentSyntax(doc);
    if (!syntax)
      throw new Error(vscode.l10n.t('{0} files have no kernel literals the extension reads', doc.languageId));
    const lines = { lineCount: doc.lineCount, lineAt: (k: number) => doc.lineAt(k).text };
    const edit = layoutEdit(lines, where, syntax, where.to);
    const ws = new vscode.WorkspaceEdit();
    ws.replace(
      doc.uri,
      new vscode.Range(edit.start.line, edit.start.character, edit.end.line, edit.end.character),
      edit.text,
    );
    await vscode.workspace.applyEdit(ws);
    void vscode.window.setStatusBarMessage(`Conv2D: ${edit.summary}`, 5000);
  } catch (e) {
    void vscode.window.showErrorMessage(`Conv2D: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The literal under the active editor's cursor, and the direction the user picks. */
async function fromCursor(): Promise<LayoutArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error(vscode.l10n.t('put the cursor in a 4-D kernel literal first'));
  const to = await vscode.window.showQuickPick(
    [
      {
        label: vscode.l10n.t('To TensorFlow [kh, kw, in, out]'),
        description: vscode.l10n.t('the literal is a PyTorch weight [out, in, kh, kw]'),
        to: 'tensorflow' as const,
      },
      {
        label: vscode.l10n.t('To PyTorch [out, in, kh, kw]'),
        description: vscode.l10n.t('the literal is a TensorFlow filter [kh, kw, in, out]'),
        to: 'pytorch' as const,
      },
    ],
    { title: vscode.l10n.t('Conv2D: Convert Kernel Layout') },
  );
  if (!to) return undefined;
  const { line, character } = editor.selection.active;
  return { uri: editor.document.uri.toString(), line, character, to: to.to };
}
