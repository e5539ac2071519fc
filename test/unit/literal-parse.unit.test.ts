import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLiteral, type ParseResult, type Syntax } from '../../src/core/literal';

/** Asserts `text` parses to `shape` and `data`; returns the result for further checks. */
function arrayOf(text: string, shape: number[], data: number[], syntax: Syntax = 'nested'): ParseResult {
  const r = parseLiteral(text, syntax);
  assert.ok(r.ok, `expected an array from ${JSON.stringify(text)}, got ${r.ok ? '' : r.message}`);
  assert.deepEqual(r.shape, shape);
  assert.deepEqual(r.data, data);
  return r;
}

function expectArray(text: string, shape: number[], data: number[], syntax: Syntax = 'nested'): void {
  arrayOf(text, shape, data, syntax);
}

function expectProblem(text: string, kind: string, message: string, syntax: Syntax = 'nested'): void {
  const r = parseLiteral(text, syntax);
  assert.equal(r.ok, false, `expected a problem from ${JSON.stringify(text)}`);
  if (!r.ok) assert.deepEqual([r.kind, r.message], [kind, message]);
}

describe('nested lists (Python, JS, TS, JSON)', () => {
  test('[[0, 1, 2], [3, 4, 5]] → 2×3', () => expectArray('[[0, 1, 2], [3, 4, 5]]', [2, 3], [0, 1, 2, 3, 4, 5]));
  test('negatives and scientific notation: 1e-3, -2.5E+2, +7, -.5, 3.', () =>
    expectArray('[[1e-3, -2.5E+2], [+7, -.5], [3., 1_000]]', [3, 2], [0.001, -250, 7, -0.5, 3, 1000]));
  test('trailing commas at every level', () => expectArray('[[1, 2,], [3, 4,],]', [2, 2], [1, 2, 3, 4]));
  test('comments #, //, /* */ and line breaks inside', () => {
    const text = '[ # rows of X\n  [1, /* one */ 2], // first\n  [3,\n   4],  # second\n]';
    expectArray(text, [2, 2], [1, 2, 3, 4]);
  });
  test('arithmetic entries: 1/9, -1 - 1, (2)', () => expectArray('[1/9, -1 - 1, (2)]', [3], [1 / 9, -2, 2]));
  test('np.nan, -np.inf, Infinity: named, then refused as not finite', () => {
    expectProblem('[np.nan, 1]', 'not-finite', 'not finite: "np.nan" at element 0 is NaN');
    expectProblem('[[1, -np.inf]]', 'not-finite', 'not finite: "-np.inf" at row 0, column 1 is -Infinity');
    expectProblem('[[1, 2], [Infinity, 3]]', 'not-finite', 'not finite: "Infinity" at row 1, column 0 is Infinity');
  });
  test('JSON: [[0.5, -1], [2e3, 0]]', () => expectArray('[[0.5,-1],[2e3,0]]', [2, 2], [0.5, -1, 2000, 0]));
  test('vector [1, 2, 3] → shape 3', () => expectArray('[1, 2, 3]', [3], [1, 2, 3]));
  test('3-D [[[1,2],[3,4]],[[5,6],[7,8]]] → 2×2×2', () =>
    expectArray('[[[1,2],[3,4]],[[5,6],[7,8]]]', [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]));
  test('a statement-ending semicolon is allowed: [[1]];', () => expectArray('[[1]];', [1, 1], [1]));
});

describe("Python's operators and comments (syntax 'python')", () => {
  test('// is floor division and ** power: [[4 // 2, 1], [2 ** 3, -2 ** 2]] → [2, 1, 8, -4]; -7 // 2 → -4', () => {
    expectArray('[[4 // 2, 1], [2 ** 3, -2 ** 2]]', [2, 2], [2, 1, 8, -4], 'python');
    expectArray('[[-7 // 2, 2 ** 3 ** 2]]', [1, 2], [-4, 512], 'python');
  });
  test('# starts a comment; in JS/TS (syntax nested) // does', () => {
    expectArray('[[1, 2],  # first row\n [3, 4]]', [2, 2], [1, 2, 3, 4], 'python');
    expectArray('[[1, 2],  // first row\n [3, 4]]', [2, 2], [1, 2, 3, 4]);
  });
});

