// The edge panel's pure logic: kernel presets and shapes, the symmetric colour scale, saved state, probe text and the
// canvas → pixel mapping.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  CUSTOM,
  matchPreset,
  parseShape,
  PRESETS,
  presetKernel,
  resizeKernel,
  shapeText,
} from '../../webview-ui/edges/presets';
import {
  colourAt,
  colourTable,
  paintHeat,
  parseRgb,
  scalePosition,
  textOn,
  valueRange,
} from '../../webview-ui/edges/scale';
import { num, parseNum, pixelAt, probeText, restoreState, transposeImage } from '../../webview-ui/edges/state';
import { corr2dReference } from '../../src/core/reference';
import { edgeImage, edgeKernel } from '../../src/core/fixtures';

describe('edges: kernel presets', () => {
  test('the first preset is the book kernel [[1, −1]]', () =>
    assert.deepEqual(presetKernel(PRESETS[0].id), edgeKernel()));
  for (const p of PRESETS) {
    test(`${p.id} K=[${shapeText(p.K)}] matches back to itself`, () =>
      assert.equal(matchPreset(presetKernel(p.id)), p.id));
  }
  test('presetKernel returns a copy (editing it leaves the preset intact)', () => {
    const K = presetKernel('sobel-x');
    K[0][0] = 99;
    assert.equal(presetKernel('sobel-x')[0][0], -1);
    assert.equal(matchPreset(K), CUSTOM);
  });
  test('unknown preset id is an error naming it', () =>
    assert.throws(() => presetKernel('nope'), /unknown kernel preset “nope”/));
  test('sobel-x on a left→right ramp X=[4,5] gives +8·step everywhere (cross-correlation orientation)', () => {
    const X = Array.from({ length: 4 }, () => [0, 0.25, 0.5, 0.75, 1]);
    for (const row of corr2dReference(X, presetKernel('sobel-x')))
      for (const v of row) assert.ok(Math.abs(v - 2) < 1e-12, `got ${v}`);
  });
  test('transposed book image X=[8,6] with K=[1,2] is all zeros; edge-y preset finds the edges again', () => {
    const Xt = edgeImage()[0].map((_, c) => edgeImage().map((row) => row[c]));
    assert.ok(
      corr2dReference(Xt, presetKernel('edge-x'))
        .flat()
        .every((v) => v === 0),
    );
    assert.deepEqual(
      corr2dReference(Xt, presetKernel('edge-y')).map((r) => r[0]),
      [0, 1, 0, 0, 0, -1, 0],
    );
  });
});

