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
import { colourAt, scalePosition, valueRange } from '../../webview-ui/edges/scale';
import {
  applyInput,
  defaultEdgeState,
  EdgeStateSchema,
  pixelAt,
  probeText,
  transposeImage,
} from '../../webview-ui/edges/state';
import { num, parseNum } from '../../webview-ui/shared/format';
import { restoreState } from '../../webview-ui/shared/store';
import { contrastText, parseColour as parseRgb } from '../../src/core/colour-scale';
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
  test('valueRange rejects NaN and ±∞ naming the row and column of Y and the overflow', () => {
    assert.throws(() => valueRange([0, NaN]), /^Error: Y\[0, 1\] = NaN is not finite: a sum overflowed float32/);
    assert.throws(() => valueRange([0, 1, 2, 3, -Infinity, 5], 3), /^Error: Y\[1, 1\] = -Infinity is not finite/);
  });
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
  test('contrastText: black on the white middle, white on the dark ends', () => {
    assert.equal(contrastText(colourAt(0.5)), 'rgb(0, 0, 0)');
    assert.equal(contrastText(colourAt(0)), 'rgb(255, 255, 255)');
    assert.equal(contrastText(colourAt(1)), 'rgb(255, 255, 255)');
  });
});

describe('edges: saved state', () => {
  const restore = (raw: unknown) => restoreState(EdgeStateSchema, raw, defaultEdgeState);
  const good = { ...defaultEdgeState(), K: [[1, -1]] };
  test('a valid state round-trips', () => assert.deepEqual(restore(JSON.parse(JSON.stringify(good))).state, good));
  test('a photo state keeps its uri and name', () => {
    const s = { ...good, source: { kind: 'photo', uri: 'https://file.example/camera.png', name: 'camera.png' } };
    assert.deepEqual(restore(s).state.source, s.source);
  });
  test('ragged K, NaN, a 16×16 K, a missing field or junk → the defaults, with a note naming the problem', () => {
    for (const bad of [
      { ...good, K: [[1, 2], [3]] },
      { ...good, K: [[NaN]] },
      { ...good, K: Array.from({ length: 16 }, () => Array(16).fill(1)) },
      { ...good, transposed: undefined },
      'junk',
      { ...good, K: [] },
      { ...good, source: { kind: 'matrix', X: [[1], [2, 3]] } },
    ]) {
      const r = restore(bad);
      assert.deepEqual(r.state, defaultEdgeState(), JSON.stringify(bad));
      assert.match(r.note ?? '', /saved state could not be read .*defaults/, JSON.stringify(bad));
    }
  });
  test('no saved state → the defaults without a note', () =>
    assert.deepEqual(restore(undefined), { state: defaultEdgeState() }));
});

describe('edges: an input replaces the setup', () => {
  const photo = {
    ...defaultEdgeState(),
    source: { kind: 'photo' as const, uri: 'u', name: 'camera.png' },
    transposed: true,
  };
  test('K only on a photo: K and preset replaced, the photo kept (and said so), transpose reset', () => {
    const s = applyInput(photo, { K: presetKernel('sobel-x'), source: 'a.py:3' });
    assert.deepEqual(
      [s.preset, s.source, s.transposed, s.kept, s.kernelFrom],
      ['sobel-x', photo.source, false, true, 'a.py:3'],
    );
  });
  test('K only on the book image: the book image; X only: K back to [1, −1]', () => {
    const custom = { ...defaultEdgeState(), K: [[2, 3]], preset: 'custom' };
    assert.deepEqual(applyInput(custom, { K: [[1], [-1]] }).source, { kind: 'book' });
    const x = applyInput(custom, { X: [[1, 2, 3]], source: 'b.py:1' });
    assert.deepEqual(
      [x.K, x.preset, x.source],
      [[[1, -1]], 'edge-x', { kind: 'matrix', X: [[1, 2, 3]], from: 'b.py:1' }],
    );
  });
  test('settings Edges does not apply are named; a 16×16 K is refused naming the limit', () => {
    assert.match(
      applyInput(defaultEdgeState(), { K: [[1]], stride: 2 }).ignored ?? '',
      /^stride 2 is not applied here/,
    );
    const big = Array.from({ length: 16 }, () => Array(16).fill(1));
    assert.throws(
      () => applyInput(defaultEdgeState(), { K: big }),
      /K is 16×16; Detect Edges edits kernels up to 15×15/,
    );
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