describe('tuples stand for lists, as numpy reads them', () => {
  test('np.array([(1, 2), (3, 4)]), np.array(((1, 2), (3, 4))) and [(1, 2), (3, 4)] → 2×2', () => {
    for (const text of ['np.array([(1, 2), (3, 4)])', 'np.array(((1, 2), (3, 4)))', '[(1, 2), (3, 4)]'])
      expectArray(text, [2, 2], [1, 2, 3, 4], 'python');
  });
  test('one-element tuples (1,) and a dtype after a tuple root', () => {
    expectArray('np.array([(1,), (2,)])', [2, 1], [1, 2], 'python');
    const r = parseLiteral('torch.tensor(((1., -1.),), dtype=torch.float32)', 'python');
    assert.ok(r.ok);
    assert.deepEqual([r.shape, r.data, r.dtype], [[1, 2], [1, -1], 'torch.float32']);
  });
  test('parentheses without a comma stay arithmetic: [[(1 + 2), 3]] → [3, 3]', () =>
    expectArray('[[(1 + 2), 3]]', [1, 2], [3, 3], 'python'));
});

describe('more number forms', () => {
  test('hex, octal and binary integers: [[0x10, 0o17, 0b101, 0xFF_FF]] → [16, 15, 5, 65535]; 0x1G is named', () => {
    expectArray('[[0x10, 0o17, 0b101, 0xFF_FF]]', [1, 4], [16, 15, 5, 65535], 'python');
    expectProblem('[[0x1G]]', 'not-a-number', 'not a number: "0x1G" at row 0, column 0', 'python');
  });
  test('π by name: np.pi, -math.pi / 2, Math.PI, MATLAB pi', () => {
    expectArray('[[np.pi, -math.pi / 2, Math.PI]]', [1, 3], [Math.PI, -Math.PI / 2, Math.PI]);
    expectArray('[pi 1]', [1, 2], [Math.PI, 1], 'matlab');
  });
});

describe('wrapped literals', () => {
  const cases: [string, string, string | undefined][] = [
    ['np.array([[1, 2], [3, 4]])', 'np.array', undefined],
    ['numpy.array([[1, 2], [3, 4]], dtype=numpy.float32)', 'numpy.array', 'numpy.float32'],
    ['tf.constant([[1, 2], [3, 4]], dtype=tf.float32)', 'tf.constant', 'tf.float32'],
    ['tf.Variable([[1, 2], [3, 4]], dtype="float64", name="K")', 'tf.Variable', 'float64'],
    ['torch.tensor([[1, 2], [3, 4]], dtype=torch.float16, requires_grad=True)', 'torch.tensor', 'torch.float16'],
    ['np.array([[1, 2], [3, 4]], np.int32)', 'np.array', 'np.int32'],
    ["tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32')", 'tf.tensor2d', 'int32'],
    ['np.array(\n  [[1, 2],\n   [3, 4]],\n  dtype=np.float64,\n)', 'np.array', 'np.float64'],
  ];
  for (const [text, wrapper, dtype] of cases) {
    test(`${text.replace(/\n/g, ' ')} → 2×2, dtype ${dtype ?? 'none'}`, () => {
      const r = arrayOf(text, [2, 2], [1, 2, 3, 4]);
      assert.ok(r.ok);
      assert.equal(r.wrapper, wrapper);
      assert.equal(r.dtype, dtype);
    });
  }
});

