// Gradients of the multi-channel summed squared error and the stability limit of gradient descent, against numpy:
// numpy builds the design matrix M of the layer (one row per output cell, one column per parameter) from the
// definitions, so Ŷ = Mθ, ∇L = 2Mᵀ(Mθ − y) and the Hessian is 2MᵀM, whose largest eigenvalue numpy's eigvalsh gives.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corr2dMultiGrad } from '../../src/core/channels-grad';
import { corr2dMultiReference, type MultiBiasOptions } from '../../src/core/channels';
import { lossHessian, multiLossHessians, multiStabilityReport, stabilityReport } from '../../src/core/stability';
import { edgeImage } from '../../src/core/fixtures';
import { mulberry32, randomFilters, randomVolume } from '../../src/core/random';
import type { Filters, Volume } from '../../src/core/volume';
import { assertClose } from './helpers/assert';
import { python } from './helpers/python';
import { NUMPY_CORR_MULTI, randomMultiCases, type MultiCase } from './helpers/conv-cases';

const NUMPY_DESIGN = String.raw`
def design(X, K_shape, padding, stride, dilation, groups, use_bias):
    X = np.asarray(X, dtype=np.float64)
    c_out, cpg, kh, kw = K_shape
    sh, sw = stride
    dh, dw = dilation
    k_eff = (dh * (kh - 1) + 1, dw * (kw - 1) + 1)
    (pt, pb), (pl, pr) = pads(padding, X.shape[1:], k_eff, stride)
    Xp = np.pad(X, ((0, 0), (pt, pb), (pl, pr)))
    H = (Xp.shape[1] - k_eff[0]) // sh + 1
    W = (Xp.shape[2] - k_eff[1]) // sw + 1
    nk = c_out * cpg * kh * kw
    M = np.zeros((c_out * H * W, nk + (c_out if use_bias else 0)))
    opg = c_out // groups
    for o in range(c_out):
        g = o // opg
        for i in range(H):
            for j in range(W):
                row = (o * H + i) * W + j
                win = Xp[g * cpg:(g + 1) * cpg, i * sh:i * sh + k_eff[0]:dh, j * sw:j * sw + k_eff[1]:dw]
                M[row, o * cpg * kh * kw:(o + 1) * cpg * kh * kw] = win.flatten()
                if use_bias:
                    M[row, nk + o] = 1.0
    return M
`;

interface NumpyGrad {
  loss: number;
  grad: number[];
}

function gradCase(c: MultiCase): { Y: Volume; opts: MultiBiasOptions } {
  const rand = mulberry32(c.X.length * 7 + c.K.length);
  const opts = { padding: c.padding, stride: c.stride, dilation: c.dilation, groups: c.groups, bias: c.bias };
  const shape = corr2dMultiReference(c.X, c.K, opts);
  return { Y: shape.map((M) => M.map((row) => row.map(() => rand() * 2 - 1))), opts };
}

describe('corr2dMultiGrad vs numpy 2Mᵀ(Mθ − y) (random cases, 1e-9)', () => {
  const cases = randomMultiCases(77, 12);
  const ys = cases.map(gradCase);
  let numpy: NumpyGrad[] = [];
  before(() => {
    const payload = JSON.stringify(cases.map((c, n) => ({ ...c, bias: c.bias ?? null, Y: ys[n].Y })));
    numpy = JSON.parse(
      python(
        `${NUMPY_CORR_MULTI}${NUMPY_DESIGN}\nout = []\nfor c in json.loads(${JSON.stringify(payload)}):\n` +
          `    K = np.asarray(c['K'], dtype=np.float64)\n` +
          `    M = design(c['X'], K.shape, c['padding'], c['stride'], c['dilation'], c['groups'], True)\n` +
          `    b = np.zeros(K.shape[0]) if c['bias'] is None else np.asarray(c['bias'])\n` +
          `    theta = np.concatenate([K.flatten(), b])\n` +
          `    r = M @ theta - np.asarray(c['Y']).flatten()\n` +
          `    out.append({'loss': float(r @ r), 'grad': (2 * M.T @ r).tolist()})\n` +
          `print(json.dumps(out))`,
      ),
    );
  });
  for (const [n, c] of cases.entries()) {
    test(c.title, () => {
      const { Y, opts } = ys[n];
      const g = corr2dMultiGrad(c.X, c.K, Y, opts);
      assertClose(g.loss, numpy[n].loss, 1e-9, 'loss');
      const flat = [...g.dK.flat(3), ...g.db];
      assert.equal(flat.length, numpy[n].grad.length, 'parameter count');
      flat.forEach((v, k) => assertClose(v, numpy[n].grad[k], 1e-9, `∂L/∂θ[${k}]`));
    });
  }
});

