// Printed arrays: numpy str() and repr() PRODUCED NOW by real numpy (1-D … 4-D; int8 … float64, bool; print options
// that wrap rows, suppress, fix or cut the precision) read back value by value against a.tolist() from the same run;
// torch and TensorFlow forms written by hand from their documented printing; the parser and the finder reading them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findLiteral,
  linesOf,
  parseLiteral,
  parsePrinted,
  where,
  type ParseResult,
  type Syntax,
} from '../../src/core/literal';
import { unravel } from '../../src/core/literal/shape';
import { python } from './helpers/python';

interface Printout {
  options: string;
  precision: number;
  shape: number[];
  dtype: string;
  str: string;
  repr: string;
  values: number[];
}

const OPTIONS: Record<string, string> = {
  default: '',
  'suppress=True': 'suppress=True',
  'linewidth=40 (rows wrap)': 'linewidth=40',
  'precision=3': 'precision=3',
  "floatmode='fixed'": "floatmode='fixed'",
  "sign='+'": "sign='+'",
};
const SHAPES = [[7], [3, 4], [2, 3, 4], [2, 2, 3, 3]];
const DTYPES = ['int8', 'uint8', 'int32', 'int64', 'float16', 'float32', 'float64', 'bool'];

/** Every shape × dtype × print option, printed by numpy with a seeded generator's values. */
function numpyPrintouts(): Printout[] {
  return JSON.parse(
    python(`
import json
import numpy as np
rng = np.random.default_rng(1234)
def values(shape, dt):
    n = int(np.prod(shape))
    if dt == 'bool':
        return rng.random(n) < 0.5
    if dt.startswith('float'):
        # magnitudes from 1e-4 to 1e4, both signs: fixed and scientific notation both occur
        return rng.normal(size=n) * 10.0 ** rng.integers(-4, 5, size=n)
    info = np.iinfo(dt)
    return rng.integers(max(info.min, -10**12), min(info.max, 10**12), size=n, endpoint=True)
out = []
for name, opts in ${JSON.stringify(Object.entries(OPTIONS))}:
    for shape in ${JSON.stringify(SHAPES)}:
        for dt in ${JSON.stringify(DTYPES)}:
            a = values(shape, dt).astype(dt).reshape(shape)
            np.set_printoptions(**eval('dict(' + opts + ')'))
            out.append({'options': name, 'precision': np.get_printoptions()['precision'], 'shape': shape, 'dtype': dt,
                        'str': str(a), 'repr': repr(a), 'values': [float(v) for v in a.ravel().tolist()]})
            np.set_printoptions(edgeitems=3, infstr='inf', linewidth=75, nanstr='nan', precision=8,
                                suppress=False, threshold=1000, formatter=None, sign='-', floatmode='maxprec')
print(json.dumps(out))
`),
  ) as Printout[];
}

/** Half the spacing of the dtype's values, relative: numpy prints a float16 or float32 with just enough digits to
 * single it out among its own kind (0.0435 for float16 0.043487548828125), which may be that far from it. */
const HALF_ULP: Record<string, number> = { float16: 2 ** -11, float32: 2 ** -24, float64: 2 ** -53 };
/** Half the spacing of the subnormals, where the relative spacing grows. */
const HALF_SUBNORMAL: Record<string, number> = { float16: 2 ** -25, float32: 2 ** -150, float64: 0 };

/**
 * |parsed − numpy| within half a unit of the last printed digit (relative beyond 1, for scientific notation) plus half
 * the dtype's own spacing; `exact` for values stored in their dtype and printed with enough digits.
 */
