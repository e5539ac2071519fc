// Decoding images as stored (PNG at its bit depth, palettes with tRNS, GIF transparency), the gray rule, and the
// resampling rules (area averaging above 4096 px, max-|·| pooling for display), checked against values computed here
// from the samples written into the files, against pngjs on real photos, and against the float64 reference.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GifWriter } from 'omggif';
import { readGif, readPng } from '../../webview-ui/shared/image/formats';
import {
  countTransparent,
  downscaleArea,
  fitSize,
  poolMaxAbs,
  poolMaxAbsJs,
  sampleAt,
  toGray,
  type DecodedImage,
} from '../../webview-ui/shared/image/pixels';
import { writePng } from '../helpers/png-writer';
import { corr2dPixel, readGrayPng } from '../helpers/image-reference';
import { corr2dReference } from '../../src/core/reference';
import { mulberry32 } from '../../src/core/random';
import { WasmPool } from '../../src/core/fast/pool';
import { assertClose } from './helpers/assert';

const images = join(import.meta.dirname, '..', '..', 'demo', 'images');

/** A decoded image from RGBA bytes, as the browser path produces it. */
function rgba8(bytes: number[], w: number, h: number): DecodedImage {
  const samples = Uint8Array.from(bytes);
  return { w, h, channels: 4, samples, max: 255, format: 'test', transparent: countTransparent(samples, 4, 255) };
}

describe('images: grayscale (BT.601 luma of the stored colour, [0, 1])', () => {
  test('pure colours: red 0.299, green 0.587, blue 0.114, white 1, black 0', () => {
    const g = toGray(rgba8([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0, 255], 5, 1));
    [0.299, 0.587, 0.114, 1, 0].forEach((want, i) => assertClose(g[i], want, 1e-6, `pixel ${i}`));
  });
  test('alpha is not applied: a transparent white pixel stays 1; transparent pixels are counted', () => {
    const img = rgba8([255, 255, 255, 0, 0, 0, 0, 128], 2, 1);
    assertClose(toGray(img)[0], 1, 1e-6);
    assert.equal(img.transparent, 2);
  });
  for (const name of ['camera.png', 'chelsea.png']) {
    test(`${name}: readPng + toGray equals pngjs + the float64 formula within 1e-6`, () => {
      const got = toGray(readPng(readFileSync(join(images, name))));
      const ref = readGrayPng(join(images, name));
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - ref.gray[i]));
      assert.ok(worst <= 1e-6, `max |float32 − float64| = ${worst}`);
    });
  }
});

describe("images: PNG pixels at the file's own precision (written here chunk by chunk)", () => {
  test('16-bit gray 0x1234, 0xFF00, 0x00FF → 0.071107, 0.996109, 0.003891 (not the high byte)', () => {
    const img = readPng(writePng({ width: 3, height: 1, depth: 16, colourType: 0, samples: [0x1234, 0xff00, 0x00ff] }));
    assert.equal(img.format, 'PNG, 16-bit grayscale');
    [0.071107, 0.996109, 0.003891].forEach((want, i) => assertClose(toGray(img)[i], want, 5e-7, `pixel ${i}`));
    [0x1234, 0xff00, 0x00ff].forEach((v, i) => assertClose(sampleAt(img, i, 0), v / 65535, 1e-7, `sample ${i}`));
  });
  test('palette with tRNS: a fully transparent entry keeps its colour (alpha not applied), alpha read per entry', () => {
    const palette: Array<[number, number, number]> = [
      [255, 255, 255],
      [200, 100, 50],
      [0, 0, 0],
    ];
    const img = readPng(
      writePng({ width: 3, height: 1, depth: 8, colourType: 3, samples: [0, 1, 2], palette, transparency: [0, 128] }),
    );
    const g = toGray(img);
    assertClose(g[0], 1, 1e-6, 'transparent white stays white, not black');
    assertClose(g[1], (0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255, 1e-6);
    assert.deepEqual(
      [0, 1, 2].map((i) => Math.round(sampleAt(img, i, 3) * 255)),
      [0, 128, 255],
    );
    assert.equal(img.transparent, 2);
  });
  test('gray + alpha 8-bit: the gray sample exactly (no premultiplication: 1/255 off before)', () => {
    const samples = [200, 1, 37, 128, 255, 0];
    const img = readPng(writePng({ width: 3, height: 1, depth: 8, colourType: 4, samples }));
    [200, 37, 255].forEach((v, i) => assertClose(toGray(img)[i], v / 255, 1e-7, `pixel ${i}`));
  });
  test('gray + alpha 16-bit, RGBA 16-bit, RGB 8-bit with a tRNS colour key', () => {
    const ga = readPng(writePng({ width: 1, height: 1, depth: 16, colourType: 4, samples: [40000, 10] }));
    assertClose(toGray(ga)[0], 40000 / 65535, 1e-7);
    const rgba = readPng(writePng({ width: 1, height: 1, depth: 16, colourType: 6, samples: [65535, 0, 32768, 0] }));
    assertClose(toGray(rgba)[0], 0.299 + (0.114 * 32768) / 65535, 1e-6);
    const keyed = readPng(
      writePng({
        width: 4,
        height: 1,
        depth: 8,
        colourType: 2,
        samples: [10, 20, 30, 40, 50, 60, 10, 20, 31, 10, 20, 30],
        transparency: [10, 20, 30],
      }),
    );
    assert.deepEqual([keyed.channels, keyed.transparent], [4, 2]);
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => sampleAt(keyed, i, 3)),
      [0, 1, 1, 0],
      'only the exact key colour is transparent',
    );
  });
  for (const depth of [1, 2, 4] as const) {
    test(`${depth}-bit gray, a width that does not fill the last byte: every sample / ${2 ** depth - 1}`, () => {
      const max = 2 ** depth - 1;
      const samples = Array.from({ length: 5 * 3 }, (_, i) => (i * 7) % (max + 1));
      const img = readPng(writePng({ width: 5, height: 3, depth, colourType: 0, samples }));
      samples.forEach((v, i) => assertClose(sampleAt(img, i, 0), v / max, 1e-7, `sample ${i}`));
    });
  }
  test('4-bit palette image', () => {
    const palette: Array<[number, number, number]> = Array.from({ length: 16 }, (_, k) => [k * 16, 0, 255 - k * 16]);
    const samples = [0, 15, 3, 7, 9];
    const img = readPng(writePng({ width: 5, height: 1, depth: 4, colourType: 3, samples, palette }));
    samples.forEach((k, i) => assertClose(sampleAt(img, i, 2), (255 - k * 16) / 255, 1e-7, `blue of pixel ${i}`));
  });
  test('a broken PNG (cut in half) throws', () => {
    const bytes = writePng({ width: 4, height: 4, depth: 8, colourType: 0, samples: Array(16).fill(9) });
    assert.throws(() => readPng(bytes.subarray(0, bytes.length / 2)));
  });
});

