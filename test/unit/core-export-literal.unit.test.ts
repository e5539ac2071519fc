// "Insert as literal" for 1-D to 4-D arrays: numpy reads the Python/numpy text back to the same float64 values and
// shape, JavaScript evaluates the JS text back, MATLAB text is compared with hand-written cat(3, …) / cat(4, …).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { printArray, type NestedNumbers } from '../../src/core/export/literal';
import { mulberry32, randomFilters, randomVolume } from '../../src/core/random';
import { python } from './helpers/python';

describe('printArray: Python, numpy and JS text', () => {
  test('x=[2,2,3] python: numpy-repr layout, a blank line between channels, aligned at the given column', () => {
    const X = [
      [
        [0, 1, 2],
        [3, 4, 5],
      ],
      [
        [6, 7, 8],
        [9, 10, 11],
      ],
    ];
    assert.equal(
      printArray(X, 'python', 4),
      '[[[0, 1, 2],\n      [3, 4, 5]],\n\n     [[6, 7, 8],\n      [9, 10, 11]]]',
    );
    assert.equal(printArray([1, -0, 2.5], 'python'), '[1, 0, 2.5]');
  });
  test('random x=[3,4,5] and k=[2,3,2,2] floats: numpy reads numpy text back bit-exactly (shape and values)', () => {
    const rand = mulberry32(61);
    const arrays: NestedNumbers[] = [
      randomVolume(rand, 3, 4, 5, -1e3, 1e3),
      randomFilters(rand, 2, 3, 2, 2, -1e-7, 1e-7),
      [1e21, -2.5e-300, 0.1, 123456789.123],
    ];
    const texts = arrays.map((a) => printArray(a, 'numpy'));
    const out = JSON.parse(
      python(
        `import numpy as np, json\narrays = [${texts.join(', ')}]\n` +
          'print(json.dumps([[list(a.shape), [float(v).hex() for v in a.flatten()]] for a in arrays]))',
      ),
    );
    arrays.forEach((a, n) => {
      const flat = (a as unknown[]).flat(3) as number[];
      assert.deepEqual(out[n][0], shapeOf(a), `shape ${n}`);
      // float.hex() is exact; compare against the same rendering of the JS doubles.
      assert.deepEqual(out[n][1], flat.map(hex), `values ${n}`);
    });
  });
  test('random k=[2,2,3,3] js: evaluates back to the same array', () => {
    const K = randomFilters(mulberry32(62), 2, 2, 3, 3);
    assert.deepEqual(new Function(`return ${printArray(K, 'js', 10)};`)(), K);
  });
});

describe('printArray: MATLAB', () => {
  test('vector, matrix, x=[2,2,2] → cat(3, …) (h×w×c), k=[2,1,1,2] → cat(4, cat(3, …), …) (kh×kw×in×out)', () => {
    assert.equal(printArray([1, 2, 3], 'matlab'), '[1 2 3]');
    assert.equal(
      printArray(
        [
          [1, 2],
          [3, 4],
        ],
        'matlab',
      ),
      '[1 2; 3 4]',
    );
    assert.equal(
      printArray(
        [
          [
            [0, 1],
            [2, 3],
          ],
          [
            [4, 5],
            [6, 7],
          ],
        ],
        'matlab',
      ),
      'cat(3, [0 1; 2 3], [4 5; 6 7])',
    );
    assert.equal(printArray([[[[1, -2]]], [[[3.5, 4]]]], 'matlab'), 'cat(4, cat(3, [1 -2]), cat(3, [3.5 4]))');
  });
});

describe('printArray: errors', () => {
  test('ragged, NaN, rank 5', () => {
    assert.throws(() => printArray([[1, 2], [3]], 'python'), { message: 'printArray: [1] has 1 elements, expected 2' });
    assert.throws(() => printArray([[1, NaN]], 'js'), { message: 'printArray: NaN at [0][1] is not a finite number' });
    assert.throws(() => printArray([[[[[1]]]]], 'numpy'), { message: 'printArray: rank 5 is above 4' });
  });
});

function shapeOf(a: NestedNumbers): number[] {
  const shape: number[] = [];
  for (let v: unknown = a; Array.isArray(v); v = v[0]) shape.push(v.length);
  return shape;
}

/** Python's float.hex() of a double: exact, so equal strings mean equal values. */
function hex(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0x0.0p+0' : '0x0.0p+0';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? '-' : '';
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = (bits & 0xfffffffffffffn).toString(16).padStart(13, '0');
  return exp === 0 ? `${sign}0x0.${mant}p-1022` : `${sign}0x1.${mant}p${exp - 1023 >= 0 ? '+' : ''}${exp - 1023}`;
}
