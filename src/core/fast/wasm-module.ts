// The bytes of a tiny WebAssembly module with two SIMD (f32x4) loops: valid cross-correlation and the kernel gradient
// of a summed squared error. Written as an instruction list here rather than shipped as a binary blob, so the code can
// be read and reviewed; the encoding follows the WebAssembly core spec (binary format) and the fixed-width SIMD
// proposal (opcodes after the 0xfd prefix). No toolchain needed; `WebAssembly.validate` checks the result in the tests.

const I32 = 0x7f;
const V128 = 0x7b;

/** Unsigned LEB128, as the binary format encodes indices, sizes and SIMD opcodes. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 for i32.const (small non-negative constants here). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const ADD = 0x6a;
const MUL = 0x6c;
const GE_U = 0x4f;
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const v128Load = (offset: number) => simd(0x00, 0, ...uleb(offset)); // align hint 1 byte: loads are unaligned
const v128Store = (offset: number) => simd(0x0b, 0, ...uleb(offset));
const load32Splat = simd(0x09, 2, 0);
const f32x4Add = simd(0xe4);
const f32x4Mul = simd(0xe6);
const v128Zero = simd(0x0c, ...new Array<number>(16).fill(0));
const f32Store = [0x38, 2, 0];

/** `for (; !(local[counter] >= local[limit]); ) { body; local[counter] += step }` as block/loop/br_if. */
function forLoop(counter: number, limit: number, step: number[], body: number[]): number[] {
  return [
    0x02,
    0x40,
    0x03,
    0x40,
    ...get(counter),
    ...get(limit),
    GE_U,
    0x0d,
    1, // leave the block once counter ≥ limit
    ...body,
    ...get(counter),
    ...step,
    ADD,
    ...set(counter),
    0x0c,
    0,
    0x0b,
    0x0b, // continue the loop; end loop; end block
  ];
}

/** local ← local + value of `expr`. */
const addTo = (local: number, expr: number[]) => [...get(local), ...expr, ADD, ...set(local)];

/** Output vectors per block of `corr`: 8 × 4 = 32 outputs share each kernel splat. */
export const CORR_BLOCK = 32;
const ACCS = CORR_BLOCK / 4;

/**
 * corr(x, w, outH, outWp, k, kh, kw, y): for i < outH and j < outWp (a multiple of 32),
 * `y[i·outWp + j] = Σₐ Σ_b x[(i + a)·w + j + b] · k[a·kw + b]` (pointers in bytes, float32). Columns j ≥ the true
 * output width read past the row end and are garbage the caller drops; memory must extend past the input by a row.
 */
function corrBody(): number[] {
  // params 0 x, 1 w, 2 outH, 3 outWp, 4 k, 5 kh, 6 kw, 7 y; locals 8 i, 9 j, 10 a, 11 b, 12 xp, 13 kp, 14 xrow,
  // 15 yp, 16..23 acc, 24 kv.
  const [x, w, outH, outWp, k, kh, kw, y, i, j, a, b, xp, kp, xrow, yp] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  ];
  const acc = (m: number) => 16 + m;
  const kv = 24;
  const accs = Array.from({ length: ACCS }, (_, m) => m);
  const tap = [
    ...get(kp),
    ...load32Splat,
    ...set(kv),
    ...accs.flatMap((m) => [
      ...get(acc(m)),
      ...get(xp),
      ...v128Load(16 * m),
      ...get(kv),
      ...f32x4Mul,
      ...f32x4Add,
      ...set(acc(m)),
    ]),
    ...addTo(xp, i32(4)),
    ...addTo(kp, i32(4)),
  ];
  const kernelRow = [
    ...get(xrow),
    ...set(xp),
    ...i32(0),
    ...set(b),
    ...forLoop(b, kw, i32(1), tap),
    ...addTo(xrow, [...get(w), ...i32(4), MUL]),
  ];
  const block = [
    ...accs.flatMap((m) => [...v128Zero, ...set(acc(m))]),
    // xrow = x + (i·w + j)·4
    ...get(x),
    ...get(i),
    ...get(w),
    MUL,
    ...get(j),
    ADD,
    ...i32(4),
    MUL,
    ADD,
    ...set(xrow),
    ...get(k),
    ...set(kp),
    ...i32(0),
    ...set(a),
    ...forLoop(a, kh, i32(1), kernelRow),
    ...accs.flatMap((m) => [...get(yp), ...get(acc(m)), ...v128Store(16 * m)]),
    ...addTo(yp, i32(4 * CORR_BLOCK)),
  ];
  const row = [...i32(0), ...set(j), ...forLoop(j, outWp, i32(CORR_BLOCK), block)];
  return [...get(y), ...set(yp), ...i32(0), ...set(i), ...forLoop(i, outH, i32(1), row)];
}

