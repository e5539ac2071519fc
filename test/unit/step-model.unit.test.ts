// What the step panel shows (webview-ui/step/model.ts, state.ts, controls' parsers): geometry, the window, the
// arithmetic, the size formula, receptive fields. Expected values are Fig. 5.1's (d2l §5.1) or from the plain-loop
// reference, never from the code under test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fig51K, fig51X } from '../../src/core/fixtures';
import { corr2dReference, convolve2dReference } from '../../src/core/reference';
import {
  cellArithmetic,
  fieldsOf,
  makePlan,
  paddedInput,
  stackArithmetic,
  stackGeometry,
  stepArithmetic,
  windowTaps,
  type Plan,
  type StepConfig,
} from '../../webview-ui/step/model';
import { cellAt, type StepCell } from '../../webview-ui/step/stepper';
import { sizeFormulaLines } from '../../src/core/formula';
import { applyInput, defaultStepState, parseStepState } from '../../webview-ui/step/state';
import { KERNEL_PRESETS } from '../../webview-ui/step/presets';
import { parseBias, parseSmallInt } from '../../webview-ui/step/fields';

/** A one-channel config (d2l §7.2): `X: [h, w]`, `K: [kh, kw]`, a scalar bias; the panel's X [1, h, w], K [1, 1, kh, kw]. */
type OneChannel = Omit<Partial<StepConfig>, 'X' | 'K' | 'bias'> & { X?: number[][]; K?: number[][]; bias?: number };
const fig51 = ({ X = fig51X(), K = fig51K(), bias, ...patch }: OneChannel = {}): StepConfig => ({
  X: [X],
  K: [[K]],
  mode: 'correlation',
  bias: bias === undefined ? undefined : [bias],
  padding: 'valid',
  stride: 1,
  dilation: 1,
  groups: 1,
  out: 0,
  ...patch,
});

/** The arithmetic line of a one-channel step or cell. */
const stepLine = (X: number[][], plan: Plan, c: StepCell, b: number | undefined): string =>
  stepArithmetic([X], plan, c, b === undefined ? undefined : [b]).line;
const cellLine = (X: number[][], plan: Plan, i: number, j: number, b: number | undefined): string =>
  cellArithmetic([X], plan, i, j, b === undefined ? undefined : [b]).line;

/** The value of the sum after "=" in an arithmetic line. */
const result = (text: string) => Number(text.split('= ').pop());

describe('step model: Fig. 5.1 X=[3,3] K=[2,2] valid', () => {
  const plan = makePlan(fig51());
  test('4 steps over a 2×2 output', () => {
    assert.deepEqual([plan.geom.outH, plan.geom.outW, plan.steps], [2, 2, 4]);
  });
  test('arithmetic of the 4 steps: 19, 25, 37, 43; the first is "0×0 + 1×1 + 3×2 + 4×3 = 19"', () => {
    const texts = [0, 1, 2, 3].map((k) => stepLine(fig51X(), plan, cellAt(k, 2, false), undefined));
    assert.equal(texts[0], '0×0 + 1×1 + 3×2 + 4×3 = 19');
    assert.deepEqual(texts.map(result), [19, 25, 37, 43]);
  });
  test('window of Y[0,1] on X: cells (0,1) (0,2) (1,1) (1,2)', () => {
    assert.deepEqual(windowTaps(plan.geom, 0, 1), [
      [0, 1],
      [0, 2],
      [1, 1],
      [1, 2],
    ]);
  });
  test('size formula with the numbers: ⌊(3 − 2 + 0 + 1) / 1⌋ = 2 on both axes', () => {
    assert.deepEqual(sizeFormulaLines(plan.geom), [
      'rows: ⌊(3 − 2 + 0 + 1) / 1⌋ = 2',
      'cols: ⌊(3 − 2 + 0 + 1) / 1⌋ = 2',
    ]);
  });
});

