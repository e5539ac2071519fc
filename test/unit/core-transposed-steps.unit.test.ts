// The transposed convolution stepped as a scatter (d2l §14.10.1): reading order of the input cells, running sums and
// contribution counts against an independent gather loop and numpy, every product an output cell receives, the
// per-axis overlap behind the checkerboard (Odena et al., Distill 2016), the output-size formula as written, the
// geometry errors' fields, and W with Wᵀ·vec(X) = the transposed convolution.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axisEvenness,
  axisOverlap,
  partialTransposed,
  receivedBy,
  scatterCellAt,
} from '../../src/core/transposed-steps';
import {
  convTranspose2dMultiReference,
  convTranspose2dReference,
  overlapCounts,
  transposedMultiGeometry,
  type TransposedMultiOptions,
} from '../../src/core/transposed';
import {
  forwardGeometryOf,
  OutputPaddingError,
  TransposedCropError,
  transposedGeometry,
  type TransposedGeometry,
} from '../../src/core/transposed-geometry';
import { convMatrixApplyTransposed, convMatrixRow, transposedConvMatrix } from '../../src/core/conv-matrix';
import { convGeometry } from '../../src/core/geometry';
import { transposedSizeFormulaLines } from '../../src/core/formula';
import { flatten, fromFlat, type Matrix } from '../../src/core/matrix';
import type { Filters, Volume } from '../../src/core/volume';
import { assertMatrixClose } from './helpers/assert';
import { python } from './helpers/python';
import { randomTransposedCases } from './helpers/conv-cases';

const X2 = () => [
  [0, 1],
  [2, 3],
];

/** Per-side padding of a case, for the independent loop. */
function padsOf(g: TransposedGeometry): [number, number] {
  return [g.padTop, g.padLeft];
}

/**
 * The independent reference: a GATHER over output cells (not the product's scatter), restricted to the first `steps`
 * input positions in reading order — output cell (r, c) sums X[ch][i][j]·K[ch][q][a][b] over every (i, j, a, b) with
 * i·s + a·d − padTop = r (and likewise for columns) and i·w + j < steps.
 */
function gather(X: Volume, K: Filters, opts: TransposedMultiOptions, out: number, steps: number) {
  const m = transposedMultiGeometry('test', X, K, opts);
  const g = m.geom;
  const [pt, pl] = padsOf(g);
  const group = Math.floor(out / m.cOutPerGroup);
  const q = out % m.cOutPerGroup;
  const Y: Matrix = [];
  const counts: Matrix = [];
  for (let r = 0; r < g.outH; r++) {
    Y.push([]);
    counts.push([]);
    for (let c = 0; c < g.outW; c++) {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < g.inH; i++)
        for (let j = 0; j < g.inW; j++)
          for (let a = 0; a < g.kH; a++)
            for (let b = 0; b < g.kW; b++) {
              if (i * g.inW + j >= steps) continue;
              if (i * g.strideH + a * g.dilationH - pt !== r || j * g.strideW + b * g.dilationW - pl !== c) continue;
              n++;
              for (let k = 0; k < m.cInPerGroup; k++) {
                const ch = group * m.cInPerGroup + k;
                sum += X[ch][i][j] * K[ch][q][a][b];
              }
            }
      Y[r].push(sum);
      counts[r].push(n);
    }
  }
  return { Y, counts };
}