describe('corr2dMultiGrad: central differences and errors', () => {
  test('x=[4,5,5] k=[2,2,3,3] groups=2 padding same stride 2 bias: gradient = central difference (1e-6)', () => {
    const rand = mulberry32(41);
    const X = randomVolume(rand, 4, 5, 5);
    const K = randomFilters(rand, 2, 2, 3, 3);
    const bias = [0.3, -0.7];
    const base = { groups: 2, padding: 'same' as const, stride: 2 };
    const Y = randomVolume(rand, 2, 3, 3);
    const L = (k: Filters, b: number[]) => corr2dMultiGrad(X, k, Y, { ...base, bias: b }).loss;
    const g = corr2dMultiGrad(X, K, Y, { ...base, bias });
    const h = 1e-4;
    for (const [o, c, a, b] of [
      [0, 0, 0, 0],
      [1, 1, 2, 1],
      [0, 1, 1, 2],
      [1, 0, 2, 2],
    ]) {
      const shift = (d: number) =>
        K.map((V, oo) =>
          V.map((M, cc) =>
            M.map((row, aa) => row.map((v, bb) => (oo === o && cc === c && aa === a && bb === b ? v + d : v))),
          ),
        );
      assertClose(
        g.dK[o][c][a][b],
        (L(shift(h), bias) - L(shift(-h), bias)) / (2 * h),
        1e-6,
        `∂L/∂K[${o}][${c}][${a}][${b}]`,
      );
    }
    assertClose(g.db[1], (L(K, [0.3, -0.7 + h]) - L(K, [0.3, -0.7 - h])) / (2 * h), 1e-6, '∂L/∂b[1]');
  });
  test('Y of the wrong shape → "Y is [1, 2, 2], expected [1, 1, 1] (c_out, outH, outW)"', () => {
    assert.throws(
      () =>
        corr2dMultiGrad(
          [
            [
              [1, 2],
              [3, 4],
            ],
          ],
          [
            [
              [
                [1, 1],
                [1, 1],
              ],
            ],
          ],
          [
            [
              [0, 0],
              [0, 0],
            ],
          ],
        ),
      {
        message: 'corr2dMultiGrad: Y is [1, 2, 2], expected [1, 1, 1] (c_out, outH, outW)',
      },
    );
  });
});

