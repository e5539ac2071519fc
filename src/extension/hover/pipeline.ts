// Everything a hover does except talking to VS Code: find the literal (or corr2d call) around the cursor, parse it,
// render markdown. vscode-free so the unit tests and bench/hover.bench.ts run it in plain Node.

import { findCall, findLiteral, type LineSource, type Pos, type Syntax } from '../../core/literal';
import { renderCall, renderLiteral } from './markdown';

/** Languages whose brackets follow MATLAB's rules (space-separated elements, `;` between rows). */
const MATLAB_LANGUAGES = new Set(['matlab', 'octave', 'julia']);

/** The hover's languages: nested lists for Python, JS/TS (and React flavours) and JSON; MATLAB brackets for the rest. */
export const HOVER_LANGUAGES: readonly string[] = [
  'python',
  'javascript',
  'typescript',
  'javascriptreact',
  'typescriptreact',
  'json',
  'jsonc',
  'matlab',
  'octave',
  'julia',
];

/** Grammar for a VS Code language id. */
export function syntaxFor(languageId: string): Syntax {
  if (languageId === 'python') return 'python';
  return MATLAB_LANGUAGES.has(languageId) ? 'matlab' : 'nested';
}

/**
 * Stock VS Code (and code-server) opens `*.m` as Objective-C: without a MATLAB extension, a MATLAB script arrives with
 * language id `objective-c`. Such documents are read with the MATLAB grammar; `*.mm`, `*.h` stay unserved.
 */
export const MATLAB_AS_OBJECTIVE_C = { language: 'objective-c', pattern: '**/*.m' } as const;

/**
 * The grammar the hover reads `doc` with, deciding by language id AND file extension (a `.m` file in Objective-C mode
 * is MATLAB); undefined when the hover does not serve the document.
 */
export function documentSyntax(doc: { languageId: string; fileName: string }): Syntax | undefined {
  if (HOVER_LANGUAGES.includes(doc.languageId)) return syntaxFor(doc.languageId);
  if (doc.languageId === MATLAB_AS_OBJECTIVE_C.language && /\.m$/i.test(doc.fileName)) return 'matlab';
  return undefined;
}

/** Options of one hover: grammar, element limit, the document's URI (for links to large literals). */
export interface HoverOptions {
  syntax: Syntax;
  maxElements: number;
  uri?: string;
  /** The document as the panels' captions name it (a workspace-relative path): "demo/d2l_conv.py". */
  label?: string;
  maxLines?: number;
}

/** Markdown and the range it describes (end exclusive). */
export interface HoverContent {
  markdown: string;
  start: Pos;
  end: Pos;
}

/**
 * The hover at `pos`: the literal enclosing it, else the `corr2d(X, K)` call under it, else undefined.
 * Reads only lines near `pos` (see `findLiteral`). Throws nothing the parser produces; the provider still guards.
 */
export function hoverAt(src: LineSource, pos: Pos, opts: HoverOptions): HoverContent | undefined {
  const find = { syntax: opts.syntax, ...(opts.maxLines !== undefined ? { maxLines: opts.maxLines } : {}) };
  const literal = findLiteral(src, pos, find);
  if (literal) {
    const anchor = opts.uri !== undefined ? { uri: opts.uri, ...literal.start } : undefined;
    const source = opts.label !== undefined ? { source: `${opts.label}:${literal.start.line + 1}` } : {};
    const markdown = renderLiteral(literal.result, {
      maxElements: opts.maxElements,
      ...(anchor ? { anchor } : {}),
      ...source,
    });
    return { markdown, start: literal.start, end: literal.end };
  }
  const call = findCall(src, pos, find);
  if (!call) return undefined;
  // The same caption as the palette command on the call gives (editor-matrix.ts).
  const source = opts.label !== undefined ? { source: `${opts.label}:${call.start.line + 1} ${call.name}(…)` } : {};
  return { markdown: renderCall(call, { maxElements: opts.maxElements, ...source }), start: call.start, end: call.end };
}