describe('step model: options', () => {
  test('true convolution slides K flipped [[3, 2], [1, 0]]; sums match convolve2dReference', () => {
    const plan = makePlan(fig51({ mode: 'convolution' }));
    assert.deepEqual(plan.applied[0][0], [
      [3, 2],
      [1, 0],
    ]);
    const expected = convolve2dReference(fig51X(), fig51K());
    for (let k = 0; k < 4; k++) {
      const c = cellAt(k, 2, false);
      assert.equal(result(stepLine(fig51X(), plan, c, undefined)), expected[c.i][c.j]);
    }
  });
  test('bias b=1: 8 steps; Y[0,0] sum step "… = 19", bias step "19 + b = 19 + 1 = 20"', () => {
    const plan = makePlan(fig51({ bias: 1 }));
    assert.equal(plan.steps, 8);
    assert.equal(stepLine(fig51X(), plan, cellAt(0, 2, true), 1), '0×0 + 1×1 + 3×2 + 4×3 = 19');
    assert.equal(stepLine(fig51X(), plan, cellAt(1, 2, true), 1), '19 + b = 19 + 1 = 20');
    assert.equal(cellLine(fig51X(), plan, 1, 1, -2), '4×0 + 5×1 + 7×2 + 8×3 + (-2) = 41');
  });
  test('padding 1: X shown 5×5 with 16 zero cells around; Y=[4,4]; Y[0,0] window starts in the padding', () => {
    const plan = makePlan(fig51({ padding: 1 }));
    const { M, pad } = paddedInput(fig51X(), plan.geom);
    assert.deepEqual([M.length, M[0].length, pad.length], [5, 5, 16]);
    assert.deepEqual(M[1], [0, 0, 1, 2, 0]);
    assert.deepEqual([plan.geom.outH, plan.geom.outW], [4, 4]);
    assert.deepEqual(windowTaps(plan.geom, 0, 0), [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    assert.equal(stepLine(fig51X(), plan, { i: 0, j: 0, phase: 'sum' }, undefined), '0×3 = 0');
    assert.match(sizeFormulaLines(plan.geom)[0], /⌊\(3 − 2 \+ 2 \+ 1\) \/ 1⌋ = 4$/);
  });
  test('X=[6,8] K=[2,2] stride 2 dilation 2: k_eff 3, out [2,3]; sums match corr2dReference', () => {
    const X = Array.from({ length: 6 }, (_, r) => Array.from({ length: 8 }, (_, c) => r * 8 + c));
    const plan = makePlan(fig51({ X, stride: 2, dilation: 2 }));
    assert.deepEqual([plan.geom.outH, plan.geom.outW], [2, 3]);
    assert.match(sizeFormulaLines(plan.geom)[1], /⌊\(8 − 3 \+ 0 \+ 2\) \/ 2⌋ = 3 \(k_eff = 2·\(2 − 1\) \+ 1 = 3\)$/);
    assert.deepEqual(windowTaps(plan.geom, 1, 2), [
      [2, 4],
      [2, 6],
      [4, 4],
      [4, 6],
    ]);
    const ref = corr2dReference(X, fig51K(), { stride: 2, dilation: 2 });
    for (let k = 0; k < plan.steps; k++) {
      const c = cellAt(k, 3, false);
      assert.equal(result(stepLine(X, plan, c, undefined)), ref[c.i][c.j], `Y[${c.i}][${c.j}]`);
    }
  });
  test("'same' X=[3,3] K=[2,2]: odd pad on the bottom/right, Y=[3,3]", () => {
    const plan = makePlan(fig51({ padding: 'same' }));
    const g = plan.geom;
    assert.deepEqual([g.padTop, g.padBottom, g.padLeft, g.padRight, g.outH, g.outW], [0, 1, 0, 1, 3, 3]);
  });
  test("kernel 3×3 larger than input 2×5 → the core's message", () => {
    assert.throws(
      () =>
        makePlan(
          fig51({
            X: [
              [1, 2, 3, 4, 5],
              [6, 7, 8, 9, 10],
            ],
            K: [
              [1, 0, 0],
              [0, 1, 0],
              [0, 0, 1],
            ],
          }),
        ),
      { message: 'corr2d: kernel 3×3 is larger than input 2×5' },
    );
    assert.throws(
      () => makePlan(fig51({ K: [[1, 2, 3, 4]], mode: 'convolution' })),
      /^Error: convolve2d: kernel 1×4 is larger than input 3×3$/,
    );
  });
});

describe('step model: stacked layer and receptive field (d2l §5.1.6)', () => {
  const plan = makePlan(fig51());
  const Y = corr2dReference(fig51X(), fig51K());
  const K2 = [
    [1, 1],
    [1, 1],
  ];
  const g2 = stackGeometry(Y, K2);
  test('a 2×2 layer on Y=[2,2] gives a single z = 19 + 25 + 37 + 43 = 124', () => {
    assert.deepEqual([g2.outH, g2.outW], [1, 1]);
    assert.equal(stackArithmetic(Y, K2, 0, 0), '19×1 + 25×1 + 37×1 + 43×1 = 124');
  });
  test('z → all 4 cells of Y and all 9 cells of X', () => {
    const f = fieldsOf({ layer: 'Z', i: 0, j: 0 }, plan.geom, g2);
    assert.equal(f.Y.length, 4);
    assert.equal(f.X.length, 9);
  });
  test('Y[1,0] → its 4 window cells on X, none on Y', () => {
    assert.deepEqual(fieldsOf({ layer: 'Y', i: 1, j: 0 }, plan.geom, g2), {
      X: [
        [1, 0],
        [1, 1],
        [2, 0],
        [2, 1],
      ],
      Y: [],
    });
  });
  test('with padding 1 the field on X is in padded-grid coordinates (shifted by 1)', () => {
    const p = makePlan(fig51({ padding: 1 }));
    assert.deepEqual(fieldsOf({ layer: 'Y', i: 0, j: 0 }, p.geom, undefined).X, [[1, 1]]);
  });
  test('a Z cell without a stacked layer is an error', () => {
    assert.throws(() => fieldsOf({ layer: 'Z', i: 0, j: 0 }, plan.geom, undefined), /no stacked layer/);
  });
});

describe('step state and input', () => {
  test('defaults: Fig. 5.1, cross-correlation, no bias; they survive a save/restore round trip', () => {
    const s = defaultStepState();
    assert.deepEqual(
      [s.X, s.K, s.mode, s.bias, s.padding],
      [[fig51X()], [[fig51K()]], 'correlation', undefined, 'valid'],
    );
    for (const saved of [s, { ...s, bias: [-1.5], mode: 'convolution' as const, padding: 2, stack: true, index: 7 }]) {
      const json = JSON.parse(JSON.stringify(saved));
      assert.deepEqual(parseStepState(json), json);
    }
  });
  test('a damaged or foreign state is refused (the panel falls back to input/defaults)', () => {
    assert.equal(parseStepState({ ...defaultStepState(), stride: 0 }), undefined);
    assert.equal(parseStepState({ ...defaultStepState(), X: [[1, 'a']] }), undefined);
    assert.equal(parseStepState('x'), undefined);
  });
  test('input X and K: K becomes the picker\'s "input" kernel; step back to 0', () => {
    const s = applyInput({ ...defaultStepState(), index: 3 }, { X: [[1, 2, 3]], K: [[1, 1]], source: 'a.py:3' });
    assert.deepEqual(
      [s.X, s.K, s.kernelId, s.inputK, s.index, s.source],
      [[[[1, 2, 3]]], [[[[1, 1]]]], 'input', [[[[1, 1]]]], 0, 'a.py:3'],
    );
  });
  test('input X only: the picker starts on [[1, −1]], or [[1], [−1]] for a single column', () => {
    assert.deepEqual(applyInput(defaultStepState(), { X: [[1, 1, 0, 0]] }).K, [[[[1, -1]]]]);
    const col = applyInput(defaultStepState(), { X: [[1], [0], [1]] });
    assert.deepEqual([col.kernelId, col.K], ['edge-y', [[[[1], [-1]]]]]);
  });
  test('presets: Sobel x/y, Laplacian, identity, box blur 3×3 sums to 1; ids unique', () => {
    const byId = Object.fromEntries(KERNEL_PRESETS.map((p) => [p.id, p.kernel()]));
    assert.equal(new Set(KERNEL_PRESETS.map((p) => p.id)).size, KERNEL_PRESETS.length);
    assert.deepEqual(byId['sobel-y'], [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ]);
    assert.deepEqual(byId['sobel-x'][1], [-2, 0, 2]);
    assert.equal(
      byId.laplacian.flat().reduce((a: number, b: number) => a + b, 0),
      0,
    );
    assert.ok(Math.abs(byId['box-blur'].flat().reduce((a: number, b: number) => a + b, 0) - 1) < 1e-12);
    assert.deepEqual(corr2dReference(fig51X(), byId.identity), [[4]]);
  });
  test('bias and stride fields: empty → no bias, U+2212 minus accepted, junk refused', () => {
    assert.deepEqual(['', ' 1.5', '−2', 'abc'].map(parseBias), [undefined, 1.5, -2, null]);
    assert.deepEqual(['1', '8', '0', '9', '1.5', ''].map(parseSmallInt), [1, 8, null, null, null, null]);
  });
});