describe('images: GIF (omggif), a transparent pixel keeps its palette colour', () => {
  test('2×2 indexed, index 1 transparent: gray of its stored colour, alpha 0', () => {
    const buf = new Uint8Array(1024);
    const writer = new GifWriter(buf, 2, 2, { palette: [0xffffff, 0xff0000, 0x000000, 0x0000ff] });
    writer.addFrame(0, 0, 2, 2, [0, 1, 2, 3], { transparent: 1 });
    const img = readGif(buf.subarray(0, writer.end()));
    const g = toGray(img);
    [1, 0.299, 0, 0.114].forEach((want, i) => assertClose(g[i], want, 1e-6, `pixel ${i}`));
    assert.equal(img.transparent, 1);
    assert.equal(sampleAt(img, 1, 3), 0);
  });
});

describe('images: fit above 4096 px and resample', () => {
  test('4096×300 stays; 8000×6000 → 4096×3072; 10×9000 → 5×4096', () => {
    assert.deepEqual(fitSize(4096, 300, 4096), { w: 4096, h: 300, scaled: false });
    assert.deepEqual(fitSize(8000, 6000, 4096), { w: 4096, h: 3072, scaled: true });
    assert.deepEqual(fitSize(10, 9000, 4096), { w: 5, h: 4096, scaled: true });
  });
  test('downscaleArea: means of whole blocks (4×4 → 2×2) and of fractional ones (3 → 2: weights 2/3 and 1/3)', () => {
    const src = Float32Array.from({ length: 16 }, (_, i) => i);
    assert.deepEqual([...downscaleArea(src, 4, 4, 2, 2)], [2.5, 4.5, 10.5, 12.5]);
    const row = downscaleArea(Float32Array.of(0, 3, 6), 3, 1, 2, 1);
    assertClose(row[0], (0 + 3 * 0.5) / 1.5, 1e-6);
    assertClose(row[1], (3 * 0.5 + 6) / 1.5, 1e-6);
  });
  test('poolMaxAbs keeps a one-pixel line of −1 in a 1000×1000 image shown 100×100, and says where it was', () => {
    const w = 1000;
    const src = new Float32Array(w * w);
    for (let r = 0; r < w; r++) src[r * w + 517] = -1;
    const { data, at } = poolMaxAbs(src, w, w, 100, 100);
    for (let r = 0; r < 100; r++) {
      assert.equal(data[r * 100 + 51], -1, `row ${r}`);
      assert.equal(at[r * 100 + 51] % w, 517);
    }
    assert.equal(data[0], 0);
  });
  test('poolMaxAbs on wasm SIMD and in plain JavaScript equal a per-pixel loop (ties: first in row-major order; NaN never wins)', () => {
    /** The definition, one source pixel at a time: block of (r, c) = (⌊r·oh/h⌋, ⌊c·ow/w⌋); its first pixel unless a larger |·| comes. */
    const reference = (src: Float32Array, w: number, h: number, ow: number, oh: number) => {
      const data = new Float32Array(ow * oh);
      const at = new Int32Array(ow * oh).fill(-1);
      const mag = new Float64Array(ow * oh).fill(-1);
      for (let r = 0; r < h; r++)
        for (let c = 0; c < w; c++) {
          const k = Math.floor((r * oh) / h) * ow + Math.floor((c * ow) / w);
          const v = src[r * w + c];
          if (at[k] < 0 || Math.abs(v) > mag[k]) [data[k], at[k]] = [v, r * w + c];
          if (Math.abs(v) > mag[k]) mag[k] = Math.abs(v);
        }
      return { data, at };
    };
    const wasm = WasmPool.create();
    assert.ok(wasm, 'WebAssembly SIMD runs in Node 20: the wasm path is under test');
    const paths = {
      poolMaxAbs,
      poolMaxAbsJs,
      'WasmPool.pool': (s: Float32Array, w: number, h: number, ow: number, oh: number) => wasm.pool(s, w, h, ow, oh),
    };
    const next = mulberry32(5);
    for (const [w, h, ow, oh, levels, nans] of [
      [1022, 767, 220, 165, 0, 0],
      [301, 97, 300, 97, 3, 0],
      [50, 50, 7, 3, 2, 0],
      [9, 4, 9, 1, 0, 0],
      [37, 23, 5, 4, 1, 0.3],
      [13, 11, 2, 3, 0, 0.9],
    ]) {
      // levels > 0: values from a few magnitudes with both signs, so equal |·| in a block is common; nans: share of NaN.
      const src = Float32Array.from({ length: w * h }, () =>
        next() < nans ? NaN : levels ? (Math.floor(next() * (2 * levels + 1)) - levels) / levels : next() * 2 - 1,
      );
      const want = reference(src, w, h, ow, oh);
      for (const [name, pool] of Object.entries(paths)) {
        const got = pool(src, w, h, ow, oh);
        assert.deepEqual([...got.at], [...want.at], `${name} ${h}×${w} → ${oh}×${ow}: where`);
        assert.deepEqual([...got.data], [...want.data], `${name} ${h}×${w} → ${oh}×${ow}: values`);
      }
    }
    const nan = new Float32Array(16).fill(NaN);
    for (const [name, pool] of Object.entries(paths)) {
      assert.equal(pool(nan, 4, 4, 2, 2).at[3], 10, `${name}: a NaN block shows its first pixel`);
      assert.throws(() => pool(nan, 4, 4, 5, 2), /2×5 is larger than the source 4×4/, name);
    }
    assert.throws(() => wasm.pool(nan, 4, 3, 2, 2), /the source has 16 values, not 3×4/);
  });
});