describe('MATLAB / Octave / Julia brackets', () => {
  test('[1 2; 3 4] → 2×2', () => expectArray('[1 2; 3 4]', [2, 2], [1, 2, 3, 4], 'matlab'));
  test('[1 -1] → 1×2 [1, -1] (sign after a space, glued to its digit, starts an element)', () =>
    expectArray('[1 -1]', [1, 2], [1, -1], 'matlab'));
  test('[1 - 1] → 1×1 [0] (binary minus)', () => expectArray('[1 - 1]', [1, 1], [0], 'matlab'));
  test('[1-1] → 1×1 [0], [1 +2] → 1×2, [1 + 2] → 1×1 [3]', () => {
    expectArray('[1-1]', [1, 1], [0], 'matlab');
    expectArray('[1 +2]', [1, 2], [1, 2], 'matlab');
    expectArray('[1 + 2]', [1, 1], [3], 'matlab');
  });
  test('[1 -1e-3 -2.5E+2] → exponents keep their signs', () =>
    expectArray('[1 -1e-3 -2.5E+2]', [1, 3], [1, -0.001, -250], 'matlab'));
  test('commas, line breaks as row ends, % comments, ... continuation, trailing ;', () => {
    const text = '[1, 2, ... the row goes on\n 3 % comment\n 4 5 6\n];';
    expectArray(text, [2, 3], [1, 2, 3, 4, 5, 6], 'matlab');
  });
  test('block comments: MATLAB %{ … %} on their own lines, Julia #= … =# anywhere', () => {
    expectArray('[1 2\n%{\n 9 9\n%}\n 3 4]', [2, 2], [1, 2, 3, 4], 'matlab');
    expectArray('[1 2 #= a comment =# 3 4]', [1, 4], [1, 2, 3, 4], 'matlab');
    expectArray('[1 2 %{ not a block: a line comment\n 3 4]', [2, 2], [1, 2, 3, 4], 'matlab');
  });
  test('parenthesised elements may hold blanks: [(1 - 2) 3] → [-1, 3], [(1 +2) 3] → [3, 3]', () => {
    expectArray('[(1 - 2) 3]', [1, 2], [-1, 3], 'matlab');
    expectArray('[(1 +2) 3]', [1, 2], [3, 3], 'matlab');
  });
  test('column vector [1; 2; 3] → 3×1', () => expectArray('[1; 2; 3]', [3, 1], [1, 2, 3], 'matlab'));
  test('Julia vector of vectors [[1, 2], [3, 4]] falls back to nested lists', () =>
    expectArray('[[1, 2], [3, 4]] # Julia', [2, 2], [1, 2, 3, 4], 'matlab'));
  test('ragged [1 2; 3] → ragged: row 0 has 2 elements, row 1 has 1', () =>
    expectProblem('[1 2; 3]', 'ragged', 'ragged: row 0 has 2 elements, row 1 has 1', 'matlab'));
});

describe('problems: ragged rows, entries that are not numbers', () => {
  test('[[2, 3, 4.0, 5], [2, 3, 41, 5, 4, 2, 2]] → ragged: row 0 has 4 elements, row 1 has 7', () =>
    expectProblem('[[2, 3, 4.0, 5], [2, 3, 41, 5, 4, 2, 2]]', 'ragged', 'ragged: row 0 has 4 elements, row 1 has 7'));
  test('3-D ragged: slice 1 has 1 row', () =>
    expectProblem('[[[1, 2], [3, 4]], [[5, 6]]]', 'ragged', 'ragged: slice 0 has 2 rows, slice 1 has 1'));
  test('[[1, x], [2, 3]] → not a number: "x" at row 0, column 1', () =>
    expectProblem('[[1, x], [2, 3]]', 'not-a-number', 'not a number: "x" at row 0, column 1'));
  test('[[1, 2], [3, "a"]] → names the string at row 1, column 1', () =>
    expectProblem('[[1, 2], [3, "a"]]', 'not-a-number', 'not a number: "a" at row 1, column 1'));
  test("strings are quoted once, in their own quotes: 'a', `b`", () => {
    expectProblem("[[1, 'a']]", 'not-a-number', "not a number: 'a' at row 0, column 1");
    expectProblem('[1, `b`]', 'not-a-number', 'not a number: `b` at element 1');
  });
  test('complex 1j and MATLAB names other than pi are not numbers', () => {
    expectProblem('[1, 2j]', 'not-a-number', 'not a number: "2j" at element 1');
    expectProblem('[1 eps]', 'not-a-number', 'not a number: "eps" at row 0, column 1', 'matlab');
  });
  test('mixed nesting [[1, 2], 3]', () =>
    expectProblem('[[1, 2], 3]', 'mixed', 'mixed nesting: row 1 is a number, row 0 is a list'));
  test('arrays deeper than 6-D are named: [[[[[[[1]]]]]]] (7-D)', () =>
    expectProblem('[[[[[[[1]]]]]]]', 'too-deep', '7-D array (nested 7 lists deep): arrays are read up to 6-D'));
  test('empty [] and [[]]', () => {
    expectProblem('[]', 'empty', 'empty array (shape 0)');
    expectProblem('[[]]', 'empty', 'empty array (shape 1×0)');
  });
  test('syntax errors name the token and offset', () => {
    expectProblem('[1, 2]]', 'syntax', 'not a matrix literal: expected the end of the literal, found "]" at offset 6');
    expectProblem(
      'np.array([1, 2] dtype=x)',
      'syntax',
      'not a matrix literal: expected ")", found "dtype" at offset 16',
    );
    expectProblem('[[1, 2]', 'syntax', 'not a matrix literal: expected "," or "]", found the end');
  });
});

