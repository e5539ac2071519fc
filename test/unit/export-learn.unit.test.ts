// "Copy as code" of Learn Kernel: the spec the panel builds from its state (webview-ui/learn/export.ts) written as
// programs. The NumPy/SciPy programs RUN and must end at the float64 reference learner's kernel and bias (1e-9) with
// the same loss per step and the same reason to stop; the TensorFlow.js programs RUN on tfjs-core's cpu backend
// (float32: kernel within 1e-4). Cases: the book's run (d2l §7.2.4), a learned bias, a fixed non-zero bias, a run that
// converges early, one that diverges, a typed start, and photo mode on a demo photo read from its file.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportLearnCode, type LearnExportSpec } from '../../src/core/export';
import { learnKernelReference, type LearnResult } from '../../src/core/learn-reference';
import { fromFlat, type Matrix } from '../../src/core/matrix';
import { readPng } from '../../webview-ui/shared/image/formats';
import { toGray } from '../../webview-ui/shared/image/pixels';
import { storedAs } from '../../webview-ui/shared/image/stored';
import { exportSpecOf } from '../../webview-ui/learn/export';
import type { LearnPhoto } from '../../webview-ui/learn/model';
import { centre, PHOTO_SIZE } from '../../webview-ui/learn/photo';
import { buildSetup, defaultSettings, type LearnSettings } from '../../webview-ui/learn/setup';
import { defaultLearnState, type LearnState } from '../../webview-ui/learn/state';
import { assertClose, assertMatrixClose } from './helpers/assert';
import { runPython, runTfjs } from './helpers/run-export';
import { useCpuBackend } from './helpers/tf';

before(useCpuBackend);

const camera = join(import.meta.dirname, '..', '..', 'demo', 'images', 'camera.png');

/** The panel's photo X for a PNG: its decoder and gray rule, the centre square sampled as loadPhoto does, centred. */
function photoX(path: string): LearnPhoto {
  const img = readPng(readFileSync(path));
  const gray = fromFlat(toGray(img), img.h, img.w);
  const side = Math.min(img.w, img.h);
  const [r0, c0] = [Math.floor((img.h - side) / 2), Math.floor((img.w - side) / 2)];
  const at = (k: number) => Math.min(side - 1, Math.floor(((k + 0.5) * side) / PHOTO_SIZE));
  const X = Array.from({ length: PHOTO_SIZE }, (_, r) =>
    Array.from({ length: PHOTO_SIZE }, (_, c) => gray[r0 + at(r)][c0 + at(c)]),
  );
  return { X: centre(X), uri: 'webview-uri', name: 'camera.png', stored: storedAs(img) };
}

interface LearnCase {
  title: string;
  settings: Partial<LearnSettings>;
  photo?: string;
  /** How the reference run ends. */
  ends: 'finished' | 'converged' | 'diverged';
}

const cases: LearnCase[] = [
  { title: "the book's run: X 6×8, target [1,-1], lr 0.03, 10 steps, no bias, seed 0", settings: {}, ends: 'finished' },
  {
    title: 'learned bias from 0.5, lr 0.005, 25 steps',
    settings: { useBias: true, initBias: 0.5, lr: 0.005, steps: 25 },
    ends: 'finished',
  },
  {
    title: 'fixed bias 0.25 (not learned), seed 3, 15 steps',
    settings: { useBias: false, initBias: 0.25, seed: 3, steps: 15 },
    ends: 'finished',
  },
  { title: 'converges early: 2000 steps, tolerance 1e-12·ΣY²', settings: { steps: 2000 }, ends: 'converged' },
  { title: 'diverges: lr 0.2 above the limit 0.0333', settings: { lr: 0.2, steps: 200 }, ends: 'diverged' },
  {
    title: 'typed start [[0.5, 0.5]], target [[1, 0, -1]] needs a 1×3 start: the seeded one is used',
    settings: { initKernel: [[0.5, 0.5]], target: [[1, 0, -1]], steps: 12 },
    ends: 'finished',
  },
  {
    title: 'typed start [[0.5, -0.25]] with bias, lr 0.005, 12 steps',
    settings: { initKernel: [[0.5, -0.25]], useBias: true, lr: 0.005, steps: 12 },
    ends: 'finished',
  },
  {
    title: 'photo camera.png 512×512 → 128×128 centred, Sobel x target, 3×3 start seed 1, 40 steps',
    settings: { mode: 'photo', preset: 'sobel-x', seed: 1, steps: 40 },
    photo: camera,
    ends: 'finished',
  },
];

