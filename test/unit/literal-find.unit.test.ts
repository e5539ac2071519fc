import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { python } from './helpers/python';
import {
  closerBefore,
  findCall,
  findLiteral,
  linesOf,
  type LineSource,
  type Pos,
  type Syntax,
} from '../../src/core/literal';

/** Position of the `nth` occurrence of `needle` in `text`, moved `shift` characters right. */
function posOf(text: string, needle: string, shift = 0, nth = 0): Pos {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not in the test text`);
  const before = text.slice(0, at + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function shapeAt(text: string, pos: Pos, syntax: Syntax = 'nested'): number[] | string | undefined {
  const found = findLiteral(linesOf(text), pos, { syntax });
  if (!found) return undefined;
  return found.result.ok ? found.result.shape : found.result.message;
}

/** A LineSource that records which lines were read. */
function spy(text: string): LineSource & { read: Set<number> } {
  const src = linesOf(text);
  const read = new Set<number>();
  return { lineCount: src.lineCount, read, lineAt: (k) => (read.add(k), src.lineAt(k)) };
}

const PY = [
  'import numpy as np',
  'X = np.array([[0, 1, 2],',
  '              [3, 4, 5],   # second row',
  '              [6, 7, 8]], dtype=np.float32)',
  'K = [[1, -1]]',
  'names = ["a", "b"]',
  'print(len(X))',
].join('\n');

describe('findLiteral: the literal around the cursor', () => {
  test('any entry of a multi-line np.array → the whole 3×3 with its wrapper', () => {
    for (const needle of ['0,', '4', '8]', 'np.array', 'dtype']) {
      const found = findLiteral(linesOf(PY), posOf(PY, needle), { syntax: 'nested' });
      assert.ok(found?.result.ok, needle);
      assert.deepEqual(found.result.shape, [3, 3], needle);
      assert.equal(found.result.dtype, 'np.float32');
      assert.deepEqual(
        [found.start, found.end],
        [
          { line: 1, character: 4 },
          { line: 3, character: 43 },
        ],
      );
    }
  });
  test('CRLF line ends (a file saved on Windows): the same 3×3 and range as with LF', () => {
    const crlf = PY.replace(/\n/g, '\r\n');
    for (const needle of ['0,', '4', '8]']) {
      const found = findLiteral(linesOf(crlf), posOf(PY, needle), { syntax: 'nested' });
      assert.ok(found?.result.ok, needle);
      assert.deepEqual(found.result.shape, [3, 3], needle);
      assert.deepEqual(
        [found.start, found.end],
        [
          { line: 1, character: 4 },
          { line: 3, character: 43 },
        ],
      );
    }
  });

  test('subscripts and shape arguments are not matrices: x[0], f(a)[1], list[list[float]], np.zeros([2, 3])', () => {
    for (const [line, needle] of [
      ['y = x[0]', '0'],
      ['y = X[1][2]', '2]'],
      ['z = f(a)[1]', '1'],
      ['z = np.zeros([2, 3])', '3'],
      ['r = x.reshape([2, 3])', '3'],
      ['a = tf.ones([4, 4])', '4]'],
      ['w = conv(x, k, strides=[1, 2])', '2'],
    ]) {
      assert.equal(shapeAt(line, posOf(line, needle)), undefined, line);
    }
    const hinted = 'K: list[list[float]] = [[1, -1]]';
    assert.deepEqual(shapeAt(hinted, posOf(hinted, '-1')), [1, 2]);
    assert.deepEqual(shapeAt('y = A[1, 2]', posOf('y = A[1, 2]', '2'), 'matlab'), undefined);
    assert.deepEqual(shapeAt('A = Float32[1 2; 3 4]', posOf('A = Float32[1 2; 3 4]', '4'), 'matlab'), [2, 2]);
    assert.deepEqual(shapeAt('k = np.array([1, -1])', posOf('k = np.array([1, -1])', '-1')), [2]);
  });

  test("transposes: MATLAB [1 -1]' → 2×1, [1 2; 3 4].' → [[1, 3], [2, 4]], numpy .T and torch .t() → 2×1; .T.T undoes", () => {
    const cases: [string, string, Syntax, number[], number[], string | undefined][] = [
      ["v = [1 -1]';", '-1', 'matlab', [2, 1], [1, -1], "'"],
      ["A = [1 2; 3 4].';", '4', 'matlab', [2, 2], [1, 3, 2, 4], ".'"],
      ['K = np.array([[1, -1]]).T', '-1', 'nested', [2, 1], [1, -1], '.T'],
      ['K = np.array([[1, 2, 3], [4, 5, 6]]) .T', '5', 'nested', [3, 2], [1, 4, 2, 5, 3, 6], '.T'],
      ['v = np.array([1, 2]).T', '2', 'nested', [2], [1, 2], '.T'],
      ['K = np.array([[1, -1]]).Tx', '-1', 'nested', [1, 2], [1, -1], undefined],
      ['K = np.array([[1, -1]]).T.T', '-1', 'nested', [1, 2], [1, -1], undefined],
      ["v = [1 2]''", '2', 'matlab', [1, 2], [1, 2], undefined],
      ["v = [1 2]'''", '2', 'matlab', [2, 1], [1, 2], "'''"],
      ['K = torch.tensor([[1., -1.]]).t()', '-1', 'python', [2, 1], [1, -1], '.t()'],
    ];
    for (const [line, needle, syntax, shape, data, transpose] of cases) {
      const found = findLiteral(linesOf(line), posOf(line, needle), { syntax });
      assert.ok(found?.result.ok, line);
      assert.deepEqual([found.result.shape, found.result.data, found.result.transpose], [shape, data, transpose], line);
      // The range takes the transpose in (a hover over `'` shows the column).
      assert.ok(found.text.endsWith(transpose ?? ']') || found.text.endsWith(')'), line);
    }
  });

  test('transposes of N-D literals as numpy applies them: .T reverses every axis, .mT swaps the last two, .T.mT both', () => {
    const W = '[[[[1, 2], [3, 4]]], [[[5, 6], [7, 8]]]]';
    const V = '[[[1, 2, 3]], [[4, 5, 6]]]';
    const cases: [string, string, string][] = [
      [`K = np.array(${W}).T`, W, 'W.T'],
      [`K = np.array(${W}).mT`, W, 'np.swapaxes(W, -1, -2)'],
      [`K = np.array(${W}).T.mT`, W, 'np.swapaxes(W.T, -1, -2)'],
      [`V = torch.tensor(${V}).mT`, V, 'np.swapaxes(W, -1, -2)'],
      [`V = np.array(${V}).T`, V, 'W.T'],
    ];
    for (const [line, literal, expr] of cases) {
      const want = JSON.parse(
        python(`import numpy as np, json
W = np.array(${literal}); R = ${expr}
print(json.dumps({"shape": list(R.shape), "data": R.flatten().tolist()}))`),
      ) as { shape: number[]; data: number[] };
      const found = findLiteral(linesOf(line), posOf(line, '5'), { syntax: 'python' });
      assert.ok(found?.result.ok, line);
      assert.deepEqual({ shape: found.result.shape, data: found.result.data }, want, line);
      assert.ok(found.result.transpose, `${line}: the transpose is noted`);
    }
  });

  test('a no-break space between rows (pasted): the whole matrix, not the row', () => {
    const line = 'M = [[1, 2],\u00a0[3, 4]]';
    assert.deepEqual(shapeAt(line, posOf(line, '4')), [2, 2]);
  });

  test("Python's // is not a comment: K = [[4 // 2, 1],\\n [3, 4]] → 2×2 from any entry", () => {
    const py = 'K = [[4 // 2, 1],\n     [3, 4]]';
    for (const needle of ['2,', '4]']) assert.deepEqual(shapeAt(py, posOf(py, needle), 'python'), [2, 2], needle);
  });

  test('tuples inside np.array: any entry of np.array(((1, 2), (3, 4))) → 2×2; f((1, 2)) is no matrix', () => {
    const py = 'K = np.array(((1, 2), (3, 4)))';
    for (const needle of ['1', '4', 'np.array'])
      assert.deepEqual(shapeAt(py, posOf(py, needle), 'python'), [2, 2], needle);
    assert.equal(shapeAt('x = f((1, 2))', posOf('x = f((1, 2))', '2'), 'python'), undefined);
  });

  test('cursor on the brackets themselves: [[1, -1]] → 1×2', () => {
    assert.deepEqual(shapeAt(PY, posOf(PY, '[[1, -1]]')), [1, 2]);
    assert.deepEqual(shapeAt(PY, posOf(PY, '[[1, -1]]', 8)), [1, 2]);
    assert.deepEqual(shapeAt(PY, posOf(PY, '[[1, -1]]', 4)), [1, 2]);
  });
  test('no hover for lists without numbers, ordinary calls, or outside any bracket', () => {
    assert.equal(shapeAt(PY, posOf(PY, '"a"')), undefined);
    assert.equal(shapeAt(PY, posOf(PY, 'len')), undefined);
    assert.equal(shapeAt(PY, posOf(PY, 'import')), undefined);
  });
  test('a # inside a string or comment does not fool the bracket matching', () => {
    const text = 'X = [[1, 2],  # a ] in a comment\n     [3, 4]]\ns = "[[9]]"';
    assert.deepEqual(shapeAt(text, posOf(text, '3')), [2, 2]);
  });
  test('a literal inside a list of others: the innermost numeric list wins', () => {
    const text = 'pairs = [("edge", [[1, -1]]), ("blur", [[1, 1], [1, 1]])]';
    assert.deepEqual(shapeAt(text, posOf(text, '1, -1')), [1, 2]);
    assert.deepEqual(shapeAt(text, posOf(text, '[1, 1]', 1)), [2, 2]);
  });
  test('a kernel bank [[[...]]] → 3-D', () => {
    const text = 'const bank = [\n  [[1, 0], [0, -1]],\n  [[0, 1], [-1, 0]],\n];';
    assert.deepEqual(shapeAt(text, posOf(text, '-1')), [2, 2, 2]);
  });
  test('ragged and non-numeric literals come back with their message', () => {
    const text = 'A = [[2, 3, 4.0, 5], [2, 3, 41, 5, 4, 2, 2]]\nB = [[1, x], [2, 3]]';
    assert.equal(shapeAt(text, posOf(text, '41')), 'ragged: row 0 has 4 elements, row 1 has 7');
    assert.equal(shapeAt(text, posOf(text, 'x')), 'not a number: "x" at row 0, column 1');
  });
  test('MATLAB: A = [1 -1; 2 3]; and [1 - 1]', () => {
    const text = 'A = [1 -1; 2 3];\nB = [1 - 1];  % zero';
    assert.deepEqual(shapeAt(text, posOf(text, '-1'), 'matlab'), [2, 2]);
    assert.deepEqual(shapeAt(text, posOf(text, '- 1'), 'matlab'), [1, 1]);
  });
  test('TypeScript: const K: number[][] = [ /* kernel */ [1, -1], ] with a // comment', () => {
    const text = 'const K: number[][] = [ /* kernel */\n  [1, -1], // edge\n];';
    assert.deepEqual(shapeAt(text, posOf(text, '1, -1')), [1, 2]);
  });
  test('reads only lines near the cursor in a 10 000-line file', () => {
    const filler = Array.from({ length: 5000 }, (_, k) => `y${k} = f(${k})`);
    const text = [...filler, 'X = [[1, 2],', '     [3, 4]]', ...filler].join('\n');
    const src = spy(text);
    const found = findLiteral(src, { line: 5001, character: 6 }, { syntax: 'nested', maxLines: 200 });
    assert.ok(found?.result.ok);
    assert.deepEqual(found.result.data, [1, 2, 3, 4]);
    assert.ok(src.read.size <= 402, `read ${src.read.size} lines`);
  });
  test('on ordinary code the search stops at the first top-level statement above', () => {
    const lines = Array.from({ length: 3000 }, (_, k) => (k % 10 === 0 ? `def f${k}(x):` : `    y = g(x, w[${k}])`));
    const src = spy(lines.join('\n'));
    assert.equal(findLiteral(src, { line: 2995, character: 10 }, { syntax: 'nested' }), undefined);
    assert.ok(src.read.size <= 10, `read ${src.read.size} lines`);
  });
  test('a literal taller than the window: only the row under the cursor (bounded work)', () => {
    const text = ['X = [', ...Array.from({ length: 50 }, () => '  [1, 2],'), ']'].join('\n');
    const pos = { line: 25, character: 4 };
    assert.deepEqual(findLiteral(linesOf(text), pos, { syntax: 'nested', maxLines: 10 })?.start, {
      line: 25,
      character: 2,
    });
    assert.deepEqual(shapeAt(text, pos), [50, 2]);
  });
});

