// dtypes as the libraries store them: every integer and float dtype against REAL numpy run now (which Python ints
// numpy 1.24 wraps with a DeprecationWarning — numpy 2's OverflowError —, truncation, float16/float32 rounding value by
// value), the spellings against np.dtype, typed arrays against Node's own, tfjs's dtypes against tfjs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '@tensorflow/tfjs-core';
import { findCall, findLiteral, linesOf, parseLiteral, type ParseResult } from '../../src/core/literal';
import { exactInteger } from '../../src/core/literal/exact-int';
import { writtenAsInteger } from '../../src/core/literal/store-rules';
import { mulberry32 } from '../../src/core/random';
import { python } from './helpers/python';
import { useCpuBackend } from './helpers/tf';

function parse(text: string): ParseResult {
  return parseLiteral(text, 'python');
}

const NUMPY_DTYPES = [
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'float16',
  'float32',
  'float64',
  'bool',
];

// Python texts: in range, the edges of every integer type and one past them, -1, 256, 1.7, -2.5, 1e10, float16's and
// float32's largest values and what lies beyond, underflow, ints past 2⁵³ written exactly, bools, hex, expressions.
const VALUES = [
  '0',
  '1',
  '-1',
  '127',
  '128',
  '-128',
  '-129',
  '255',
  '256',
  '32767',
  '32768',
  '-32769',
  '65535',
  '65536',
  '2147483647',
  '2147483648',
  '-2147483649',
  '4294967295',
  '4294967296',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '18446744073709551615',
  '18446744073709551616',
  '1.7',
  '-2.5',
  '-0.5',
  '255.5',
  '256.0',
  '-1.0',
  '1e10',
  '-1e10',
  '1.5e300',
  '0.1',
  '1/3',
  '65504',
  '65519.99',
  '65520',
  '1e6',
  '3.4028234663852886e38',
  '3.5e38',
  '1e-8',
  '6e-8',
  '2**53 + 1',
  'True',
  'False',
  '0x10',
  '-7 // 2',
];

interface Verdict {
  dtype: string;
  text: string;
  /** stored: kept as `stored`; wraps: DeprecationWarning (numpy 2 raises); raises; undefined: float outside the int
   * range (C leaves the cast undefined); overflows: a finite value became inf. */
  verdict: 'stored' | 'wraps' | 'raises' | 'undefined' | 'overflows';
  stored: string | null;
}

/** numpy's verdict on np.array([v], dtype=d) for every dtype × value, computed by numpy itself. */
function numpyVerdicts(): Verdict[] {
  const cases = NUMPY_DTYPES.flatMap((d) => VALUES.map((v) => [d, v]));
  const out = python(`
import json, math, warnings
import numpy as np
out = []
for dt, text in ${JSON.stringify(cases)}:
    v = eval(text)
    d = np.dtype(dt)
    err = None
    stored = None
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        try:
            stored = np.array([v], dtype=d).tolist()[0]
        except (OverflowError, ValueError) as e:
            err = type(e).__name__
    if err:
        verdict = 'raises'
    elif any(issubclass(x.category, DeprecationWarning) for x in w):
        verdict = 'wraps'
    elif d.kind in 'iu' and isinstance(v, float) and not (np.iinfo(d).min <= math.trunc(v) <= np.iinfo(d).max):
        verdict = 'undefined'
    elif d.kind == 'f' and math.isinf(stored) and not math.isinf(float(v)):
        verdict = 'overflows'
    else:
        verdict = 'stored'
    if isinstance(stored, bool):
        stored = int(stored)
    out.append({'dtype': dt, 'text': text, 'verdict': verdict, 'stored': None if stored is None else repr(stored)})
print(json.dumps(out))
`);
  return JSON.parse(out) as Verdict[];
}