describe('multiStabilityReport: λmax of the Hessian 2MᵀM vs numpy eigvalsh (relative 1e-9)', () => {
  const cases = randomMultiCases(99, 10);
  let numpy: number[][] = [];
  before(() => {
    const payload = JSON.stringify(cases.map((c) => ({ ...c, bias: null, useBias: c.bias !== undefined })));
    numpy = JSON.parse(
      python(
        `${NUMPY_CORR_MULTI}${NUMPY_DESIGN}\nout = []\nfor c in json.loads(${JSON.stringify(payload)}):\n` +
          `    K = np.asarray(c['K'])\n` +
          `    M = design(c['X'], K.shape, c['padding'], c['stride'], c['dilation'], c['groups'], c['useBias'])\n` +
          `    out.append(np.linalg.eigvalsh(2 * M.T @ M).tolist())\n` +
          `print(json.dumps(out))`,
      ),
    );
  });
  for (const [n, c] of cases.entries()) {
    test(`${c.title} useBias=${c.bias !== undefined}`, () => {
      const [cOut, , kH, kW] = [c.K.length, c.K[0].length, c.K[0][0].length, c.K[0][0][0].length];
      const opts = { padding: c.padding, stride: c.stride, dilation: c.dilation, groups: c.groups };
      const s = multiStabilityReport(c.X, kH, kW, 1e-3, { ...opts, useBias: c.bias !== undefined });
      const full = numpy[n];
      const lambdaMax = full[full.length - 1];
      assertClose(s.lambdaMax, lambdaMax, 1e-9 * Math.max(1, lambdaMax), 'λmax');
      assertClose(s.lrMax, 2 / lambdaMax, 1e-9 * (2 / lambdaMax), 'lrMax');
      // The full spectrum is each group's spectrum repeated c_out/groups times (one block per output channel).
      const repeated = s.groupEigenvalues.flatMap((e) => Array.from({ length: cOut / c.groups }, () => e).flat());
      repeated.sort((x, y) => x - y);
      assert.equal(repeated.length, full.length, 'parameter count');
      repeated.forEach((v, k) => assertClose(v, full[k], 1e-9 * Math.max(1, lambdaMax), `λ[${k}]`));
    });
  }
});

describe('multiStabilityReport: the limit is sharp, and one channel is stabilityReport', () => {
  test('x=[2,6,6] k=[2,2,3,3] padding 1: gradient descent at 0.95·lrMax shrinks the loss, at 1.05·lrMax it grows', () => {
    const rand = mulberry32(51);
    const X = randomVolume(rand, 2, 6, 6);
    const Y = randomVolume(rand, 2, 6, 6);
    const { lrMax } = multiStabilityReport(X, 3, 3, 1, { padding: 1, useBias: true });
    const run = (lr: number) => {
      let K = randomFilters(mulberry32(52), 2, 2, 3, 3);
      let bias = [0, 0];
      let g = corr2dMultiGrad(X, K, Y, { padding: 1, bias });
      const first = g.loss;
      for (let step = 0; step < 400; step++) {
        K = K.map((V, o) => V.map((M, c) => M.map((row, a) => row.map((v, b) => v - lr * g.dK[o][c][a][b]))));
        bias = bias.map((v, o) => v - lr * g.db[o]);
        g = corr2dMultiGrad(X, K, Y, { padding: 1, bias });
      }
      return g.loss / first;
    };
    assert.ok(run(0.95 * lrMax) < 1, 'stable below the limit');
    assert.ok(run(1.05 * lrMax) > 1e3, 'diverges above the limit');
  });
  test('edge image as x=[1,6,8] k=[1,2]: same Hessian and lrMax as the one-channel stabilityReport', () => {
    assert.deepEqual(
      multiLossHessians([edgeImage()], 1, 2, { useBias: true })[0],
      lossHessian(edgeImage(), 1, 2, true),
    );
    assertClose(
      multiStabilityReport([edgeImage()], 1, 2, 3e-2, { useBias: true }).lrMax,
      stabilityReport(edgeImage(), 1, 2, true, 3e-2).lrMax,
      1e-15,
      'lrMax',
    );
  });
  test('errors: groups 2 does not divide c_in 3; learning rate -1', () => {
    const X = randomVolume(mulberry32(53), 3, 4, 4);
    assert.throws(() => multiLossHessians(X, 2, 2, { groups: 2, useBias: false }), {
      message: 'stability: groups 2 does not divide c_in 3',
    });
    assert.throws(() => multiStabilityReport(X, 2, 2, -1, { useBias: false }), {
      message: 'stability: learning rate -1 is not a positive number',
    });
  });
});
