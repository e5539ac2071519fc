// Which convolution path a view's badge names: `forwardApplies` (the fast engine computes only valid, dense
// cross-correlations) decides per geometry from convGeometry, and `tfjsConvPath` is the path of output computed by
// tfjs itself. Geometries from d2l §7.3 (padding, stride) and §5.1 (Fig. 5.1, X=[3,3] K=[2,2]).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { convGeometry, type ConvOptions } from '../../src/core/geometry';
import { forwardApplies, tfjsConvPath } from '../../webview-ui/shared/conv-path';

describe('forwardApplies', () => {
  const cases: [string, number, number, ConvOptions, boolean][] = [
    ['X=[3,3] K=[2,2] valid', 3, 2, {}, true],
    ['X=[3,3] K=[2,2] padding 0', 3, 2, { padding: 0 }, true],
    ['X=[3,3] K=[1,1] same (no padding needed)', 3, 1, { padding: 'same' }, true],
    ['X=[3,3] K=[2,2] padding 1', 3, 2, { padding: 1 }, false],
    ['X=[3,3] K=[2,2] same', 3, 2, { padding: 'same' }, false],
    ['X=[8,8] K=[3,3] stride 2', 8, 3, { stride: 2 }, false],
    ['X=[8,8] K=[3,3] stride [1,2]', 8, 3, { stride: [1, 2] }, false],
    ['X=[8,8] K=[2,2] dilation 2', 8, 2, { dilation: 2 }, false],
    [
      'X=[8,8] K=[2,2] padding [[0,0],[0,1]]',
      8,
      2,
      {
        padding: [
          [0, 0],
          [0, 1],
        ],
      },
      false,
    ],
  ];
  for (const [title, n, k, opts, want] of cases) {
    test(`${title} → ${want ? 'fast forward path' : 'tfjs corr2d'}`, () => {
      assert.equal(forwardApplies(convGeometry({ inH: n, inW: n, kH: k, kW: k, ...opts })), want);
    });
  }
});

describe('tfjsConvPath', () => {
  test("tfjs webgl → path webgl, the reason names tfjs webgl and the view's why", () => {
    assert.deepEqual(tfjsConvPath('webgl', 'padding'), { path: 'webgl', reason: 'tfjs webgl: padding' });
  });
  test('tfjs cpu (and any other backend) → path cpu', () => {
    assert.equal(tfjsConvPath('cpu', 'x').path, 'cpu');
    assert.equal(tfjsConvPath('wasm', 'x').path, 'cpu');
  });
});
