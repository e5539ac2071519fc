// Learning the edge kernel (d2l §7.2.5) with the summed squared error: tfjs learner and float64 reference against
// the numbers checked with numpy, plus the stopping rules and tensor bookkeeping.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getGradient, memory, registerGradient, unregisterGradient } from '@tensorflow/tfjs-core';
import { useCpuBackend } from './helpers/tf';
import { assertClose } from './helpers/assert';
import { KernelLearner, learnKernel } from '../../src/core/tfjs/learn';
import { learnKernelReference, type LearnOptions, type LearnResult } from '../../src/core/learn-reference';
import { edgeImage, edgeTarget } from '../../src/core/fixtures';
import { corr2dReference } from '../../src/core/reference';
import { randomMatrix, mulberry32 } from '../../src/core/random';

before(useCpuBackend);

const edge = (o: Partial<LearnOptions> = {}): LearnOptions => ({ X: edgeImage(), Y: edgeTarget(), kH: 1, kW: 2, ...o });
const BOOK_LOSSES = [12, 4.9152, 2.0133, 0.8246, 0.3378, 0.1384, 0.0567, 0.0232, 0.0095, 0.0039];
const DIVERGING = [27, 94.61, 666.4, 4949, 3.686e4, 2.745e5, 2.045e6, 1.523e7, 1.134e8, 8.45e8];

function checkBookRun(r: LearnResult, who: string): void {
  assert.equal(r.records.length, 10, `${who}: 10 updates`);
  r.records.forEach((rec, i) => assertClose(rec.loss, BOOK_LOSSES[i], 1e-3, `${who} loss before update ${i + 1}`));
  assertClose(r.kernel[0][0], 0.98847, 1e-4, `${who} K[0][0]`);
  assertClose(r.kernel[0][1], -0.98847, 1e-4, `${who} K[0][1]`);
  assert.equal(r.converged, false);
  assert.equal(r.diverged, false);
  assert.equal(r.stability.stable, true);
}

function checkDivergingRun(r: LearnResult, who: string): void {
  assert.equal(r.stability.stable, false, `${who}: lr 3e-2 > lrMax`);
  assertClose(r.stability.lrMax, 0.01609, 1e-5, `${who} lrMax`);
  assert.equal(r.records.length, 10);
  r.records.forEach((rec, i) => assertClose(rec.loss, DIVERGING[i], 1e-3, `${who} loss ${i + 1}`, true));
  for (const rec of r.records) {
    assert.ok([rec.loss, rec.bias, ...rec.kernel.flat()].every(Number.isFinite), `${who}: no NaN at step ${rec.step}`);
  }
}

describe('learning K=[1,2] on the edge image X=[6,8], Y=[6,7]', () => {
  test('reference, no bias, K0=[0,0], lr 3e-2: losses 12 … 0.0039, K → [0.98847, -0.98847]', () => {
    checkBookRun(learnKernelReference(edge({ initKernel: [[0, 0]] })), 'reference');
  });
  test('tfjs, no bias, K0=[0,0], lr 3e-2: losses 12 … 0.0039, K → [0.98847, -0.98847]', () => {
    checkBookRun(learnKernel(edge({ initKernel: [[0, 0]] })), 'tfjs');
  });
  test('reference, bias on, K0=[0.5,0.5] b0=0, lr 3e-2: unstable, losses 27, 94.6, 666 … 8.45e8, no NaN', () => {
    checkDivergingRun(learnKernelReference(edge({ initKernel: [[0.5, 0.5]], useBias: true })), 'reference');
  });
  test('tfjs, bias on, K0=[0.5,0.5] b0=0, lr 3e-2: unstable, losses 27, 94.6, 666 … 8.45e8, no NaN', () => {
    checkDivergingRun(learnKernel(edge({ initKernel: [[0.5, 0.5]], useBias: true })), 'tfjs');
  });
  test('bias on, lr 3e-2, 200 steps: stops as diverged before the loss passes 1e30, records all finite', () => {
    for (const r of [
      learnKernelReference(edge({ initKernel: [[0.5, 0.5]], useBias: true, steps: 200 })),
      learnKernel(edge({ initKernel: [[0.5, 0.5]], useBias: true, steps: 200 })),
    ]) {
      assert.equal(r.diverged, true);
      assert.ok(r.records.length > 10 && r.records.length < 200, `stopped after ${r.records.length}`);
      assert.ok(r.records.every((rec) => Number.isFinite(rec.loss) && rec.loss <= 1e30));
    }
  });
  test('bias on, lr 1e-2 (< lrMax 0.01609), up to 2000 steps: converges (loss < 1e-10 → stops early)', () => {
    const r = learnKernelReference(edge({ initKernel: [[0.5, 0.5]], useBias: true, lr: 1e-2, steps: 2000 }));
    assert.equal(r.converged, true);
    assert.ok(r.records.length < 2000);
    assertClose(r.kernel[0][0], 1, 1e-4, 'K[0][0]');
    assertClose(r.bias, 0, 1e-4, 'b');
  });
  test('tfjs vs reference, random X=[7,9] K=[3,3] bias on, lr 1e-3, 20 steps: losses within 1e-3 relative', () => {
    const rand = mulberry32(7);
    const X = randomMatrix(rand, 7, 9);
    const Y = corr2dReference(X, randomMatrix(rand, 3, 3)).map((row) => row.map((v) => v + 0.5));
    const o: LearnOptions = { X, Y, kH: 3, kW: 3, lr: 1e-3, steps: 20, useBias: true, seed: 3 };
    const a = learnKernel(o);
    const b = learnKernelReference(o);
    assert.equal(a.records.length, 20);
    a.records.forEach((rec, i) => assertClose(rec.loss, b.records[i].loss, 1e-3, `loss ${i + 1}`, true));
    a.kernel.flat().forEach((v, i) => assertClose(v, b.kernel.flat()[i], 1e-4, `K flat ${i}`));
    assertClose(a.bias, b.bias, 1e-4, 'bias');
  });
});

