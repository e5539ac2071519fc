import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { convGeometry, outputSize, receptiveField, windowCells } from '../../src/core/geometry';

describe('outputSize (d2l §7.3, p = total padding)', () => {
  test('n=8 k=3 p=2 s=1 → 8', () => assert.equal(outputSize(8, 3, 2, 1), 8));
  test('n=8 k=3 p=2 s=2 → 4', () => assert.equal(outputSize(8, 3, 2, 2), 4));
  test('n=6 k=3 p=0 s=2 → 2', () => assert.equal(outputSize(6, 3, 0, 2), 2));
  test('errors: k > n + p, non-integer, non-positive', () => {
    assert.throws(() => outputSize(2, 3, 0, 1), {
      message: 'outputSize: kernel size 3 is larger than padded input size 2',
    });
    assert.throws(() => outputSize(8, 3, 0, 1.5), { message: 'outputSize: stride 1.5 is not a positive integer' });
    assert.throws(() => outputSize(0, 1, 0, 1), { message: 'outputSize: input size 0 is not a positive integer' });
    assert.throws(() => outputSize(4, 1, -1, 1), { message: 'outputSize: padding -1 is not a non-negative integer' });
  });
});

describe('convGeometry', () => {
  test('X=[8,8] K=[5,3] padding [[2,2],[1,1]] → [8,8]', () => {
    const g = convGeometry({
      inH: 8,
      inW: 8,
      kH: 5,
      kW: 3,
      padding: [
        [2, 2],
        [1, 1],
      ],
    });
    assert.deepEqual([g.outH, g.outW], [8, 8]);
  });
  test('X=[8,8] K=[3,5] padding [[0,0],[1,1]] stride [3,4] → [2,2]', () => {
    const g = convGeometry({
      inH: 8,
      inW: 8,
      kH: 3,
      kW: 5,
      padding: [
        [0, 0],
        [1, 1],
      ],
      stride: [3, 4],
    });
    assert.deepEqual([g.outH, g.outW, g.strideH, g.strideW], [2, 2, 3, 4]);
  });
  test('X=[8,8] K=[3,3] padding 1 stride 2 → [4,4]', () => {
    const g = convGeometry({ inH: 8, inW: 8, kH: 3, kW: 3, padding: 1, stride: 2 });
    assert.deepEqual([g.outH, g.outW, g.padTop, g.padBottom, g.padLeft, g.padRight], [4, 4, 1, 1, 1, 1]);
  });
  test('X=[6,6] K=[3,3] stride 2 valid → [2,2]', () => {
    const g = convGeometry({ inH: 6, inW: 6, kH: 3, kW: 3, stride: 2, padding: 'valid' });
    assert.deepEqual([g.outH, g.outW], [2, 2]);
  });
  test("X=[6,7] K=[2,2] 'same' s=1: odd total pad 1 → top/left 0, bottom/right 1", () => {
    const g = convGeometry({ inH: 6, inW: 7, kH: 2, kW: 2, padding: 'same' });
    assert.deepEqual([g.outH, g.outW, g.padTop, g.padBottom, g.padLeft, g.padRight], [6, 7, 0, 1, 0, 1]);
  });
  test("X=[5,5] K=[4,4] 'same' s=2: out 3, total pad 3 → top 1, bottom 2", () => {
    const g = convGeometry({ inH: 5, inW: 5, kH: 4, kW: 4, padding: 'same', stride: 2 });
    assert.deepEqual([g.outH, g.padTop, g.padBottom], [3, 1, 2]);
  });
  test("X=[7,7] K=[3,3] dilation 2 'same': effective kernel 5, pad 2 each side", () => {
    const g = convGeometry({ inH: 7, inW: 7, kH: 3, kW: 3, dilation: 2, padding: 'same' });
    assert.deepEqual([g.effKH, g.effKW, g.outH, g.padTop, g.padBottom], [5, 5, 7, 2, 2]);
  });
  test('X=[4,4] K=[3,3] dilation [1,2] valid → effective [3,5] does not fit the width', () => {
    assert.throws(() => convGeometry({ inH: 4, inW: 4, kH: 3, kW: 3, dilation: [1, 2] }, 'corr2d'), {
      message: 'corr2d: kernel 3×3 (dilated 3×5) is larger than input 4×4',
    });
  });
  test('X=[2,5] K=[3,3] → "corr2d: kernel 3×3 is larger than input 2×5"', () => {
    assert.throws(() => convGeometry({ inH: 2, inW: 5, kH: 3, kW: 3 }, 'corr2d'), {
      message: 'corr2d: kernel 3×3 is larger than input 2×5',
    });
  });
  test('X=[2,5] K=[5,3] padding 1 → names the padded input', () => {
    assert.throws(() => convGeometry({ inH: 2, inW: 5, kH: 5, kW: 3, padding: 1 }, 'corr2d'), {
      message: 'corr2d: kernel 5×3 is larger than padded input 4×7',
    });
  });
  test('non-integer and non-positive values are rejected with the option named', () => {
    const base = { inH: 4, inW: 4, kH: 2, kW: 2 };
    assert.throws(() => convGeometry({ ...base, stride: 0 }), {
      message: 'convGeometry: stride 0 is not a positive integer',
    });
    assert.throws(() => convGeometry({ ...base, dilation: [1, 1.5] }), {
      message: 'convGeometry: dilation width 1.5 is not a positive integer',
    });
    assert.throws(() => convGeometry({ ...base, padding: 0.5 }), {
      message: 'convGeometry: padding 0.5 is not a non-negative integer',
    });
    assert.throws(
      () =>
        convGeometry({
          ...base,
          padding: [
            [0, -1],
            [0, 0],
          ],
        }),
      {
        message: 'convGeometry: padding bottom -1 is not a non-negative integer',
      },
    );
    assert.throws(() => convGeometry({ ...base, inH: 2.5 }), {
      message: 'convGeometry: input height 2.5 is not a positive integer',
    });
  });
});