function assertValues(r: ParseResult, p: Printout, exact: boolean, what: string): void {
  assert.ok(r.ok, `${what}: ${r.ok ? '' : r.message}\n${what === 'str' ? p.str : p.repr}`);
  assert.deepEqual(r.shape, p.shape, what);
  // Printing rounds once, and storing the printed value in its dtype may round again.
  const tol = (v: number) =>
    0.51 * 10 ** -p.precision * Math.max(1, Math.abs(v)) +
    Math.max((HALF_ULP[p.dtype] ?? 0) * Math.abs(v), HALF_SUBNORMAL[p.dtype] ?? 0);
  p.values.forEach((v, k) => {
    const isFloat = p.dtype.startsWith('float');
    const ok = !isFloat || exact ? r.data[k] === v : Math.abs(r.data[k] - v) <= tol(v);
    assert.ok(ok, `${what} ${p.dtype} ${p.options} [${k}]: parsed ${r.data[k]}, numpy ${v}`);
  });
}

describe('numpy str() and repr() printed now, read back value by value against a.tolist()', () => {
  const printouts = numpyPrintouts();
  for (const options of Object.keys(OPTIONS)) {
    for (const shape of SHAPES) {
      const rank = shape.length;
      test(`x=[${shape}] ${options}: str and repr of ${DTYPES.join(', ')}`, () => {
        for (const p of printouts.filter((x) => x.options === options && x.shape.length === rank)) {
          assertValues(parsePrinted(p.str), p, false, 'str');
          // repr() names the dtype unless it is numpy's default (float64, int64, bool): float16 and float32 values,
          // stored as their dtype, come back exactly when printed with numpy's default precision of 8.
          const r = parsePrinted(p.repr);
          const exact = p.precision >= 8 && options !== 'suppress=True' && p.dtype !== 'float64';
          assertValues(r, p, exact, 'repr');
          assert.ok(r.ok);
          assert.equal(r.dtype, ['int64', 'float64', 'bool'].includes(p.dtype) ? undefined : p.dtype, p.repr);
          assert.equal(r.storedAs, p.dtype, p.repr);
        }
      });
    }
  }
});

