// Reading arrays out of a paused Python program: the expressions of src/extension/debug/python.ts evaluated by a real
// Python with numpy answering as debugpy's 'repl' context does (helpers/python-repl.ts: repr of the result, long
// strings cut as pydevd's SafeRepr cuts them). numpy arrays of several dtypes, shapes and memory layouts, nested lists,
// objects with __array__, and a stand-in for torch.Tensor (torch is not installed here: the stand-in implements, on
// numpy, exactly the documented Tensor methods the expressions call — detach, reshape, indexing with steps, .T, double,
// tolist, isfinite/isnan/isposinf/isneginf, numel, min/max/mean/sum, item). Reference values come from the same
// Python (`tolist()` through JSON); summaries from numpy itself in float64.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pullTensor, type Pulled, type PullOptions } from '../../src/extension/debug/pull';
import { DebugReadError, unquote } from '../../src/extension/debug/reply';
import { pythonRepl, type PythonRepl } from './helpers/python-repl';

const SETUP = String.raw`
import json
import numpy as np
rng = np.random.default_rng(4321)

def values(shape, dt):
    n = int(np.prod(shape))
    if dt == 'bool':
        return (rng.random(n) < 0.5).reshape(shape)
    if dt.startswith('float'):
        return (rng.normal(size=n) * 10.0 ** rng.integers(-3, 4, size=n)).astype(dt).reshape(shape)
    info = np.iinfo(dt)
    return rng.integers(max(info.min, -10**6), min(info.max, 10**6), size=n, endpoint=True).astype(dt).reshape(shape)

class _DType:
    def __init__(self, name): self.name = name
    def __str__(self): return 'torch.' + self.name
    __repr__ = __str__

class Tensor:
    """Stand-in for torch.Tensor: the methods the expressions call, on numpy."""
    def __init__(self, a, dtype=None):
        self._a = np.asarray(a)
        self.dtype = _DType(dtype or str(self._a.dtype))
    shape = property(lambda self: tuple(self._a.shape))
    T = property(lambda self: Tensor(self._a.T, self.dtype.name))
    def is_complex(self): return self._a.dtype.kind == 'c'
    def detach(self): return Tensor(self._a, self.dtype.name)
    def reshape(self, *s): return Tensor(self._a.reshape(*s), self.dtype.name)
    def __getitem__(self, i): return Tensor(self._a[i._a if isinstance(i, Tensor) else i], self.dtype.name)
    def double(self): return Tensor(self._a.astype('float64'), 'float64')
    def tolist(self): return self._a.tolist()
    def isfinite(self): return Tensor(np.isfinite(self._a), 'bool')
    def isnan(self): return Tensor(np.isnan(self._a), 'bool')
    def isposinf(self): return Tensor(np.isposinf(self._a), 'bool')
    def isneginf(self): return Tensor(np.isneginf(self._a), 'bool')
    def numel(self): return int(self._a.size)
    def min(self): return Tensor(self._a.min())
    def max(self): return Tensor(self._a.max())
    def mean(self): return Tensor(self._a.mean())
    def sum(self): return Tensor(self._a.sum())
    def item(self): return self._a.item()
    def __int__(self): return int(self._a)
Tensor.__module__ = 'torch'

class Wrapped:
    """An object numpy converts through __array__ (as TensorFlow's EagerTensor and JAX arrays are)."""
    def __init__(self, a): self.a = a
    def __array__(self, dtype=None, copy=None): return self.a if dtype is None else self.a.astype(dtype)

def ref(a):
    return json.dumps(np.asarray(a, dtype='float64').ravel().tolist())

def stats(a):
    f = np.asarray(a, dtype='float64').ravel()
    g = f[np.isfinite(f)]
    return json.dumps([int(g.size), float(g.min()), float(g.max()), float(g.mean())])
`;

const LIMIT = 1_000_000;
let py: PythonRepl;