describe('scatter order and running sums (d2l §14.10.1 trans_conv)', () => {
  test('x=[2,3]: steps visit (0,0) (0,1) (0,2) (1,0) (1,1) (1,2) — reading order', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((k) => scatterCellAt(k, 3)),
      [
        [0, 0],
        [0, 1],
        [0, 2],
        [1, 0],
        [1, 1],
        [1, 2],
      ],
    );
  });
  test('d2l x=k=[[0,1],[2,3]] s=1: running sums after 1…4 steps, the last = [[0,0,1],[0,4,6],[4,12,9]]', () => {
    const X = [X2()];
    const K = [[X2()]];
    const sums = [1, 2, 3, 4].map((n) => partialTransposed(X, K, {}, 0, n).Y);
    assert.deepEqual(sums, [
      [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      [
        [0, 0, 1],
        [0, 2, 3],
        [0, 0, 0],
      ],
      [
        [0, 0, 1],
        [0, 4, 3],
        [4, 6, 0],
      ],
      [
        [0, 0, 1],
        [0, 4, 6],
        [4, 12, 9],
      ],
    ]);
    assert.deepEqual(partialTransposed(X, K, {}, 0, 4).counts, [
      [1, 2, 1],
      [2, 4, 2],
      [1, 2, 1],
    ]);
    assert.deepEqual(partialTransposed(X, K, {}, 0, 0).Y, partialTransposed(X, K, {}, 0, -3).Y, 'clamped at 0');
  });
  for (const c of randomTransposedCases(2024, 40)) {
    test(`running sums = gather loop at every step, counts too: ${c.title}`, () => {
      const opts = { padding: c.padding, stride: c.stride, dilation: c.dilation, outputPadding: c.outputPadding };
      const o = { ...opts, groups: c.groups };
      const m = transposedMultiGeometry('test', c.X, c.K, o);
      const total = m.geom.inH * m.geom.inW;
      const out = (total * 7) % m.cOut;
      for (let n = 0; n <= total; n++) {
        const p = partialTransposed(c.X, c.K, o, out, n);
        const want = gather(c.X, c.K, o, out, n);
        assertMatrixClose(p.Y, want.Y, 1e-12, `Y after ${n} steps`);
        assert.deepEqual(p.counts, want.counts, `counts after ${n} steps`);
      }
      const full = convTranspose2dMultiReference(c.X, c.K, o)[out];
      assertMatrixClose(partialTransposed(c.X, c.K, o, out, total).Y, full, 1e-12, 'all steps = the reference');
      assert.deepEqual(partialTransposed(c.X, c.K, o, out, total).counts, overlapCounts(m.geom));
    });
  }
  test('numpy (np.add.at over the first n positions) agrees on 8 random cases at a middle step, 1e-12', () => {
    const cases = randomTransposedCases(77, 8).map((c) => {
      const o = {
        padding: c.padding,
        stride: c.stride,
        dilation: c.dilation,
        outputPadding: c.outputPadding,
        groups: c.groups,
      };
      const m = transposedMultiGeometry('test', c.X, c.K, o);
      const g = m.geom;
      const steps = Math.ceil((g.inH * g.inW) / 2);
      return { c, o, g, steps, out: m.cOut - 1, opg: m.cOutPerGroup, ipg: m.cInPerGroup };
    });
    const code = [
      'import json, numpy as np',
      `cases = json.loads('''${JSON.stringify(
        cases.map(({ c, g, steps, out, opg, ipg }) => ({
          X: c.X,
          K: c.K,
          steps,
          out,
          opg,
          ipg,
          g: [g.strideH, g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft, g.outH, g.outW],
        })),
      )}''')`,
      'res = []',
      'for case in cases:',
      "    X, K = np.array(case['X'], float), np.array(case['K'], float)",
      "    sh, sw, dh, dw, pt, pl, oh, ow = case['g']",
      "    o, opg, ipg = case['out'], case['opg'], case['ipg']",
      '    grp, q = o // opg, o % opg',
      '    Y = np.zeros((oh + 64, ow + 64))  # room for cropped taps, offset by 32',
      '    kh, kw = K.shape[2], K.shape[3]',
      "    for n in range(case['steps']):",
      '        i, j = divmod(n, X.shape[2])',
      '        for ch in range(grp * ipg, (grp + 1) * ipg):',
      '            rows = 32 + i * sh + dh * np.arange(kh) - pt',
      '            cols = 32 + j * sw + dw * np.arange(kw) - pl',
      '            np.add.at(Y, (rows[:, None], cols[None, :]), X[ch, i, j] * K[ch, q])',
      '    res.append(Y[32:32 + oh, 32:32 + ow].tolist())',
      'print(json.dumps(res))',
    ].join('\n');
    const want = JSON.parse(python(code)) as Matrix[];
    cases.forEach(({ c, o, steps, out }, k) =>
      assertMatrixClose(partialTransposed(c.X, c.K, o, out, steps).Y, want[k], 1e-12, c.title),
    );
  });
});

