// "Copy as code" and "Insert as literal" on the host's side: the code a view generated goes to the clipboard
// (vscode.env.clipboard) or into an untitled editor of its language; a literal goes to the cursor of the last active
// text editor (a webview panel has the focus when its button is clicked, so the editor is remembered as focus moves),
// written in that editor's language by the core's `printArray`.
import * as vscode from 'vscode';
import { printArray, type NestedNumbers } from '../../core/export';
import { nestValues } from '../../core/literal';
import type { FromWebview } from '../../protocol/messages';
import { log } from '../log';
import { literalStyle } from './style';

/** What the host did, for the view's status line. */
export interface ExportOutcome {
  ok: boolean;
  text: string;
}

/** Names of the export targets as the views' language choice shows them. */
export const TARGET_NAMES = {
  numpy: 'NumPy/SciPy',
  pytorch: 'PyTorch',
  tensorflow: 'TensorFlow/Keras',
  tfjs: 'TensorFlow.js',
} as const;

/** The editor language of each target's code. */
const TARGET_LANGUAGE = { numpy: 'python', pytorch: 'python', tensorflow: 'python', tfjs: 'javascript' } as const;

/** The text editor the user was in last: document, cursor and column (kept while a webview has the focus). */
interface LastEditor {
  document: vscode.TextDocument;
  selection: vscode.Selection;
  viewColumn: vscode.ViewColumn | undefined;
}

let last: LastEditor | undefined;

function remember(editor: vscode.TextEditor | undefined): void {
  // The Output pane is a text editor too, but not one to insert into.
  if (!editor || editor.document.uri.scheme === 'output') return;
  last = { document: editor.document, selection: editor.selection, viewColumn: editor.viewColumn };
}

/** Starts following the active text editor (its cursor included); the listeners go on `context.subscriptions`. */
export function registerExport(context: vscode.ExtensionContext): void {
  remember(vscode.window.activeTextEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(remember),
    vscode.window.onDidChangeTextEditorSelection((e) => remember(e.textEditor)),
    { dispose: () => (last = undefined) },
  );
}

function lineCount(code: string): number {
  return code.split('\n').length - (code.endsWith('\n') ? 1 : 0);
}

/**
 * Where exported code opens: beside the view that asked, never over it (a panel that is covered is discarded and
 * would lose its answer) — the last text editor's column, else another editor group, else a new one beside.
 */
function codeColumn(): vscode.ViewColumn {
  const here = vscode.window.tabGroups.activeTabGroup.viewColumn;
  if (last?.viewColumn && last.viewColumn !== here) return last.viewColumn;
  const other = vscode.window.tabGroups.all.find((g) => g.viewColumn !== here);
  return other?.viewColumn ?? vscode.ViewColumn.Beside;
}

/** Copies the code to the clipboard, or opens it in an untitled editor of its language; says which. */
export async function exportCode(m: Extract<FromWebview, { type: 'exportCode' }>): Promise<ExportOutcome> {
  const name = TARGET_NAMES[m.target];
  const lines = lineCount(m.code);
  if (m.destination === 'clipboard') {
    await vscode.env.clipboard.writeText(m.code);
    const text = vscode.l10n.t('{0} code for {1} copied to the clipboard ({2} lines).', name, m.what, lines);
    void vscode.window.showInformationMessage(`Conv2D: ${text}`);
    return { ok: true, text };
  }
  const document = await vscode.workspace.openTextDocument({ language: TARGET_LANGUAGE[m.target], content: m.code });
  await vscode.window.showTextDocument(document, { viewColumn: codeColumn() });
  return {
    ok: true,
    text: vscode.l10n.t('{0} code for {1} opened in an untitled editor ({2} lines).', name, m.what, lines),
  };
}

/** Inserts the array at the cursor of the last active text editor, in its language (see `literalStyle`). */
export async function insertLiteral(m: Extract<FromWebview, { type: 'insertLiteral' }>): Promise<ExportOutcome> {
  const shape = m.shape.join('×');
  const target = last && !last.document.isClosed ? last : undefined;
  if (!target) {
    return {
      ok: false,
      text: vscode.l10n.t(
        'No text editor to insert {0} into: click into a file where the literal should go, then Insert again.',
        m.name,
      ),
    };
  }
  const style = literalStyle(target.document.languageId, target.document.getText(), m.shape.length);
  if (typeof style === 'string')
    return { ok: false, text: vscode.l10n.t('{0}: {1} ({2}) was not inserted.', style, m.name, shape) };
  const editor = await vscode.window.showTextDocument(target.document, {
    viewColumn: target.viewColumn,
    selection: target.selection,
  });
  const at = editor.selection.start;
  const text = printArray(nestValues(m.shape, m.data) as NestedNumbers, style.style, at.character);
  const done = await editor.edit((b) => b.replace(editor.selection, text));
  const where = `${vscode.workspace.asRelativePath(target.document.uri)}:${at.line + 1}`;
  if (!done)
    return {
      ok: false,
      text: vscode.l10n.t('{0} did not take the edit: {1} was not inserted.', target.document.fileName, m.name),
    };
  log().info(`inserted ${m.name} (${shape}) as ${style.label} at ${where}`);
  return { ok: true, text: vscode.l10n.t('Inserted {0} ({1}, {2}) at {3}.', m.name, shape, style.label, where) };
}
