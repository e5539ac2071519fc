// N-D literals: kernels `[c_out, c_in/groups, kh, kw]` and inputs `[c_in, h, w]` in every grammar that writes them,
// ragged at each depth named by index path, rank 7 refused, nestValues and the matrices of an N-D array, the finder's
// outermost literal, tfjs's and TensorFlow's shape arguments against tfjs itself.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tensor } from '@tensorflow/tfjs-core';
import {
  findLiteral,
  linesOf,
  matricesOf,
  nestValues,
  parseLiteral,
  printLiteral,
  where,
  type PrintStyle,
  type Syntax,
} from '../../src/core/literal';
import { python } from './helpers/python';
import { useCpuBackend } from './helpers/tf';

function expectArray(text: string, shape: number[], data: number[], syntax: Syntax = 'python'): void {
  const r = parseLiteral(text, syntax);
  assert.ok(r.ok, `${text.slice(0, 80)}: ${r.ok ? '' : r.message}`);
  assert.deepEqual([r.shape, r.data], [shape, data]);
}

function expectProblem(text: string, kind: string, message: string): void {
  const r = parseLiteral(text, 'python');
  assert.ok(!r.ok, `expected a problem from ${text}`);
  assert.deepEqual([r.kind, r.message], [kind, message]);
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, k) => from + k);

