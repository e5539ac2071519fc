// Helpers shared by the kernels (binaryen -O3 inlines them: no call per multiply-add). Built twice (scripts/build-wasm.mjs): once for the fixed-width SIMD of every browser
// since 2021, once with relaxed SIMD, whose f32x4.relaxed_madd is one fused multiply-add on x86 FMA3 and Arm NEON
// (WebAssembly relaxed-simd proposal, https://github.com/WebAssembly/relaxed-simd/blob/main/proposals/relaxed-simd/Overview.md).

/** `a·b + c` on four float32 lanes (fused, one rounding, in the relaxed build; mul then add otherwise). */
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** The sum of the four lanes of `v`. */
export function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** Four zero lanes. */
export function zero(): v128 {
  return f32x4.splat(0);
}