describe('np.array([v], dtype=np.<dtype>) stores what numpy 1.24 stores, and refuses what numpy 2 refuses', () => {
  const verdicts = numpyVerdicts();
  for (const dtype of NUMPY_DTYPES) {
    test(`x=[1] dtype=${dtype}: ${VALUES.length} values against numpy (in range, edges ±1, -1, 256, 1.7, -2.5, 1e10 …)`, () => {
      for (const v of verdicts.filter((x) => x.dtype === dtype)) {
        const text = `np.array([${v.text}], dtype=np.${dtype})`;
        const r = parse(text);
        if (v.verdict === 'stored') {
          assert.ok(r.ok, `${text}: numpy stores ${v.stored}, we said ${r.ok ? '' : r.message}`);
          assert.equal(r.data[0], Number(v.stored), text);
          assert.equal(r.storedAs, dtype, text);
          continue;
        }
        assert.ok(!r.ok && r.kind === 'out-of-range', `${text}: numpy ${v.verdict}, we said ${JSON.stringify(r)}`);
        // numpy 1.24's DeprecationWarning (numpy 2's OverflowError): the message names both, and the wrapped value.
        if (v.verdict === 'wraps') {
          assert.ok(r.message.includes(`numpy ≥ 2 raises OverflowError`), r.message);
          assert.ok(r.message.includes(`wrap it to ${v.stored} with a DeprecationWarning`), r.message);
        }
      }
    });
  }
});

describe('messages and notes name the value, where it is and the range', () => {
  test('the issue: np.array([0, 4, -1, 6, 8, -8], dtype=np.uint8) → out of range at element 2, 2 of 6 entries', () => {
    const r = parse('np.array([0, 4, -1, 6, 8, -8], dtype=np.uint8)');
    assert.ok(!r.ok);
    assert.equal(r.kind, 'out-of-range');
    assert.equal(
      r.message,
      'out of range: "-1" at element 2 is outside uint8 (0 … 255), 2 of 6 entries are: numpy ≥ 2 raises OverflowError, ' +
        'numpy 1.24–1.26 wrap it to 255 with a DeprecationWarning',
    );
    assert.deepEqual([r.shape, r.dtype, r.wrapper], [[6], 'np.uint8', 'np.array']);
  });
  test('x=[2,2] dtype=int8: the entry is named by row and column', () => {
    const r = parse('np.array([[1, 2], [300, 4]], dtype=np.int8)');
    assert.ok(!r.ok);
    assert.match(r.message, /^out of range: "300" at row 1, column 0 is outside int8 \(-128 … 127\): /);
  });
  test('np.array([1.7, -2.5], dtype=np.int8) → [1, -2] with the note "1.7 → 1, -2.5 → -2 (numpy truncates toward zero)"', () => {
    const r = parse('np.array([1.7, -2.5], dtype=np.int8)');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.data, r.storedAs, r.notes],
      [[1, -2], 'int8', ['dtype int8: 1.7 → 1, -2.5 → -2 (numpy truncates toward zero)']],
    );
  });
  test('a float beyond the integer range: no value promised (C leaves the cast undefined)', () => {
    const r = parse('np.array([1e10], dtype=np.int32)');
    assert.ok(!r.ok);
    assert.equal(
      r.message,
      'out of range: "1e10" at element 0 is outside int32 (-2147483648 … 2147483647): a float beyond the integer range has ' +
        'no defined value (C leaves the cast undefined)',
    );
  });
  test('float32 rounding: one note with examples and a count beyond three', () => {
    const r = parse('np.array([0.1, 0.2, 0.3, 0.4, 0.5], dtype=np.float32)');
    assert.ok(r.ok);
    assert.deepEqual(r.notes, [
      'dtype float32: 0.1 → 0.10000000149011612, 0.2 → 0.20000000298023224, 0.3 → 0.30000001192092896, … (4 values) ' +
        '(rounded to the nearest float32)',
    ]);
  });
  test('float16 overflow: 1e6 is beyond ±65504, numpy stores inf', () => {
    const r = parse("np.array([1, 1e6], dtype='float16')");
    assert.ok(!r.ok);
    assert.equal(
      r.message,
      'out of range: "1e6" at element 1 is beyond float16\'s largest value ±65504: numpy stores inf',
    );
  });
  test('bool: nonzero is True, with a note; nothing changes → no note', () => {
    const r = parse('np.array([2, 0, -0.5, 1], dtype=bool)');
    assert.ok(r.ok);
    assert.deepEqual([r.data, r.notes], [[1, 0, 1, 1], ['dtype bool: 2 → 1, -0.5 → 1 (nonzero is True)']]);
    const plain = parse('np.array([1, 0], dtype=np.bool_)');
    assert.ok(plain.ok);
    assert.equal(plain.notes, undefined);
  });
  test('complex, str and object dtypes are named as problems', () => {
    for (const [dtype, holds] of [
      ['np.complex64', 'complex numbers'],
      ["'U'", 'strings'],
      ['object', 'Python objects'],
      ['torch.cfloat', 'complex numbers'],
    ]) {
      const text = dtype.startsWith('torch')
        ? `torch.tensor([1, 2], dtype=${dtype})`
        : `np.array([1, 2], dtype=${dtype})`;
      const r = parse(text);
      assert.ok(!r.ok && r.kind === 'dtype', text);
      assert.ok(r.message.includes(`holds ${holds}, not real numbers`), r.message);
    }
  });
  test('an unknown dtype (x.dtype) keeps the values and says so', () => {
    const r = parse('np.array([1, 2], dtype=x.dtype)');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.data, r.storedAs, r.notes],
      [[1, 2], undefined, ['dtype x.dtype is not one the parser knows: values shown as written']],
    );
  });
});