describe('text pasted from a web page or a PDF', () => {
  test('no-break and ideographic spaces are blanks: [[1,\u00a02]] → 1×2; MATLAB [1\u00a02; 3 4] → 2×2', () => {
    expectArray('[[1,\u00a02]]', [1, 2], [1, 2]);
    expectArray('[1\u00a02; 3\u30004]', [2, 2], [1, 2, 3, 4], 'matlab');
  });
  test('a typographic minus is named with its code point: "−1" (U+2212), "–2" (U+2013)', () => {
    expectProblem(
      '[[\u22121, 2]]',
      'not-a-number',
      'not a number: "\u22121" at row 0, column 0 (U+2212 is not a minus sign in code: type "-")',
    );
    expectProblem(
      '[[1, \u20132]]',
      'not-a-number',
      'not a number: "\u20132" at row 0, column 1 (U+2013 is not a minus sign in code: type "-")',
    );
  });
});

describe('numbers beyond float64 (overflow to ±Infinity) are problems, not matrices', () => {
  test('[[1, 1e400], [2, 3]] → too large: "1e400" at row 0, column 1 is beyond float64', () =>
    expectProblem('[[1, 1e400], [2, 3]]', 'not-finite', 'too large: "1e400" at row 0, column 1 is beyond float64'));
  test('[[1, 2], [-1e400, 3]] → too large: "-1e400" at row 1, column 0', () =>
    expectProblem('[[1, 2], [-1e400, 3]]', 'not-finite', 'too large: "-1e400" at row 1, column 0 is beyond float64'));
  test('the first bad entry in reading order is named: [[1e400, 1], [2, 3]]', () =>
    expectProblem('[[1e400, 1], [2, 3]]', 'not-finite', 'too large: "1e400" at row 0, column 0 is beyond float64'));
  test('wrapped: np.array([[1, 1E+309]], dtype=np.float64) keeps wrapper and dtype', () => {
    const r = parseLiteral('np.array([[1, 1E+309]], dtype=np.float64)');
    assert.deepEqual(r.ok ? r : [r.kind, r.message, r.wrapper, r.dtype], [
      'not-finite',
      'too large: "1E+309" at row 0, column 1 is beyond float64',
      'np.array',
      'np.float64',
    ]);
  });
  test('arithmetic that overflows: [1e200 * 1e200] → too large', () =>
    expectProblem('[1e200 * 1e200]', 'not-finite', 'too large: "1e200 * 1e200" at element 0 is beyond float64'));
  test('MATLAB [1 1e400; 2 3] → too large at row 0, column 1', () =>
    expectProblem('[1 1e400; 2 3]', 'not-finite', 'too large: "1e400" at row 0, column 1 is beyond float64', 'matlab'));
  test('1.7976931348623157e308 (the largest double) is still a number', () =>
    expectArray('[[1.7976931348623157e308, -1.7976931348623157e308]]', [1, 2], [Number.MAX_VALUE, -Number.MAX_VALUE]));
});
