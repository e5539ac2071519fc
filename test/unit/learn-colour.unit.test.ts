// Learn Kernel's colour experiment (d2l §7.2.4 with the input channels of §7.4.1) on a real photo: chelsea.png decoded
// in Node by the panel's own PNG reader, its centre square sampled as the panel samples it, Y = Sobel x over the luma.
// The learners (the fast engine's FastMultiKernelLearner, tfjs's MultiKernelLearner on the cpu backend) are compared
// step by step with a float64 plain-loop gradient descent written here (float32 tolerance 1e-4); the 20 000-step run
// the panel makes by default with numpy's closed form of gradient descent on a quadratic; the stability limit and Y
// with numpy on the crop sampled independently in Python.
import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FastConv2d, FastMultiKernelLearner } from '../../src/core/fast';
import { channelKernel, type MultiLearnOptions } from '../../src/core/learn-multi';
import type { Learner } from '../../src/core/learner-base';
import type { Volume } from '../../src/core/volume';
import { MultiKernelLearner } from '../../src/core/tfjs/learn-multi';
import { readPng } from '../../webview-ui/shared/image/formats';
import { samplePhoto, PHOTO_SIZE } from '../../webview-ui/learn/photo';
import {
  buildColourSetup,
  colourDistances,
  colourStabilityText,
  type ColourSetup,
} from '../../webview-ui/learn/colour';
import { defaultSettings, STEPS, type LearnSettings } from '../../webview-ui/learn/setup';
import { assertClose } from './helpers/assert';
import { python } from './helpers/python';
import { useCpuBackend } from './helpers/tf';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

const CHELSEA = join(import.meta.dirname, '..', '..', 'demo', 'images', 'chelsea.png');
const SOBEL_X = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];
const LUMA = [0.299, 0.587, 0.114];

/** The panel's colour settings: mode colour, Sobel x, lr from the limit, the colour steps, seed 0. */
function colourSettings(patch: Partial<LearnSettings> = {}): LearnSettings {
  return { ...defaultSettings(), mode: 'colour', lrAuto: true, steps: STEPS.colour, ...patch };
}

let chelsea: Volume;
function chelseaSetup(patch: Partial<LearnSettings> = {}): ColourSetup {
  chelsea ??= samplePhoto(readPng(readFileSync(CHELSEA)), 'chelsea.png').rgb as Volume;
  return buildColourSetup(colourSettings(patch), chelsea);
}

/**
 * `steps` steps of plain gradient descent in float64, written from the definition: Ŷ[i][j] = b + Σ_c Σ_a Σ_b
 * X[c][i+a][j+b]·K[c][a][b], L = Σ(Ŷ − Y)², ∂L/∂K[c][a][b] = 2·Σ_ij (Ŷ − Y)[i][j]·X[c][i+a][j+b], ∂L/∂b = 2·Σ(Ŷ − Y).
 */
function plainLoopDescent(o: Required<Omit<MultiLearnOptions, 'seed'>>, steps: number) {
  const { X, Y, kH, kW, lr } = o;
  const [c, oh, ow] = [X.length, Y.length, Y[0].length];
  let K = o.initKernel.map((M) => M.map((row) => [...row]));
  let b = o.initBias;
  const records: Array<{ loss: number; K: Volume; b: number }> = [];
  for (let s = 0; s < steps; s++) {
    const R = Y.map((row, i) =>
      row.map((y, j) => {
        let v = b;
        for (let ch = 0; ch < c; ch++)
          for (let a = 0; a < kH; a++) for (let q = 0; q < kW; q++) v += X[ch][i + a][j + q] * K[ch][a][q];
        return v - y;
      }),
    );
    let loss = 0;
    let sumR = 0;
    for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) [loss, sumR] = [loss + R[i][j] ** 2, sumR + R[i][j]];
    const G = K.map((M, ch) =>
      M.map((row, a) =>
        row.map((_, q) => {
          let g = 0;
          for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) g += R[i][j] * X[ch][i + a][j + q];
          return 2 * g;
        }),
      ),
    );
    K = K.map((M, ch) => M.map((row, a) => row.map((v, q) => v - lr * G[ch][a][q])));
    if (o.useBias) b -= lr * 2 * sumR;
    records.push({ loss, K, b });
  }
  return records;
}

/** The crop as Python sees it: the same sampling written in numpy on Pillow's pixels. */
const PY_CROP = `
import numpy as np
from PIL import Image
im = np.asarray(Image.open(${JSON.stringify(CHELSEA)}).convert('RGB'), dtype=np.float64) / 255
h, w, _ = im.shape
s = min(h, w); r0, c0 = (h - s) // 2, (w - s) // 2
at = np.minimum(s - 1, np.floor((np.arange(${PHOTO_SIZE}) + 0.5) * s / ${PHOTO_SIZE}).astype(int))
X = im[r0 + at][:, c0 + at].transpose(2, 0, 1)
X = X - X.mean(axis=(1, 2), keepdims=True)
rows = [X[:, i:i + 3, j:j + 3].ravel() for i in range(${PHOTO_SIZE - 2}) for j in range(${PHOTO_SIZE - 2})]
P = np.array(rows)
`;