describe('the spellings of a dtype, against np.dtype', () => {
  const NAMES = [
    'uint8',
    'int8',
    'int16',
    'uint16',
    'int32',
    'uint32',
    'int64',
    'uint64',
    'float16',
    'float32',
    'float64',
    'half',
    'single',
    'double',
    'longlong',
    'ulonglong',
    'intc',
    'uintc',
    'int_',
    'uint',
    'byte',
    'ubyte',
    'short',
    'ushort',
    'bool_',
    'float_',
    'longdouble',
    'intp',
    'uintp',
    'complex64',
    'complex128',
    'csingle',
    'str_',
    'object_',
    'bytes_',
  ];
  const STRINGS = [
    'u1',
    'u2',
    'u4',
    'u8',
    'i1',
    'i2',
    'i4',
    'i8',
    'f2',
    'f4',
    'f8',
    '<f4',
    '>i2',
    '=u1',
    '|b1',
    'b',
    'B',
    'h',
    'H',
    'i',
    'I',
    'l',
    'L',
    'q',
    'Q',
    'e',
    'f',
    'd',
    'g',
    '?',
    'float',
    'int',
    'double',
    'half',
    'single',
    'bool',
    'float32',
    'uint8',
    'complex',
    'c8',
    'U',
    'O',
    'S',
  ];
  const names = JSON.parse(
    python(`
import json
import numpy as np
print(json.dumps([[np.dtype(getattr(np, n)).name for n in ${JSON.stringify(NAMES)}],
                  [np.dtype(s).name for s in ${JSON.stringify(STRINGS)}],
                  [np.dtype(t).name for t in (int, float, bool, complex)]]))
`),
  ) as [string[], string[], string[]];

  /** The dtype the parser stores `np.array([1], dtype=<spelling>)` as, or the problem's kind for complex / str. */
  function storedAs(spelling: string): string | undefined {
    const r = parse(`np.array([1], dtype=${spelling})`);
    if (r.ok) return r.storedAs;
    return r.kind === 'dtype' ? /^dtype (\w+)/.exec(r.message)?.[1] : r.kind;
  }
  test(`np.<name>: ${NAMES.length} names (np.half, np.intc, np.longdouble …)`, () => {
    NAMES.forEach((n, k) => assert.equal(storedAs(`np.${n}`), names[0][k], `np.${n}`));
  });
  test(`'<code>' and np.dtype('<code>'): ${STRINGS.length} strings and type codes ('u1', '<f4', 'e', 'g' …)`, () => {
    STRINGS.forEach((s, k) => {
      assert.equal(storedAs(`'${s}'`), names[1][k], `'${s}'`);
      assert.equal(storedAs(`np.dtype('${s}')`), names[1][k], `np.dtype('${s}')`);
    });
  });
  test('dtype=int, float, bool, complex (Python types) and a positional dtype np.array(x, np.uint8)', () => {
    ['int', 'float', 'bool', 'complex'].forEach((t, k) => assert.equal(storedAs(t), names[2][k], t));
    const r = parse('np.array([1, 2], np.uint8)');
    assert.ok(r.ok && r.storedAs === 'uint8');
  });
  test('torch and TensorFlow names, from their documented dtype tables', () => {
    const cases: [string, string][] = [
      ['torch.tensor([1], dtype=torch.uint8)', 'uint8'],
      ['torch.tensor([1], dtype=torch.short)', 'int16'],
      ['torch.tensor([1], dtype=torch.int)', 'int32'],
      ['torch.tensor([1], dtype=torch.long)', 'int64'],
      ['torch.tensor([1], dtype=torch.half)', 'float16'],
      ['torch.tensor([1], dtype=torch.bfloat16)', 'bfloat16'],
      ['torch.tensor([1], dtype=torch.float)', 'float32'],
      ['torch.tensor([1], dtype=torch.double)', 'float64'],
      ['torch.tensor([1], dtype=float)', 'float64'],
      ['torch.tensor([1], dtype=torch.bool)', 'bool'],
      ['tf.constant([1], dtype=tf.half)', 'float16'],
      ['tf.constant([1], dtype=tf.bfloat16)', 'bfloat16'],
      ['tf.constant([1], dtype=tf.double)', 'float64'],
      ["tf.constant([1], dtype='float')", 'float32'],
      ['tf.constant([1], dtype=tf.dtypes.int16)', 'int16'],
      ['tf.Variable([1], dtype=tf.uint8)', 'uint8'],
      ["tf.tensor([1], [1], 'int32')", 'int32'],
      ['jnp.array([1], dtype=jnp.bfloat16)', 'bfloat16'],
    ];
    for (const [text, name] of cases) {
      const r = parse(text);
      assert.ok(r.ok, text);
      assert.equal(r.storedAs, name, text);
    }
  });
});

