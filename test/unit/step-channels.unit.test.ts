// The Step panel with channels (d2l §7.4): inputs of [c_in, h, w] and kernel banks [c_out, c_in/groups, kh, kw], the
// per-channel arithmetic, groups, output-channel choice, bias per output channel, and the named errors. Expected values
// are the book's (§7.4: 56, 72, 104, 120; K, K+1, K+2; the depthwise example of the issue) or the float64 reference.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corr2dMultiReference } from '../../src/core/channels';
import { computeStep } from '../../webview-ui/step/compute';
import { makePlan, stepArithmetic, cellArithmetic } from '../../webview-ui/step/model';
import { FORWARD_EXAMPLES, d2l74X } from '../../webview-ui/step/presets';
import { applyExample, applyInput, defaultStepState, regroup, setupCaption } from '../../webview-ui/step/state';
import { cellAt } from '../../webview-ui/step/stepper';
import { groupChoices } from '../../webview-ui/step/Controls';
import { biasCheck } from '../../webview-ui/step/fields';
import { useCpuBackend } from './helpers/tf';

const K741 = [
  [
    [0, 1],
    [2, 3],
  ],
  [
    [1, 2],
    [3, 4],
  ],
];

describe('step with channels (d2l §7.4)', () => {
  before(useCpuBackend);

  test('corr2d_multi_in(X [2,3,3], K [2,2,2]): Y = [[56, 72], [104, 120]], step 1 "channel 0: 19 + channel 1: 37 = 56"', () => {
    const s = applyInput(defaultStepState(), { X: d2l74X(), K: K741, source: 'a.py:9 corr2d_multi_in(…)' });
    const r = computeStep(s);
    assert.equal(r.error, undefined);
    assert.deepEqual(r.Y, [
      [56, 72],
      [104, 120],
    ]);
    assert.ok((r.refDiff ?? 1) <= 1e-5, `tfjs vs float64 ${r.refDiff}`);
    const plan = makePlan(s);
    const a = stepArithmetic(s.X, plan, cellAt(0, 2, false), undefined);
    assert.equal(a.line, 'channel 0: 19 + channel 1: 37 = 56');
    assert.deepEqual(a.detail, ['channel 0: 0×0 + 1×1 + 3×2 + 4×3 = 19', 'channel 1: 1×1 + 2×2 + 4×3 + 5×4 = 37']);
  });

  test('K, K+1, K+2 as three output channels: Y₁ = [[76, 100], [148, 172]], Y₂ = [[96, 128], [192, 224]]', () => {
    const s = applyExample(defaultStepState(), 'd2l-742');
    for (const [out, want] of [
      [
        1,
        [
          [76, 100],
          [148, 172],
        ],
      ],
      [
        2,
        [
          [96, 128],
          [192, 224],
        ],
      ],
    ] as const) {
      assert.deepEqual(computeStep({ ...s, out }).Y, want, `output channel ${out}`);
    }
    assert.deepEqual(computeStep(s).Yall?.length, 3);
  });

  test('bias [1, 0, −2]: the bias step of output channel 2 reads "96 + b₂ = 96 + (-2) = 94"', () => {
    const s = { ...applyExample(defaultStepState(), 'd2l-742'), bias: [1, 0, -2], out: 2 };
    const plan = makePlan(s);
    assert.equal(plan.steps, 8);
    assert.equal(stepArithmetic(s.X, plan, cellAt(1, 2, true), s.bias).line, '96 + b₂ = 96 + (-2) = 94');
    assert.equal(cellArithmetic(s.X, plan, 0, 0, s.bias).line, 'channel 0: 35 + channel 1: 61 + b₂ = 96 + (-2) = 94');
    assert.deepEqual(computeStep(s).Y, [
      [94, 126],
      [190, 222],
    ]);
  });

  test('depthwise (groups = 2): X₀ = 0..8, X₁ = 1..9 → [[4, 6], [10, 12]] and [[6, 8], [12, 14]]', () => {
    const s = applyExample(defaultStepState(), 'depthwise');
    assert.deepEqual(computeStep(s).Y, [
      [4, 6],
      [10, 12],
    ]);
    assert.deepEqual(computeStep({ ...s, out: 1 }).Y, [
      [6, 8],
      [12, 14],
    ]);
  });

  test('every example computes on tfjs what the float64 loop computes, on every output channel', () => {
    for (const e of FORWARD_EXAMPLES) {
      const s = applyExample(defaultStepState(), e.id);
      const r = computeStep(s);
      assert.equal(r.error, undefined, e.id);
      assert.deepEqual(r.Yall, corr2dMultiReference(s.X, s.K, { groups: s.groups }), e.id);
    }
  });

  test('groups: the choices divide both counts; regroup keeps the first c_in/groups kernels', () => {
    assert.deepEqual(groupChoices(4, 4), [1, 2, 4]);
    assert.deepEqual(groupChoices(2, 3), [1]);
    const s = applyExample(defaultStepState(), 'grouped');
    const K4 = regroup(s.X, s.K, 4);
    assert.deepEqual(
      K4?.map((bank) => bank.length),
      [1, 1, 1, 1],
    );
    assert.deepEqual(K4?.[0][0], s.K[0][0]);
    assert.equal(regroup(s.X, s.K, 3), undefined);
    assert.equal(computeStep({ ...s, groups: 4, K: K4 ?? s.K }).error, undefined);
  });

  test('channels that do not match: the panel names the dimension (K reads 3 channels, X has 2)', () => {
    const s = applyInput(defaultStepState(), { X: d2l74X(), K: [...K741, K741[0]] });
    const r = computeStep(s);
    assert.equal(r.Y, undefined);
    assert.equal(
      r.error,
      'K has 3 input channels but X has 2 channels: each output channel needs one kernel per input channel it reads. ' +
        'Give K 2 kernels per output channel, or an X with 3 channels.',
    );
    // Grouped: 4 channels in 2 groups read 2 each; a bank of 1 per group names the groups.
    const X4 = [...d2l74X(), ...d2l74X()];
    const grouped = computeStep({ ...applyInput(defaultStepState(), { X: X4, K: [[K741[0]], [K741[1]]] }), groups: 2 });
    assert.match(
      grouped.error ?? '',
      /^K has 1 input channel per group \(groups 2\) but X has 4 channels: .* Give K 2 kernels per output channel, or an X with 2 channels\.$/,
    );
  });

  test('the caption names groups for channels only; an input of a 3-D X alone gets [1, −1] on every channel', () => {
    const s = applyInput(defaultStepState(), { X: d2l74X(), groups: 2, K: [[K741[0]], [K741[1]]], source: 'b.py:1' });
    assert.match(setupCaption(s).settings, /groups 2 from the input/);
    assert.doesNotMatch(setupCaption(defaultStepState()).settings, /groups/);
    const x = applyInput(defaultStepState(), { X: d2l74X() });
    assert.deepEqual(x.K, [[[[1, -1]], [[1, -1]]]]);
  });

  test('the bias field takes one number for every channel or one per output channel, and names the rule', () => {
    const check = biasCheck(3, undefined);
    assert.deepEqual(check('1.5'), { ok: true, value: [1.5, 1.5, 1.5] });
    assert.deepEqual(check('1, 0, −2'), { ok: true, value: [1, 0, -2] });
    assert.deepEqual(check(''), { ok: true, value: undefined });
    const bad = check('1, 2');
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.message, /one number, or 3 \(one per output channel/);
  });
});