describe('colour experiment on chelsea.png: x=[3,128,128] k=[1,3,3,3], Y = Sobel x over the luma', () => {
  before(useCpuBackend);

  test('target = luma weights ⊗ Sobel x; Y and λmax of 2ΦᵀΦ equal numpy on the crop sampled in Python (1e-6)', () => {
    const setup = chelseaSetup();
    assert.deepEqual(setup.target, channelKernel(LUMA, SOBEL_X));
    assert.deepEqual(setup.names, ['R', 'G', 'B']);
    const out = JSON.parse(
      python(`${PY_CROP}
from scipy.signal import correlate2d
luma = 0.299 * X[0] + 0.587 * X[1] + 0.114 * X[2]
Y = correlate2d(luma, np.array(${JSON.stringify(SOBEL_X)}, dtype=np.float64), mode='valid')
ev = np.linalg.eigvalsh(2 * P.T @ P)
import json
print(json.dumps({'lmax': ev[-1], 'lmin': ev[0], 'y': [Y[0, 0], Y[60, 70], Y[125, 125]]}))
`),
    ) as { lmax: number; lmin: number; y: number[] };
    assertClose(setup.stability.lambdaMax, out.lmax, 1e-6, 'λmax', true);
    assertClose(setup.stability.eigenvalues[0], out.lmin, 1e-6, 'λmin', true);
    assertClose(setup.stability.lrMax, 2 / out.lmax, 1e-6, 'lrMax', true);
    assertClose(setup.options.lr, 0.9 * setup.stability.lrMax, 1e-15, 'lr', true);
    [
      [0, 0],
      [60, 70],
      [125, 125],
    ].forEach(([i, j], k) => assertClose(setup.options.Y[i][j], out.y[k], 1e-6, `Y[${i}][${j}]`));
    const { text, warning } = colourStabilityText(setup);
    assert.match(text, /^stable for lr < \S+ \(2\/λmax, λmax = \S+ for the 27 kernel entries/);
    assert.match(text, /λmax\/λmin = \d+: the channels move together/);
    assert.equal(warning, null);
  });

  for (const [name, make] of [
    ['FastMultiKernelLearner (wasm)', (o: MultiLearnOptions) => new FastMultiKernelLearner(o, FastConv2d.create()!)],
    ['MultiKernelLearner (tfjs cpu)', (o: MultiLearnOptions) => new MultiKernelLearner(o)],
  ] as const) {
    test(`${name}: 12 steps, bias on, equal the float64 plain loop step by step (loss rel 1e-4, K and b 1e-4)`, () => {
      const setup = chelseaSetup({ useBias: true, steps: 12 });
      const want = plainLoopDescent(setup.options, 12);
      const learner: Learner<{ steps: number }, Volume> = make(setup.options);
      try {
        want.forEach((w, s) => {
          const r = learner.step();
          assert.ok(r, `step ${s + 1} ran`);
          assertClose(r.loss, w.loss, 1e-4 * Math.max(1, w.loss), `step ${s + 1} loss`);
          r.kernel.forEach((M, c) =>
            M.forEach((row, a) =>
              row.forEach((v, q) => assertClose(v, w.K[c][a][q], 1e-4, `step ${s + 1} K[${c}][${a}][${q}]`)),
            ),
          );
          assertClose(r.bias, w.b, 1e-4, `step ${s + 1} bias`);
        });
        assert.ok(want[11].loss < want[0].loss / 2, 'the loss falls');
        assert.equal(learner.step(), null, 'the run ends after its steps');
      } finally {
        learner.dispose();
      }
    });
  }

  test("the panel's run (20 000 steps, 0.9 × lrMax, seed 0) ends within 0.02 of luma ⊗ Sobel x in every channel, at numpy's closed form (1e-4)", () => {
    const setup = chelseaSetup();
    const learner = new FastMultiKernelLearner(setup.options, FastConv2d.create()!);
    let last;
    let first;
    for (let r = learner.step(); r; r = learner.step()) [first, last] = [first ?? r, r];
    assert.ok(first && last);
    assert.equal(last.step, STEPS.colour);
    const far = colourDistances(setup, last.kernel);
    far.forEach((d, c) => assert.ok(d <= 0.02, `channel ${setup.names[c]}: max |K − target| ${d} > 0.02`));
    assert.ok(last.loss < first.loss * 1e-3, `loss ${first.loss} → ${last.loss}`);
    // Gradient descent on the quadratic L = ½eᵀHe (e = θ − θ*, H = 2ΦᵀΦ): e_T = V·diag((1 − lr·λ)^T)·Vᵀ·e_0.
    const closed = JSON.parse(
      python(`${PY_CROP}
import json
ev, V = np.linalg.eigh(2 * P.T @ P)
lr = ${setup.options.lr}
theta0 = np.array(${JSON.stringify(setup.options.initKernel.flat(2))})
target = np.array(${JSON.stringify(setup.target.flat(2))})
e = V @ ((1 - lr * ev) ** ${STEPS.colour} * (V.T @ (theta0 - target)))
print(json.dumps((target + e).tolist()))
`),
    ) as number[];
    const got = last.kernel.flat(2);
    closed.forEach((v, k) => assertClose(got[k], v, 1e-4, `K entry ${k} vs the closed form`));
  });
});