describe('windowCells', () => {
  test('X=[3,3] K=[2,2] valid cell (1,1) → 4 cells with kernel positions', () => {
    const g = convGeometry({ inH: 3, inW: 3, kH: 2, kW: 2 });
    assert.deepEqual(windowCells(g, 1, 1), [
      [1, 1, 0, 0],
      [1, 2, 0, 1],
      [2, 1, 1, 0],
      [2, 2, 1, 1],
    ]);
  });
  test('X=[3,3] K=[3,3] padding 1 cell (0,0) skips the padding → 4 cells', () => {
    const g = convGeometry({ inH: 3, inW: 3, kH: 3, kW: 3, padding: 1 });
    assert.deepEqual(windowCells(g, 0, 0), [
      [0, 0, 1, 1],
      [0, 1, 1, 2],
      [1, 0, 2, 1],
      [1, 1, 2, 2],
    ]);
  });
  test('X=[5,5] K=[2,2] stride 2 dilation 2 cell (1,0) → rows 2,4 cols 0,2', () => {
    const g = convGeometry({ inH: 5, inW: 5, kH: 2, kW: 2, stride: 2, dilation: 2 });
    assert.deepEqual(windowCells(g, 0, 0).length, 4);
    assert.deepEqual(windowCells(g, 1, 0), [
      [2, 0, 0, 0],
      [2, 2, 0, 1],
      [4, 0, 1, 0],
      [4, 2, 1, 1],
    ]);
  });
  test('cell outside the output → error', () => {
    const g = convGeometry({ inH: 3, inW: 3, kH: 2, kW: 2 });
    assert.throws(() => windowCells(g, 2, 0), { message: 'windowCells: output cell (2, 0) is outside the 2×2 output' });
  });
});

describe('receptiveField (d2l §7.2.6)', () => {
  const layer1 = convGeometry({ inH: 3, inW: 3, kH: 2, kW: 2 }); // X [3,3] → Y [2,2]
  const layer2 = convGeometry({ inH: 2, inW: 2, kH: 2, kW: 2 }); // Y [2,2] → z [1,1]
  test('two stacked 2×2 layers on X=[3,3]: z depends on all 4 cells of Y and all 9 of X', () => {
    const [inX, inY] = receptiveField([layer1, layer2], 0, 0);
    assert.equal(inY.length, 4);
    assert.equal(inX.length, 9);
    assert.deepEqual(inX[0], [0, 0]);
    assert.deepEqual(inX[8], [2, 2]);
  });
  test('one 2×2 layer: corner cell (0,0) of Y → 4 cells of X', () => {
    const [inX] = receptiveField([layer1], 0, 0);
    assert.deepEqual(inX, [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    assert.deepEqual(receptiveField([layer1], 1, 1)[0], [
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ]);
  });
  test('layers that do not chain → error', () => {
    assert.throws(() => receptiveField([layer2, layer1], 0, 0), {
      message: 'receptiveField: layer 0 outputs 1×1 but layer 1 reads 3×3',
    });
  });
});
