// The Step panel's transposed mode (d2l §14.10) and matrix view, without the DOM: Y on tfjs against numpy for random
// panel setups, the running sums of every step against an independent gather loop, the scatter order, the step and
// cell arithmetic, the overlap map, legend and evenness (Odena et al., Distill 2016), W and Wᵀ rows and products,
// the errors in the panel's terms, the output padding field, the input, the operation switch and the export.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corr2dReference } from '../../src/core/reference';
import { mulberry32, randomFilters, randomMatrix, randomVolume } from '../../src/core/random';
import type { Matrix } from '../../src/core/matrix';
import type { Filters, Volume } from '../../src/core/volume';
import { computeStep } from '../../webview-ui/step/compute';
import { channelsRead, makePlan } from '../../webview-ui/step/model';
import { computeTransposed } from '../../webview-ui/step/transposed-compute';
import {
  cellText,
  makeTransposedPlan,
  scatterStep,
  shownOutput,
  stepText,
  writtenBy,
  type TransposedConfig,
} from '../../webview-ui/step/transposed';
import { transposedFocus } from '../../webview-ui/step/transposed-focus';
import { overlapColour, overlapLegend, overlapSummary } from '../../webview-ui/step/overlap';
import {
  cellOfRow,
  columnsOfCell,
  emptyCells,
  forwardMatrix,
  rowEntries,
  rowOfCell,
  transposedMatrix,
  type ShownMatrix,
} from '../../webview-ui/step/matrix';
import {
  applyExample,
  applyInput,
  cOutOf,
  defaultStepState,
  regroupTransposed,
  setupCaption,
  swapWeightLayout,
  switchOperation,
  type StepState,
} from '../../webview-ui/step/state';
import { outputPaddingCheck } from '../../webview-ui/step/fields';
import { TRANSPOSED_EXAMPLES } from '../../webview-ui/step/presets';
import { exportSpecOf, stepExport } from '../../webview-ui/step/export';
import { assertMatrixClose } from './helpers/assert';
import { NUMPY_CONV_T_MULTI } from './helpers/conv-cases';
import { python } from './helpers/python';
import { runPython } from './helpers/run-export';
import { useCpuBackend } from './helpers/tf';

before(useCpuBackend);

const D2L = () => [
  [0, 1],
  [2, 3],
];

/** The book's example in the panel: X = K = [[0, 1], [2, 3]], transposed, the rest defaults. */
function d2lState(patch: Partial<StepState> = {}): StepState {
  return { ...applyInput(defaultStepState(), { mode: 'transposed' }), ...patch };
}

/**
 * Independent of the product: the transposed convolution (scalar stride s, padding p cropped on each side, dilation
 * d, output padding op, groups) as a GATHER over output cells, of the input cells whose reading-order index is below
 * `steps`; and how many input cells write each output cell. K: `[c_in, c_out/groups, kh, kw]`.
 */
function gather(
  X: Volume,
  K: Filters,
  o: { s: number; p: number; d: number; op: number; groups: number },
  out: number,
  steps = Infinity,
) {
  const [cIn, h, w] = [X.length, X[0].length, X[0][0].length];
  const [per, kh, kw] = [K[0].length, K[0][0].length, K[0][0][0].length];
  const size = (n: number, k: number) => (n - 1) * o.s - 2 * o.p + o.d * (k - 1) + o.op + 1;
  const [oh, ow] = [size(h, kh), size(w, kw)];
  const Y: Matrix = Array.from({ length: oh }, () => new Array<number>(ow).fill(0));
  const counts: Matrix = Array.from({ length: oh }, () => new Array<number>(ow).fill(0));
  const group = Math.floor(out / per);
  const inPer = cIn / o.groups;
  for (let r = 0; r < oh; r++) {
    for (let c = 0; c < ow; c++) {
      for (let i = 0; i < h; i++) {
        for (let j = 0; j < w; j++) {
          for (let a = 0; a < kh; a++) {
            for (let b = 0; b < kw; b++) {
              if (i * o.s + a * o.d - o.p !== r || j * o.s + b * o.d - o.p !== c) continue;
              counts[r][c] += 1;
              if (i * w + j >= steps) continue;
              for (let ch = group * inPer; ch < (group + 1) * inPer; ch++)
                Y[r][c] += X[ch][i][j] * K[ch][out % per][a][b];
            }
          }
        }
      }
    }
  }
  return { Y, counts };
}