async function evalJson<T>(expression: string): Promise<T> {
  return JSON.parse(unquote(await py.evaluate(expression))) as T;
}

/** Pulls `expression` as debugpy would answer it; also returns the expressions sent. */
async function pull(expression: string, opts: Partial<PullOptions> = {}): Promise<Pulled & { sent: string[] }> {
  const from = py.log.length;
  const p = await pullTensor(py.evaluate, 'python', expression, { maxElements: LIMIT, ...opts });
  return { ...p, sent: py.log.slice(from) };
}

/** Defines `name = code` in the Python namespace. */
async function define(name: string, code: string): Promise<void> {
  await py.evaluate(`globals().__setitem__(${JSON.stringify(name)}, ${code})`);
}

before(() => {
  py = pythonRepl(SETUP);
});
after(() => py.close());

describe('debug (Python): numpy arrays', () => {
  const SHAPES = [[7], [3, 4], [2, 3, 4], [2, 2, 3, 3]];
  const DTYPES = ['int8', 'uint8', 'int32', 'int64', 'float16', 'float32', 'float64', 'bool'];
  for (const shape of SHAPES) {
    test(`ndarray x=[${shape}] in ${DTYPES.join(', ')}: shape, dtype, every value as numpy's float64, summary`, async () => {
      for (const dt of DTYPES) {
        await define('A', `values(${JSON.stringify(shape)}, '${dt}')`);
        const p = await pull('A');
        assert.deepEqual(p.tensor.shape, shape, dt);
        assert.equal(p.tensor.dtype, dt);
        assert.deepEqual(p.tensor.data, await evalJson<number[]>('ref(A)'), `${dt} values`);
        const [count, min, max, mean] = await evalJson<number[]>('stats(A)');
        const s = p.tensor.summary;
        assert.deepEqual([s?.count, s?.min, s?.max, s?.nan], [count, min, max, 0], `${dt} summary`);
        assert.ok(Math.abs((s?.mean ?? NaN) - mean) <= 1e-12 * Math.max(1, Math.abs(mean)), `${dt} mean`);
      }
    });
  }

  test('non-contiguous x=[4,6]: a transpose, a stepped slice, Fortran order — values in C order of the view', async () => {
    await define('B', "values([4, 6], 'float64')");
    for (const view of ['B.T', 'B[::2, 1::2]', 'np.asfortranarray(B)', 'B[:, ::-1]']) {
      const p = await pull(view);
      assert.deepEqual(p.tensor.data, await evalJson<number[]>(`ref(${view})`), view);
      assert.deepEqual(p.tensor.shape, await evalJson<number[]>(`json.dumps(list(${view}.shape))`), view);
    }
  });

  test('NaN, inf, -inf in float32 x=[2,3]: positions listed, summary over the finite 3', async () => {
    await define('C', "np.array([[1.5, np.nan, -2], [np.inf, 4, -np.inf]], dtype='float32')");
    const p = await pull('C');
    assert.deepEqual(p.tensor.nonFinite, { nan: [1], posInf: [3], negInf: [5] });
    assert.deepEqual(p.tensor.summary, { count: 3, min: -2, max: 4, mean: 3.5 / 3, nan: 1, posInf: 1, negInf: 1 });
  });

  test('"A as 3x3" for a [9] array reshapes (numpy C order); complex and string arrays are refused by dtype', async () => {
    await define('V', 'np.arange(9.0)');
    const p = await pull('V', { shape: [3, 3] });
    assert.deepEqual(
      [p.tensor.shape, p.tensor.data],
      [
        [3, 3],
        [0, 1, 2, 3, 4, 5, 6, 7, 8],
      ],
    );
    await define('Z', 'np.array([1 + 2j, 3])');
    await assert.rejects(pull('Z'), /Z: not a numeric array: dtype complex128 does not hold real numbers/);
    await define('U', "np.array(['a', 'bc'])");
    await assert.rejects(pull('U'), /U: not a numeric array: dtype \?U2 does not hold real numbers/);
  });

  test('an object numpy converts (__array__, as TensorFlow and JAX tensors are): x=[2,3] float32', async () => {
    await define('W', "Wrapped(values([2, 3], 'float32'))");
    const p = await pull('W');
    assert.deepEqual([p.tensor.shape, p.tensor.dtype], [[2, 3], 'float32']);
    assert.deepEqual(p.tensor.data, await evalJson<number[]>('ref(W.a)'));
  });
});