/** Seeded doubles over float16's whole range and beyond: normals, subnormals, ties and near-ties. */
function halfCases(): number[] {
  const rand = mulberry32(7);
  const out: number[] = [];
  for (let k = 0; k < 400; k++) {
    const e = Math.floor(rand() * 46) - 28; // 2^-28 … 2^17
    out.push((rand() < 0.5 ? -1 : 1) * (1 + rand()) * 2 ** e);
  }
  // Exact ties between neighbours (1 + 2^-11 lies halfway between 1 and 1 + 2^-10), a subnormal tie, and ties plus a
  // hair that only a direct rounding from the double sees (via float32 the hair is lost).
  for (const e of [-24, -20, -14, -1, 0, 3, 10, 15]) {
    for (const m of [1, 3, 5, 1023, 2047])
      out.push((1 + m * 2 ** -11) * 2 ** e, (1 + m * 2 ** -11 + 2 ** -40) * 2 ** e);
  }
  out.push(2 ** -25, 3 * 2 ** -26, 65504, 65519.99, 65520, 2 ** -14, 2 ** -24, 5.960464477539063e-8);
  return out;
}

describe('float16, bfloat16 and float32 rounding, value by value', () => {
  const xs = halfCases();
  const ref = JSON.parse(
    python(`
import json
import numpy as np
xs = np.array(${JSON.stringify(xs)}, dtype=np.float64)
def bf16(x):
    # The top 16 bits of the float32, rounded to nearest even: c10::BFloat16's round_to_nearest_even.
    b = int(np.array([x], dtype=np.float32).view(np.uint32)[0])
    b = ((b + 0x7FFF + ((b >> 16) & 1)) >> 16) << 16
    return float(np.array([b], dtype=np.uint32).view(np.float32)[0])
with np.errstate(over='ignore'):
    print(json.dumps({
        'half': [float(np.float16(x)) for x in xs],
        'halfViaFloat': [float(np.float16(np.float32(x))) for x in xs],
        'single': [float(np.float32(x)) for x in xs],
        'bf16': [bf16(x) for x in xs],
    }).replace('Infinity', '1e999'))
`),
  ) as Record<'half' | 'halfViaFloat' | 'single' | 'bf16', number[]>;

  function check(wrapper: string, dtype: string, expected: number[]): void {
    xs.forEach((x, k) => {
      const r = parse(`${wrapper}([${x}], dtype=${dtype})`);
      if (!Number.isFinite(expected[k])) return assert.ok(!r.ok && r.kind === 'out-of-range', `${x} → ${expected[k]}`);
      assert.ok(r.ok, `${dtype} ${x}: ${r.ok ? '' : r.message}`);
      assert.ok(
        Object.is(r.data[0], expected[k]) || r.data[0] === expected[k],
        `${dtype} ${x} → ${r.data[0]}, numpy ${expected[k]}`,
      );
    });
  }
  test(`np.float16: ${xs.length} doubles (normals, subnormals, exact ties, ties + 2^-40) rounded as np.float16 does`, () =>
    check('np.array', 'np.float16', ref.half));
  test(`torch.float16: through float32 first (c10::Half(float)), as np.float16(np.float32(x))`, () =>
    check('torch.tensor', 'torch.float16', ref.halfViaFloat));
  test(`np.float32: ${xs.length} doubles as np.float32`, () => check('np.array', 'np.float32', ref.single));
  test('torch.bfloat16: float32, then the top 16 bits rounded to nearest even', () =>
    check('torch.tensor', 'torch.bfloat16', ref.bf16));
});

