// The printed value of an expression read as an array — for adapters other than js-debug and debugpy, and for values
// the expressions do not know (src/extension/debug/printed.ts). numpy repr() and str() replies are PRODUCED NOW by real
// numpy (Debian's python3-numpy) for several shapes and dtypes and read back value by value against tolist() from the
// same run; a summarised printout is refused as truncated (never read as its six visible values); torch printouts are
// written by hand from torch's documented format (torch is not installed here); C-family braces and js-debug's array
// previews are read as lists.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pullTensor } from '../../src/extension/debug/pull';
import { readPrintedArray } from '../../src/extension/debug/printed';
import { DebugReadError } from '../../src/extension/debug/reply';
import { extractPlane } from '../../src/core/slice';
import { python } from './helpers/python';

interface Printout {
  shape: number[];
  dtype: string;
  repr: string;
  str: string;
  values: number[];
}

function numpyPrintouts(): Printout[] {
  return JSON.parse(
    python(`
import json
import numpy as np
rng = np.random.default_rng(99)
out = []
for shape in [[5], [3, 4], [2, 3, 3], [2, 2, 2, 3]]:
    for dt in ['int8', 'int64', 'float16', 'float32', 'float64', 'bool']:
        n = int(np.prod(shape))
        if dt == 'bool':
            a = rng.random(n) < 0.5
        elif dt.startswith('float'):
            a = rng.normal(size=n) * 10.0 ** rng.integers(-3, 4, size=n)
        else:
            a = rng.integers(-100, 100, size=n)
        a = a.astype(dt).reshape(shape)
        out.append(dict(shape=shape, dtype=dt, repr=repr(a), str=str(a), values=a.astype('float64').ravel().tolist()))
print(json.dumps(out))
`),
  ) as Printout[];
}

/** Half the relative spacing of float16 and float32 values: storing a printed decimal in its dtype may round again. */
const HALF_ULP: Record<string, number> = { float16: 2 ** -11, float32: 2 ** -24, float64: 2 ** -53 };

/**
 * Value by value: integers and booleans exactly, float16/float32 repr() exactly (numpy prints them with enough digits
 * to single them out in their dtype, and the reader stores them in it), other floats within half a unit of numpy's
 * default 8th printed digit (relative beyond 1) plus half the dtype's spacing.
 */
function assertValues(data: number[], p: Printout, exact: boolean, what: string): void {
  const tol = (v: number) => 0.51e-8 * Math.max(1, Math.abs(v)) + (HALF_ULP[p.dtype] ?? 0) * Math.abs(v);
  p.values.forEach((v, k) => {
    const ok = exact || !p.dtype.startsWith('float') ? data[k] === v : Math.abs(data[k] - v) <= tol(v);
    assert.ok(ok, `${what} ${p.dtype} [${k}]: read ${data[k]}, numpy ${v}`);
  });
}