/** The panel's state, setup and spec for a case, and the reference run of that setup. */
function prepare(c: LearnCase): { spec: LearnExportSpec; ref: LearnResult } {
  const settings = { ...defaultSettings(), ...c.settings };
  const photo = c.photo ? photoX(c.photo) : undefined;
  const state: LearnState = {
    ...defaultLearnState(),
    settings,
    ...(c.photo ? { photo: { uri: 'webview-uri', name: 'camera.png', path: c.photo } } : {}),
  };
  const setup = buildSetup(settings, photo?.X ?? null);
  const spec = exportSpecOf(state, setup, photo);
  if (typeof spec === 'string') throw new Error(spec);
  return { spec, ref: learnKernelReference(setup.options) };
}

function ending(r: LearnResult): LearnCase['ends'] {
  return r.converged ? 'converged' : r.diverged ? 'diverged' : 'finished';
}

/** The losses a program printed ("step 3, loss 1.23457") and its stop line. */
function printedRun(printed: string): { losses: number[]; stop?: string } {
  const losses = [...printed.matchAll(/^step (\d+), loss (\S+)$/gm)].map((m) => Number(m[2]));
  const stop = printed.match(/^(converged|diverged) at step \d+/m)?.[1];
  return { losses, stop };
}

describe('Learn Kernel export: NumPy/SciPy program runs and ends at the reference (1e-9)', () => {
  const prepared = cases.map(prepare);
  let runs: ReturnType<typeof runPython> = [];
  before(() => {
    runs = runPython(
      prepared.map((p) => exportLearnCode(p.spec, 'numpy')),
      ['K', 'b'],
    );
  });
  cases.forEach((c, n) =>
    test(c.title, () => {
      const { ref } = prepared[n];
      assert.equal(ending(ref), c.ends, 'the reference run ends as the case says');
      const run = printedRun(runs[n].printed);
      assert.equal(run.stop ?? 'finished', c.ends, 'the program stops for the same reason');
      assert.equal(run.losses.length, ref.records.length, 'one printed loss per update');
      run.losses.forEach((l, i) => assertClose(l, ref.records[i].loss, 1e-5, `loss of step ${i + 1}`, true));
      // A photo's X is float32 in the panel (its gray plane), float64 in the program: 1e-6 there.
      const tol = c.photo ? 1e-6 : 1e-9;
      assertMatrixClose(runs[n].values.K as Matrix, ref.kernel, tol, 'K');
      assertClose(runs[n].values.b as number, ref.bias, tol, 'b');
    }),
  );
});

describe('Learn Kernel export: TensorFlow.js program runs (cpu, float32) and ends near the reference (1e-4)', () => {
  cases.forEach((c) =>
    test(c.title, () => {
      const { spec, ref } = prepare(c);
      const r = runTfjs(exportLearnCode(spec, 'tfjs'), ['K', 'b', 'k']);
      const run = printedRun(r.printed);
      assert.equal(run.stop ?? 'finished', c.ends, 'stops for the same reason');
      if (c.ends === 'diverged') return;
      // float32 may cross the convergence tolerance a step or two later than float64.
      const extra = run.losses.length - ref.records.length;
      assert.ok(
        c.ends === 'converged' ? extra >= 0 && extra <= 2 : extra === 0,
        `${extra} more updates than the reference`,
      );
      assertMatrixClose(r.values.K as Matrix, ref.kernel, 1e-4, 'K');
      assertClose(r.values.b as number, ref.bias, 1e-4, 'b');
    }),
  );
});

describe('Learn Kernel export: what the panel cannot export says why', () => {
  test('photo mode without a photo; a photo whose file the panel does not know', () => {
    const state: LearnState = { ...defaultLearnState(), settings: { ...defaultSettings(), mode: 'photo' } };
    assert.equal(exportSpecOf(state, undefined, undefined), 'Nothing to export yet: open an image first');
    const photo = photoX(camera);
    const setup = buildSetup(state.settings, photo.X);
    assert.match(
      String(exportSpecOf({ ...state, photo: { uri: 'u', name: 'camera.png' } }, setup, photo)),
      /Open image/,
    );
  });
  test('a start kernel not shaped like the target is refused by the generator', () => {
    const { spec } = prepare(cases[0]);
    assert.throws(() => exportLearnCode({ ...spec, initKernel: [[1, 2, 3]] }, 'numpy'), {
      message: 'export: initKernel is 1×3, the target 1×2',
    });
  });
});
