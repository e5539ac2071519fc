// How each library stores one value written in a literal into an element of a given dtype: the value it keeps, or why
// it refuses. A value the library defines (a typed array's ToUint8 wrap, torch's two's-complement wrap of small negative
// ints, numpy's truncation of floats) is stored, and the rule says why it differs from the one written, for the note;
// a value the library rejects, or whose cast C leaves undefined, is refused with a reason, for the problem's message.
// Rules run once per element on the hover's path (10 000 elements in a few milliseconds): the common case returns a
// number and allocates nothing.

import { BFLOAT16_MAX, FLOAT16_MAX, roundToBfloat16, roundToFloat16 } from './round-float';
import { numpyInt, tensorflowInt, torchInt } from './store-int';
import type { DType, Library } from './dtype';

/**
 * The entries as written, by reading-order index: their text, and whether the language reads one as an integer
 * (`3`, `0x10`, `-2 ** 3`, `True`) rather than a float (`3.`, `1e3`, `1/2`). Asked only when a rule needs them, so
 * the fast path does not build 10 000 strings.
 */
export interface Entries {
  text(k: number): string;
  isInt(k: number): boolean;
}

/**
 * Why a value cannot be stored: what is wrong with it (`why`: "is outside uint8 (0 … 255)") and what the library does
 * about it (`then`: "torch raises RuntimeError …").
 */
export interface Refusal {
  refused: 'out-of-range' | 'dtype';
  why: string;
  then?: string;
}

/**
 * How one library stores into one dtype: `store` gives entry `k`'s stored value or a refusal; `why` says, for a value
 * that changed, why ("numpy truncates toward zero"), for the note.
 */
export interface Rule {
  store(value: number, k: number, entries: Entries): number | Refusal;
  why(value: number, stored: number): string;
  /** The dtype holds every double as written (float64, numpy's longdouble): nothing to run. */
  keepsAll?: true;
}

/** The rule for storing into `dtype` as `library` does; undefined for dtypes that hold no real numbers. */
export function ruleFor(dtype: DType, library: Library): Rule | undefined {
  switch (dtype.kind) {
    case 'int':
      return INT_RULES[library](dtype);
    case 'float':
      return floatRule(dtype, library);
    case 'bool':
      return boolRule(library);
    default:
      return undefined;
  }
}

const INT_RULES: Record<Library, (d: DType) => Rule> = {
  numpy: numpyInt,
  jax: numpyInt,
  torch: torchInt,
  tensorflow: tensorflowInt,
  tfjs: jsInt,
  js: jsInt,
};

const JS_INT_ARRAYS: Record<string, new (length: number) => { [k: number]: number }> = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
};

/**
 * ECMAScript typed arrays (and tfjs's int32, an Int32Array): ToInt8 … ToUint32 truncate then wrap modulo 2^N, NaN and
 * ±Infinity become 0; ToUint8Clamp clamps to 0 … 255 and rounds half to even
 * (https://tc39.es/ecma262/#sec-touint8clamp). The engine's own typed array does the conversion.
 */
function jsInt(d: DType): Rule {
  const Ctor = d.clamped ? Uint8ClampedArray : JS_INT_ARRAYS[d.name];
  if (Ctor === undefined) {
    const none: Refusal = { refused: 'dtype', why: 'cannot be stored', then: `${d.name} has no typed array` };
    return { store: () => none, why: () => '' };
  }
  const cell = new Ctor(1);
  return {
    store(value) {
      cell[0] = value;
      return cell[0];
    },
    why(value, stored) {
      if (!Number.isFinite(value)) return 'NaN and ±Infinity become 0';
      if (d.clamped)
        return value < 0 || value > 255 ? 'clamped to 0 … 255' : 'rounded to the nearest integer, ties to even';
      return Math.trunc(value) === stored ? 'truncated toward zero' : `truncated, then wrapped modulo 2^${d.bits}`;
    },
  };
}

/** The rounding of each narrow float format. */
function rounder(d: DType, library: Library): ((x: number) => number) | undefined {
  // torch and TensorFlow convert a double to half through float (c10::Half(float), Eigen::half(float)); bfloat16 is
  // made from a float everywhere (c10::BFloat16, Eigen, ml_dtypes): its 16 bits are the top of a float32's.
  const viaFloat = library === 'torch' || library === 'tensorflow';
  if (d.name === 'float16') return viaFloat ? (x) => roundToFloat16(Math.fround(x)) : roundToFloat16;
  if (d.name === 'bfloat16') return (x) => roundToBfloat16(Math.fround(x));
  if (d.name === 'float32') return Math.fround;
  return undefined;
}

const LARGEST: Partial<Record<DType['name'], number>> = {
  float16: FLOAT16_MAX,
  bfloat16: BFLOAT16_MAX,
  float32: 3.4028234663852886e38,
};

const STORES_INF: Record<Library, string> = {
  numpy: 'numpy stores inf',
  jax: 'jax.numpy stores inf',
  torch: 'torch stores inf',
  tensorflow: 'TensorFlow stores inf',
  tfjs: 'tfjs stores Infinity',
  js: 'the typed array stores Infinity',
};

/** Floats round to nearest, ties to even; a finite value beyond the format's range becomes ±inf, which is refused. */
function floatRule(d: DType, library: Library): Rule {
  const round = rounder(d, library);
  const why = () => `rounded to the nearest ${d.name}`;
  if (round === undefined) return { store: (value) => value, why, keepsAll: true };
  const overflow: Refusal = {
    refused: 'out-of-range',
    why: `is beyond ${d.name}'s largest value ±${LARGEST[d.name]}`,
    then: STORES_INF[library],
  };
  return {
    store(value) {
      const stored = round(value);
      return Number.isFinite(stored) || !Number.isFinite(value) ? stored : overflow;
    },
    why,
  };
}

/**
 * bool: nonzero is True (numpy, torch's `THPUtils_unpackNumberAsBool`); tfjs rounds first (`Math.round(x) !== 0`, its
 * `toTypedArray`); TensorFlow takes only True and False (TypeError otherwise).
 */
function boolRule(library: Library): Rule {
  if (library === 'tensorflow') {
    const refuse: Refusal = {
      refused: 'dtype',
      why: 'is not True or False',
      then: 'TensorFlow takes only booleans for dtype bool',
    };
    return {
      store: (value, k, entries) => (/^\s*(?:True|False)\s*$/.test(entries.text(k)) ? value : refuse),
      why: () => '',
    };
  }
  if (library === 'tfjs')
    return { store: (v) => (Math.round(v) !== 0 ? 1 : 0), why: () => 'tfjs rounds, then nonzero is true' };
  return { store: (v) => (v !== 0 ? 1 : 0), why: () => 'nonzero is True' };
}

/** Hexadecimal, octal and binary integers, replaced before looking for a float's marks (`0xE` has an `E`). */
const PREFIXED_INT = /0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+/g;

/**
 * Whether Python reads an entry as an int: integer literals, signs, `+ - * // **` and parentheses over them, and
 * `True` / `False`. A decimal point, an exponent, a name (`np.pi`) or true division (`/`) make it a float. `value` is
 * its value: `2 ** -1` is a float however it is written.
 */
export function writtenAsInteger(text: string, value: number): boolean {
  if (!Number.isInteger(value)) return false;
  const t = text.replace(PREFIXED_INT, '0');
  if (/^\s*(?:True|False)\s*$/.test(t)) return true;
  return !/[.A-Za-z]/.test(t) && !/(?:^|[^/])\/(?!\/)/.test(t);
}