describe('debug: printed values from real numpy', () => {
  const printouts = numpyPrintouts();
  for (const p of printouts) {
    test(`numpy repr and str x=[${p.shape}] ${p.dtype}: shape and every value`, () => {
      const r = readPrintedArray(p.repr, 'A');
      assert.deepEqual(r.shape, p.shape);
      assertValues(r.data, p, p.dtype === 'float16' || p.dtype === 'float32', 'repr');
      const s = readPrintedArray(p.str, 'A');
      assert.deepEqual(s.shape, p.shape);
      assertValues(s.data, p, false, 'str');
    });
  }

  test('a string reply holding numpy str() ("\'[[1. 0.]\\n [0. 1.]]\'" as debugpy quotes it): 2×2 identity', () => {
    const reply = python(`import numpy as np\nprint(repr(str(np.eye(2))))`).trim();
    assert.equal(reply, "'[[1. 0.]\\n [0. 1.]]'");
    assert.deepEqual(readPrintedArray(reply, 's').data, [1, 0, 0, 1]);
  });

  test('summarised printout of np.arange(5000) ("[   0    1    2 ... 4997 4998 4999]"): refused as truncated', () => {
    const text = python('import numpy as np\nprint(str(np.arange(5000)))').trim();
    assert.match(text, /^\[\s*0\s+1\s+2 \.\.\. 4997 4998 4999\]$/);
    assert.throws(
      () => readPrintedArray(text, 'r'),
      (e: unknown) =>
        e instanceof DebugReadError &&
        e.kind === 'not-numeric' &&
        /^r: not a numeric array: numpy summarised this array .*only the first and last 3 entries are in the text/.test(
          e.message,
        ),
    );
    const repr = python('import numpy as np\nprint(repr(np.arange(5000.0).reshape(50, 100)))').trim();
    assert.throws(() => readPrintedArray(repr, 'r'), /numpy summarised/);
  });

  test('the "printed" dialect (an adapter without expressions of its own) on a numpy repr reply x=[3,4] float32', async () => {
    const p = numpyPrintouts().find((q) => q.dtype === 'float32' && q.shape.join() === '3,4');
    assert.ok(p);
    const sent: string[] = [];
    const pulled = await pullTensor(
      async (e) => {
        sent.push(e);
        return p.repr;
      },
      'printed',
      'A',
      { maxElements: 1000 },
    );
    assert.deepEqual(sent, ['A'], 'the expression itself, once');
    assert.deepEqual([pulled.tensor.shape, pulled.tensor.dtype, pulled.tensor.data], [[3, 4], 'float32', p.values]);
    assert.deepEqual(pulled.notes, ['read from the printed value']);
  });

  test('printed 100×100 past a limit of 1000: the summary of all 10 000, plane every 4th row and column (25×25)', async () => {
    const M = Array.from({ length: 100 }, (_, r) => Array.from({ length: 100 }, (_, c) => r * 100 + c));
    const text = JSON.stringify(M);
    const pulled = await pullTensor(async () => text, 'printed', 'M', { maxElements: 1000 });
    assert.deepEqual(pulled.tensor.plane, { rowAxis: 0, colAxis: 1, index: [0, 0], step: 4, rows: 25, cols: 25 });
    assert.deepEqual(pulled.tensor.data, extractPlane(M.flat(), [100, 100], pulled.tensor.plane, 4).flat());
    assert.deepEqual(pulled.tensor.summary?.count, 10_000);
    assert.equal(pulled.tensor.summary?.mean, 4999.5);
  });
});

describe('debug: printed values written by hand (torch, C-family, js-debug previews)', () => {
  const cases: Array<[string, string, number[], number[], string?]> = [
    ['torch float64', 'tensor([[1., 0.],\n        [0., 1.]], dtype=torch.float64)', [2, 2], [1, 0, 0, 1], 'float64'],
    [
      'torch default float32, requires_grad',
      'tensor([[ 0.1000, -0.2000]], requires_grad=True)',
      [1, 2],
      [Math.fround(0.1), Math.fround(-0.2)],
      'float32',
    ],
    ['nn.Parameter', 'Parameter containing:\ntensor([[1., 2.],\n        [3., 4.]])', [2, 2], [1, 2, 3, 4], 'float32'],
    ['C-family braces', '{{1, 2, 3}, {4, 5, 6}}', [2, 3], [1, 2, 3, 4, 5, 6]],
    ['js-debug array preview', '(3) [1, -2, 3.5]', [3], [1, -2, 3.5]],
    ['js-debug typed array preview', 'Float32Array(4) [1, 2, 3, 4]', [4], [1, 2, 3, 4]],
  ];
  for (const [name, text, shape, values, dtype] of cases) {
    test(`${name}: ${JSON.stringify(text).slice(0, 60)} → shape [${shape}]`, () => {
      const r = readPrintedArray(text, 'x');
      assert.deepEqual([r.shape, r.data], [shape, values]);
      if (dtype) assert.equal(r.storedAs, dtype);
    });
  }

  test('torch summarised "tensor([0, 1, 2,  ..., 7, 8, 9])" and a js-debug object preview are refused with their reason', () => {
    assert.throws(
      () => readPrintedArray('tensor([   0,    1,    2,  ..., 4997, 4998, 4999])', 't'),
      /torch summarised/,
    );
    assert.throws(
      () => readPrintedArray('Matrix {rows: 3, cols: 3}', 'm'),
      /m: not a numeric array: .*\(the debugger printed: Matrix \{rows: 3, cols: 3\}\)/,
    );
  });
});