describe('receivedBy: every product an output cell gets', () => {
  test('d2l Y[1,1] = X[0,0]·K[1,1] + X[0,1]·K[1,0] + X[1,0]·K[0,1] + X[1,1]·K[0,0] = 0×3 + 1×2 + 2×1 + 3×0 = 4', () => {
    const m = transposedMultiGeometry('test', [X2()], [[X2()]]);
    const got = receivedBy(m, [X2()], [[X2()]], 0, 1, 1);
    assert.deepEqual(
      got.map((p) => [p.i, p.j, p.kr, p.kc, p.x, p.k]),
      [
        [0, 0, 1, 1, 0, 3],
        [0, 1, 1, 0, 1, 2],
        [1, 0, 0, 1, 2, 1],
        [1, 1, 0, 0, 3, 0],
      ],
    );
    assert.throws(() => receivedBy(m, [X2()], [[X2()]], 0, 3, 0), /output cell \(3, 0\) is outside the 3×3 output/);
  });
  for (const c of randomTransposedCases(99, 25)) {
    test(`the products sum to the reference, in scatter order: ${c.title}`, () => {
      const o = {
        padding: c.padding,
        stride: c.stride,
        dilation: c.dilation,
        outputPadding: c.outputPadding,
        groups: c.groups,
      };
      const m = transposedMultiGeometry('test', c.X, c.K, o);
      const Y = convTranspose2dMultiReference(c.X, c.K, o);
      for (let out = 0; out < m.cOut; out++)
        for (let r = 0; r < m.geom.outH; r++)
          for (let col = 0; col < m.geom.outW; col++) {
            const got = receivedBy(m, c.X, c.K, out, r, col);
            const sum = got.reduce((s, p) => s + p.value, 0);
            assert.ok(Math.abs(sum - Y[out][r][col]) <= 1e-12, `Y${out}[${r}][${col}]`);
            const order = got.map((p) => p.i * m.geom.inW + p.j);
            assert.deepEqual(
              order,
              [...order].sort((a, b) => a - b),
              'input positions in reading order',
            );
            // Each product's position really writes this cell.
            for (const p of got) {
              assert.equal(p.i * m.geom.strideH + p.kr * m.geom.dilationH - m.geom.padTop, r);
              assert.equal(p.j * m.geom.strideW + p.kc * m.geom.dilationW - m.geom.padLeft, col);
            }
          }
    });
  }
});

describe('overlap per axis: the checkerboard of Odena et al. (Distill 2016)', () => {
  test('n=4 k=3 s=2: counts 1,1,2,1,2,1,2,1,1; interior uneven {1, 2}', () => {
    assert.deepEqual(axisOverlap(4, 3, 2, 1), [1, 1, 2, 1, 2, 1, 2, 1, 1]);
    assert.deepEqual(axisEvenness(4, 3, 2, 1), { min: 1, max: 2 });
  });
  test('n=4 k=4 s=2: interior even {2, 2}; k=2 s=2 {1, 1}; k=3 s=1 {3, 3}; k=2 s=2 d=2 → {1, 2}', () => {
    assert.deepEqual(axisEvenness(4, 4, 2, 1), { min: 2, max: 2 });
    assert.deepEqual(axisEvenness(4, 2, 2, 1), { min: 1, max: 1 });
    assert.deepEqual(axisEvenness(4, 3, 1, 1), { min: 3, max: 3 });
    // Taps 2 apart with stride 2 land on even positions only: odd positions get none.
    assert.deepEqual(axisEvenness(4, 2, 2, 2), { min: 0, max: 2 });
    assert.equal(axisEvenness(1, 3, 2, 1), undefined, 'one input cell has no interior');
  });
  test('the 2-D overlap map is the product of the axes (valid padding, k=3 s=2 and k=4 s=2 on 4×4)', () => {
    for (const k of [3, 4]) {
      const g = transposedGeometry({ inH: 4, inW: 4, kH: k, kW: k, stride: 2 });
      const a = axisOverlap(4, k, 2, 1);
      assert.deepEqual(
        overlapCounts(g),
        a.map((x) => a.map((y) => x * y)),
      );
    }
  });
});

