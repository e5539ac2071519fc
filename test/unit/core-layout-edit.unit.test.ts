// "Convert Kernel Layout" as a text edit: the torch weight (2,1,2,2) becomes the tfjs filter [2,2,1,2] with
// flat data [1,5,2,6,3,7,4,8]; converting back restores the values; wrappers and neighbours are left as written;
// numpy.transpose is the independent reference on a random bank; bad input is named.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutEdit, type LayoutEdit } from '../../src/core/layout-edit';
import { linesOf, parseLiteral, type Syntax } from '../../src/core/literal';
import { python } from './helpers/python';

/** The document after applying `edit`. */
function apply(text: string, edit: LayoutEdit): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(edit.start)) + edit.text + text.slice(offset(edit.end));
}

function convert(text: string, line: number, character: number, to: 'tensorflow' | 'pytorch', syntax: Syntax) {
  const edit = layoutEdit(linesOf(text), { line, character }, syntax, to);
  return { edit, text: apply(text, edit) };
}

/** The flat values of the first literal in `text` (after `=` on its line). */
function valuesIn(text: string, syntax: Syntax): { shape: number[]; data: number[] } {
  const literal = text.slice(text.indexOf('=') + 1).trim();
  const r = parseLiteral(literal.replace(/\n\w[\s\S]*$/, ''), syntax);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return { shape: r.shape, data: r.data };
}

const TORCH = 'W = torch.tensor([[[[1., 2.], [3., 4.]]], [[[5., 6.], [7., 8.]]]])\nprint(W.shape)';

