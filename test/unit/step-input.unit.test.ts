// Input from the editor, a hover link or the sidebar's "Step" button (webview-ui/step/state.ts applyInput): matrices
// and the sidebar's bias/padding/stride/dilation applied whole, or refused whole with a message naming the size or
// range while the previous state stays as it was; saved states holding a refused matrix are never restored; the
// messages of invalid stride/dilation/bias fields (controls.ts). Expected Y comes from the plain-loop reference.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corr2dReference } from '../../src/core/reference';
import { cellArithmetic, makePlan } from '../../webview-ui/step/model';
import { applyInput, defaultStepState, editSetting, parseStepState, setupCaption } from '../../webview-ui/step/state';
import { biasProblem, smallIntProblem } from '../../webview-ui/step/fields';

const ramp = (h: number, w: number) =>
  Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => r * w + c));

describe('step input: settings from the sidebar', () => {
  test('X=[6,7] K=[2,2] bias 0.5, padding 1, stride 2, dilation 2: applied; Y matches the float64 loop', () => {
    const X = ramp(6, 7);
    const K = [
      [1, -1],
      [2, 0.5],
    ];
    const s = applyInput(defaultStepState(), {
      X,
      K,
      bias: 0.5,
      padding: 1,
      stride: 2,
      dilation: 2,
      source: 'sidebar',
    });
    assert.deepEqual([s.bias, s.padding, s.stride, s.dilation, s.kernelId, s.index], [[0.5], 1, 2, 2, 'input', 0]);
    const plan = makePlan({ ...s, bias: s.bias });
    const opts = { padding: 1, stride: 2, dilation: 2 } as const;
    const expected = corr2dReference(X, K, opts); // 6+2−3 → ⌊(5+2)/2⌋ = 3 rows, ⌊(6+2)/2⌋ = 4 columns
    assert.deepEqual([plan.geom.outH, plan.geom.outW], [expected.length, expected[0].length]);
    assert.deepEqual([plan.geom.outH, plan.geom.outW, plan.steps], [3, 4, 24], '3×4 cells, each with a "+ b" step');
    // Every cell's arithmetic line (what the panel shows) ends in the reference value + b (exact: multiples of 0.5).
    const shown = expected.map((row, i) =>
      row.map((_, j) =>
        Number((cellArithmetic([X], plan, i, j, s.bias).line.split('= ').pop() ?? '').replace('\u2212', '-')),
      ),
    );
    assert.deepEqual(
      shown,
      expected.map((row) => row.map((y) => y + 0.5)),
    );
  });
  test("padding 'same' and 'valid' pass through; padding 0 is 'valid'; bias 0 means no bias step", () => {
    const base = { ...defaultStepState(), bias: [3] };
    assert.equal(applyInput(base, { padding: 'same' }).padding, 'same');
    const s = applyInput(base, { padding: 0, bias: 0 });
    assert.deepEqual([s.padding, s.bias], ['valid', undefined]);
  });
  test('absent settings take their defaults: a call with no options after one with padding, stride, dilation', () => {
    // The finding: after corr2d(X, K, padding='same', strides=2), corr2d(X, K) showed Y = [[21, 15], [13, 8]].
    const X = ramp(5, 5).map((row) => row.map((v) => v % 7));
    const K = [
      [1, 1],
      [1, 1],
    ];
    const before = applyInput(defaultStepState(), {
      X,
      K,
      padding: 'same',
      stride: 2,
      dilation: 2,
      bias: -1,
      source: 'a.py:1',
    });
    const s = applyInput(before, { X, K, source: 'a.py:5 corr2d(…)' });
    assert.deepEqual([s.bias, s.padding, s.stride, s.dilation, s.mode], [undefined, 'valid', 1, 1, 'correlation']);
    const plan = makePlan({ ...s, bias: s.bias });
    assert.deepEqual([plan.geom.outH, plan.geom.outW], [4, 4]);
    assert.deepEqual(s.named, []);
    assert.match(
      setupCaption(s).settings,
      /^padding 0 \('valid'\), stride 1, dilation 1, no bias, cross-correlation: defaults\.$/,
    );
    assert.equal(setupCaption(s).matrices, 'X from a.py:5 corr2d(…); K from a.py:5 corr2d(…).');
  });
  test('the caption names what the input gave and what was set here', () => {
    const s = applyInput(defaultStepState(), { X: ramp(4, 4), K: [[1, 0]], padding: 1, stride: 2, source: 'b.py:2' });
    assert.equal(
      setupCaption(s).settings,
      'padding 1, stride 2 from the input; dilation 1, no bias, cross-correlation: defaults.',
    );
    const edited = editSetting(s, { bias: [3] }, 'bias');
    assert.match(setupCaption(edited).settings, /; bias 3: set here\.$/);
  });
  test('K only: the book X when K fits it, else a larger X the kernel fits (never a setup the panel refuses)', () => {
    const small = applyInput(defaultStepState(), { K: [[1, 2]], source: 'c.py:1' });
    assert.deepEqual(small.X, defaultStepState().X);
    assert.equal(setupCaption(small).matrices, "X is the book's 3×3 X (Fig. 7.2.1); K from c.py:1.");
    const big = applyInput(defaultStepState(), { K: ramp(9, 9), source: 'c.py:2' });
    assert.deepEqual([big.X[0].length, big.X[0][0].length], [11, 11]);
    assert.doesNotThrow(() => makePlan({ ...big, bias: big.bias }));
    const prewitt = applyInput(defaultStepState(), { K: ramp(3, 5), dilation: 2 });
    assert.doesNotThrow(() => makePlan({ ...prewitt, bias: prewitt.bias }));
  });
});

