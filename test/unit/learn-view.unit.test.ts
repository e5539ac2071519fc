// The Learn Kernel panel's pure logic: the setup (Y, lr, stability sentence) and the run controller driving the
// core's tfjs KernelLearner on the cpu backend, compared with the float64 reference learner.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memory } from '@tensorflow/tfjs-core';
import { KernelLearner } from '../../src/core/tfjs/learn';
import { learnKernelReference, type LearnOptions } from '../../src/core/learn-reference';
import { edgeImage, edgeTarget } from '../../src/core/fixtures';
import { corr2dReference } from '../../src/core/reference';
import {
  RunController,
  lossText,
  statusText,
  type RunSnapshot,
  type Schedule,
} from '../../webview-ui/learn/controller';
import {
  applyInput,
  buildSetup,
  defaultSettings,
  restoreSettings,
  stabilityText,
  type LearnSettings,
} from '../../webview-ui/learn/setup';
import { kernelText } from '../../webview-ui/learn/format';
import { assertClose, assertMatrixClose } from './helpers/assert';
import { useCpuBackend } from './helpers/tf';

/** A fake clock: scheduled callbacks run when `drain` is called, in order. */
function fakeClock(): { schedule: Schedule; drain: () => number } {
  const queue: Array<() => void> = [];
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
  };
}

function controllerFor(s: LearnSettings, records?: RunSnapshot['records'], status?: RunSnapshot['status']) {
  const setup = buildSetup(s, null);
  const clock = fakeClock();
  const seen: RunSnapshot[] = [];
  const c = new RunController(
    { options: setup.options, delayMs: 0 },
    (o: LearnOptions) => new KernelLearner(o),
    (snap) => seen.push(snap),
    clock.schedule,
    records,
    status,
  );
  return { c, clock, seen, setup };
}

const biasDiverging = (): LearnSettings => ({
  ...defaultSettings(),
  useBias: true,
  initKernel: [[0.5, 0.5]],
  initBias: 0,
});

describe('learn view setup', () => {
  test('X=[6,8] K=[1,2] lr=3e-2 no bias: Y = corr2d(X, [[1, −1]]), stable for lr < 1/30, no warning', () => {
    const setup = buildSetup(defaultSettings(), null);
    assert.deepEqual(setup.options.Y, edgeTarget());
    assert.equal(setup.options.lr, 0.03);
    assertClose(setup.stability.lrMax, 1 / 30, 1e-12, 'lrMax');
    const { text, warning } = stabilityText(setup);
    assert.match(text, /^stable for lr < 0\.0333 /);
    assert.equal(warning, null);
  });

  test('X=[6,8] K=[1,2] lr=3e-2 with bias: limit 0.0161 and a warning', () => {
    const setup = buildSetup(biasDiverging(), null);
    assertClose(setup.stability.lrMax, 0.016089226, 1e-8, 'lrMax with bias');
    const { text, warning } = stabilityText(setup);
    assert.match(text, /^stable for lr < 0\.0161 /);
    assert.match(warning ?? '', /lr 0\.03 is above the stability limit 0\.0161/);
    assert.deepEqual(setup.options.initKernel, [[0.5, 0.5]]);
  });

  test('lrAuto: lr = 0.9 × lrMax, said in the note', () => {
    const setup = buildSetup({ ...defaultSettings(), lrAuto: true }, null);
    assertClose(setup.options.lr, 0.9 / 30, 1e-12, 'lr');
    assert.match(setup.lrNote, /0\.9 × lrMax = 0\.03 \(chosen from the stability limit\)/);
  });

  test('photo mode X=[8,8] preset Sobel x: target 3×3, Y=[6,6], lr from the limit', () => {
    const X = Array.from({ length: 8 }, (_, r) => Array.from({ length: 8 }, (_, c) => Math.sin(r * 1.3 + c * c * 0.7)));
    const setup = buildSetup({ ...defaultSettings(), mode: 'photo' }, X);
    assert.deepEqual(setup.target, [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ]);
    assert.deepEqual(setup.options.Y, corr2dReference(X, setup.target));
    assertClose(setup.options.lr, 0.9 * setup.stability.lrMax, 1e-15, 'lr');
    assert.throws(() => buildSetup({ ...defaultSettings(), mode: 'photo' }, null), /learnKernel: open an image first/);
  });

  test('a hover link K=[3,3] becomes the target and the learned kernel shape; too large for X=[2,2] → error', () => {
    const K = [
      [1, 2, 1],
      [0, 0, 0],
      [-1, -2, -1],
    ];
    const s = applyInput({ ...defaultSettings(), initKernel: [[0.5, 0.5]] }, { K, source: 'a.py:3' });
    const setup = buildSetup(s, null);
    assert.deepEqual(setup.target, K);
    assert.equal(setup.options.initKernel.length, 3);
    assert.equal(setup.options.initKernel[0].length, 3);
    assert.deepEqual(setup.options.Y, corr2dReference(edgeImage(), K));
    assert.equal(applyInput({ ...defaultSettings(), mode: 'photo' }, { K }).preset, 'custom');
    assert.throws(
      () =>
        buildSetup(
          applyInput(s, {
            X: [
              [1, 2],
              [3, 4],
            ],
            K,
          }),
          null,
        ),
      /target kernel 3×3 is larger than X 2×2/,
    );
  });

  test('restoreSettings keeps well-formed fields and drops the rest', () => {
    assert.deepEqual(restoreSettings('junk'), defaultSettings());
    const r = restoreSettings({
      lr: -1,
      steps: 2.5,
      useBias: true,
      seed: 7,
      initKernel: [[1, NaN]],
      mode: 'photo',
      preset: 'nope',
    });
    assert.equal(r.lr, 0.03);
    assert.equal(r.steps, 10);
    assert.equal(r.useBias, true);
    assert.equal(r.seed, 7);
    assert.equal(r.initKernel, null);
    assert.equal(r.mode, 'photo');
    assert.equal(r.preset, 'sobel-x');
  });

  test('text: losses and kernels', () => {
    assert.equal(lossText(94.608), '94.61');
    assert.equal(lossText(845029533.2), '8.450e8');
    assert.equal(lossText(0.00335), '3.350e−3');
    assert.equal(kernelText([[0.9884707849, -0.9884707849]]), '[[0.98847, −0.98847]]');
  });
});