describe('layoutEdit: PyTorch [out, in, kh, kw] ⇄ TensorFlow [kh, kw, in, out]', () => {
  test('torch weight (2,1,2,2) → tfjs filter [2,2,1,2] with flat data [1,5,2,6,3,7,4,8] (issue 11.4)', () => {
    const { edit, text } = convert(TORCH, 0, 25, 'tensorflow', 'python');
    assert.deepEqual(edit.shape, [2, 2, 1, 2]);
    assert.match(edit.summary, /2×1×2×2 → 2×2×1×2, TensorFlow \[kh, kw, in, out\] \(axes transposed, not reshaped\)/);
    assert.ok(text.startsWith('W = torch.tensor(['), 'the wrapper stays');
    assert.ok(text.endsWith('])\nprint(W.shape)'), 'the closing paren and the next line stay');
    assert.deepEqual(valuesIn(text, 'python'), { shape: [2, 2, 1, 2], data: [1, 5, 2, 6, 3, 7, 4, 8] });
  });

  test('and back: the converted literal, read as TensorFlow, becomes the original PyTorch weight', () => {
    const there = convert(TORCH, 0, 25, 'tensorflow', 'python').text;
    const back = convert(there, 0, 20, 'pytorch', 'python');
    assert.deepEqual(valuesIn(back.text, 'python'), { shape: [2, 1, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8] });
  });

  test('a multi-line JS literal with a dtype-free tf.tensor4d wrapper: the brackets only, indented from the bracket', () => {
    const js = [
      'const f = tf.tensor4d([',
      '  [[[1, 2], [3, 4]], [[5, 6], [7, 8]]],',
      '  [[[9, 10], [11, 12]], [[13, 14], [15, 16]]],',
      ']);',
      'f.print();',
    ].join('\n');
    const { edit, text } = convert(js, 1, 8, 'pytorch', 'nested');
    assert.deepEqual(edit.start, { line: 0, character: 22 });
    assert.deepEqual(edit.end, { line: 3, character: 1 });
    assert.ok(text.startsWith('const f = tf.tensor4d(['));
    assert.ok(text.endsWith(']);\nf.print();'));
    // [kh=2, kw=2, in=2, out=2] → [out, in, kh, kw]: element [o][i][y][x] = f[y][x][i][o].
    const f = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
    const at = (y: number, x: number, i: number, o: number) => f[((y * 2 + x) * 2 + i) * 2 + o];
    const expected: number[] = [];
    for (let o = 0; o < 2; o++)
      for (let i = 0; i < 2; i++) for (let y = 0; y < 2; y++) for (let x = 0; x < 2; x++) expected.push(at(y, x, i, o));
    assert.deepEqual(valuesIn(text, 'nested'), { shape: [2, 2, 2, 2], data: expected });
  });

  test('a random 3×2×3×2 torch weight matches numpy.transpose(W, (2, 3, 1, 0))', () => {
    const data = Array.from({ length: 36 }, (_, k) => ((k * 37) % 23) - 11);
    const nested = JSON.stringify(
      Array.from({ length: 3 }, (_, o) =>
        Array.from({ length: 2 }, (_, i) =>
          Array.from({ length: 3 }, (_, y) => Array.from({ length: 2 }, (_, x) => data[((o * 2 + i) * 3 + y) * 2 + x])),
        ),
      ),
    );
    const { text } = convert(`W = ${nested}`, 0, 6, 'tensorflow', 'python');
    const ref = JSON.parse(
      python(`import numpy as np, json
W = np.array(${nested}, dtype=np.float64)
print(json.dumps(np.transpose(W, (2, 3, 1, 0)).ravel().tolist()))`),
    ) as number[];
    assert.deepEqual(valuesIn(text, 'python'), { shape: [3, 2, 2, 3], data: ref });
  });

  test('bad input is named: no literal, a 3-D literal, a ragged bank, a MATLAB file', () => {
    assert.throws(
      () => layoutEdit(linesOf('x = 1\ny = 2'), { line: 1, character: 2 }, 'python', 'tensorflow'),
      /no kernel literal at line 2/,
    );
    assert.throws(
      () => layoutEdit(linesOf('X = [[[1, 2], [3, 4]]]'), { line: 0, character: 7 }, 'python', 'tensorflow'),
      /line 1 is 1×2×2; a bank of kernels is 4-D/,
    );
    assert.throws(
      () => layoutEdit(linesOf('W = [[[[1, 2], [3]]]]'), { line: 0, character: 8 }, 'python', 'tensorflow'),
      /line 1: .*row/i,
    );
    assert.throws(
      () => layoutEdit(linesOf('W = [1 2; 3 4]'), { line: 0, character: 6 }, 'matlab', 'pytorch'),
      /Python, JavaScript/,
    );
  });

  // Brackets inside comments are not the literal's (found by trying the converter on habits of its own).
  const NUMPY_TF = (src: string) =>
    python(`import numpy as np, json
W = np.array(json.loads(${JSON.stringify(JSON.stringify(null))}) or ${src})
T = np.transpose(W, (2, 3, 1, 0))
print(json.dumps({"shape": list(T.shape), "data": T.flatten().tolist()}))`);
  const cases: [string, string, Syntax, string, number, number][] = [
    [
      'a ] in a comment between the kernels (Python)',
      'K = [[[[1, 2]]],  # ] closes nothing\n     [[[3, 4]]]]\nprint(K)',
      'python',
      '[[[[1, 2]]], [[[3, 4]]]]',
      0,
      8,
    ],
    [
      'a [ in a comment before the literal, inside np.array( (Python)',
      'K = np.array(  # weights [out, in, kh, kw]\n    [[[[1, 2]]], [[[3, 4]]]],\n    dtype=np.float32)',
      'python',
      '[[[[1, 2]]], [[[3, 4]]]]',
      1,
      9,
    ],
    [
      'a // comment with brackets and a /* ] */ block (JavaScript)',
      'const K = [ // weights [out, in, kh, kw]\n  [[[1, 2], [5, 6]]], /* ] */\n  [[[3, 4], [7, 8]]],\n];',
      'nested',
      '[[[[1, 2], [5, 6]]], [[[3, 4], [7, 8]]]]',
      1,
      6,
    ],
  ];
  for (const [title, source, syntax, literal, line, character] of cases) {
    test(`${title}: only the literal is rewritten, as numpy.transpose(W, (2, 3, 1, 0))`, () => {
      const { text } = convert(source, line, character, 'tensorflow', syntax);
      const want = JSON.parse(NUMPY_TF(literal)) as { shape: number[]; data: number[] };
      // What follows the literal's last bracket stays as written.
      assert.ok(text.endsWith(source.slice(source.lastIndexOf(']') + 1)), 'the text after the literal stays');
      const open = text.indexOf('[[[[');
      const close = text.lastIndexOf(']]]]') + 4;
      const r = parseLiteral(text.slice(open, close), syntax);
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.deepEqual({ shape: r.shape, data: r.data }, want);
    });
  }

  test('a transpose written after the literal (.T, .mT) is refused, naming it: the result would be neither layout', () => {
    for (const suffix of ['.T', '.mT']) {
      const source = `W = np.array([[[[1, 2], [3, 4]]], [[[5, 6], [7, 8]]]])${suffix}`;
      assert.throws(
        () => convert(source, 0, 18, 'tensorflow', 'python'),
        new RegExp(`transposed after it \\(\\${suffix}\\)`),
      );
    }
  });
});