describe('step input: refused whole, the state stays', () => {
  test('X=[200,200] is refused naming 200×200 and the 128×128 limit; the previous state is untouched', () => {
    const before = { ...defaultStepState(), stride: 2 };
    const copy = structuredClone(before);
    assert.throws(() => applyInput(before, { X: ramp(200, 200), stride: 1 }), /X is 200×200.*up to 128×128/);
    assert.deepEqual(before, copy);
  });
  test('K=[1,200] and a ragged X are refused; X=[128,128] is taken', () => {
    assert.throws(() => applyInput(defaultStepState(), { K: [ramp(1, 200)[0]] }), /K is 1×200/);
    assert.equal(applyInput(defaultStepState(), { X: ramp(128, 128) }).X[0].length, 128);
    assert.throws(() => applyInput(defaultStepState(), { X: [[1, 2], [3]] }), /X row 1 has 1 elements, row 0 has 2/);
  });
  test('stride 0, stride 2.5, dilation 1e9, padding 9, padding −1 are refused naming the allowed range', () => {
    const s = defaultStepState();
    assert.throws(() => applyInput(s, { stride: 0 }), /stride 0 refused: stride must be a whole number from 1 to 8/);
    assert.throws(() => applyInput(s, { stride: 2.5 }), /stride must be a whole number from 1 to 8/);
    assert.throws(
      () => applyInput(s, { dilation: 1e9 }),
      /dilation 1000000000 refused: dilation must be a whole number from 1 to 8/,
    );
    assert.throws(() => applyInput(s, { padding: 9 }), /padding must be 'valid', 'same' or a whole number from 0 to 8/);
    assert.throws(() => applyInput(s, { padding: -1 }), /padding -1 refused/);
    assert.throws(() => applyInput(s, { bias: Number.NaN }), /bias NaN refused/);
  });
  test('a saved state holding X=[200,200] (from an older version) is not restored', () => {
    const saved = JSON.parse(JSON.stringify({ ...defaultStepState(), X: ramp(200, 200) }));
    assert.equal(parseStepState(saved), undefined);
    const good = JSON.parse(JSON.stringify(defaultStepState()));
    assert.deepEqual(parseStepState(good), good, 'a state of showable matrices still restores');
  });
});

describe('step settings fields: invalid values name the allowed range', () => {
  test('stride 0, 2.5, 1e9, empty → "stride must be a whole number from 1 to 8 (got …); Y still uses stride 1"', () => {
    assert.equal(
      smallIntProblem('stride', '0', 1),
      'stride must be a whole number from 1 to 8 (got “0”); Y still uses stride 1',
    );
    assert.match(smallIntProblem('stride', '2.5', 1) ?? '', /from 1 to 8 \(got “2\.5”\)/);
    assert.match(
      smallIntProblem('dilation', '1e9', 2) ?? '',
      /^dilation must be a whole number from 1 to 8 \(got “1e9”\); Y still uses dilation 2$/,
    );
    assert.match(smallIntProblem('stride', '', 1) ?? '', /\(the field is empty\)/);
    assert.match(smallIntProblem('stride', '', 1, true) ?? '', /not a number/);
    assert.equal(smallIntProblem('stride', '8', 1), undefined);
  });
  test('bias "abc" → names the rule and the bias in use; "−2" and empty are fine', () => {
    assert.equal(
      biasProblem('abc', undefined),
      'bias b must be a number, or empty for no bias (got “abc”); Y still uses no bias',
    );
    assert.match(biasProblem('1..2', 1.5) ?? '', /Y still uses b = 1\.5$/);
    assert.deepEqual([biasProblem('−2', 0), biasProblem('', 0)], [undefined, undefined]);
  });
});