describe('closerBefore: the cursor just past a literal or call (End key)', () => {
  const cases: [string, number, number | undefined][] = [
    ['K = [[1, -1]]', 13, 12],
    ['K = [[1, -1]];  ', 16, 12],
    ["v = [1 -1]';", 12, 9],
    ['Y = corr2d(X, K)', 16, 15],
    ['K2 = np.array([[1, -1]]).T', 26, 23],
    ['K = torch.tensor([[1.]]).t()', 28, 23],
    ["s = 'abc'", 9, undefined],
    ['K = [[1, -1]]', 12, 11],
    ['x = 1', 5, undefined],
    ['', 0, undefined],
    ['K = [[1, -1]] + 1', 17, undefined],
  ];
  for (const [line, at, want] of cases)
    test(`${JSON.stringify(line)} at ${at} → ${want}`, () => assert.equal(closerBefore(line, at), want));
});

describe('findCall: corr2d(X, K) on literals bound in the same file', () => {
  const text = [
    'X = np.array([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])',
    'K = [[0.0, 1.0], [2.0, 3.0]]',
    'Y = corr2d(X, K)',
    'X = torch.ones((6, 8))',
    'Z = d2l.corr2d(X, K)',
  ].join('\n');
  test('on the name and on an argument → both resolved', () => {
    for (const pos of [posOf(text, 'corr2d'), posOf(text, 'X, K')]) {
      const call = findCall(linesOf(text), pos, { syntax: 'nested' });
      assert.ok(call?.X.literal?.result.ok && call.K.literal?.result.ok);
      assert.deepEqual(call.X.literal.result.shape, [3, 3]);
      assert.deepEqual(call.K.literal.result.data, [0, 1, 2, 3]);
    }
  });
  test('the nearest assignment above wins: X = torch.ones(...) is not a literal', () => {
    const call = findCall(linesOf(text), posOf(text, 'd2l.corr2d'), { syntax: 'nested' });
    assert.equal(call?.name, 'd2l.corr2d');
    assert.equal(call.X.problem, 'no matrix literal assigned to "X" near the call');
    assert.ok(call.K.literal?.result.ok);
  });
  test('TypeScript const bindings and conv2d', () => {
    const ts = 'const X: number[][] = [[1, 2], [3, 4]];\nlet K = [[1]];\nconst Y = conv2d(X, K, { padding: 0 });';
    const call = findCall(linesOf(ts), posOf(ts, 'conv2d'), { syntax: 'nested' });
    assert.ok(call?.X.literal?.result.ok && call.K.literal?.result.ok);
    assert.deepEqual(
      [call.X.literal.result.shape, call.K.literal.result.shape],
      [
        [2, 2],
        [1, 1],
      ],
    );
  });
  test('wrapped names resolve: corr2d(tf.constant(X, dtype=tf.float32), tf.constant(K))', () => {
    const py =
      'X = [[1, 1, 0], [1, 1, 0]]\nK = [[1, -1]]\nY = corr2d(tf.constant(X, dtype=tf.float32), tf.constant(K))';
    const call = findCall(linesOf(py), posOf(py, 'corr2d'), { syntax: 'nested' });
    assert.deepEqual([call?.X.text, call?.X.literal?.result.ok, call?.K.literal?.result.ok], ['X', true, true]);
  });
  test('a declaration is not a call: def corr2d(X, K):', () => {
    const py = 'X = [[1]]\nK = [[1]]\ndef corr2d(X, K):\n    pass';
    assert.equal(findCall(linesOf(py), posOf(py, 'corr2d'), { syntax: 'nested' }), undefined);
  });
  test('options after X and K: Python keywords, a TypeScript options object, positional extras named', () => {
    const opts = (src: string) =>
      findCall(linesOf(`X = [[1, 2], [3, 4]]\nK = [[1]]\n${src}`), { line: 2, character: 1 }, { syntax: 'nested' })
        ?.options;
    assert.deepEqual(opts('corr2d(X, K)'), { geometry: {}, ignored: [] });
    assert.deepEqual(opts("corr2d(X, K, padding='same', stride=(2, 2), dilation_rate=1)"), {
      geometry: { padding: 'same', stride: 2, dilation: 1 },
      ignored: [],
    });
    assert.deepEqual(opts("conv2d(X, K, { padding: 'valid', strides: 2 })"), {
      geometry: { padding: 'valid', stride: 2 },
      ignored: [],
    });
    assert.deepEqual(opts('conv2d(X, K, None, 2, name="c")'), { geometry: {}, ignored: ['None', '2'] });
    assert.deepEqual(opts('corr2d(X, K, stride=(1, 2), padding=p, strides=[2, 1, 1, 1])'), {
      geometry: {},
      ignored: ['stride=(1, 2)', 'padding=p', 'strides=[2, 1, 1, 1]'],
    });
    assert.deepEqual(opts('corr2d(X, K, stride=0, padding=65)'), { geometry: {}, ignored: ['stride=0', 'padding=65'] });
  });
  test('X and K by keyword: corr2d(K=K, X=X), tf.nn.conv2d(input=X, filters=K, …), F.conv2d(X, weight=K, …)', () => {
    for (const call of [
      'corr2d(K=K, X=X)',
      'tf.nn.conv2d(input=X, filters=K, strides=1, padding="VALID")',
      'F.conv2d(X, weight=K, padding=1)',
    ]) {
      const src = `X = [[1, 2, 3], [4, 5, 6]]\nK = [[1, -1]]\nY = ${call}`;
      const found = findCall(linesOf(src), { line: 2, character: 5 }, { syntax: 'python' });
      assert.deepEqual(
        [
          found?.X.literal?.result.ok && found.X.literal.result.shape,
          found?.K.literal?.result.ok && found.K.literal.result.shape,
        ],
        [
          [2, 3],
          [1, 2],
        ],
        call,
      );
      assert.deepEqual(found?.options.ignored, [], call);
    }
    assert.equal(
      findCall(linesOf('X = [[1]]\nY = corr2d(X)'), { line: 1, character: 5 }, { syntax: 'python' }),
      undefined,
    );
  });
  test('not on a call → undefined', () =>
    assert.equal(findCall(linesOf(text), posOf(text, 'torch'), { syntax: 'nested' }), undefined));
});