describe('what numpy prints that is not a plain array', () => {
  const cases = JSON.parse(
    python(`
import json
import numpy as np
a = np.arange(24, dtype=float).reshape(2, 3, 4)
a[1, 2, 3] = np.nan
b = np.array([[1.0, 2.0], [np.inf, 4.0]])
np.set_printoptions(edgeitems=2)
e2 = repr(np.arange(1000, 3000))
np.set_printoptions(edgeitems=3)
print(json.dumps({
    'nanStr': str(a), 'nanRepr': repr(a), 'infStr': str(b),
    'long': [str(np.arange(5000)), repr(np.arange(5000))],
    'wide': [str(np.arange(10000).reshape(100, 100)), repr(np.arange(10000).reshape(100, 100))],
    'edge2': e2,
    'scalar': [repr(np.array(5)), repr(np.array(2.5, dtype=np.float32))],
    'empty': repr(np.zeros((0, 3))),
    'complex': [str(np.array([1.5 + 2j, 3 + 4.25j])), repr(np.array([1.5 + 2j, 3 + 4.25j]))],
    'strings': repr(np.array(['a b', 'c'])),
    'bool': [str(np.array([[True, False], [False, True]])), repr(np.array([True, False]))],
}))
`),
  ) as Record<string, string | string[]>;

  test('x=[2,3,4] with nan at [1, 2, 3]: not finite, named at slice 1, row 2, column 3 (str and repr)', () => {
    for (const text of [cases.nanStr, cases.nanRepr] as string[]) {
      const r = parsePrinted(text);
      assert.ok(!r.ok);
      assert.deepEqual([r.kind, r.message], ['not-finite', 'not finite: "nan" at slice 1, row 2, column 3 is NaN']);
    }
    const inf = parsePrinted(cases.infStr as string);
    assert.ok(!inf.ok && inf.message === 'not finite: "inf" at row 1, column 0 is Infinity', JSON.stringify(inf));
  });
  test('np.arange(5000) summarised (str, repr): truncated, never six values', () => {
    for (const text of cases.long as string[]) {
      const r = parsePrinted(text);
      assert.ok(!r.ok, text);
      assert.equal(r.kind, 'truncated');
      assert.equal(
        r.message,
        'numpy summarised this array (its shape is not in the text): only the first and last 3 entries are in the text',
      );
    }
  });
  test('x=[100,100] summarised (str, repr): truncated, "of each long axis"', () => {
    for (const text of cases.wide as string[]) {
      const r = parsePrinted(text);
      assert.ok(!r.ok && r.kind === 'truncated', text);
      assert.ok(r.message.endsWith('only the first and last 3 entries of each long axis are in the text'), r.message);
    }
  });
  test('edgeitems=2 → "the first and last 2"', () => {
    const r = parsePrinted(cases.edge2 as string);
    assert.ok(!r.ok && r.message.includes('first and last 2 entries'), JSON.stringify(r));
  });
  test('numpy ≥ 2.2 adds shape= to a summarised repr: the message names the size and shape', () => {
    // Hand-written from the numpy 2.2 release notes (https://numpy.org/doc/stable/release/2.2.0-notes.html): numpy 1.24
    // is installed here.
    const r = parsePrinted('array([   0,    1,    2, ..., 4997, 4998, 4999], shape=(5000,))');
    assert.ok(!r.ok);
    assert.deepEqual(
      [r.kind, r.message, r.shape],
      [
        'truncated',
        'numpy summarised this 5000-element array (shape 5000): only the first and last 3 entries are in the text',
        [5000],
      ],
    );
    const wide = parsePrinted('array([[   0, ...,   99],\n       ...,\n       [9900, ..., 9999]], shape=(100, 100))');
    assert.ok(!wide.ok && wide.message.startsWith('numpy summarised this 10000-element array (shape 100×100)'));
  });
  test('0-D arrays are scalars, an empty array names its shape', () => {
    for (const text of cases.scalar as string[]) {
      const r = parsePrinted(text);
      assert.ok(!r.ok && r.kind === 'scalar', text);
    }
    assert.equal((parsePrinted(cases.scalar[0]) as { message: string }).message, 'a scalar (0-D array): 5');
    const e = parsePrinted(cases.empty as string);
    assert.ok(!e.ok);
    assert.deepEqual([e.kind, e.message], ['empty', 'empty array (shape 0×3)']);
  });
  test('complex and string arrays are dtype problems', () => {
    for (const text of cases.complex as string[]) {
      const r = parsePrinted(text);
      assert.ok(!r.ok && r.kind === 'dtype' && r.message.startsWith('complex values (1.5+2.j)'), text);
    }
    const s = parsePrinted(cases.strings as string);
    assert.ok(!s.ok && s.kind === 'dtype' && s.message.includes('holds strings'), JSON.stringify(s));
  });
  test('True/False → 1/0 stored as bool', () => {
    const [str, repr] = cases.bool as string[];
    const a = parsePrinted(str);
    assert.ok(a.ok);
    assert.deepEqual([a.shape, a.data, a.storedAs], [[2, 2], [1, 0, 0, 1], 'bool']);
    const b = parsePrinted(repr);
    assert.ok(b.ok && b.storedAs === 'bool');
  });
  test('a ragged printout is named like a literal: [[1 2]\\n [3]]', () => {
    const r = parsePrinted('[[1 2]\n [3]]');
    assert.ok(!r.ok);
    assert.equal(r.message, 'ragged: row 0 has 2 elements, row 1 has 1');
  });
});