describe('debug (Python): nested lists, other values, errors', () => {
  test('lists and tuples x=[2,2,3] with ints, floats, bools and numpy scalars: values in reading order', async () => {
    await define('L', '[[(1, 2.5, True), [np.float32(0.25), np.int64(-3), 0]], [[1e-300, -0.0, 7], (8, 9, 10)]]');
    const p = await pull('L');
    assert.deepEqual(p.tensor.shape, [2, 2, 3]);
    assert.deepEqual(p.tensor.data, [1, 2.5, 1, 0.25, -3, 0, 1e-300, -0, 7, 8, 9, 10]);
    assert.equal(p.tensor.dtype, undefined);
  });

  test('ragged, a string entry, None, a nested ndarray row: the first problem by its index path', async () => {
    const cases: Array<[string, RegExp]> = [
      ['[[1, 2, 3], [4, 5]]', /ragged: \[1\] has 2 entries where \[0\] has 3/],
      ["[[1, 'a']]", /entry \[0\]\[1\] is a str/],
      ['[[1], [None]]', /entry \[1\]\[0\] is a NoneType/],
      ['[np.zeros(2), np.ones(2)]', /entry \[0\] is a ndarray/],
    ];
    for (const [code, message] of cases) {
      await define('R', code);
      await assert.rejects(
        pull('R'),
        (e: unknown) => e instanceof DebugReadError && e.kind === 'not-numeric' && message.test(e.message),
        code,
      );
    }
  });

  test('a dict, a str, a number: named as what they are; a NameError as the traceback names it', async () => {
    await define('D', "{'a': 1}");
    await assert.rejects(pull('D'), /^Error: D is a dict, not an array of numbers$/);
    await define('S', "'abc'");
    await assert.rejects(pull('S'), /S is a str, not an array of numbers/);
    await define('N', '3.5');
    await assert.rejects(pull('N'), /N is a single number, not an array of numbers/);
    await assert.rejects(
      pull('nope'),
      (e: unknown) =>
        e instanceof DebugReadError &&
        e.message === "nope: the debugger could not evaluate it: NameError: name 'nope' is not defined",
    );
  });
});

describe('debug (Python): torch.Tensor (stand-in on numpy, see the header)', () => {
  test('Tensor x=[2,3,3] float32 with a NaN, int64 [4], bool [2,2]: shape, dtype without "torch.", values, summary', async () => {
    await define('T', "Tensor(values([2, 3, 3], 'float32'))");
    await py.evaluate('T._a.__setitem__((1, 2, 0), np.nan)');
    const p = await pull('T');
    assert.deepEqual([p.tensor.shape, p.tensor.dtype], [[2, 3, 3], 'float32']);
    const want = await evalJson<Array<number | null>>(
      'json.dumps([None if x != x else x for x in T._a.ravel().astype("float64").tolist()])',
    );
    assert.deepEqual(
      p.tensor.data.map((x, k) => (p.tensor.nonFinite?.nan.includes(k) ? null : x)),
      want,
    );
    assert.deepEqual(p.tensor.nonFinite?.nan, [15]);
    assert.equal(p.tensor.summary?.count, 17);
    await define('I', "Tensor(np.array([3, -1, 4, 1]), 'int64')");
    assert.deepEqual((await pull('I')).tensor.data, [3, -1, 4, 1]);
    await define('Bo', "Tensor(np.array([[True, False], [False, True]]), 'bool')");
    const b = await pull('Bo');
    assert.deepEqual([b.tensor.dtype, b.tensor.data, b.tensor.summary?.mean], ['bool', [1, 0, 0, 1], 0.5]);
  });

  test('torch plane past the limit: T[:, 1, ::2].T of x=[3,4,5] in order, the expressions use only Tensor methods', async () => {
    await define('P', 'Tensor(np.arange(60.0).reshape(3, 4, 5))');
    const sel = { rowAxis: 2, colAxis: 0, index: [0, 1, 0] };
    const p = await pull('P', { maxElements: 12, plane: sel });
    assert.deepEqual(p.tensor.plane, { ...sel, step: 2, rows: 3, cols: 2 });
    // P[::2, 1, ::2].T: rows over axis 2 (0, 2, 4), columns over axis 0 (0, 2)
    assert.deepEqual(p.tensor.data, [5, 45, 7, 47, 9, 49]);
    assert.ok(
      p.sent.every((e) => !/__import__\('torch'\)|import /.test(e)),
      'no import in any expression',
    );
  });
});