describe('learn view run controller (tfjs cpu vs float64 reference)', () => {
  before(useCpuBackend);

  test('X=[6,8] K=[1,2] lr=3e-2 seed 0, 20 steps: play matches the reference within 1e-4, tensors released', () => {
    const baseline = memory().numTensors;
    const s = { ...defaultSettings(), steps: 20 };
    const { c, clock, seen } = controllerFor(s);
    c.play();
    clock.drain();
    const last = seen[seen.length - 1];
    const ref = learnKernelReference({ ...buildSetup(s, null).options });
    assert.equal(last.status, 'finished');
    assert.equal(last.records.length, 20);
    assertMatrixClose(last.kernel, ref.kernel, 1e-4, 'final kernel');
    last.records.forEach((r, i) =>
      assertClose(r.loss, ref.records[i].loss, 1e-4 * Math.max(1, ref.records[i].loss), `loss ${i + 1}`),
    );
    assertMatrixClose(last.kernel, [[1, -1]], 0.05, 'within 0.05 of [1, −1]');
    assert.equal(memory().numTensors, baseline);
  });

  test('bias on, [0.5, 0.5], b=0, lr=3e-2: losses 27, 94.608, 666.40 … 8.4503e8, "diverging" in the status', () => {
    const { c, clock, seen, setup } = controllerFor(biasDiverging());
    c.play();
    clock.drain();
    const last = seen[seen.length - 1];
    const expected = [27, 94.608, 666.405, 4948.96, 36856.7, 274527, 2044826, 15230990, 113448827, 845029534];
    last.records.forEach((r, i) => assertClose(r.loss, expected[i], 1e-4, `loss ${i + 1}`, true));
    assert.equal(last.status, 'finished');
    assert.match(statusText(last, setup.options.tolerance), /diverging: the loss grew from 27/);
  });

  test('bias on, lr=0.1, 500 steps: stops as diverged before any NaN', () => {
    const baseline = memory().numTensors;
    const { c, clock, seen, setup } = controllerFor({ ...biasDiverging(), lr: 0.1, steps: 500 });
    c.play();
    clock.drain();
    const last = seen[seen.length - 1];
    assert.equal(last.status, 'diverged');
    assert.ok(last.records.length < 500);
    assert.ok(last.records.every((r) => Number.isFinite(r.loss) && r.kernel.flat().every(Number.isFinite)));
    assert.match(statusText(last, setup.options.tolerance), /^diverged after \d+ steps/);
    assert.equal(memory().numTensors, baseline);
  });

  test('X=[6,8] K=[1,2] 500 steps: stops early as converged and says so', () => {
    const { c, clock, seen, setup } = controllerFor({ ...defaultSettings(), steps: 500 });
    c.play();
    clock.drain();
    const last = seen[seen.length - 1];
    assert.equal(last.status, 'converged');
    assert.ok(last.records.length < 500, `${last.records.length} steps`);
    assert.match(statusText(last, setup.options.tolerance), /^converged after \d+ steps: .* stopped early/);
    assertMatrixClose(last.kernel, [[1, -1]], 1e-4, 'converged kernel');
  });

  test('step ×3, pause, resume from the saved records: same run as uninterrupted (12 steps)', () => {
    const s = { ...defaultSettings(), steps: 12 };
    const first = controllerFor(s);
    for (let i = 0; i < 3; i++) first.c.step();
    const saved = first.c.snapshot();
    assert.equal(saved.status, 'paused');
    first.c.dispose();
    const resumed = controllerFor(s, saved.records, saved.status);
    resumed.c.play();
    resumed.clock.drain();
    const last = resumed.seen[resumed.seen.length - 1];
    const ref = learnKernelReference({ ...buildSetup(s, null).options });
    assert.deepEqual(
      last.records.map((r) => r.step),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    assertMatrixClose(last.kernel, ref.kernel, 1e-4, 'resumed kernel');
  });

  test('reset mid-run releases the learner and clears the records; pause stops the clock', () => {
    const baseline = memory().numTensors;
    const { c, clock, seen } = controllerFor({ ...defaultSettings(), steps: 50 });
    c.play(); // first step runs now, the next is scheduled
    c.pause();
    assert.equal(clock.drain(), 0, 'nothing scheduled after pause');
    assert.equal(seen[seen.length - 1].status, 'paused');
    assert.ok(memory().numTensors > baseline, 'the learner holds its tensors while paused');
    c.reset();
    assert.equal(memory().numTensors, baseline);
    const snap = seen[seen.length - 1];
    assert.equal(snap.status, 'ready');
    assert.equal(snap.records.length, 0);
  });
});
