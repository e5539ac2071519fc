// The strings the source marks for translation, found the way the tools find them: host code (src/) through
// @vscode/l10n-dev, the exporter of vscode.l10n.t / @vscode/l10n strings; the views (webview-ui/) through the
// TypeScript parser, as calls of the `t` imported from webview-ui/shared/l10n.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import ts from 'typescript';

export const root = join(import.meta.dirname, '..', '..', '..');

/** Every .ts/.tsx file under `dir` (relative to the repository), sorted. */
function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(join(root, dir));
  return out.sort();
}

/** The messages of src/'s `vscode.l10n.t(…)` and `l10n.t(…)` (@vscode/l10n) calls, as l10n-dev exports them. */
export async function hostStrings(): Promise<Set<string>> {
  const files = sources('src').map((p) => ({
    extension: p.endsWith('.tsx') ? '.tsx' : '.ts',
    contents: readFileSync(p, 'utf8'),
  }));
  return new Set(Object.keys(await getL10nJson(files)));
}

/** A `t(…)` call of a view whose message is not a literal: it cannot be a bundle key. */
export interface Unmarkable {
  file: string;
  line: number;
  text: string;
}

/**
 * The messages of the views' `t('…')` calls (`t` imported from shared/l10n), and the calls whose first argument is
 * not a string literal (they would show English whatever the bundle says).
 */
export function viewStrings(): { strings: Set<string>; unmarkable: Unmarkable[] } {
  const strings = new Set<string>();
  const unmarkable: Unmarkable[] = [];
  for (const file of sources('webview-ui')) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    if (!importsT(sf)) continue;
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        const arg = node.arguments[0];
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) strings.add(arg.text);
        else {
          const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          unmarkable.push({ file: relative(root, file), line, text: node.getText() });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { strings, unmarkable };
}

/** Whether the file imports `t` from the views' shared/l10n module. */
function importsT(sf: ts.SourceFile): boolean {
  return sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      /(^|\/)shared\/l10n$|^\.\.?\/l10n$/.test(s.moduleSpecifier.text) &&
      s.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => e.name.text === 't'),
  );
}