describe('torch: checked_convert (c10/util/overflows.h) — refuses what it cannot hold, wraps small negative ints for unsigned', () => {
  test('x=[3] dtype=torch.uint8: -1 → 255 with a note, -256 and 256 refused, -0.5 refused (a float is checked before truncation)', () => {
    const r = parse('torch.tensor([-1, 2, -255], dtype=torch.uint8)');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.data, r.notes],
      [[255, 2, 1], ['dtype uint8: -1 → 255, -255 → 1 (torch wraps negative ints modulo 2^8)']],
    );
    for (const v of ['-256', '256', '-0.5', '255.5']) {
      const p = parse(`torch.tensor([${v}], dtype=torch.uint8)`);
      assert.ok(!p.ok && p.kind === 'out-of-range', v);
      assert.ok(
        p.message.endsWith('torch raises RuntimeError (value cannot be converted to type uint8 without overflow)'),
      );
    }
  });
  test('x=[2] dtype=torch.int8: 1.7 → 1, -2.5 → -2 (torch truncates toward zero); 128 refused', () => {
    const r = parse('torch.tensor([1.7, -2.5], dtype=torch.int8)');
    assert.ok(r.ok);
    assert.deepEqual([r.data, r.notes], [[1, -2], ['dtype int8: 1.7 → 1, -2.5 → -2 (torch truncates toward zero)']]);
    assert.ok(!parse('torch.tensor([128], dtype=torch.int8)').ok);
  });
  test("no dtype: Python floats are stored as torch's default float32, ints as int64", () => {
    const r = parse('torch.tensor([[0.1, 0.25]])');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.data, r.storedAs, r.notes],
      [
        [Math.fround(0.1), 0.25],
        'float32',
        ["torch.tensor's default float32: 0.1 → 0.10000000149011612 (rounded to the nearest float32)"],
      ],
    );
    const ints = parse('torch.tensor([[1, 2]])');
    assert.ok(ints.ok && ints.storedAs === 'int64' && ints.notes === undefined);
  });
});

