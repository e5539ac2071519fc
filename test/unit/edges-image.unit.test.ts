// The edge panel's grayscale conversion and downscale rule, checked against the float64 reference on real photos.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { fitSize, rgbaToGray } from '../../webview-ui/edges/gray';
import { corr2dPixel, readGrayPng } from '../helpers/image-reference';
import { corr2dReference } from '../../src/core/reference';
import { assertClose } from './helpers/assert';

const images = join(import.meta.dirname, '..', '..', 'demo', 'images');

describe('edges: grayscale (BT.601 luma, [0, 1])', () => {
  test('pure colours: red 0.299, green 0.587, blue 0.114, white 1, black 0', () => {
    const rgba = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0, 255];
    const g = rgbaToGray(rgba, 5, 1);
    [0.299, 0.587, 0.114, 1, 0].forEach((want, i) => assertClose(g[i], want, 1e-6, `pixel ${i}`));
  });

  test('alpha is ignored: a transparent white pixel stays 1', () => {
    assertClose(rgbaToGray([255, 255, 255, 0], 1, 1)[0], 1, 1e-6);
  });

  test('a buffer of the wrong length is an error naming the size', () => {
    assert.throws(() => rgbaToGray([0, 0, 0], 1, 1), /expected 4 RGBA bytes for 1×1, got 3/);
  });

  for (const name of ['camera.png', 'chelsea.png']) {
    test(`${name}: float32 conversion equals the float64 reference within 1e-6`, () => {
      const png = PNG.sync.read(readFileSync(join(images, name)));
      const got = rgbaToGray(png.data, png.width, png.height);
      const ref = readGrayPng(join(images, name));
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - ref.gray[i]));
      assert.ok(worst <= 1e-6, `max |float32 − float64| = ${worst}`);
    });
  }
});

describe('edges: downscale only above 1024 px on a side', () => {
  test('512×512 stays', () => assert.deepEqual(fitSize(512, 512), { w: 512, h: 512, scaled: false }));
  test('1024×300 stays (the limit itself is allowed)', () =>
    assert.deepEqual(fitSize(1024, 300), { w: 1024, h: 300, scaled: false }));
  test('4000×3000 → 1024×768', () => assert.deepEqual(fitSize(4000, 3000), { w: 1024, h: 768, scaled: true }));
  test('10×5000 → 2×1024 (sides at least 1, aspect kept)', () =>
    assert.deepEqual(fitSize(10, 5000), { w: 2, h: 1024, scaled: true }));
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