describe('KernelLearner', () => {
  test('stepwise: record.loss is before the update, kernel after; done after `steps`', () => {
    const learner = new KernelLearner(edge({ initKernel: [[0, 0]], steps: 2 }));
    try {
      const r1 = learner.step();
      assert.ok(r1);
      assert.equal(r1.step, 1);
      assertClose(r1.loss, 12, 1e-6, 'loss at K0');
      // dL/dK at K=0 is 2·corr2d(X, −Y) = [−12, 12] → K1 = 0 − 0.03·[−12, 12] = [0.36, −0.36].
      assertClose(r1.kernel[0][0], 0.36, 1e-6, 'K1[0][0]');
      assertClose(r1.kernel[0][1], -0.36, 1e-6, 'K1[0][1]');
      assert.equal(learner.done, false);
      assert.ok(learner.step());
      assert.equal(learner.done, true);
      assert.equal(learner.step(), null);
      assert.equal(learner.stepsTaken, 2);
    } finally {
      learner.dispose();
    }
  });
  test('seeded init: same seed same kernel, different seed different kernel', () => {
    const k = (seed: number) => {
      const l = new KernelLearner(edge({ seed }));
      try {
        return l.parameters().kernel;
      } finally {
        l.dispose();
      }
    };
    assert.deepEqual(k(1), k(1));
    assert.notDeepEqual(k(1), k(2));
  });
  test('converges early when the initial kernel is already the answer', () => {
    const learner = new KernelLearner(edge({ initKernel: [[1, -1]], steps: 10 }));
    assert.equal(learner.step(), null);
    assert.equal(learner.converged, true);
    assert.equal(learner.done, true);
    learner.dispose();
  });
  test('tf.memory().numTensors is the same before and after 1000 steps, and after dispose', () => {
    const start = memory().numTensors;
    const learner = new KernelLearner(edge({ lr: 1e-2, steps: 1000, useBias: true, tolerance: 0, seed: 5 }));
    assert.ok(learner.step());
    const afterFirst = memory().numTensors;
    let n = 1;
    while (learner.step()) n++;
    assert.equal(n, 1000);
    assert.equal(memory().numTensors, afterFirst);
    learner.dispose();
    assert.equal(memory().numTensors, start);
  });
  test('no Conv2D gradient registered → error telling the caller what to import', () => {
    const saved = getGradient('Conv2D');
    unregisterGradient('Conv2D');
    try {
      assert.throws(() => new KernelLearner(edge()), /^Error: learnKernel: no gradient registered for Conv2D/);
    } finally {
      registerGradient(saved);
    }
    new KernelLearner(edge()).dispose();
  });
  test('bad options → errors naming learnKernel', () => {
    assert.throws(() => new KernelLearner(edge({ Y: [[1]] })), {
      message: 'learnKernel: Y is 1×1, expected 6×7 for X 6×8 and kernel 1×2',
    });
    assert.throws(() => new KernelLearner(edge({ lr: -1 })), {
      message: 'learnKernel: learning rate -1 is not a positive number',
    });
    assert.throws(() => new KernelLearner(edge({ initKernel: [[1, 2, 3]] })), {
      message: 'learnKernel: initKernel is 1×3, expected 1×2',
    });
    assert.throws(() => learnKernelReference(edge({ steps: 1.5 })), {
      message: 'learnKernel: steps 1.5 is not a non-negative integer',
    });
  });
});
