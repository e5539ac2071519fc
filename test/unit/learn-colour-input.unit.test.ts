// Learn Kernel's colour experiment from the editor: 3-D literals (X [c, h, w], a target K [c, kh, kw] or
// [1, c, kh, kw], or a 2-D K over the luma) become the colour setup, with errors that name the dimension; and the run
// controller's batches and thinned saved records (20 000-step runs). Y is checked against the float64 multi-channel
// reference; the controller drives the real fast learner.
import v8 from 'node:v8';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corr2dMultiReference } from '../../src/core/channels';
import { FastConv2d, FastMultiKernelLearner } from '../../src/core/fast';
import { channelKernel } from '../../src/core/learn-multi';
import { mulberry32, randomVolume } from '../../src/core/random';
import type { Volume } from '../../src/core/volume';
import { applyChannelInput, buildColourSetup, channelWeights } from '../../webview-ui/learn/colour';
import { RunController, thinRecords, type Schedule } from '../../webview-ui/learn/controller';
import { defaultSettings, restoreSettings, STEPS } from '../../webview-ui/learn/setup';
import { defaultLearnState, learnInput, LearnStateSchema } from '../../webview-ui/learn/state';
import * as v from 'valibot';
import { assertClose } from './helpers/assert';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

const SOBEL_X = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];
const X3 = randomVolume(mulberry32(3), 3, 10, 12);

function assertVolumeClose(a: Volume, b: Volume, tol: number, what: string): void {
  assert.deepEqual([a.length, a[0].length, a[0][0].length], [b.length, b[0].length, b[0][0].length], `${what}: shape`);
  b.forEach((M, c) =>
    M.forEach((row, r) => row.forEach((x, k) => assertClose(a[c][r][k], x, tol, `${what}[${c}][${r}][${k}]`))),
  );
}

describe('colour input: 3-D literals from the editor', () => {
  test('X=[3,10,12] alone → colour mode, target luma ⊗ Sobel x, Y = corr2dMulti(X, target) (1e-12), lr from the limit', () => {
    const s = learnInput(defaultLearnState(), { X: X3, source: 'a.py:4 3×10×12' });
    assert.equal(s.settings.mode, 'colour');
    assert.equal(s.settings.steps, STEPS.colour);
    assert.equal(s.settings.lrAuto, true);
    assert.equal(s.settings.source, 'a.py:4 3×10×12');
    const setup = buildColourSetup(s.settings, s.settings.channels);
    assertVolumeClose(setup.target, channelKernel([0.299, 0.587, 0.114], SOBEL_X), 0, 'target');
    assertVolumeClose([setup.options.Y], corr2dMultiReference(X3, [setup.target]), 1e-12, 'Y');
    assert.deepEqual([setup.options.initKernel.length, setup.options.kH, setup.options.kW], [3, 3, 3]);
    assertClose(setup.options.lr, 0.9 * setup.stability.lrMax, 1e-15, 'lr', true);
  });

  test('X=[3,10,12] K=[3,2,2] → that kernel is the target; K=[1,3,2,2] the same; Y = Σ_c corr2d(X_c, K_c) (1e-12)', () => {
    const K = randomVolume(mulberry32(5), 3, 2, 2);
    for (const sent of [K, [K]]) {
      const s = learnInput(defaultLearnState(), { X: X3, K: sent });
      assert.deepEqual(s.settings.targetChannels, K);
      const setup = buildColourSetup(s.settings, s.settings.channels);
      assert.deepEqual(setup.target, K);
      assert.match(setup.targetLabel, /3-channel kernel \[3, 2, 2\] from the editor/);
      assertVolumeClose([setup.options.Y], corr2dMultiReference(X3, [K]), 1e-12, 'Y');
    }
  });

  test('X=[2,9,9] K=[1,2] (2-D) → the kernel over the channel mean (weights ½, ½); channels named 0 and 1', () => {
    const X = randomVolume(mulberry32(7), 2, 9, 9);
    const s = learnInput(defaultLearnState(), { X, K: [[1, -1]] });
    const setup = buildColourSetup(s.settings, s.settings.channels);
    assert.deepEqual(channelWeights(2).weights, [0.5, 0.5]);
    assert.deepEqual(setup.target, [[[0.5, -0.5]], [[0.5, -0.5]]]);
    assert.deepEqual(setup.names, ['channel 0', 'channel 1']);
    assert.match(setup.targetLabel, /the mean of the 2 channels\) ⊗ the kernel 1×2 from the link/);
    assertVolumeClose([setup.options.Y], corr2dMultiReference(X, [setup.target]), 1e-12, 'Y');
  });

  test('K=[3,3,3] alone → colour mode on the photo (X waits for an image)', () => {
    const K = channelKernel([0.299, 0.587, 0.114], SOBEL_X);
    const s = learnInput(defaultLearnState(), { K });
    assert.equal(s.settings.mode, 'colour');
    assert.equal(s.settings.channels, null);
    assert.throws(() => buildColourSetup(s.settings, null), /learnKernel: open a colour image first/);
  });

  test('errors name the dimension: K=[2,3,3,3], X=[3,…] with K=[2,…], X 2-D with K 3-D, X=[9,…], X=[3,200,200]', () => {
    const base = defaultLearnState();
    const K4 = [randomVolume(mulberry32(1), 3, 3, 3), randomVolume(mulberry32(2), 3, 3, 3)];
    assert.throws(
      () => learnInput(base, { X: X3, K: K4 }),
      /K is \[2, 3, 3, 3\]; Learn Kernel learns one output channel/,
    );
    assert.throws(
      () => learnInput(base, { X: X3, K: randomVolume(mulberry32(1), 2, 3, 3) }),
      /learnKernel: K has 2 input channels, X has 3/,
    );
    assert.throws(
      () => learnInput(base, { X: X3[0], K: randomVolume(mulberry32(1), 3, 3, 3) }),
      /K has channels \(3-D\), X is a matrix \[h, w\]/,
    );
    assert.throws(
      () => learnInput(base, { X: randomVolume(mulberry32(1), 9, 4, 4) }),
      /X is \[9, 4, 4\]; Learn Kernel learns on up to 8 channels of up to 128×128/,
    );
    assert.throws(
      () => applyChannelInput(defaultSettings(), { X: randomVolume(mulberry32(1), 3, 200, 200) }),
      /X is \[3, 200, 200\]/,
    );
    assert.throws(
      () => learnInput(base, { X: [X3[0], X3[1].slice(1)] }),
      /learnKernel: X channel 1 is 9×12, channel 0 is 10×12/,
    );
    const small = learnInput(base, { X: randomVolume(mulberry32(1), 3, 2, 2) });
    assert.throws(
      () => buildColourSetup(small.settings, small.settings.channels),
      /target kernel 3×3 is larger than X 2×2/,
    );
  });

  test('a 2-D K with the colour photo open keeps colour mode (K over the luma); without one it is the book', () => {
    const colour = { ...defaultLearnState(), settings: { ...defaultSettings(), mode: 'colour' as const } };
    const withPhoto = learnInput({ ...colour, photo: { uri: 'u', name: 'chelsea.png' } }, { K: SOBEL_X });
    assert.equal(withPhoto.settings.mode, 'colour');
    assert.equal(withPhoto.settings.preset, 'custom');
    assert.equal(learnInput(colour, { K: SOBEL_X }).settings.mode, 'book');
  });

  test('saved settings with channels come back; a malformed volume falls back to null', () => {
    const s = learnInput(defaultLearnState(), { X: X3, K: [[1, -1]] }).settings;
    assert.deepEqual(restoreSettings(JSON.parse(JSON.stringify(s))).channels, X3);
    assert.equal(restoreSettings({ ...s, channels: [[[1, 2]], [[3]]] }).channels, null);
    const state = v.parse(LearnStateSchema, {
      settings: s,
      records: [{ step: 4, kernel: X3.map((M) => M.slice(0, 3).map((r) => r.slice(0, 3))), bias: 0, loss: 2 }],
      status: 'paused',
    });
    assert.equal(state.records[0].step, 4);
  });
});