describe('TensorFlow: floats are refused for integer dtypes, ints are cast (wrapped)', () => {
  test('tf.constant([1.7, 2], dtype=tf.int32) → "not int32" naming the float', () => {
    const r = parse('tf.constant([1, 2.0], dtype=tf.int32)');
    assert.ok(!r.ok && r.kind === 'dtype');
    assert.match(
      r.message,
      /^not int32: "2\.0" at element 1 is a float: TensorFlow refuses floats for an integer dtype/,
    );
  });
  test('tf.constant([-1, 256], dtype=tf.uint8) → [255, 0] with a note (the Cast op keeps the low bits)', () => {
    const r = parse('tf.constant([-1, 256], dtype=tf.uint8)');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.data, r.notes],
      [[255, 0], ['dtype uint8: -1 → 255, 256 → 0 (TensorFlow casts the int64 it reads, keeping the low 8 bits)']],
    );
  });
  test('dtype=tf.bool takes True and False only', () => {
    assert.ok(parse('tf.constant([True, False], dtype=tf.bool)').ok);
    const r = parse('tf.constant([1, 0], dtype=tf.bool)');
    assert.ok(!r.ok && r.kind === 'dtype');
  });
  test('no dtype: floats are float32', () => {
    const r = parse('tf.constant([0.1, 2.0])');
    assert.ok(r.ok && r.storedAs === 'float32' && r.data[0] === Math.fround(0.1));
  });
});

// Values for typed arrays and tfjs: NaN, the infinities, halves (ties), both edges of every type, and beyond.
const JS_VALUES = [
  'NaN',
  'Infinity',
  '-Infinity',
  '0',
  '-0.5',
  '0.5',
  '1.5',
  '2.5',
  '1.7',
  '-2.5',
  '-1',
  '127',
  '128',
  '-129',
  '254.5',
  '255.5',
  '256',
  '300',
  '65535',
  '65536',
  '-32769',
  '2147483647',
  '2147483648',
  '4294967296',
  '1e10',
  '-1e10',
  '0.1',
  '1e39',
  '65520',
];
const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;

describe("typed arrays store values as ECMAScript's ToInt8 … ToUint8Clamp and Float32 do (against Node's own)", () => {
  for (const [name, Ctor] of Object.entries(TYPED)) {
    for (const form of [`new ${name}([…])`, `${name}.from([…])`, `${name}.of(…)`]) {
      test(`${form}: ${JS_VALUES.length} values (NaN, ±Infinity, ties, edges, 1e10) as Node stores them`, () => {
        for (const v of JS_VALUES) {
          const text = form.replace('[…]', `[${v}]`).replace('(…)', `(${v})`);
          const r = parseLiteral(text, 'nested');
          const real = new Ctor([Number(v)])[0];
          if (!Number.isFinite(real)) {
            assert.ok(!r.ok && (r.kind === 'out-of-range' || r.kind === 'not-finite'), `${text} → ${real}`);
            continue;
          }
          assert.ok(r.ok, `${text}: ${r.ok ? '' : r.message}`);
          assert.ok(r.data[0] === real, `${text} → ${r.data[0]}, Node stores ${real}`);
          // A change is never silent.
          assert.equal(
            r.notes !== undefined,
            !Object.is(real, Number(v)) && real !== Number(v),
            `${text}: notes ${r.notes}`,
          );
        }
      });
    }
  }
  test('notes say why: new Uint8ClampedArray([-1, 300, 1.5, 2.5]) → [0, 255, 2, 2]', () => {
    const r = parseLiteral('new Uint8ClampedArray([-1, 300, 1.5, 2.5])', 'nested');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.data, r.storedAs, r.notes],
      [
        [0, 255, 2, 2],
        'uint8',
        [
          'Uint8ClampedArray: -1 → 0, 300 → 255 (clamped to 0 … 255)',
          'Uint8ClampedArray: 1.5 → 2, 2.5 → 2 (rounded to the nearest integer, ties to even)',
        ],
      ],
    );
  });
  test('a typed array of lists is named: new Float32Array([[1, 2]])', () => {
    const r = parseLiteral('new Float32Array([[1, 2]])', 'nested');
    assert.ok(!r.ok);
    assert.equal(r.message, 'a Float32Array holds numbers, not lists: element 0 is a list');
  });
  test('Int16Array.from(xs, mapFn) maps the values: not read as a literal', () => {
    assert.equal(parseLiteral('Int16Array.from([1, 2], (x) => x * 2)', 'nested').ok, false);
  });
});

