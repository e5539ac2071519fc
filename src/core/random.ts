// Seeded pseudo-random numbers, so a kernel's initial value (and every random test case) can be reproduced.

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): a seed → a function returning uniform numbers in
 * [0, 1). Same seed, same sequence, on every JS engine. Not for cryptography.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A `[h, w]` matrix of uniform values in `[lo, hi)` drawn from `rand` (row-major order). */
export function randomMatrix(rand: () => number, h: number, w: number, lo = -1, hi = 1): number[][] {
  return Array.from({ length: h }, () => Array.from({ length: w }, () => lo + (hi - lo) * rand()));
}

/**
 * Initial kernel `[kh, kw]` for learning: uniform in `[−1/√(kh·kw), 1/√(kh·kw))`, the bound PyTorch's Conv2d default
 * initialisation gives for one input channel (kaiming_uniform with a = √5). Deterministic for a given seed.
 */
export function initKernel(seed: number, kH: number, kW: number): number[][] {
  const bound = 1 / Math.sqrt(kH * kW);
  return randomMatrix(mulberry32(seed), kH, kW, -bound, bound);
}

/** A `[c, h, w]` volume of uniform values in `[lo, hi)` drawn from `rand`, channel after channel (row-major). */
export function randomVolume(rand: () => number, c: number, h: number, w: number, lo = -1, hi = 1): number[][][] {
  return Array.from({ length: c }, () => randomMatrix(rand, h, w, lo, hi));
}

/** A `[c_out, c_in/groups, kh, kw]` filter bank of uniform values in `[lo, hi)` drawn from `rand` (row-major). */
export function randomFilters(
  rand: () => number,
  cOut: number,
  cInPerGroup: number,
  kH: number,
  kW: number,
  lo = -1,
  hi = 1,
): number[][][][] {
  return Array.from({ length: cOut }, () => randomVolume(rand, cInPerGroup, kH, kW, lo, hi));
}