describe('4-D to 6-D literals in every nested grammar', () => {
  const K = '[[[[1, 2], [3, 4]], [[5, 6], [7, 8]]], [[[9, 10], [11, 12]], [[13, 14], [15, 16]]]]';
  const cases: [string, string][] = [
    ['nested list', K],
    ['np.array', `np.array(${K}, dtype=np.float32)`],
    ['torch.tensor', `torch.tensor(${K}, dtype=torch.float64)`],
    ['tf.constant', `tf.constant(${K}, dtype=tf.float64)`],
    ['tf.tensor4d', `tf.tensor4d(${K})`],
    ['jnp.array', `jnp.array(${K})`],
    ['JSON', JSON.stringify(JSON.parse(K))],
    ['tuples', K.replace(/\[/g, '(').replace(/\]/g, ')').replace(/^\(/, 'np.array((') + ')'],
  ];
  for (const [what, text] of cases) {
    test(`K=[2,2,2,2] (c_out=2, c_in=2, kh=2, kw=2) as ${what}`, () => expectArray(text, [2, 2, 2, 2], range(16, 1)));
  }
  test('x=[1,1,1,1] [[[[1]]]] is a 4-D array now (it was refused as too deep)', () =>
    expectArray('[[[[1]]]]', [1, 1, 1, 1], [1]));
  test('5-D [2,1,2,1,2] and 6-D [1,2,1,2,1,2]', () => {
    expectArray(printLiteral(nestValues([2, 1, 2, 1, 2], range(8)), 'python'), [2, 1, 2, 1, 2], range(8));
    expectArray(printLiteral(nestValues([1, 2, 1, 2, 1, 2], range(8)), 'numpy'), [1, 2, 1, 2, 1, 2], range(8));
  });
  test('7-D is refused with the rank and the limit', () =>
    expectProblem('[[[[[[[1, 2]]]]]]]', 'too-deep', '7-D array (nested 7 lists deep): arrays are read up to 6-D'));
  test('a multi-line 4-D np.array with comments (the general path) equals the plain one (the fast path)', () => {
    const commented = `np.array([  # K: c_out=2
  [[[1, 2], [3, 4]],   # c_in 0
   [[5, 6], [7, 8]]],
  [[[9, 10], [11, 12]],
   [[13, 14], [15, 16]]],
])`;
    assert.deepEqual(parseLiteral(commented, 'python'), parseLiteral(`np.array(${K})`, 'python'));
  });
});

describe('problems in N-D arrays name the index path: [i][j] then row and column', () => {
  test('where(): rank 4 [1, 0, 2, 3] → "[1][0] row 2, column 3"; [1] → "[1]"; rank 5 [0, 1, 2] → "[0][1][2]"', () => {
    assert.equal(where([1, 0, 2, 3], 4), '[1][0] row 2, column 3');
    assert.equal(where([1, 0, 2], 4), '[1][0] row 2');
    assert.equal(where([1], 4), '[1]');
    assert.equal(where([0, 1, 2], 5), '[0][1][2]');
    assert.equal(where([0, 1, 2, 3, 4], 5), '[0][1][2] row 3, column 4');
    assert.equal(where([2, 0, 1], 3), 'slice 2, row 0, column 1');
  });
  test('x=[2,?,1,2] ragged at depth 1: "[0] has 1 matrix, [1] has 2"', () =>
    expectProblem('[[[[1, 2]]], [[[1, 2]], [[3, 4]]]]', 'ragged', 'ragged: [0] has 1 matrix, [1] has 2'));
  test('x=[1,2,?,2] ragged at depth 2: "[0][0] has 2 rows, [0][1] has 1"', () =>
    expectProblem('[[[[1, 2], [3, 4]], [[5, 6]]]]', 'ragged', 'ragged: [0][0] has 2 rows, [0][1] has 1'));
  test('x=[2,1,2,?] ragged at depth 3: "[0][0] row 0 has 2 elements, [1][0] row 1 has 3"', () =>
    expectProblem(
      '[[[[1, 2], [3, 4]]], [[[1, 2], [3, 4, 5]]]]',
      'ragged',
      'ragged: [0][0] row 0 has 2 elements, [1][0] row 1 has 3',
    ));
  test('x=[2,?,...] 5-D ragged at depth 1: "[0] has 1 3-D array, [1] has 2"', () =>
    expectProblem('[[[[[1]]]], [[[[1]]], [[[2]]]]]', 'ragged', 'ragged: [0] has 1 3-D array, [1] has 2'));
  test('x=[2,1,2,2] mixed nesting: "[1][0] row 1 is a number, [0][0] row 0 is a list"', () =>
    expectProblem(
      '[[[[1, 2], [3, 4]]], [[[1, 2], 3]]]',
      'mixed',
      'mixed nesting: [1][0] row 1 is a number, [0][0] row 0 is a list',
    ));
  test('x=[2,1,2,2] not a number at [1][0] row 1, column 0', () =>
    expectProblem(
      '[[[[1, 2], [3, 4]]], [[[1, 2], [x, 4]]]]',
      'not-a-number',
      'not a number: "x" at [1][0] row 1, column 0',
    ));
  test('x=[1,1,1,2] dtype=uint8 out of range at [0][0] row 0, column 1', () => {
    const r = parseLiteral('np.array([[[[1, 256]]]], dtype=np.uint8)', 'python');
    assert.ok(!r.ok);
    assert.match(r.message, /^out of range: "256" at \[0\]\[0\] row 0, column 1 is outside uint8/);
  });
  test('3-D messages are unchanged: "ragged: slice 0 has 2 rows, slice 1 has 1"', () =>
    expectProblem('[[[1, 2], [3, 4]], [[5, 6]]]', 'ragged', 'ragged: slice 0 has 2 rows, slice 1 has 1'));
});

describe('nestValues and matricesOf at any rank', () => {
  test('nestValues(shape, 0..n-1) equals numpy arange(n).reshape(shape).tolist() for ranks 1 … 6', () => {
    const shapes = [[5], [2, 3], [2, 1, 3], [2, 3, 2, 2], [1, 2, 3, 1, 2], [2, 1, 2, 1, 2, 3]];
    const expected = JSON.parse(
      python(
        `import json\nimport numpy as np\nprint(json.dumps([np.arange(int(np.prod(s))).reshape(s).tolist() for s in ${JSON.stringify(shapes)}]))`,
      ),
    ) as unknown[];
    shapes.forEach((s, k) => {
      const n = s.reduce((a, b) => a * b, 1);
      assert.deepEqual(nestValues(s, range(n)), expected[k], s.join('×'));
    });
  });
  test('matricesOf([2, 3, 2, 4]): 6 matrices 2×4 labelled [0][0] … [1][2], offsets 8 apart; limit 2', () => {
    const m = matricesOf([2, 3, 2, 4]);
    assert.deepEqual(
      m.map((x) => [x.label, x.offset, x.rows, x.cols]),
      range(6).map((k) => [`[${Math.floor(k / 3)}][${k % 3}]`, 8 * k, 2, 4]),
    );
    assert.equal(matricesOf([2, 3, 2, 4], 2).length, 2);
  });
  test('matricesOf: a vector is one 1×n row, a matrix itself, a 3-D array its slices', () => {
    assert.deepEqual(matricesOf([4]), [{ index: [], label: '', offset: 0, rows: 1, cols: 4 }]);
    assert.deepEqual(matricesOf([2, 3]), [{ index: [], label: '', offset: 0, rows: 2, cols: 3 }]);
    assert.deepEqual(
      matricesOf([2, 2, 3]).map((x) => [x.label, x.offset]),
      [
        ['slice 0', 0],
        ['slice 1', 6],
      ],
    );
  });
});

// Finite doubles, -0 read back as 0 (JavaScript prints it "0").
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));

/** A random array of rank 4..6, each dimension 1..3. */
const ndArrays = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 6 }).chain((shape) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return fc.record({ shape: fc.constant(shape), data: fc.array(finite, { minLength: n, maxLength: n }) });
});

describe('print → parse gives 4-D … 6-D arrays back (fast-check)', () => {
  for (const style of ['python', 'numpy', 'torch', 'tf', 'js', 'json'] as PrintStyle[]) {
    test(`${style}: ranks 4 … 6, dimensions 1 … 3`, () => {
      fc.assert(
        fc.property(ndArrays, ({ shape, data }) => {
          const text = printLiteral(nestValues(shape, data), style);
          const r = parseLiteral(text, 'nested');
          assert.ok(r.ok, `${text} → ${r.ok ? '' : r.message}`);
          assert.deepEqual([r.shape, r.data], [shape, data]);
        }),
        { numRuns: 100 },
      );
    });
  }
});