describe('edges: kernel shape', () => {
  test('parseShape "3×3", "5x5", " 1 * 2 "', () => {
    assert.deepEqual(parseShape('3×3'), [3, 3]);
    assert.deepEqual(parseShape('5x5'), [5, 5]);
    assert.deepEqual(parseShape(' 1 * 2 '), [1, 2]);
  });
  test('parseShape rejects 0×3, 16×1 and text', () => {
    for (const s of ['0×3', '16×1', 'big']) assert.throws(() => parseShape(s), /kernel shape/);
  });
  test('resize [1,2] → [3,3] keeps the top-left values, pads with 0', () => {
    assert.deepEqual(resizeKernel([[1, -1]], 3, 3), [
      [1, -1, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
  test('resize [3,3] → [2,1] crops', () => assert.deepEqual(resizeKernel(presetKernel('sobel-x'), 2, 1), [[-1], [-2]]));
  test('resize to an all-zero kernel puts a 1 top-left', () => assert.deepEqual(resizeKernel([[0, 5]], 1, 1), [[1]]));
});

describe('edges: diverging colour scale, symmetric domain [−m, m]', () => {
  test('valueRange of [−3, 1, 2] → min −3, max 2, m 3', () =>
    assert.deepEqual(valueRange([-3, 1, 2]), { min: -3, max: 2, m: 3 }));
  test('valueRange of all zeros → m 0, and every value maps to the middle', () => {
    assert.equal(valueRange([0, 0]).m, 0);
    assert.equal(scalePosition(0, 0), 0.5);
  });
  test('valueRange rejects NaN naming the index', () =>
    assert.throws(() => valueRange([0, NaN]), /index 1 is not finite/));
  test('−m, 0, +m → 0, ½, 1; −x and +x are mirror positions', () => {
    assert.deepEqual([scalePosition(-4, 4), scalePosition(0, 4), scalePosition(4, 4)], [0, 0.5, 1]);
    assert.equal(scalePosition(-1.5, 4) + scalePosition(1.5, 4), 1);
  });
  test('0 is near-white, +m red, −m blue', () => {
    const [r0, g0, b0] = parseRgb(colourAt(0.5));
    assert.ok(Math.min(r0, g0, b0) > 230, colourAt(0.5));
    const [rp, , bp] = parseRgb(colourAt(1));
    const [rn, , bn] = parseRgb(colourAt(0));
    assert.ok(rp > bp && bn > rn, `${colourAt(1)} ${colourAt(0)}`);
  });
  test('paintHeat: negative values are not clamped to 0 (−m and 0 get different colours), alpha 255', () => {
    const rgba = new Uint8ClampedArray(12);
    paintHeat([-2, 0, 2], 2, colourTable(), rgba);
    assert.notDeepEqual([...rgba.subarray(0, 3)], [...rgba.subarray(4, 7)]);
    assert.notDeepEqual([...rgba.subarray(0, 3)], [...rgba.subarray(8, 11)]);
    assert.deepEqual([rgba[3], rgba[7], rgba[11]], [255, 255, 255]);
  });
  test('textOn: black on the white middle, white on the dark ends', () => {
    assert.equal(textOn(colourAt(0.5)), 'rgb(0, 0, 0)');
    assert.equal(textOn(colourAt(0)), 'rgb(255, 255, 255)');
    assert.equal(textOn(colourAt(1)), 'rgb(255, 255, 255)');
  });
});

describe('edges: saved state', () => {
  const good = { K: [[1, -1]], preset: 'edge-x', transposed: false, inspect: [0, 0] };
  test('a valid state round-trips', () => assert.deepEqual(restoreState(good), good));
  test('a photo state keeps its uri and name', () => {
    const s = { ...good, image: { uri: 'https://file.example/camera.png', name: 'camera.png' } };
    assert.deepEqual(restoreState(s)?.image, s.image);
  });
  test('ragged K, NaN, a missing field or junk → undefined (defaults are used)', () => {
    for (const bad of [
      { ...good, K: [[1, 2], [3]] },
      { ...good, K: [[NaN]] },
      { ...good, transposed: undefined },
      'junk',
      null,
      { ...good, K: [] },
    ]) {
      assert.equal(restoreState(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('edges: probe and pixel mapping', () => {
  test('probe text of Y[2, 1] = −1 with K=[1,2]', () =>
    assert.equal(probeText(2, 1, -1, 1, 2), 'Y[2, 1] = −1 · window X[2..2, 1..2]'));
  test('num writes 6 significant digits with U+2212; parseNum reads it back', () => {
    assert.equal(num(-0.1450980603694916), '−0.145098');
    assert.equal(parseNum(num(-3.372549)), -3.37255);
    assert.equal(num(0), '0');
  });
  test('pixelAt: a 510-px canvas shown 440 px wide maps CSS (0.5, 0.5) → [0, 0] and (439.9, 439.9) → [509, 509]', () => {
    assert.deepEqual(pixelAt(0.5, 0.5, 440, 440, 510, 510), [0, 0]);
    assert.deepEqual(pixelAt(439.9, 439.9, 440, 440, 510, 510), [509, 509]);
    assert.deepEqual(pixelAt((200.5 * 440) / 510, (100.5 * 440) / 510, 440, 440, 510, 510), [100, 200]);
  });
  test('pixelAt clamps outside points into the image', () =>
    assert.deepEqual(pixelAt(-5, 1e6, 100, 100, 10, 10), [9, 0]));
  test('transposeImage [2,3] → [3,2]', () => {
    assert.deepEqual([...transposeImage(Float32Array.from([1, 2, 3, 4, 5, 6]), 3, 2)], [1, 4, 2, 5, 3, 6]);
  });
});