// torch is not installed here: these are written from PyTorch's printing, torch/_tensor_str.py (tensor( prefix; dtype
// shown unless float32, int64 or bool; ", " between items and ",\n" + indent between rows, "\n\n" between 3-D blocks;
// " ..." for a summary; suffixes device=, requires_grad=True, grad_fn=<…>; size= for an empty tensor) and the
// set_printoptions defaults (precision 4, threshold 1000, edgeitems 3):
// https://pytorch.org/docs/stable/generated/torch.set_printoptions.html
describe('torch printouts, by hand from torch/_tensor_str.py', () => {
  test('tensor([[1., 0.],\\n        [0., 1.]], dtype=torch.float64) → 2×2 float64', () => {
    const r = parsePrinted('tensor([[1., 0.],\n        [0., 1.]], dtype=torch.float64)');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.shape, r.data, r.dtype, r.storedAs, r.wrapper],
      [[2, 2], [1, 0, 0, 1], 'torch.float64', 'float64', 'tensor'],
    );
  });
  test('tensor([1, 2]) → int64 (no dtype printed); tensor([0.1000, 0.3333]) → float32, 4-decimal note', () => {
    const ints = parsePrinted('tensor([1, 2])');
    assert.ok(ints.ok && ints.storedAs === 'int64' && ints.notes === undefined);
    const r = parsePrinted('tensor([0.1000, 0.3333])');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.data, r.storedAs, r.notes],
      [
        [Math.fround(0.1), Math.fround(0.3333)],
        'float32',
        ['torch prints floats with 4 decimals by default: values are as printed, which may be rounded'],
      ],
    );
  });
  test('scientific notation and padding: tensor([[ 1.0000e-05, -1.0000e+00]])', () => {
    const r = parsePrinted('tensor([[ 1.0000e-05, -1.0000e+00]])');
    assert.ok(r.ok);
    assert.deepEqual(r.data, [Math.fround(1e-5), -1]);
  });
  test("suffixes: device='cuda:0', requires_grad=True, grad_fn=<AddBackward0>; Parameter containing:", () => {
    for (const text of [
      "tensor([[0.5000, 1.5000]], device='cuda:0', requires_grad=True)",
      'tensor([[0.5000, 1.5000]], grad_fn=<AddBackward0>)',
      "tensor([[0.5000, 1.5000]], device='cuda:0',\n       grad_fn=<MulBackward0>)",
      'Parameter containing:\ntensor([[0.5000, 1.5000]], requires_grad=True)',
    ]) {
      const r = parsePrinted(text);
      assert.ok(r.ok, text);
      assert.deepEqual(
        [r.shape, r.data],
        [
          [1, 2],
          [0.5, 1.5],
        ],
        text,
      );
    }
  });
  test('3-D with a blank line between blocks: tensor([[[1, 2],\\n         [3, 4]],\\n\\n        [[5, 6],\\n         [7, 8]]])', () => {
    const r = parsePrinted('tensor([[[1, 2],\n         [3, 4]],\n\n        [[5, 6],\n         [7, 8]]])');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.shape, r.data],
      [
        [2, 2, 2],
        [1, 2, 3, 4, 5, 6, 7, 8],
      ],
    );
  });
  test('4-D kernel tensor([[[[ 1., -1.]]],\\n\\n\\n        [[[ 0.,  2.]]]]) → [2,1,1,2]', () => {
    const r = parsePrinted('tensor([[[[ 1., -1.]]],\n\n\n        [[[ 0.,  2.]]]])');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.shape, r.data],
      [
        [2, 1, 1, 2],
        [1, -1, 0, 2],
      ],
    );
  });
  test('float16 and bool: tensor([0.1000, 0.2500], dtype=torch.float16) stored as float16; tensor([ True, False])', () => {
    const h = parsePrinted('tensor([0.1000, 0.2500], dtype=torch.float16)');
    assert.ok(h.ok);
    assert.deepEqual([h.data, h.storedAs], [[0.0999755859375, 0.25], 'float16']);
    const b = parsePrinted('tensor([ True, False])');
    assert.ok(b.ok && b.storedAs === 'bool');
    assert.deepEqual(b.data, [1, 0]);
  });
  test('summarised: tensor([   0,    1,    2,  ..., 4997, 4998, 4999]) and a 2-D one with a "...," row', () => {
    const one = parsePrinted('tensor([   0,    1,    2,  ..., 4997, 4998, 4999])');
    assert.ok(!one.ok);
    assert.equal(
      one.message,
      'torch summarised this array (its shape is not in the text): only the first and last 3 entries are in the text',
    );
    const two = parsePrinted(
      'tensor([[   0,    1,    2,  ...,   97,   98,   99],\n        [ 100,  101,  102,  ...,  197,  198,  199],\n        ...,\n        [9900, 9901, 9902,  ..., 9997, 9998, 9999]])',
    );
    assert.ok(!two.ok && two.kind === 'truncated');
  });
  test('tensor(5.) is a scalar; tensor([], size=(0, 3)) empty 0×3; tensor([nan, 1.]) not finite; complex refused', () => {
    const s = parsePrinted('tensor(5.)');
    assert.ok(!s.ok && s.kind === 'scalar' && s.message === 'a scalar (0-D array): 5.');
    const e = parsePrinted('tensor([], size=(0, 3))');
    assert.ok(!e.ok && e.message === 'empty array (shape 0×3)');
    const n = parsePrinted('tensor([nan, 1.])');
    assert.ok(!n.ok && n.message === 'not finite: "nan" at element 0 is NaN');
    const c = parsePrinted('tensor([1.+2.j, 0.+0.j])');
    assert.ok(!c.ok && c.kind === 'dtype');
  });
});