describe('transposed output-size formula, written out', () => {
  test('d2l s=1: "rows: (2 − 1)·1 − 2·0 + 1·(2 − 1) + 0 + 1 = 3"; stride 2: … = 4; padding 1: … = 1', () => {
    const lines = (o = {}) => transposedSizeFormulaLines(transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2, ...o }));
    assert.deepEqual(lines(), [
      'rows: (2 − 1)·1 − 2·0 + 1·(2 − 1) + 0 + 1 = 3',
      'cols: (2 − 1)·1 − 2·0 + 1·(2 − 1) + 0 + 1 = 3',
    ]);
    assert.equal(lines({ stride: 2 })[0], 'rows: (2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4');
    assert.equal(lines({ padding: 1 })[1], 'cols: (2 − 1)·1 − 2·1 + 1·(2 − 1) + 0 + 1 = 1');
  });
  test("'same' k=4 s=1 crops 1 + 2: written '− (1 + 2)'", () => {
    const g = transposedGeometry({ inH: 2, inW: 3, kH: 4, kW: 4, padding: 'same' });
    assert.equal(transposedSizeFormulaLines(g)[0], 'rows: (2 − 1)·1 − (1 + 2) + 1·(4 − 1) + 0 + 1 = 2');
  });
  for (const c of randomTransposedCases(5, 30)) {
    test(`the written arithmetic evaluates to the geometry's size: ${c.title}`, () => {
      const [h, w] = [c.X[0].length, c.X[0][0].length];
      const [kh, kw] = [c.K[0][0].length, c.K[0][0][0].length];
      const g = transposedGeometry({ inH: h, inW: w, kH: kh, kW: kw, ...c });
      for (const [line, want] of transposedSizeFormulaLines(g).map((l, k) => [l, k ? g.outW : g.outH] as const)) {
        const [expr, result] = line.replace(/^\w+: /, '').split(' = ');
        const value = Function(`return ${expr.replace(/−/g, '-').replace(/·/g, '*')}`)() as number;
        assert.equal(value, want, line);
        assert.equal(Number(result), want, line);
      }
    });
  }
});

describe('errors name the parameter and carry the range', () => {
  test('output padding 2 with stride 2, dilation 1: OutputPaddingError {axis height, value 2, stride 2, dilation 1}', () => {
    try {
      transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2, stride: 2, outputPadding: 2 }, 'step');
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof OutputPaddingError);
      assert.deepEqual([e.axis, e.value, e.stride, e.dilation], ['height', 2, 2, 1]);
      assert.equal(e.message, 'step: output padding 2 must be smaller than stride 2 or dilation 1');
    }
  });
  test('padding 2 on x=[2,2] k=[2,2]: TransposedCropError, full 3, at most padding 1', () => {
    try {
      transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2, padding: 2 });
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof TransposedCropError);
      assert.deepEqual([e.axis, e.full, e.padBefore, e.padAfter, e.maxPadding], ['height', 3, 2, 2, 1]);
      // The range it names is right: padding 1 leaves a cell, padding 2 none.
      assert.equal(transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2, padding: e.maxPadding }).outH, 1);
    }
  });
});

describe('W of the transposed convolution: vec(Y) = Wᵀ·vec(X) (d2l §14.10.3)', () => {
  test('d2l x=[2,2] k=[[0,1],[2,3]]: W is 4×9, row 0 = K at columns 0, 1, 3, 4; Wᵀ·vec(X) = 0,0,1,0,4,6,4,12,9', () => {
    const t = transposedGeometry({ inH: 2, inW: 2, kH: 2, kW: 2 });
    const W = transposedConvMatrix(t, X2());
    assert.deepEqual([W.rows, W.cols], [4, 9]);
    assert.deepEqual(convMatrixRow(W, 0), [
      [0, 0],
      [1, 1],
      [3, 2],
      [4, 3],
    ]);
    assert.deepEqual(convMatrixApplyTransposed(W, flatten(X2())), [0, 0, 1, 0, 4, 6, 4, 12, 9]);
  });
  for (const c of randomTransposedCases(31, 40)) {
    test(`Wᵀ·vec(X) = the scatter; the forward record = convGeometry when output padding < stride: ${c.title}`, () => {
      const [h, w] = [c.X[0].length, c.X[0][0].length];
      const K = c.K[0][0];
      const t = transposedGeometry({ inH: h, inW: w, kH: K.length, kW: K[0].length, ...c });
      const W = transposedConvMatrix(t, K);
      assert.deepEqual([W.rows, W.cols], [h * w, t.outH * t.outW]);
      const Y = fromFlat(convMatrixApplyTransposed(W, flatten(c.X[0])), t.outH, t.outW);
      assertMatrixClose(Y, convTranspose2dReference(c.X[0], K, c), 1e-12);
      if (t.outputPadH < t.strideH && t.outputPadW < t.strideW) {
        const f = forwardGeometryOf(t);
        const again = convGeometry({
          inH: f.inH,
          inW: f.inW,
          kH: f.kH,
          kW: f.kW,
          stride: [f.strideH, f.strideW],
          dilation: [f.dilationH, f.dilationW],
          padding: [
            [f.padTop, f.padBottom],
            [f.padLeft, f.padRight],
          ],
        });
        assert.deepEqual(again, f);
      }
    });
  }
});
