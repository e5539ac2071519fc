// Matrix-literal hovers inside a real extension host: `vscode.executeHoverProvider` on literals of the demo files
// (or, when a demo file is missing, the same text opened as an untitled document) and on inline documents of every
// hover language; the returned markdown must carry the shape, the values and the trusted command links.
// MATLAB / Octave / Julia need an extension that defines those languages, which the test host lacks: their rules
// are covered by the unit tests (test/unit/literal-parse.unit.test.ts). A `.m` file, which stock VS Code opens as
// Objective-C, is served with the MATLAB grammar.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'conv2d-lens.conv2d-lens';

/** The markdown of every hover at `pos`, joined. */
async function hoverText(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Position of `needle` in `doc` (its `nth` occurrence), moved `shift` characters right. */
function positionOf(doc: vscode.TextDocument, needle: string, shift = 0, nth = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not found in ${doc.uri.toString()}`);
  return doc.positionAt(at + shift);
}

/** The demo file when the workspace has it, else its essential lines as an untitled document. */
async function demo(path: string, language: string, fallback: string): Promise<vscode.TextDocument> {
  // The workspace may be the repository or its demo folder.
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const relative of [path, path.replace(/^demo\//, '')]) {
      const uri = vscode.Uri.joinPath(folder.uri, relative);
      const exists = await vscode.workspace.fs.stat(uri).then(
        () => true,
        () => false,
      );
      if (exists) return vscode.workspace.openTextDocument(uri);
    }
  }
  return vscode.workspace.openTextDocument({ language, content: fallback });
}

async function inline(language: string, content: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument({ language, content });
}

/** Decoded arguments of the command links in `markdown`, keyed "command title". */
function commandArgs(markdown: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of markdown.matchAll(/\[([^\]]+)\]\(command:([\w.]+)\?([^)]*)\)/g)) {
    out.set(`${m[2]} ${m[1]}`, JSON.parse(decodeURIComponent(m[3]))[0]);
  }
  return out;
}

const D2L_FALLBACK = [
  'X = tf.constant([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])',
  'K = tf.constant([[0.0, 1.0], [2.0, 3.0]])',
  'print(corr2d(X, K))',
  'X = [[1, 1, 0, 0, 0, 0, 1, 1],',
  '     [1, 1, 0, 0, 0, 0, 1, 1]]',
  'K = [[1, -1]]',
  '',
].join('\n');

const KERNELS_FALLBACK = 'export const sobelX = [\n  [-1, 0, 1],\n  [-2, 0, 2],\n  [-1, 0, 1],\n];\n';

describe('matrix-literal hovers', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
  });

  it('d2l_conv.py: tf.constant X shows 3×3 with its values and the four command links', async () => {
    const doc = await demo('demo/d2l_conv.py', 'python', D2L_FALLBACK);
    const md = await hoverText(doc, positionOf(doc, 'X = tf.constant([[0.0', 20));
    assert.match(md, /matrix 3×3/);
    assert.ok(md.includes('| **1** | │ | 3 | 4 | 5 |'), md);
    const args = commandArgs(md);
    const X = [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ];
    // The links say where X is, as the workspace names the file: "demo/d2l_conv.py:17" (or the untitled fallback).
    const source = `${vscode.workspace.asRelativePath(doc.uri)}:${positionOf(doc, 'X = tf.constant([[0.0', 0).line + 1}`;
    assert.deepEqual(args.get('conv2d.stepCrossCorrelation Step cross-correlation with this as X'), { X, source });
    assert.deepEqual(args.get('conv2d.learnKernel Learn this kernel'), { K: X, source });
    assert.ok(md.indexOf('command:') < md.indexOf('matrix 3×3'), 'command links come first');
    assert.match(md, /data:image\/png;base64,/);
  });

  it('d2l_conv.py: K = [[1, -1]] is 1×2 with a negative entry', async () => {
    const doc = await demo('demo/d2l_conv.py', 'python', D2L_FALLBACK);
    const md = await hoverText(doc, positionOf(doc, 'K = [[1, -1]]', 7));
    assert.match(md, /matrix 1×2/);
    assert.ok(md.includes('| **0** | │ | 1 | -1 |'), md);
  });

  it('d2l_conv.py: hovering corr2d(X, K) shows the result [[19, 25], [37, 43]]', async () => {
    const doc = await demo('demo/d2l_conv.py', 'python', D2L_FALLBACK);
    const md = await hoverText(doc, positionOf(doc, 'print(corr2d(X, K))', 8));
    assert.ok(md.includes('| **0** | │ | 19 | 25 |\n| **1** | │ | 37 | 43 |'), md);
  });

  it('kernels.ts: sobelX is 3×3 with a diverging heat map', async () => {
    const doc = await demo('demo/kernels.ts', 'typescript', KERNELS_FALLBACK);
    const md = await hoverText(doc, positionOf(doc, '[-2, 0, 2]', 2));
    assert.match(md, /matrix 3×3/);
    assert.ok(md.includes('| **1** | │ | -2 | 0 | 2 |'), md);
    assert.match(md, /blue < 0 < red/);
  });

  it('Python: ragged rows are named instead of a matrix', async () => {
    const doc = await inline('python', 'A = [[2, 3, 4.0, 5], [2, 3, 41, 5, 4, 2, 2]]\n');
    const md = await hoverText(doc, positionOf(doc, '41'));
    assert.ok(md.includes('ragged: row 0 has 4 elements, row 1 has 7'), md);
    assert.doesNotMatch(md, /command:/);
  });

  it('JavaScript: an entry that is not a number is named with its row and column', async () => {
    const doc = await inline('javascript', 'const K = [[1, x], [2, 3]];\n');
    const md = await hoverText(doc, positionOf(doc, '2, 3'));
    assert.ok(md.includes('not a number: "x" at row 0, column 1'), md);
  });

  it('JSON: a nested list with scientific notation', async () => {
    const doc = await inline('json', '{ "K": [[1e-3, -2.5E+2], [0, 1]] }\n');
    const md = await hoverText(doc, positionOf(doc, '1e-3'));
    assert.match(md, /matrix 2×2/);
    assert.ok(md.includes('| **0** | │ | 0.001 | -250 |'), md);
  });

  it('Python: 1e400 (beyond float64) is named with its row and column; no Infinity, no links', async () => {
    const doc = await inline('python', 't = [[1, 1e400], [2, 3]]\n');
    const md = await hoverText(doc, positionOf(doc, '2, 3'));
    assert.ok(md.includes('too large: "1e400" at row 0, column 1 is beyond float64'), md);
    assert.doesNotMatch(md, /Infinity|command:/);
  });

  it('Python: corr2d(tf.transpose(tf.constant(X, ...)), ...) (d2l line 43) gives no hover, not a syntax message', async () => {
    const doc = await inline(
      'python',
      'X = [[1, 0], [1, 0]]\nK = [[1, -1]]\nprint(corr2d(tf.transpose(tf.constant(X, dtype=tf.float32)), tf.constant(K, dtype=tf.float32)))\n',
    );
    for (const needle of ['corr2d(tf', 'transpose', 'constant(X']) {
      const md = await hoverText(doc, positionOf(doc, needle, 2));
      assert.doesNotMatch(md, /expected|Not a matrix|matrix/, `${needle}: ${md}`);
    }
  });

  it('a MATLAB .m file opened as Objective-C: [1 -1; 2 3] is a 2×2 matrix (MATLAB grammar)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conv2d-m-'));
    try {
      const file = join(dir, 'kernel.m');
      writeFileSync(file, 'K = [1 -1; 2 3];\n');
      let doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      if (doc.languageId !== 'objective-c') doc = await vscode.languages.setTextDocumentLanguage(doc, 'objective-c');
      const md = await hoverText(doc, positionOf(doc, '2 3'));
      assert.match(md, /matrix 2×2/);
      assert.ok(md.includes('| **0** | │ | 1 | -1 |\n| **1** | │ | 2 | 3 |'), md);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('np.array with dtype reports the dtype', async () => {
    const doc = await inline('python', 'X = np.array([[1, 2], [3, 4]], dtype=np.float32)\n');
    const md = await hoverText(doc, positionOf(doc, 'array'));
    assert.match(md, /matrix 2×2/);
    assert.match(md, /dtype `np\.float32`/);
  });

  it('no hover on plain code or lists without numbers', async () => {
    const doc = await inline('python', 'names = ["a", "b"]\nprint(len(names))\n');
    assert.doesNotMatch(await hoverText(doc, positionOf(doc, '"a"')), /matrix|Not a matrix/);
    assert.doesNotMatch(await hoverText(doc, positionOf(doc, 'len')), /matrix|Not a matrix/);
  });
});
