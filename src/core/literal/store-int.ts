// How numpy, torch and TensorFlow store a Python number into an integer dtype: each refuses or keeps values in its own
// way (numpy ≥ 2 raises for an int out of range, torch wraps small negative ints for unsigned types, TensorFlow refuses
// floats and wraps ints). Range checks compare doubles where exact and fall back to BigInt beyond 2⁵³.

import { exactInteger } from './exact-int';
import type { DType } from './dtype';
import type { Entries, Refusal, Rule } from './store-rules';

/** `lo … hi` of an integer dtype, exactly (BigInt: int64's bounds are not doubles). */
function intRange(d: DType): [bigint, bigint] {
  const bits = BigInt(d.bits);
  return d.signed ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
}

function rangeText(d: DType): string {
  const [lo, hi] = intRange(d);
  return `${d.name} (${lo} … ${hi})`;
}

/**
 * The exact integer an integer entry denotes: its value when that is a safe integer, else its text evaluated exactly
 * (a double cannot hold 2⁶⁴ − 1 or `2**53 + 1`), else the value.
 */
function exactInt(value: number, k: number, entries: Entries): bigint {
  if (Number.isSafeInteger(value)) return BigInt(value);
  return exactInteger(entries.text(k)) ?? BigInt(value);
}

/** `n` modulo 2^bits, as the signed or unsigned dtype reads the low bits (two's complement). */
function wrapInt(n: bigint, d: DType): bigint {
  const m = 1n << BigInt(d.bits);
  const low = ((n % m) + m) % m;
  return d.signed && low >= m >> 1n ? low - m : low;
}

/**
 * Whether an integer value fits the dtype: a comparison of doubles where exact (safe integers against bounds computed
 * once), BigInt only beyond 2⁵³.
 */
function fitter(d: DType): (value: number, k: number, entries: Entries) => boolean {
  const [lo, hi] = intRange(d);
  // For 64-bit types every safe integer of the right sign fits; their bounds are not doubles.
  const loNum = d.bits > 32 ? (d.signed ? -Number.MAX_SAFE_INTEGER : 0) : Number(lo);
  const hiNum = d.bits > 32 ? Number.MAX_SAFE_INTEGER : Number(hi);
  return (value, k, entries) => {
    if (value >= loNum && value <= hiNum) return true;
    if (Number.isSafeInteger(value)) return false;
    const n = exactInt(value, k, entries);
    return n >= lo && n <= hi;
  };
}

/**
 * True when the float truncated fits the integer dtype: the C cast of a float to an integer type is defined only then
 * (C11 6.3.1.4). The bounds 2^(bits−1) and 2^bits are exact doubles.
 */
function truncFits(x: number, d: DType): boolean {
  const t = Math.trunc(x);
  const top = 2 ** (d.signed ? d.bits - 1 : d.bits);
  return t >= (d.signed ? -top : 0) && t < top;
}

/** `x` truncated toward zero, never −0. */
function trunc(x: number): number {
  return Math.trunc(x) + 0;
}

/**
 * numpy: a Python int outside the dtype raises OverflowError in numpy ≥ 2 (NEP 50); numpy 1.24–1.26 wrap it with a
 * DeprecationWarning when it fits the C long they read it as (uint32 and uint64: an unsigned long too), and raise
 * beyond. Floats are truncated toward zero (C's cast) when that fits. https://numpy.org/neps/nep-0050-scalar-promotion.html
 */
export function numpyInt(d: DType): Rule {
  const undefinedCast: Refusal = {
    refused: 'out-of-range',
    why: `is outside ${rangeText(d)}`,
    then: 'a float beyond the integer range has no defined value (C leaves the cast undefined)',
  };
  const fits = fitter(d);
  return {
    store(value, k, entries) {
      if (!entries.isInt(k)) return truncFits(value, d) ? trunc(value) : undefinedCast;
      if (fits(value, k, entries)) return value;
      const n = exactInt(value, k, entries);
      const readable = n >= -(1n << 63n) && n < (d.signed || d.bits < 32 ? 1n << 63n : 1n << 64n);
      const old = readable
        ? `numpy 1.24–1.26 wrap it to ${wrapInt(n, d)} with a DeprecationWarning`
        : 'numpy 1.x raises OverflowError too';
      return {
        refused: 'out-of-range',
        why: `is outside ${rangeText(d)}`,
        then: `numpy ≥ 2 raises OverflowError, ${old}`,
      };
    },
    why: () => 'numpy truncates toward zero',
  };
}

/**
 * torch (`torch/csrc/utils/python_scalars.h`, `c10/util/overflows.h`): `c10::checked_convert` raises RuntimeError
 * ("value cannot be converted to type uint8 without overflow") for a value outside the range — a float is compared
 * before it is truncated, so −0.5 is refused for uint8 — except that an unsigned dtype takes negative ints down to −max
 * and wraps them (two's complement). uint64 takes Python ints only, non-negative.
 */
export function torchInt(d: DType): Rule {
  const [lo, hi] = intRange(d);
  const refuse: Refusal = {
    refused: 'out-of-range',
    why: `is outside ${rangeText(d)}`,
    then: `torch raises RuntimeError (value cannot be converted to type ${d.name} without overflow)`,
  };
  const notFloat: Refusal = { refused: 'dtype', why: 'is a float', then: 'torch takes only ints for uint64' };
  const fits = fitter(d);
  return {
    store(value, k, entries) {
      if (!entries.isInt(k)) {
        if (d.name === 'uint64') return notFloat;
        return value < Number(lo) || value > Number(hi) ? refuse : trunc(value);
      }
      if (fits(value, k, entries)) return value;
      const n = exactInt(value, k, entries);
      return !d.signed && d.bits < 64 && n < 0n && -n <= hi ? Number(wrapInt(n, d)) : refuse;
    },
    why: (value, stored) =>
      stored === Math.trunc(value) ? 'torch truncates toward zero' : `torch wraps negative ints modulo 2^${d.bits}`,
  };
}

/**
 * TensorFlow (`tensorflow/python/lib/core/py_seq_tensor.cc`, `tensorflow/python/eager/pywrap_tensor.cc`): a list with
 * a float is read as floats, and floats are not "compatible" with an integer dtype: TypeError "Cannot convert … to
 * EagerTensor of dtype int32". Ints are read as int64 and cast with the Cast op, which keeps the low bits (wraps)
 * without a warning.
 */
export function tensorflowInt(d: DType): Rule {
  const notFloat: Refusal = {
    refused: 'dtype',
    why: 'is a float',
    then: `TensorFlow refuses floats for an integer dtype (TypeError: Cannot convert … to EagerTensor of dtype ${d.name})`,
  };
  const unreadable: Refusal = {
    refused: 'out-of-range',
    why: `is outside ${rangeText(d)}`,
    then: 'TensorFlow cannot read it as int64',
  };
  const fits = fitter(d);
  return {
    store(value, k, entries) {
      if (!entries.isInt(k)) return notFloat;
      if (fits(value, k, entries)) return value;
      const n = exactInt(value, k, entries);
      if (n < -(1n << 63n) || n >= 1n << 63n || (d.name === 'uint64' && n < 0n)) return unreadable;
      return Number(wrapInt(n, d));
    },
    why: () => `TensorFlow casts the int64 it reads, keeping the low ${d.bits} bits`,
  };
}