describe('the finder returns the outermost N-D literal', () => {
  const PY = [
    'import numpy as np',
    'K = np.array([',
    '    [[[1, 2], [3, 4]], [[5, 6], [7, 8]]],',
    '    [[[9, 10], [11, 12]], [[13, 14], [15, 16]]],',
    '], dtype=np.float32)',
    'y = conv(x, K)',
  ].join('\n');
  test('any entry of a multi-line 4-D np.array → K=[2,2,2,2] with its wrapper', () => {
    for (const needle of ['1,', '8]', '11', '16', 'np.array', 'dtype']) {
      const lines = PY.split('\n');
      const line = lines.findIndex((l) => l.includes(needle) && !l.startsWith('import'));
      const found = findLiteral(linesOf(PY), { line, character: lines[line].indexOf(needle) }, { syntax: 'python' });
      assert.ok(found?.result.ok, needle);
      assert.deepEqual([found.result.shape, found.result.wrapper], [[2, 2, 2, 2], 'np.array'], needle);
    }
  });
  test('a 4-D plain list on one line, cursor on the innermost entry → the whole array', () => {
    const line = 'X = [[[[0.5, -1]]], [[[2, 3]]]]';
    const found = findLiteral(linesOf(line), { line: 0, character: line.indexOf('-1') }, { syntax: 'nested' });
    assert.ok(found?.result.ok);
    assert.deepEqual(found.result.shape, [2, 1, 1, 2]);
  });
  test('a 4-D ragged literal is found with its problem', () => {
    const line = 'K = [[[[1, 2]]], [[[1, 2]], [[3, 4]]]]';
    const found = findLiteral(linesOf(line), { line: 0, character: line.indexOf('3') }, { syntax: 'python' });
    assert.ok(found && !found.result.ok);
    assert.equal(found.result.message, 'ragged: [0] has 1 matrix, [1] has 2');
  });
});

describe("shape arguments: tfjs's tf.tensor(values, shape) and TensorFlow's shape=, against tfjs", () => {
  const cases: [string, number[] | number[][] | number[][][], number[]][] = [
    ['flat → 2×2', [1, 2, 3, 4], [2, 2]],
    ['flat → [1,2,2,1] (NHWC)', [1, 2, 3, 4], [1, 2, 2, 1]],
    ['flat → [2,1,2,1,2] (5-D)', range(8), [2, 1, 2, 1, 2]],
    [
      'nested 2×2 → [2,2]',
      [
        [1, 2],
        [3, 4],
      ],
      [2, 2],
    ],
    ['nested 1×4 → [1,2,2] (innermost holds two dimensions)', [[1, 2, 3, 4]], [1, 2, 2]],
    [
      'nested 2×2 → [4] (tfjs refuses)',
      [
        [1, 2],
        [3, 4],
      ],
      [4],
    ],
    ['flat 3 → [2,2] (tfjs refuses)', [1, 2, 3], [2, 2]],
  ];
  for (const [what, values, shape] of cases) {
    test(`tf.tensor(${JSON.stringify(values)}, [${shape}]): ${what}`, async () => {
      await useCpuBackend();
      let real: { shape: number[]; data: number[] } | undefined;
      try {
        const t = tensor(values, shape);
        real = { shape: t.shape, data: Array.from(t.dataSync()) };
        t.dispose();
      } catch {
        real = undefined;
      }
      const r = parseLiteral(`tf.tensor(${JSON.stringify(values)}, [${shape.join(', ')}])`, 'nested');
      if (real === undefined) return assert.ok(!r.ok && r.kind === 'ragged', JSON.stringify(r));
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.deepEqual([r.shape, r.data], [real.shape, real.data]);
    });
  }
  test('tfjs messages: "shape [2, 2] holds 4 values, the data has 3"', () => {
    const r = parseLiteral('tf.tensor2d([1, 2, 3], [2, 2])', 'nested');
    assert.ok(!r.ok);
    assert.equal(r.message, 'shape [2, 2] holds 4 values, the data has 3');
  });
  test('TensorFlow reshapes any data of the right size: tf.constant([[1, 2], [3, 4]], shape=(4,)) → [4]', () => {
    expectArray('tf.constant([[1, 2], [3, 4]], shape=(4,))', [4], [1, 2, 3, 4]);
    expectArray('tf.constant([1, 2, 3, 4, 5, 6], dtype=tf.float32, shape=[1, 2, 3, 1])', [1, 2, 3, 1], range(6, 1));
  });
  test('numpy and torch take no shape argument: np.array([1, 2], ndmin=2) keeps [2]', () =>
    expectArray('np.array([1, 2], ndmin=2)', [2], [1, 2]));
});