describe('debug (Python): chunks and the limit', () => {
  test('3000 worst-case floats (24 characters each): each answer stops under SafeRepr’s 65 536 characters, none is cut', async () => {
    await define('F', 'np.full(3000, -2.2250738585072014e-308)');
    const answers: number[] = [];
    const p = await pullTensor(
      async (e) => {
        const a = await py.evaluate(e);
        answers.push(a.length);
        return a;
      },
      'python',
      'F',
      { maxElements: LIMIT, chunk: 3000 },
    );
    assert.equal(p.pulled, 3000);
    assert.ok(p.tensor.data.every((x) => x === -2.2250738585072014e-308));
    assert.equal(p.requests, 2 + 2, 'the first answer holds what fits (2400 values), the second the rest');
    assert.ok(Math.max(...answers) <= 2 ** 16, 'no answer reaches the cut');
  });

  test('an adapter that cuts a long answer in the middle (as SafeRepr past its limit) is named, not misread', async () => {
    await define('F2', 'np.arange(500.0)');
    const cutting = async (e: string) => {
      const a = await py.evaluate(e);
      return a.length > 1000 ? `${a.slice(0, 600)}...${a.slice(-300)}` : a;
    };
    await assert.rejects(
      pullTensor(cutting, 'python', 'F2', { maxElements: LIMIT }),
      /F2: values: asked for 500, the debugger sent \d+: the answer was cut short/,
    );
  });

  test('ndarray float32 4000×4000, limit 1 000 000: shape, numpy’s own summary, 1 000 000 values pulled, A[::4, ::4]', async () => {
    await define('G', "rng.standard_normal((4000, 4000), dtype='float32')");
    const p = await pull('G');
    assert.deepEqual(p.tensor.shape, [4000, 4000]);
    const [count, min, max, mean] = await evalJson<number[]>('stats(G)');
    const s = p.tensor.summary;
    assert.deepEqual([s?.count, s?.min, s?.max], [count, min, max]);
    assert.ok(Math.abs((s?.mean ?? NaN) - mean) < 1e-12);
    assert.equal(p.pulled, 1_000_000);
    const furthest = Math.max(...p.sent.map((e) => Number(/\.flat\[\d+:(\d+)\]/.exec(e)?.[1] ?? 0)));
    assert.ok(furthest <= 1_000_000, 'no position past the 1000×1000 plane is asked for');
    const sample = await evalJson<number[]>(
      'json.dumps(G[::4, ::4][[0, 999, 123], [0, 999, 456]].astype("float64").tolist())',
    );
    assert.deepEqual([p.tensor.data[0], p.tensor.data[999 * 1000 + 999], p.tensor.data[123 * 1000 + 456]], sample);
  });
});