/** A fake clock: scheduled callbacks run on `drain`; `now` advances by `tick` ms per reading. */
function fakeClock(tick: number): { schedule: Schedule; drain: () => number; now: () => number } {
  const queue: Array<() => void> = [];
  let t = 0;
  return {
    schedule: (f) => {
      queue.push(f);
      return () => queue.splice(queue.indexOf(f) >>> 0, 1);
    },
    drain: () => {
      let n = 0;
      while (queue.length) {
        queue.shift()?.();
        n++;
      }
      return n;
    },
    now: () => (t += tick),
  };
}

describe('colour runs in the controller: batches, thinned saved records, resume', () => {
  const s = learnInput(defaultLearnState(), { X: X3 }).settings;
  // Tolerance 0: a random X is well conditioned and would converge before the steps run out.
  const built = buildColourSetup({ ...s, steps: 600 }, s.channels);
  const setup = { ...built, options: { ...built.options, tolerance: 0 } };
  const engine = FastConv2d.create()!;

  test('delay 0, batch 30 ms, clock +1 ms a reading: 600 steps in 20 ticks (30 steps each), one emit per tick', () => {
    const clock = fakeClock(1);
    let emits = 0;
    const c = new RunController(
      { options: setup.options, delayMs: 0, batchMs: 30 },
      (o) => new FastMultiKernelLearner(o, engine),
      () => emits++,
      clock.schedule,
      [],
      undefined,
      clock.now,
    );
    c.play();
    const ticks = clock.drain() + 1;
    const snap = c.snapshot();
    assert.equal(snap.status, 'finished');
    assert.equal(snap.records.length, 600);
    assert.deepEqual(
      snap.records.map((r) => r.step),
      Array.from({ length: 600 }, (_, k) => k + 1),
    );
    assert.equal(ticks, 600 / 30);
    assert.equal(emits, ticks + 1, 'one emit per tick, plus the one for Play');
  });

  test('thinRecords: 300 records → 100 evenly spaced, first and last kept; a resumed run continues at the saved step', () => {
    const clock = fakeClock(1);
    const whole = new RunController(
      { options: { ...setup.options, steps: 600 }, delayMs: 0 },
      (o) => new FastMultiKernelLearner(o, engine),
      () => {},
      clock.schedule,
    );
    for (let k = 0; k < 300; k++) whole.step();
    const saved = thinRecords(whole.snapshot().records, 100);
    assert.equal(saved.length, 100);
    assert.equal(saved[0].step, 1);
    assert.equal(saved[99].step, 300);
    assert.ok(saved.every((r, k) => k === 0 || r.step > saved[k - 1].step));
    assert.equal(thinRecords([1, 2, 3], 400).length, 3);
    const resumed = new RunController(
      { options: { ...setup.options, steps: 600 }, delayMs: 0 },
      (o) => new FastMultiKernelLearner(o, engine),
      () => {},
      clock.schedule,
      saved,
      'paused',
    );
    assert.equal(resumed.stepsDone, 300);
    const next = resumed.step();
    assert.equal(next?.step, 301);
    const cont = whole.step();
    assert.ok(next && cont);
    assertClose(next.loss, cont.loss, 1e-9 * cont.loss, 'the resumed step equals the uninterrupted one', false);
  });
});