describe("tfjs's dtypes against tfjs itself (tf.tensor(values, shape, dtype).dataSync())", () => {
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    test(`tf.tensor([v], [1], '${dtype}'): ${JS_VALUES.length - 3} finite values as tfjs stores them`, async () => {
      await useCpuBackend();
      for (const v of JS_VALUES.filter((x) => Number.isFinite(Number(x)))) {
        const text = `tf.tensor([${v}], [1], '${dtype}')`;
        const t = tensor([Number(v)], [1], dtype);
        const real = t.dataSync()[0];
        t.dispose();
        const r = parseLiteral(text, 'nested');
        if (!Number.isFinite(real)) {
          assert.ok(!r.ok && r.kind === 'out-of-range', text);
          continue;
        }
        assert.ok(r.ok, `${text}: ${r.ok ? '' : r.message}`);
        assert.equal(r.data[0], real, text);
      }
    });
  }
  test("no dtype: tf.tensor([[0.1, 16777217]]) is float32 (tfjs infers 'float32' for numbers)", () => {
    const r = parseLiteral('tf.tensor2d([[0.1, 16777217]])', 'nested');
    assert.ok(r.ok);
    assert.deepEqual([r.data, r.storedAs], [[Math.fround(0.1), 16777216], 'float32']);
  });
});

describe('jax.numpy narrows 64-bit dtypes unless jax_enable_x64', () => {
  test('jnp.array([1.5, 0.1], dtype=jnp.float64) is stored as float32, with both notes', () => {
    const r = parse('jnp.array([1.5, 0.1], dtype=jnp.float64)');
    assert.ok(r.ok);
    assert.deepEqual(
      [r.storedAs, r.data, r.notes],
      [
        'float32',
        [1.5, Math.fround(0.1)],
        [
          'jax.numpy stores float64 as float32 unless 64-bit mode is on (jax_enable_x64)',
          'dtype float32: 0.1 → 0.10000000149011612 (rounded to the nearest float32)',
        ],
      ],
    );
  });
});

describe('the fast path (plain lists) and the general path give the same result', () => {
  function bigLiteral(values: (r: number, c: number) => string, dtype: string, comment: boolean): string {
    const rows = Array.from(
      { length: 60 },
      (_, r) => `[${Array.from({ length: 60 }, (_, c) => values(r, c)).join(', ')}]`,
    );
    return `np.array([${comment ? '# rows\n' : ''}${rows.join(',\n')}], dtype=${dtype})`;
  }
  const cases: [string, (r: number, c: number) => string, string][] = [
    ['ints in range, uint8', (r, c) => String((r * 7 + c) % 256), 'np.uint8'],
    ['floats truncated, int16', (r, c) => String((r - c) * 1.25), 'np.int16'],
    ['floats rounded, float16', (r, c) => String((r * 60 + c) / 7), 'np.float16'],
    ['one int out of range, uint8', (r, c) => (r === 30 && c === 7 ? '-3' : String(c)), 'np.uint8'],
    ['mixed ints and floats, int8', (r, c) => (c % 2 ? String(r) : `${r}.5`), 'np.int8'],
  ];
  for (const [what, values, dtype] of cases) {
    test(`x=[60,60] ${what}: identical with and without a comment (which forces the general path)`, () => {
      const fast = parse(bigLiteral(values, dtype, false));
      const general = parse(bigLiteral(values, dtype, true));
      assert.deepEqual(fast, general);
    });
  }
  test('x=[60,60] one int out of range: named at row 30, column 7', () => {
    const r = parse(bigLiteral((r, c) => (r === 30 && c === 7 ? '-3' : String(c)), 'np.uint8', false));
    assert.ok(!r.ok);
    assert.match(r.message, /^out of range: "-3" at row 30, column 7 is outside uint8 \(0 … 255\)/);
  });
});

