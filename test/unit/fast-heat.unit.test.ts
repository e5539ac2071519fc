// heatPixels: values → palette entries by rounding onto [lo, hi], clamped; compared with a direct per-value formula.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatPixels, rgbaPixel } from '../../src/core/fast/heat';

test('heatPixels data=[7] lo=-1 hi=1 palette=256: ends, middle, clamping', () => {
  const palette = Uint32Array.from({ length: 256 }, (_, i) => rgbaPixel(i, 255 - i, 0));
  const data = Float32Array.from([-1, 1, 0, -5, 5, 0.5, -0.5]);
  const out = new Uint32Array(data.length);
  heatPixels(data, -1, 1, palette, out);
  const expected = Array.from(data, (v) => palette[Math.min(255, Math.max(0, Math.round(((v + 1) / 2) * 255)))]);
  assert.deepEqual(Array.from(out), expected);
  assert.equal(out[0], rgbaPixel(0, 255, 0));
  assert.equal(out[1], rgbaPixel(255, 0, 0));
  assert.throws(() => heatPixels(data, 0, 1, palette, new Uint32Array(3)), /heatPixels: 7 values but 3 pixels/);
});

test('rgbaPixel(1, 2, 3) is little-endian RGBA, opaque', () => {
  assert.deepEqual(Array.from(new Uint8Array(Uint32Array.of(rgbaPixel(1, 2, 3)).buffer)), [1, 2, 3, 255]);
});
