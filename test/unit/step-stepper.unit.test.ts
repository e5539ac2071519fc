// The step panel's animation state machine (webview-ui/step/stepper.ts): pure, so it is tested here in Node.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  cellAt,
  indexOfCell,
  initialStepper,
  stepCount,
  stepperReducer,
  type StepperAction,
  type StepperState,
} from '../../webview-ui/step/stepper';

const run = (s: StepperState, ...actions: StepperAction[]) => actions.reduce(stepperReducer, s);

describe('stepper: controls', () => {
  test('4 steps (Fig. 5.1 Y=[2,2]): forward ×3 reaches the last step, a 4th forward stays there', () => {
    const s = run(initialStepper(4), { type: 'forward' }, { type: 'forward' }, { type: 'forward' });
    assert.equal(s.index, 3);
    assert.equal(run(s, { type: 'forward' }).index, 3);
  });
  test('back at step 0 stays at 0; seek clamps to [0, count − 1] and rounds', () => {
    assert.equal(run(initialStepper(4), { type: 'back' }).index, 0);
    assert.equal(run(initialStepper(4), { type: 'seek', index: 99 }).index, 3);
    assert.equal(run(initialStepper(4), { type: 'seek', index: -5 }).index, 0);
    assert.equal(run(initialStepper(4), { type: 'seek', index: 1.6 }).index, 2);
  });
  test('play ticks forward and stops itself at the last step', () => {
    let s = run(initialStepper(3), { type: 'play' });
    assert.deepEqual([s.index, s.playing], [0, true]);
    s = run(s, { type: 'tick' });
    assert.deepEqual([s.index, s.playing], [1, true]);
    s = run(s, { type: 'tick' });
    assert.deepEqual([s.index, s.playing], [2, false]);
    assert.deepEqual(run(s, { type: 'tick' }), s, 'a late tick changes nothing');
  });
  test('play at the last step starts again from step 0', () => {
    const s = run(initialStepper(4, 3), { type: 'play' });
    assert.deepEqual([s.index, s.playing], [0, true]);
  });
  test('manual moves pause playback; pause keeps the step', () => {
    const playing = run(initialStepper(5), { type: 'play' }, { type: 'tick' });
    for (const a of [
      { type: 'forward' },
      { type: 'back' },
      { type: 'seek', index: 3 },
      { type: 'pause' },
    ] as StepperAction[]) {
      assert.equal(run(playing, a).playing, false, a.type);
    }
    assert.equal(run(playing, { type: 'pause' }).index, 1);
  });
  test('nothing to step (count 0 after an error) or a single step: play does not start', () => {
    assert.deepEqual(run(initialStepper(0), { type: 'play' }, { type: 'forward' }), {
      index: 0,
      count: 0,
      playing: false,
    });
    assert.equal(run(initialStepper(1), { type: 'play' }).playing, false);
  });
  test('reset to a new count keeps a valid index', () => {
    assert.deepEqual(run(initialStepper(16, 10), { type: 'reset', count: 4, index: 10 }), {
      index: 3,
      count: 4,
      playing: false,
    });
  });
  test('property: any action sequence keeps 0 ≤ index < count, and playing only with count > 1', () => {
    const action = fc.oneof(
      fc.constantFrom<StepperAction>(
        { type: 'forward' },
        { type: 'back' },
        { type: 'play' },
        { type: 'pause' },
        { type: 'tick' },
      ),
      fc.integer({ min: -10, max: 40 }).map((index): StepperAction => ({ type: 'seek', index })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.array(action, { maxLength: 60 }), (count, actions) => {
        let s = initialStepper(count);
        for (const a of actions) {
          s = stepperReducer(s, a);
          if (s.index < 0 || s.index >= count || !Number.isInteger(s.index)) return false;
          if (s.playing && (count <= 1 || s.index === count - 1)) return false;
        }
        return true;
      }),
    );
  });
});

describe('stepper: steps ↔ output cells (reading order)', () => {
  test('Y=[2,3] without bias: 6 steps, row by row', () => {
    assert.equal(stepCount(2, 3, false), 6);
    const cells = Array.from({ length: 6 }, (_, k) => cellAt(k, 3, false));
    assert.deepEqual(
      cells.map((c) => [c.i, c.j, c.phase]),
      [
        [0, 0, 'sum'],
        [0, 1, 'sum'],
        [0, 2, 'sum'],
        [1, 0, 'sum'],
        [1, 1, 'sum'],
        [1, 2, 'sum'],
      ],
    );
  });
  test('Y=[2,2] with bias: 8 steps, each cell its sum then its "+ b"', () => {
    assert.equal(stepCount(2, 2, true), 8);
    assert.deepEqual(
      [0, 1, 2, 7].map((k) => cellAt(k, 2, true)),
      [
        { i: 0, j: 0, phase: 'sum' },
        { i: 0, j: 0, phase: 'bias' },
        { i: 0, j: 1, phase: 'sum' },
        { i: 1, j: 1, phase: 'bias' },
      ],
    );
  });
  test('indexOfCell inverts cellAt for every cell of Y=[4,5], with and without bias', () => {
    for (const bias of [false, true]) {
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 5; j++) {
          const k = indexOfCell(i, j, 5, bias);
          assert.deepEqual(cellAt(k, 5, bias), { i, j, phase: 'sum' });
        }
      }
    }
  });
});