describe('the finder reads dtypes and typed arrays around the cursor', () => {
  const at = (line: string, needle: string) => ({ line: 0, character: line.indexOf(needle) });
  test('the issue hovered: X = np.array([0, 4, -1, 6, 8, -8], dtype=np.uint8) → its out-of-range problem', () => {
    const line = 'X = np.array([0, 4, -1, 6, 8, -8], dtype=np.uint8)';
    const found = findLiteral(linesOf(line), at(line, '-1'), { syntax: 'python' });
    assert.ok(found && !found.result.ok);
    assert.equal(found.result.kind, 'out-of-range');
    assert.equal(found.text, line.slice(4));
  });
  test('const a = new Uint8Array([1, 2, 300]); → the Uint8Array from `new` to `)`, 300 stored as 44', () => {
    const line = 'const a = new Uint8Array([1, 2, 300]);';
    for (const needle of ['new', 'Uint8', '300']) {
      const found = findLiteral(linesOf(line), at(line, needle), { syntax: 'nested' });
      assert.ok(found?.result.ok, needle);
      assert.deepEqual(
        [found.text, found.result.data, found.result.wrapper],
        ['new Uint8Array([1, 2, 300])', [1, 2, 44], 'new Uint8Array'],
      );
    }
  });
  test('const k = Float32Array.of(0.5, -1); → a vector of 2', () => {
    const line = 'const k = Float32Array.of(0.5, -1);';
    const found = findLiteral(linesOf(line), at(line, '-1'), { syntax: 'nested' });
    assert.ok(found?.result.ok);
    assert.deepEqual([found.result.shape, found.result.data], [[2], [0.5, -1]]);
  });
});

describe('integers beyond 2^53 are evaluated exactly, as Python does', () => {
  const EXPRESSIONS = [
    '2**64 - 1',
    '2**53 + 1',
    '-7 // 2',
    '7 // -2',
    '-(2**63)',
    '-2**63',
    '0xFF_FF * 2**48',
    '3 * (2 ** 70 + 1) // 5',
    '1_000_000 * 10**12 + 7',
    'True + 2**60',
    '0b1 + 0o17',
  ];
  test(`${EXPRESSIONS.length} integer expressions (//, **, hex, bools) against Python's eval`, () => {
    const expected = JSON.parse(
      python(`import json\nprint(json.dumps([str(eval(e)) for e in ${JSON.stringify(EXPRESSIONS)}]))`),
    ) as string[];
    EXPRESSIONS.forEach((e, k) => assert.equal(exactInteger(e), BigInt(expected[k]), e));
  });
  test('floats, negative powers, names and true division are not exact integers', () => {
    for (const e of ['1.5', '2 ** -1', 'np.pi', '4 / 2', '1e3', '2 **']) assert.equal(exactInteger(e), undefined, e);
  });
  test('np.array([2**64 - 1, 2**53 + 1], dtype=np.uint64) is in range; 2**64 is not', () => {
    assert.ok(parse('np.array([2**64 - 1, 2**53 + 1], dtype=np.uint64)').ok);
    const r = parse('np.array([2**64], dtype=np.uint64)');
    assert.ok(!r.ok && r.kind === 'out-of-range');
  });
});

describe('which entries Python reads as ints', () => {
  test('ints: 3, -3, 0x1F, 1_000, 4 // 2, 2 ** 3, (1 + 2), True; floats: 3., 1e3, 1/2, np.pi, 2 ** -1', () => {
    for (const t of ['3', '-3', '0x1F', '0b101', '1_000', '4 // 2', '2 ** 3', '(1 + 2)', 'True', '- 7'])
      assert.equal(writtenAsInteger(t, 1), true, t);
    for (const [t, v] of [
      ['3.', 3],
      ['1e3', 1000],
      ['1/2', 0.5],
      ['4 / 2', 2],
      ['np.pi', Math.PI],
      ['2 ** -1', 0.5],
    ] as const)
      assert.equal(writtenAsInteger(t, v), false, t);
  });
});

describe('calls on typed arrays', () => {
  test('const X = new Float32Array([1, 2, 3]); corr2d(X, K) resolves X to the typed array', () => {
    const text = 'const X = new Float32Array([1, 2, 3]);\nconst K = [[1, -1]];\ncorr2d(X, K);';
    const call = findCall(linesOf(text), { line: 2, character: 2 }, { syntax: 'nested' });
    assert.ok(call?.X.literal?.result.ok, JSON.stringify(call?.X));
    assert.deepEqual([call.X.literal.result.data, call.X.literal.result.storedAs], [[1, 2, 3], 'float32']);
  });
});