/** Seeded panel setups: scalar stride 1–3, padding 0–1, dilation 1–2, output padding below max(stride, dilation). */
function panelCases(seed: number, n: number): Array<TransposedConfig & { title: string }> {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const out: Array<TransposedConfig & { title: string }> = [];
  while (out.length < n) {
    const cIn = int(1, 3);
    const groups = cIn === 2 && rand() < 0.5 ? 2 : 1;
    const per = int(1, 2);
    const [h, w, k] = [int(1, 4), int(1, 4), int(1, 3)];
    const [stride, dilation] = [int(1, 3), int(1, 2)];
    const padding = int(0, 1);
    const outputPadding = int(0, Math.max(stride, dilation) - 1);
    const X = randomVolume(rand, cIn, h, w);
    const K = randomFilters(rand, cIn, per, k, k);
    const size = (m: number) => (m - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding + 1;
    if (Math.min(size(h), size(w)) < 1) continue;
    const title = `x=[${cIn},${h},${w}] k=[${cIn},${per},${k},${k}] s=${stride} p=${padding} d=${dilation} op=${outputPadding} groups=${groups}`;
    out.push({ title, X, K, padding, stride, dilation, outputPadding, groups, out: 0 });
  }
  return out;
}

describe('transposed mode: d2l §14.10 values (the issue)', () => {
  test('x=[2,2] k=[2,2] s=1 p=0 → [[0,0,1],[0,4,6],[4,12,9]]; p=1 → [[4]]; s=2 → the issue 4×4', () => {
    assert.deepEqual(computeTransposed(d2lState()).Yall, [
      [
        [0, 0, 1],
        [0, 4, 6],
        [4, 12, 9],
      ],
    ]);
    assert.deepEqual(computeTransposed(d2lState({ padding: 1 })).Yall, [[[4]]]);
    assert.deepEqual(computeTransposed(d2lState({ stride: 2 })).Yall, [
      [
        [0, 0, 0, 1],
        [0, 0, 2, 3],
        [0, 2, 0, 3],
        [4, 6, 6, 9],
      ],
    ]);
    assert.equal(computeTransposed(d2lState()).numTensors, 0, 'every tensor released');
  });

  test('x=[2,2] k=[2,2] s=1: step 4 scatters X[1, 1] = 3 onto Y[1..2, 1..2]; Y[1, 1] receives 0×3 + 1×2 + 2×1 + 3×0', () => {
    const s = d2lState();
    const plan = makeTransposedPlan(s);
    assert.equal(plan.steps, 4);
    const t = stepText(s.X, s.K, plan, undefined, 3);
    assert.equal(t.label, 'Step 4 of 4: X[1, 1] = 3 scatters 3·K into Y');
    assert.equal(t.arith.line, 'Y[1, 1] += 3×0, Y[1, 2] += 3×1, Y[2, 1] += 3×2, Y[2, 2] += 3×3');
    assert.deepEqual(writtenBy(plan, 1, 1), [
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ]);
    const c = cellText(s.X, s.K, plan, undefined, 1, 1);
    assert.equal(c.line, '0×3 + 1×2 + 2×1 + 3×0 = 4');
    assert.deepEqual(c.detail, ['from X[0, 0]·K[1, 1] + X[0, 1]·K[1, 0] + X[1, 0]·K[0, 1] + X[1, 1]·K[0, 0]']);
  });

  test('x=[2,2] k=[2,2] s=2 op=1 bias 1: 5 steps, the last adds b; a cell of the output padding row gets only b', () => {
    const s = d2lState({ stride: 2, outputPadding: 1, bias: [1] });
    const plan = makeTransposedPlan(s);
    assert.equal(plan.steps, 5);
    assert.deepEqual(scatterStep(plan, 4), { i: 1, j: 1, phase: 'bias' });
    assert.equal(stepText(s.X, s.K, plan, s.bias, 4).arith.line, 'Y += b: every cell + 1');
    assert.equal(cellText(s.X, s.K, plan, s.bias, 4, 0).line, 'no input cell writes here (only the bias: 1)');
    const last = shownOutput(s.X, s.K, plan, s.bias, 4).Y;
    assert.deepEqual(
      last,
      gather(s.X, s.K, { s: 2, p: 0, d: 1, op: 1, groups: 1 }, 0).Y.map((r) => r.map((v) => v + 1)),
    );
    assert.deepEqual(
      shownOutput(s.X, s.K, plan, s.bias, 3).Y,
      gather(s.X, s.K, { s: 2, p: 0, d: 1, op: 1, groups: 1 }, 0).Y,
      'no b before its step',
    );
  });
});

describe('transposed mode: scatter order and running sums vs an independent gather loop', () => {
  for (const c of panelCases(1410, 12)) {
    test(c.title, () => {
      const plan = makeTransposedPlan(c);
      const { inH, inW } = plan.geom;
      for (let k = 0; k < inH * inW; k++) {
        // Reading order: step k scatters input cell (⌊k / w⌋, k mod w).
        assert.deepEqual(scatterStep(plan, k), { i: Math.floor(k / inW), j: k % inW, phase: 'scatter' });
        const o = { s: c.stride, p: c.padding as number, d: c.dilation, op: c.outputPadding, groups: c.groups };
        const want = gather(c.X, c.K, o, 0, k + 1);
        const got = shownOutput(c.X, c.K, plan, undefined, k);
        assertMatrixClose(got.Y, want.Y, 1e-12, `running sums after step ${k + 1}`);
        assert.equal(got.done, k + 1);
      }
      const o = { s: c.stride, p: c.padding as number, d: c.dilation, op: c.outputPadding, groups: c.groups };
      assert.deepEqual(
        computeTransposed({ ...defaultStepState(), ...c, mode: 'transposed' }).overlap,
        gather(c.X, c.K, o, 0).counts,
      );
    });
  }
});

describe('transposed mode: Y on tfjs against numpy (Debian python3) for random panel setups', () => {
  const cases = panelCases(2016, 10);
  let numpy: number[][][][] = [];
  before(() => {
    const payload = cases.map((c) => ({
      ...c,
      stride: [c.stride, c.stride],
      dilation: [c.dilation, c.dilation],
      outputPadding: [c.outputPadding, c.outputPadding],
    }));
    numpy = JSON.parse(
      python(
        `${NUMPY_CONV_T_MULTI}\ncases = json.loads(${JSON.stringify(JSON.stringify(payload))})\n` +
          `print(json.dumps([conv_t_multi(c['X'], c['K'], None, c['padding'], c['stride'], c['dilation'], c['outputPadding'], c['groups']).tolist() for c in cases]))`,
      ),
    );
  });
  for (const [n, c] of cases.entries()) {
    test(c.title, () => {
      const r = computeTransposed({ ...defaultStepState(), ...c, mode: 'transposed' });
      assert.equal(r.error, undefined);
      assert.equal(r.Yall?.length, numpy[n].length, 'c_out');
      r.Yall?.forEach((M, o) => assertMatrixClose(M, numpy[n][o], 1e-5, `tfjs Y[${o}]`));
      assert.ok((r.refDiff ?? 1) < 1e-5, 'tfjs within 1e-5 of the float64 scatter');
    });
  }
});

describe('transposed mode: channels (ConvTranspose2d weight [c_in, c_out/groups, kh, kw])', () => {
  test('example "2 input channels → 2 outputs": Y₁[0, 0] lists "channel 0: … + channel 1: … = …" against the loop', () => {
    const s = applyExample(defaultStepState(), 'transposed-channels');
    assert.equal(cOutOf(s), 2);
    const plan = makeTransposedPlan({ ...s, out: 1 });
    assert.deepEqual(plan.channels, [0, 1]);
    const want = gather(s.X, s.K, { s: 1, p: 0, d: 1, op: 0, groups: 1 }, 1).Y;
    const c = cellText(s.X, s.K, plan, undefined, 0, 0);
    // Y₁[0, 0] = X₀[0, 0]·K[0][1][0, 0] + X₁[0, 0]·K[1][1][0, 0] = 0·1 + 1·1.
    assert.equal(c.line, `channel 0: 0 + channel 1: 1 = ${want[0][0]}`);
    assert.equal(c.detail.length, 2);
    const focus = transposedFocus({ plan, X: s.X, K: s.K, bias: undefined, index: 0, hover: null, pinned: null });
    assert.deepEqual(focus.input, [0, 0]);
    assert.equal(focus.arith.detail.length, 2, 'one scatter line per input channel');
  });

  test('every transposed example computes Y on tfjs equal to the gather loop on every output channel', () => {
    for (const e of TRANSPOSED_EXAMPLES) {
      const s = applyExample(defaultStepState(), e.id);
      const r = computeTransposed(s);
      assert.equal(r.error, undefined, e.id);
      const o = {
        s: s.stride,
        p: typeof s.padding === 'number' ? s.padding : 0,
        d: 1,
        op: s.outputPadding,
        groups: s.groups,
      };
      r.Yall?.forEach((M, out) => assertMatrixClose(M, gather(s.X, s.K, o, out).Y, 1e-5, `${e.id} Y[${out}]`));
    }
  });

  test('swapWeightLayout: [c_out, c_in/g] ⇄ [c_in, c_out/g] keeps each kernel between the same channels; twice = identity', () => {
    const rand = mulberry32(7);
    const K = randomFilters(rand, 4, 1, 2, 2); // Conv2d weight: 4 outputs, 2 groups of 2 inputs → [4, 1, …] with groups 4
    assert.deepEqual(swapWeightLayout(swapWeightLayout(K, 4), 4), K);
    const K2 = randomFilters(rand, 4, 2, 2, 2); // groups 2: [c_out 4, c_in/g 2]
    const T = swapWeightLayout(K2, 2); // [c_in 4, c_out/g 2]
    assert.deepEqual([T.length, T[0].length], [4, 2]);
    // Conv2d: output o of group g reads input g·2 + p with K2[o][p]; ConvTranspose2d: input c writes g·2 + q with T[c][q].
    for (let o = 0; o < 4; o++)
      for (let p = 0; p < 2; p++) assert.deepEqual(T[Math.floor(o / 2) * 2 + p][o % 2], K2[o][p]);
    assert.deepEqual(swapWeightLayout(T, 2), K2);
  });

  test('switchOperation: Fig. 7.2.1 → transposed → back gives the same K; output padding is reset; the step starts over', () => {
    const s = { ...defaultStepState(), index: 3 };
    const t = switchOperation(s, true);
    assert.equal(t.mode, 'transposed');
    assert.equal(t.index, 0);
    assert.deepEqual(t.K, s.K);
    const back = switchOperation({ ...t, outputPadding: 1 }, false);
    assert.equal(back.mode, 'correlation');
    assert.equal(back.outputPadding, 0);
    assert.deepEqual(back.K, s.K);
    assert.ok(back.edited.includes('mode'));
  });

  test('regroupTransposed: 2 → 2 channels with groups 2 keeps each input channel’s first kernel; 3 groups refused', () => {
    const s = applyExample(defaultStepState(), 'transposed-channels');
    const K = regroupTransposed(s.X, s.K, 2, 2);
    assert.deepEqual(
      K?.map((row) => row.length),
      [1, 1],
    );
    assert.deepEqual(K?.[1][0], s.K[1][0]);
    assert.equal(regroupTransposed(s.X, s.K, 2, 3), undefined);
  });
});

describe('transposed mode: overlap map, legend and evenness (Odena et al., Distill 2016)', () => {
  test('checkerboard example x=[4,4] ones, k=3 s=2 p=1 op=1: Y is the overlap map; legend 1, 2, 4; uneven', () => {
    const s = applyExample(defaultStepState(), 'checker-k3s2');
    const r = computeTransposed(s);
    const counts = gather(s.X, s.K, { s: 2, p: 1, d: 1, op: 1, groups: 1 }, 0).counts;
    assert.deepEqual(r.overlap, counts);
    assert.deepEqual(r.Yall?.[0], counts, 'ones through a ones kernel: Y counts the contributions');
    assert.deepEqual(
      overlapLegend(counts).map((e) => [e.count, e.cells]),
      [1, 2, 4].map((n) => [n, counts.flat().filter((v) => v === n).length]),
    );
    assert.match(
      overlapSummary(r.plan!.geom),
      /^Uneven overlap: away from the border cells receive 1 to 4 contributions/,
    );
    assert.match(overlapSummary(r.plan!.geom), /kernel 3 is not a multiple of stride 2/);
  });

  test('k=4 s=2 p=1: even, 4 contributions away from the border; k=2 s=1 (d2l): even, 4', () => {
    const s = applyExample(defaultStepState(), 'checker-k4s2');
    const r = computeTransposed(s);
    assert.deepEqual(r.overlap, gather(s.X, s.K, { s: 2, p: 1, d: 1, op: 0, groups: 1 }, 0).counts);
    assert.equal(
      overlapSummary(r.plan!.geom),
      'Even overlap: away from the border every output cell receives 4 contributions (kernel 4 is a multiple of stride 2).',
    );
    assert.match(overlapSummary(makeTransposedPlan(d2lState()).geom), /^Even overlap: .* receives 4 contributions/);
  });

  test('overlapColour: none for 0, darker for more (blue channel falls as the count rises)', () => {
    assert.equal(overlapColour(0, 4), undefined);
    const blue = (n: number) => Number(/rgb\((\d+), (\d+), (\d+)\)/.exec(overlapColour(n, 4) ?? '')?.[2]);
    assert.ok(blue(1) > blue(2) && blue(2) > blue(4), `${overlapColour(1, 4)} ${overlapColour(4, 4)}`);
  });
});

describe('matrix view: W·vec(X) = vec(Y) and Wᵀ', () => {
  const vec = (M: Matrix) => M.flat();
  const apply = (m: ShownMatrix, x: number[]) => {
    const y = new Array<number>(m.rows).fill(0);
    for (const [r, c, v] of m.entries) y[r] += v * x[c];
    return y;
  };

  test('x=[3,3] k=[2,2] valid (Fig. 7.2.1): W is 4×9, row 0 = K at columns 0, 1, 3, 4; W·vec(X) = vec(Y)', () => {
    const s = defaultStepState();
    const plan = makePlan({ ...s, mode: 'correlation' });
    const m = forwardMatrix(plan, channelsRead(plan));
    assert.deepEqual([m.rows, m.cols, m.transposed], [4, 9, false]);
    assert.deepEqual(rowEntries(m, 0), [
      [0, 0],
      [1, 1],
      [3, 2],
      [4, 3],
    ]);
    assert.deepEqual(m.dense?.[0], [0, 1, 0, 2, 3, 0, 0, 0, 0]);
    assert.deepEqual(apply(m, vec(s.X[0])), vec(computeStep(s).Y!));
    assert.equal(m.equation, 'W · vec(X) = vec(Y): W is 4×9, vec(X) has 9 entries, vec(Y) 4');
    assert.deepEqual(
      emptyCells(m)
        .filter(([r]) => r === 0)
        .map(([, c]) => c),
      [2, 5, 6, 7, 8],
    );
    assert.deepEqual(cellOfRow(m, 3), [1, 1]);
    assert.equal(rowOfCell(m, 1, 0), 2);
  });

  const rand = mulberry32(72);
  for (let n = 0; n < 8; n++) {
    const [h, w, k] = [3 + Math.floor(rand() * 4), 3 + Math.floor(rand() * 4), 1 + Math.floor(rand() * 3)];
    const [padding, stride, dilation] = [
      Math.floor(rand() * 2),
      1 + Math.floor(rand() * 2),
      1 + Math.floor(rand() * 2),
    ];
    const X = randomMatrix(rand, h, w);
    const K = randomMatrix(rand, k, k);
    // Only setups with an output (the dilated kernel fits the padded input).
    if (dilation * (k - 1) + 1 > Math.min(h, w) + 2 * padding) continue;
    test(`forward x=[${h},${w}] k=[${k},${k}] p=${padding} s=${stride} d=${dilation}: W shape = (outH·outW)×(h·w), W·vec(X) = corr2d`, () => {
      const s: StepState = { ...defaultStepState(), X: [X], K: [[K]], padding, stride, dilation };
      const plan = makePlan({ ...s, mode: 'correlation' });
      const m = forwardMatrix(plan, channelsRead(plan));
      const Y = corr2dReference(X, K, { padding: padding === 0 ? 'valid' : padding, stride, dilation });
      assert.deepEqual([m.rows, m.cols], [Y.length * Y[0].length, h * w]);
      apply(m, vec(X)).forEach((v, i) => assert.ok(Math.abs(v - vec(Y)[i]) < 1e-12, `row ${i}`));
    });
  }

  for (const c of panelCases(1403, 8)) {
    test(`transposed ${c.title}: Wᵀ·vec(X) over the channels read = the gather loop`, () => {
      const plan = makeTransposedPlan(c);
      const m = transposedMatrix(plan, c.K);
      const want = gather(
        c.X,
        c.K,
        { s: c.stride, p: c.padding as number, d: c.dilation, op: c.outputPadding, groups: c.groups },
        0,
      ).Y;
      assert.deepEqual(
        [m.rows, m.cols],
        [want.length * want[0].length, plan.channels.length * c.X[0].length * c.X[0][0].length],
      );
      const x = plan.channels.flatMap((ch) => vec(c.X[ch]));
      apply(m, x).forEach((v, i) => assert.ok(Math.abs(v - vec(want)[i]) < 1e-12, `row ${i}`));
    });
  }

  test('d2l x=[2,2] k=[2,2]: Wᵀ is 9×4; column 2 is what X[1, 0] scatters (K at rows 3, 4, 6, 7)', () => {
    const s = d2lState();
    const m = transposedMatrix(makeTransposedPlan(s), s.K);
    assert.deepEqual([m.rows, m.cols, m.transposed], [9, 4, true]);
    assert.deepEqual(columnsOfCell(m, 1, 0), [2]);
    assert.deepEqual(
      m.entries.filter((e) => e[1] === 2).map(([r, , v]) => [r, v]),
      [
        [3, 0],
        [4, 1],
        [6, 2],
        [7, 3],
      ],
    );
    assert.match(m.equation, /^Wᵀ · vec\(X\) = vec\(Y\): Wᵀ is 9×4/);
  });
});

describe('transposed mode: bad input in the panel’s terms', () => {
  test('output padding 1 with stride 1, dilation 1: names the range "only 0 here"; stride 2 restores Y', () => {
    const r = computeTransposed(d2lState({ outputPadding: 1 }));
    assert.equal(r.plan, undefined);
    assert.equal(
      r.error,
      'Output padding 1 is too large: it must be smaller than the stride (1) or the dilation (1), so only 0 here ' +
        '(torch.nn.ConvTranspose2d). Lower the output padding, or raise the stride.',
    );
    const ok = computeTransposed(d2lState({ outputPadding: 1, stride: 2 }));
    assert.equal(ok.error, undefined);
    assert.deepEqual(ok.Yall?.[0], gather([D2L()], [[D2L()]], { s: 2, p: 0, d: 1, op: 1, groups: 1 }, 0).Y);
  });

  test('output padding 2 with stride 2, dilation 3: allowed up to 2 (below the dilation)', () => {
    assert.equal(computeTransposed(d2lState({ outputPadding: 2, stride: 2, dilation: 3 })).error, undefined);
    assert.match(
      computeTransposed(d2lState({ outputPadding: 3, stride: 2, dilation: 3 })).error ?? '',
      /so 0 to 2 here/,
    );
  });

  test('padding 2 on x=[2,2] k=[2,2] s=1 crops all of Y: names the padding, the 3 rows and the largest padding 1', () => {
    const e = computeTransposed(d2lState({ padding: 2 })).error ?? '';
    assert.match(e, /^Padding 2 crops all of Y: before the crop the transposed convolution writes 3 rows/);
    assert.match(e, /Padding must be at most 1 here/);
  });

  test("output padding with padding 'same': must be 0", () => {
    assert.match(
      computeTransposed(d2lState({ padding: 'same', outputPadding: 1, stride: 2 })).error ?? '',
      /^Output padding must be 0 with padding 'same'/,
    );
  });

  test('an output past the panel limit is refused with its size', () => {
    const X = [Array.from({ length: 120 }, () => new Array<number>(120).fill(1))];
    assert.match(computeTransposed(d2lState({ X, K: [[D2L()]], stride: 8 })).error ?? '', /output would be 954×954/);
  });

  test('the output padding field: −1, 8, 1.5 and empty name the range and the value in use; 0 to 7 pass', () => {
    const check = outputPaddingCheck(1);
    for (const bad of ['-1', '8', '1.5']) {
      const r = check(bad, false);
      assert.ok(!r.ok);
      assert.match(
        r.message,
        new RegExp(
          `^output padding must be a whole number from 0 to 7, smaller than the stride or the dilation \\(torch\\.nn\\.ConvTranspose2d\\) \\(got “${bad.replace('.', '\\.')}”\\); Y still uses output padding 1$`,
        ),
      );
    }
    const empty = check('', false);
    assert.ok(!empty.ok && empty.message.includes('(the field is empty)'));
    assert.deepEqual(check('7', false), { ok: true, value: 7 });
  });
});

describe('transposed mode: input, caption and export', () => {
  test('only X (a 3-D volume of 2 channels): d2l K for each input channel, one output channel', () => {
    const X = [D2L(), D2L()];
    const s = applyInput(defaultStepState(), { X, mode: 'transposed', source: 'a.py:3 trans_conv(…)' });
    assert.deepEqual(s.K, [[D2L()], [D2L()]]);
    assert.equal(cOutOf(s), 1);
    assert.equal(setupCaption(s).matrices, 'X from a.py:3 trans_conv(…); K from the picker below.');
  });

  test('a call with stride 2, padding 1, output padding 1: settings "from the input"; output padding 9 refused', () => {
    const s = applyInput(defaultStepState(), {
      X: D2L(),
      K: D2L(),
      stride: 2,
      padding: 1,
      outputPadding: 1,
      mode: 'transposed',
      source: 'a.py:4 conv_transpose2d(…)',
    });
    assert.deepEqual([s.stride, s.padding, s.outputPadding], [2, 1, 1]);
    assert.match(
      setupCaption(s).settings,
      /^padding 1, stride 2, transposed convolution, output padding 1 from the input/,
    );
    assert.throws(
      () => applyInput(defaultStepState(), { X: D2L(), outputPadding: 9, mode: 'transposed' }),
      /step: input outputPadding 9 refused: output padding must be a whole number from 0 to 7/,
    );
    // Output padding of a cross-correlation input means nothing and is not applied.
    assert.equal(applyInput(defaultStepState(), { X: D2L(), outputPadding: 1 }).outputPadding, 0);
  });

  test('export follows the mode: op transposed with output padding; the NumPy program prints the panel’s Y', () => {
    const s = d2lState({ stride: 2, outputPadding: 1, bias: [0.5] });
    const spec = exportSpecOf(s);
    assert.equal(spec.op, 'transposed');
    assert.equal(spec.outputPadding, 1);
    assert.equal(exportSpecOf(defaultStepState()).outputPadding, undefined, 'cross-correlation has none');
    const ex = stepExport(s);
    assert.match(ex.what, /^Y = X ⋆ᵀ K \+ b/);
    const [run] = runPython([ex.code('numpy')], ['Y']);
    const want = computeTransposed(s).Yall!;
    const Y = run.values.Y as number[][] | number[][][];
    const got = (Array.isArray(Y[0][0]) ? Y : [Y]) as number[][][];
    got.forEach((M, o) => assertMatrixClose(M, want[o], 1e-6, `numpy Y[${o}]`));
  });
});
