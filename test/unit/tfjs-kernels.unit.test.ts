// The views bundle only the TensorFlow.js kernels they register (webview-ui/shared/tfjs-kernels.ts): every kernel
// their computations run must be in that list, or a view fails at run time with "Kernel 'X' not registered". Measured
// here with tf.profile on the cpu backend (which has them all) over every path: one channel with padding, stride and
// dilation, true convolution, channels with groups, depthwise, a bias per output channel.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { profile } from '@tensorflow/tfjs-core';
import { FORWARD_KERNELS } from '../../webview-ui/shared/tfjs-kernel-names';
import { corr2d, convolve2d } from '../../src/core/tfjs/tensor';
import { corr2dMulti, convolve2dMulti } from '../../src/core/tfjs/channels';
import { fig51K, fig51X } from '../../src/core/fixtures';
import { d2l74X } from '../../webview-ui/step/presets';
import { convTranspose2d, convTranspose2dMulti } from '../../src/core/tfjs/transposed';
import { useCpuBackend } from './helpers/tf';

async function kernelsOf(f: () => void): Promise<string[]> {
  const info = await profile(() => {
    f();
  });
  return info.kernelNames;
}

describe('registered tfjs kernels cover what the views run', () => {
  before(useCpuBackend);
  const K2 = [fig51K(), fig51K()];
  const cases: Array<[string, () => void]> = [
    ['corr2d valid', () => corr2d(fig51X(), fig51K())],
    [
      "corr2d padding 'same', stride 2, dilation 2",
      () => corr2d(fig51X(), fig51K(), { padding: 'same', stride: 2, dilation: 2 }),
    ],
    ['convolve2d padding 1', () => convolve2d(fig51X(), fig51K(), { padding: 1 })],
    ['corr2dMulti 2 → 3 channels with bias', () => corr2dMulti(d2l74X(), [K2, K2, K2], { bias: [1, 2, 3] })],
    [
      'corr2dMulti groups 2',
      () =>
        corr2dMulti(
          [...d2l74X(), ...d2l74X()],
          [
            [K2[0], K2[1]],
            [K2[0], K2[1]],
          ],
          { groups: 2 },
        ),
    ],
    ['corr2dMulti depthwise', () => corr2dMulti(d2l74X(), [[fig51K()], [fig51K()]], { groups: 2, padding: 1 })],
    [
      'convolve2dMulti stride 2 dilation 2',
      () => convolve2dMulti(d2l74X(), [K2], { stride: 2, dilation: 2, padding: 2 }),
    ],
    // The Step panel's transposed mode (d2l §14.10).
    [
      'convTranspose2d stride 2 padding 1 output padding 1',
      () => convTranspose2d(fig51K(), fig51K(), { stride: 2, padding: 1, outputPadding: 1 }),
    ],
    [
      'convTranspose2dMulti 2 → 2 channels, groups 2, dilation 2, bias',
      () => convTranspose2dMulti(d2l74X(), [[fig51K()], [fig51K()]], { groups: 2, dilation: 2, bias: [1, 2] }),
    ],
    [
      "convTranspose2dMulti 2 → 3 channels, padding 'same', stride 2",
      () =>
        convTranspose2dMulti(
          d2l74X(),
          [
            [fig51K(), fig51K(), fig51K()],
            [fig51K(), fig51K(), fig51K()],
          ],
          { padding: 'same', stride: 2 },
        ),
    ],
  ];
  for (const [name, f] of cases) {
    test(name, async () => {
      const missing = (await kernelsOf(f)).filter((k) => !FORWARD_KERNELS.includes(k));
      assert.deepEqual([...new Set(missing)], [], `kernels run but not registered for the views`);
    });
  }
});