// TensorFlow is not installed here: its str() is `tf.Tensor(<numpy str>, shape=…, dtype=…)` and its repr
// `<tf.Tensor: shape=…, dtype=…, numpy=<numpy repr>>` (https://www.tensorflow.org/guide/tensor).
describe('TensorFlow and JAX printouts, by hand', () => {
  test('tf.Tensor(\\n[[1. 0.]\\n [0. 1.]], shape=(2, 2), dtype=float32) and its repr', () => {
    for (const text of [
      'tf.Tensor(\n[[1. 0.]\n [0. 1.]], shape=(2, 2), dtype=float32)',
      '<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[1., 0.],\n       [0., 1.]], dtype=float32)>',
    ]) {
      const r = parsePrinted(text);
      assert.ok(r.ok, text);
      assert.deepEqual([r.shape, r.data, r.dtype, r.storedAs], [[2, 2], [1, 0, 0, 1], 'float32', 'float32'], text);
    }
  });
  test('tf.Tensor(4, shape=(), dtype=int32) is a scalar', () => {
    const r = parsePrinted('tf.Tensor(4, shape=(), dtype=int32)');
    assert.ok(!r.ok && r.kind === 'scalar');
  });
  test('JAX: Array([[1., 0.5]], dtype=float32)', () => {
    const r = parsePrinted('Array([[1., 0.5]], dtype=float32)');
    assert.ok(r.ok);
    assert.deepEqual([r.shape, r.data, r.storedAs], [[1, 2], [1, 0.5], 'float32']);
  });
  test('text that is no printout is a syntax problem: parsePrinted("np.array([1, 2] dtype=x)")', () => {
    const r = parsePrinted('np.array([1, 2] dtype=x)');
    assert.ok(!r.ok && r.kind === 'syntax');
  });
});

describe('parseLiteral reads a printout where the literal grammar fails', () => {
  test('numpy str() in Python: [[1. 0.]\\n [0. 1.]] → 2×2 (no commas: the nested grammar fails first)', () => {
    const r = parseLiteral('[[1. 0.]\n [0. 1.]]', 'python');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.shape, r.data],
      [
        [2, 2],
        [1, 0, 0, 1],
      ],
    );
  });
  test('a summarised repr is truncated, not "not a number: ..."', () => {
    const r = parseLiteral('array([   0,    1,    2, ..., 4997, 4998, 4999])', 'python');
    assert.ok(!r.ok && r.kind === 'truncated', JSON.stringify(r));
  });
  test('a torch printout with grad_fn=<…> reads; so does a numpy str() in a .m file', () => {
    const r = parseLiteral('tensor([[0.5000, 1.5000]], grad_fn=<AddBackward0>)', 'python');
    assert.ok(r.ok && r.storedAs === 'float32');
    const m = parseLiteral('[[1 2]\n [3 4]]', 'matlab');
    assert.ok(m.ok);
    assert.deepEqual(m.shape, [2, 2]);
  });
  test('genuine syntax errors keep their message: [1, 2]]', () => {
    const r = parseLiteral('[1, 2]]', 'python');
    assert.ok(!r.ok);
    assert.equal(r.message, 'not a matrix literal: expected the end of the literal, found "]" at offset 6');
  });
});

