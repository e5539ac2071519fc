// Rounding a double to the narrow binary floating-point formats arrays are stored in: IEEE 754 binary16 (float16,
// numpy's `half`) and bfloat16 (the top 16 bits of a float32, Google Brain's format). Both round to nearest, ties to
// even, as IEEE 754 §4.3.1 specifies for conversions and as numpy's `npy_double_to_half` and ECMAScript's
// Float16Array do (https://tc39.es/ecma262/#sec-roundtofloat16). Float32 is `Math.fround`.

/** A binary format: stored fraction bits, smallest normal exponent, largest finite value. */
interface Format {
  fractionBits: number;
  minExponent: number;
  max: number;
}

/** binary16: 10 fraction bits, normals from 2⁻¹⁴, largest 65504 = (2 − 2⁻¹⁰)·2¹⁵. */
const FLOAT16: Format = { fractionBits: 10, minExponent: -14, max: 65504 };
/** bfloat16: float32's exponent range with 7 fraction bits; largest (2 − 2⁻⁷)·2¹²⁷. */
const BFLOAT16: Format = { fractionBits: 7, minExponent: -126, max: (2 - 2 ** -7) * 2 ** 127 };

/** `x` rounded to the nearest float16 (ties to even); beyond ±65504 (from 65520 on) it becomes ±Infinity. */
export function roundToFloat16(x: number): number {
  return roundTo(x, FLOAT16);
}

/** `x` rounded to the nearest bfloat16 (ties to even); overflow gives ±Infinity. */
export function roundToBfloat16(x: number): number {
  return roundTo(x, BFLOAT16);
}

/** The largest finite value of float16 and bfloat16, for messages. */
export const FLOAT16_MAX = FLOAT16.max;
export const BFLOAT16_MAX = BFLOAT16.max;

function roundTo(x: number, f: Format): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const a = Math.abs(x);
  // The spacing of the format's values around `a`: 2^(e − fractionBits), with e the exponent of `a`, never below the
  // smallest normal's (subnormals share that spacing).
  const e = Math.max(exponentOf(a), f.minExponent);
  const ulp = 2 ** (e - f.fractionBits);
  // Division by a power of two is exact here: `q` < 2^(fractionBits + 2), far from double's subnormals.
  const q = a / ulp;
  const r = roundHalfEven(q) * ulp;
  const rounded = r > f.max ? Infinity : r;
  return x < 0 ? -rounded : rounded;
}

/** ⌊log₂ a⌋ for a positive finite double, exactly (Math.log2 may be off by one near powers of two). */
function exponentOf(a: number): number {
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return e;
}

/** Nearest integer to `q` ≥ 0, ties to even. `q − ⌊q⌋` is exact for doubles below 2⁵³. */
export function roundHalfEven(q: number): number {
  const f = Math.floor(q);
  const d = q - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
