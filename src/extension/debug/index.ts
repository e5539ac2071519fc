// "Conv2D: Visualize Variable": from the Variables view's context menu (the variable's evaluateName), the editor's
// context menu (the selection, else the name under the cursor) and the palette (an input box, filled the same way).
// The value goes to the sidebar (controller.ts).
import * as vscode from 'vscode';
import { DebugTensors, type DebugView } from './controller';
import { readRequest } from './dialect';

/** The command's id (package.json contributes it to the three menus). */
export const VISUALIZE = 'conv2d.debug.visualizeVariable';

/** Registers the command and the debug value's controller; returns the controller (the sidebar forwards actions). */
export function registerDebug(context: vscode.ExtensionContext, view: DebugView): DebugTensors {
  const tensors = new DebugTensors(view);
  context.subscriptions.push(
    tensors,
    vscode.commands.registerCommand(VISUALIZE, async (arg?: unknown) => {
      const text = await expressionFor(arg);
      if (text === undefined) return;
      try {
        await tensors.visualize(readRequest(text), text.trim());
      } catch (e) {
        void vscode.window.showErrorMessage(`Conv2D: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  );
  return tensors;
}

/** What the Variables view passes to its context-menu commands (the Debug Adapter Protocol's Variable). */
interface VariablesContext {
  variable: { name: string; evaluateName?: string };
}

function isVariablesContext(arg: unknown): arg is VariablesContext {
  const v = (arg as { variable?: { name?: unknown } } | undefined)?.variable;
  return typeof v?.name === 'string';
}

/**
 * The expression to read: the variable's evaluateName (its name when the adapter gives none); from the editor's
 * context menu (its argument is the document's URI) the selection or the name under the cursor; from the palette the
 * user's input, offered the same text. Undefined when the user cancels or there is nothing to read.
 */
async function expressionFor(arg: unknown): Promise<string | undefined> {
  if (isVariablesContext(arg)) return arg.variable.evaluateName ?? arg.variable.name;
  const near = editorExpression();
  if (arg instanceof vscode.Uri && near) return near;
  return vscode.window.showInputBox({
    title: 'Conv2D: Visualize Variable',
    prompt: 'An expression of the paused program, e.g. K or model.conv1.weight; add "as 3x3" to shape a flat buffer',
    value: near ?? '',
    ignoreFocusOut: true,
  });
}

// A name with member accesses and indexing: K, self.conv.weight, weights[0], layer.kernel[1][0].
const NAME = /[A-Za-z_$][\w$]*(?:\s*(?:\.\s*[A-Za-z_$][\w$]*|\[[^\]\n]*\]))*/;

/** The active editor's selection (one line), else the name (with member accesses) under the cursor. */
function editorExpression(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const doc = editor.document;
  if (!editor.selection.isEmpty) {
    const text = doc.getText(editor.selection).trim();
    return text && !text.includes('\n') ? text : undefined;
  }
  const range = doc.getWordRangeAtPosition(editor.selection.active, new RegExp(NAME.source, 'g'));
  return range ? doc.getText(range) : undefined;
}