describe('the finder reads printouts in comments, strings and docstrings', () => {
  function found(text: string, needle: string, syntax: Syntax, nth = 0) {
    const lines = text.split('\n');
    let count = 0;
    for (let line = 0; line < lines.length; line++) {
      let at = lines[line].indexOf(needle);
      while (at >= 0) {
        if (count++ === nth) return findLiteral(linesOf(text), { line, character: at }, { syntax });
        at = lines[line].indexOf(needle, at + 1);
      }
    }
    throw new Error(`"${needle}" not in the text`);
  }
  test('Python comments: # [[1. 0.]\\n#  [0. 1.]] → 2×2, the range on the comment lines', () => {
    const text = 'def f(x):\n    # >>> np.eye(2)\n    # [[1. 0.]\n    #  [0. 1.]]\n    return x\n';
    const f = found(text, '0.', 'python', 1);
    assert.ok(f?.result.ok, JSON.stringify(f));
    assert.deepEqual(
      [f.result.shape, f.result.data, f.start, f.end],
      [[2, 2], [1, 0, 0, 1], { line: 2, character: 6 }, { line: 3, character: 15 }],
    );
  });
  test('a string: s = "[1 2 3]" → a vector of 3; JS // [[1 2] [3 4]] → 2×2', () => {
    const s = found('s = "[1 2 3]"', '2', 'python');
    assert.ok(s?.result.ok);
    assert.deepEqual(s.result.data, [1, 2, 3]);
    const js = found('const k = 1; // [[1 2] [3 4]]', '3', 'nested');
    assert.ok(js?.result.ok);
    assert.deepEqual(js.result.shape, [2, 2]);
  });
  test('a docstring: numpy repr and str lines inside """ … """', () => {
    const text =
      'def f():\n    """\n    >>> np.eye(2, dtype=np.float32)\n    array([[1., 0.],\n           [0., 1.]], dtype=float32)\n    >>> print(np.eye(2))\n    [[1. 0.]\n     [0. 1.]]\n    """\n';
    const repr = found(text, '1.,', 'python');
    assert.ok(repr?.result.ok);
    assert.deepEqual([repr.result.shape, repr.result.storedAs], [[2, 2], 'float32']);
    const str = found(text, '1.]]', 'python');
    assert.ok(str?.result.ok);
    assert.deepEqual(str.result.shape, [2, 2]);
  });
  test('a summarised printout in a comment is found with its truncated problem', () => {
    const f = found('# [   0    1    2 ... 4997 4998 4999]', '4997', 'python');
    assert.ok(f && !f.result.ok);
    assert.equal(f.result.kind, 'truncated');
  });
  test('comments and strings without a printout stay quiet; code around a comment is not read from it', () => {
    assert.equal(found('x = f(y)  # see [the docs]', 'docs', 'python'), undefined);
    assert.equal(found('# plain words', 'words', 'python'), undefined);
    assert.equal(found('def f700(x):  # helper [700], see [3]', '700]', 'python'), undefined);
    const code = found('K = [[1, -1]]  # [9 9]', '-1', 'python');
    assert.ok(code?.result.ok);
    assert.deepEqual(code.result.data, [1, -1]);
  });
});

describe('index paths of printed N-D arrays', () => {
  test('a 4-D printout with a bad entry names [i][j] row, column', () => {
    const r = parsePrinted('[[[[1. 2.]]]\n\n\n [[[3. x]]]]');
    assert.ok(!r.ok);
    assert.equal(r.message, `not a number: "x" at ${where(unravel(3, [2, 1, 1, 2]), 4)}`);
    assert.equal(r.message, 'not a number: "x" at [1][0] row 0, column 1');
  });
});
