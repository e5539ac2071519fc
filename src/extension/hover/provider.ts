// The VS Code side of the hover: adapts TextDocument to the pure pipeline, reads the setting, trusts only this
// extension's commands, and never throws into the editor.

import * as vscode from 'vscode';
import { findLiteral, nestValues } from '../../core/literal';
import { asMatrix, HOVER_COMMANDS, type OpenLiteralArgs } from './markdown';
import { documentSyntax, HOVER_LANGUAGES, hoverAt, MATLAB_AS_OBJECTIVE_C } from './pipeline';

/**
 * Documents the hover serves: the languages in files and untitled editors, Python notebook cells, and `*.m` files
 * VS Code took for Objective-C (MATLAB without a MATLAB extension).
 */
export function hoverSelector(): vscode.DocumentSelector {
  return [
    ...HOVER_LANGUAGES.map((language) => ({ language })),
    { language: 'python', scheme: 'vscode-notebook-cell' },
    { ...MATLAB_AS_OBJECTIVE_C },
  ];
}

/** A `vscode.TextDocument` as the finder's `LineSource` (reads only the lines asked for). */
function linesOf(doc: vscode.TextDocument) {
  return { lineCount: doc.lineCount, lineAt: (k: number) => doc.lineAt(k).text };
}

/** Hovers on matrix literals and corr2d calls. */
export class MatrixHoverProvider implements vscode.HoverProvider {
  /**
   * The last hover: moving the pointer from cell to cell of one literal asks again for every cell; while the
   * document version and the setting are unchanged, the same range gets the same hover without re-parsing.
   */
  private last: { key: string; range: vscode.Range; hover: vscode.Hover } | undefined;

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    try {
      const maxElements = vscode.workspace.getConfiguration('conv2d.hover', doc).get<number>('maxElements', 10000);
      const key = `${doc.uri.toString()}#${doc.version}#${maxElements}`;
      if (this.last?.key === key && this.last.range.contains(pos) && pos.isBefore(this.last.range.end))
        return this.last.hover;
      const syntax = documentSyntax(doc);
      if (!syntax) return undefined;
      const label = vscode.workspace.asRelativePath(doc.uri);
      const found = hoverAt(linesOf(doc), pos, { syntax, maxElements, uri: doc.uri.toString(), label });
      if (!found) return undefined;
      const range = new vscode.Range(found.start.line, found.start.character, found.end.line, found.end.character);
      const hover = new vscode.Hover(trusted(found.markdown), range);
      this.last = { key, range, hover };
      return hover;
    } catch (e) {
      // A bug in the parser must not break the editor: say what happened instead.
      const message = e instanceof Error ? e.message : String(e);
      return new vscode.Hover(
        new vscode.MarkdownString().appendText(vscode.l10n.t('Conv2D Lens hover failed: {0}', message)),
      );
    }
  }
}

function trusted(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  return md;
}

/**
 * `conv2d.hover.openLiteral`: re-reads the literal at the anchor (it was too large to embed in the link) and runs the
 * panel command with `{ X }` or `{ K }`. Shows an error message when the literal is gone or not a matrix.
 */
export async function openLiteral(args: OpenLiteralArgs): Promise<void> {
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const found = findLiteral(
      linesOf(doc),
      { line: args.line, character: args.character },
      { syntax: documentSyntax(doc) ?? 'nested' },
    );
    const result = found?.result;
    if (!result?.ok)
      throw new Error(result ? result.message : vscode.l10n.t('no matrix literal at line {0}', args.line + 1));
    if (result.shape.length > 4)
      throw new Error(vscode.l10n.t('a {0} array is not a matrix or channels', result.shape.join('×')));
    // A matrix, or channels / a bank of kernels for the Step panel (3-D, 4-D).
    const M = asMatrix(result) ?? nestValues(result.shape, result.data);
    const source = `${vscode.workspace.asRelativePath(doc.uri)}:${(found?.start.line ?? args.line) + 1}`;
    await vscode.commands.executeCommand(args.command, { [args.role]: M, source });
  } catch (e) {
    void vscode.window.showErrorMessage(`Conv2D Lens: ${e instanceof Error ? e.message : String(e)}`);
  }
}