describe('poolMaxAbs reusing the previous result (HeatCanvas refills its arrays)', () => {
  test('into of the right size: same arrays refilled, a new object, values as a fresh call; wrong size: new arrays', () => {
    const next = mulberry32(9);
    const a = Float32Array.from({ length: 300 * 200 }, () => next() * 2 - 1);
    const b = Float32Array.from({ length: 300 * 200 }, () => next() * 2 - 1);
    for (const pool of [poolMaxAbs, poolMaxAbsJs]) {
      const first = pool(a, 300, 200, 60, 40);
      const fresh = pool(b, 300, 200, 60, 40);
      const again = pool(b, 300, 200, 60, 40, first);
      assert.notEqual(again, first, `${pool.name}: a new object, so a memoised view redraws`);
      assert.equal(again.data, first.data, `${pool.name}: the data array is reused`);
      assert.equal(again.at, first.at, `${pool.name}: the index array is reused`);
      assert.deepEqual([...again.data], [...fresh.data], `${pool.name}: refilled values`);
      assert.deepEqual([...again.at], [...fresh.at], `${pool.name}: refilled indices`);
      const other = pool(b, 300, 200, 30, 40, again);
      assert.notEqual(other.data, again.data, `${pool.name}: another size gets new arrays`);
      assert.equal(other.data.length, 30 * 40);
    }
  });
});

describe('edges: float64 photo reference (test/helpers/image-reference)', () => {
  test('camera.png X=[512,512] K=sobel-x [3,3]: corr2dPixel equals corr2dReference on a 20×20 crop', () => {
    const img = readGrayPng(join(images, 'camera.png'));
    const K = [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ];
    const [r0, c0] = [200, 240];
    const crop = Array.from({ length: 20 }, (_, r) =>
      Array.from(img.gray.subarray((r0 + r) * img.w + c0, (r0 + r) * img.w + c0 + 20)),
    );
    const Y = corr2dReference(crop, K);
    for (const [i, j] of [
      [0, 0],
      [5, 7],
      [17, 17],
    ])
      assertClose(corr2dPixel(img, K, r0 + i, c0 + j), Y[i][j], 1e-12, `Y[${i}][${j}]`);
  });

  test('a window leaving the image is an error', () => {
    const img = readGrayPng(join(images, 'camera.png'));
    assert.throws(() => corr2dPixel(img, [[1, -1]], 0, 511), /leaves the 512×512 image/);
  });
});