/**
 * grad(x, w, r, outH, outWp, kh, kw, g): `g[a·kw + b] = Σᵢ Σⱼ x[(i + a)·w + j + b] · r[i·outWp + j]` for j < outWp (a
 * multiple of 4): the kernel gradient of a cross-correlation, up to the factor 2. Columns of r at and past the true
 * output width must be 0, so whatever x holds there contributes nothing.
 */
function gradBody(): number[] {
  // params 0 x, 1 w, 2 r, 3 outH, 4 outWp, 5 kh, 6 kw, 7 g; locals 8 i, 9 j, 10 a, 11 b, 12 xp, 13 rp, 14 gp, 15 acc.
  const [x, w, r, outH, outWp, kh, kw, g, i, j, a, b, xp, rp, gp] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const acc = 15;
  const inner = [
    ...get(acc),
    ...get(xp),
    ...v128Load(0),
    ...get(rp),
    ...v128Load(0),
    ...f32x4Mul,
    ...f32x4Add,
    ...set(acc),
    ...addTo(xp, i32(16)),
    ...addTo(rp, i32(16)),
  ];
  const outRow = [
    // xp = x + ((i + a)·w + b)·4
    ...get(x),
    ...get(i),
    ...get(a),
    ADD,
    ...get(w),
    MUL,
    ...get(b),
    ADD,
    ...i32(4),
    MUL,
    ADD,
    ...set(xp),
    ...i32(0),
    ...set(j),
    ...forLoop(j, outWp, i32(4), inner),
  ];
  // Sum the four lanes: extract_lane 0..3 (opcode 0x1f + lane index), three f32.add.
  const lanes = [0, 1, 2, 3].flatMap((lane) => [...get(acc), ...simd(0x1f, lane)]);
  const tapBody = [
    ...v128Zero,
    ...set(acc),
    ...get(r),
    ...set(rp),
    ...i32(0),
    ...set(i),
    ...forLoop(i, outH, i32(1), outRow),
    ...get(gp),
    ...lanes,
    0x92,
    0x92,
    0x92,
    ...f32Store,
    ...addTo(gp, i32(4)),
  ];
  const kernelRow = [...i32(0), ...set(b), ...forLoop(b, kw, i32(1), tapBody)];
  return [...get(g), ...set(gp), ...i32(0), ...set(a), ...forLoop(a, kh, i32(1), kernelRow)];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

function code(locals: [number, number][], body: number[]): number[] {
  const fn = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...body, 0x0b];
  return [...uleb(fn.length), ...fn];
}

/** The module: one memory (exported as "memory", 1 page to start) and the functions "corr" and "grad". */
export function fastModuleBytes(): Uint8Array<ArrayBuffer> {
  const sig8 = [0x60, ...vec(new Array<number[]>(8).fill([I32])), 0x00];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([sig8])),
    ...section(3, vec([[0], [0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(
      7,
      vec([
        [...name('memory'), 0x02, 0],
        [...name('corr'), 0x00, 0],
        [...name('grad'), 0x00, 1],
      ]),
    ),
    ...section(
      10,
      vec([
        code(
          [
            [8, I32],
            [ACCS + 1, V128],
          ],
          corrBody(),
        ),
        code(
          [
            [7, I32],
            [1, V128],
          ],
          gradBody(),
        ),
      ]),
    ),
  ];
  return Uint8Array.from(bytes);
}
