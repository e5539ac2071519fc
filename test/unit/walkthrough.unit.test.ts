// The walkthrough "Convolutions for Images" (package.json contributes.walkthroughs): every step's button runs a
// contributed command that ticks the step, its images exist in both themes, and what the buttons open gives the numbers
// the steps' texts quote — checked against float64 plain loops and the book (d2l §7.2.4, §7.4.1).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { learnKernelReference } from '../../src/core/learn-reference';
import { stabilityReport } from '../../src/core/stability';
import { edgeImage, edgeKernel } from '../../src/core/fixtures';
import {
  aboveLimitInput,
  channelsInput,
  DEMO_CODE,
  DEMO_KERNEL_LINE,
  DEMO_PHOTO,
  demoKernelPosition,
  LR_ABOVE_LIMIT,
  WALKTHROUGH_COMMANDS,
} from '../../src/extension/walkthrough/inputs';
import { applyInput, buildSetup, defaultSettings, stabilityText } from '../../webview-ui/learn/setup';
import { learnInput, defaultLearnState } from '../../webview-ui/learn/state';
import type { Matrix } from '../../src/core/matrix';

const ROOT = join(import.meta.dirname, '..', '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image: Record<'light' | 'dark' | 'hc' | 'hcLight', string>; altText: string };
  completionEvents: string[];
}
const WALK = PKG.contributes.walkthroughs[0] as { id: string; title: string; steps: Step[] };
const COMMANDS = new Set<string>(PKG.contributes.commands.map((c: { command: string }) => c.command));

/** The `command:` targets of a step's markdown links. */
function linkedCommands(description: string): string[] {
  return [...description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
}

/** Σ over channels of the plain 2-D cross-correlation (d2l §7.4.1 corr2d_multi_in), float64 loops. */
function corr2dMultiIn(X: Matrix[], K: Matrix[]): Matrix {
  const [kh, kw] = [K[0].length, K[0][0].length];
  const [h, w] = [X[0].length - kh + 1, X[0][0].length - kw + 1];
  const Y = Array.from({ length: h }, () => new Array<number>(w).fill(0));
  X.forEach((Xc, c) => {
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) Y[i][j] += Xc[i + a][j + b] * K[c][a][b];
  });
  return Y;
}

/** The book's run as the Learn panel sets it up for `input` (seed 0, 10 steps), by the float64 reference learner. */
function bookRun(input: { X?: Matrix; K?: Matrix; lr?: number }) {
  const setup = buildSetup(applyInput(defaultSettings(), input), null);
  return { setup, run: learnKernelReference(setup.options) };
}

describe('walkthrough manifest: six steps, each with one command button that ticks it', () => {
  test('ids step, hover, edges, learn, diverge, channels; titles and descriptions short enough to scan', () => {
    assert.equal(WALK.id, 'conv2d.convolutions');
    assert.deepEqual(
      WALK.steps.map((s) => s.id),
      ['step', 'hover', 'edges', 'learn', 'diverge', 'channels'],
    );
    for (const s of WALK.steps) {
      assert.ok(s.title.length <= 40, `${s.id}: title "${s.title}" is ${s.title.length} characters`);
      assert.ok(s.description.length <= 500, `${s.id}: description is ${s.description.length} characters`);
    }
  });

  for (const s of WALK.steps) {
    test(`step "${s.id}": one command link to a contributed command, which is one of its completion events`, () => {
      const links = linkedCommands(s.description);
      assert.equal(links.length, 1, `${s.id}: links ${links.join(', ')}`);
      assert.ok(COMMANDS.has(links[0]), `${s.id}: ${links[0]} is not contributed`);
      assert.ok(s.completionEvents.includes(`onCommand:${links[0]}`), `${s.id}: ${s.completionEvents.join(', ')}`);
      for (const e of s.completionEvents) {
        const m = /^onCommand:(.+)$/.exec(e);
        assert.ok(m && COMMANDS.has(m[1]), `${s.id}: completion event ${e} names no contributed command`);
      }
    });

    test(`step "${s.id}": light, dark and high-contrast images exist as PNG, alt text given`, () => {
      const { image, altText } = s.media;
      assert.deepEqual(Object.keys(image).sort(), ['dark', 'hc', 'hcLight', 'light']);
      assert.equal(image.light, `media/walkthrough/${s.id}-light.png`);
      assert.equal(image.dark, `media/walkthrough/${s.id}-dark.png`);
      for (const path of Object.values(image)) {
        assert.ok(existsSync(join(ROOT, path)), `${path} is missing (npm run media)`);
        const magic = readFileSync(join(ROOT, path)).subarray(0, 8);
        assert.deepEqual([...magic], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${path} is no PNG`);
      }
      assert.ok(altText.length > 20, `${s.id}: alt text`);
    });
  }

  test('the walkthrough commands are contributed and hidden from the palette (when: false)', () => {
    const hidden = new Set(
      PKG.contributes.menus.commandPalette
        .filter((m: { when?: string }) => m.when === 'false')
        .map((m: { command: string }) => m.command),
    );
    for (const c of Object.values(WALKTHROUGH_COMMANDS)) {
      assert.ok(COMMANDS.has(c), `${c} contributed`);
      assert.ok(hidden.has(c), `${c} hidden`);
    }
  });
});

describe('what the walkthrough buttons open', () => {
  test('hover step: demo/d2l_conv.py has "K = [[1, -1]]"; the cursor lands on its first value', () => {
    const text = readFileSync(join(ROOT, 'demo', DEMO_CODE), 'utf8');
    const { line, character } = demoKernelPosition(text);
    const row = text.split('\n')[line];
    assert.equal(row.trimEnd(), DEMO_KERNEL_LINE);
    assert.equal(row[character], '1');
    assert.equal(row.slice(character - 2, character), '[[');
    // CRLF files are read the same way.
    assert.deepEqual(demoKernelPosition(text.replace(/\n/g, '\r\n')), { line, character });
  });

  test('hover step: a demo file edited away from the book says which line it misses', () => {
    assert.throws(
      () => demoKernelPosition('import numpy as np\nK = [[1, 1]]\n'),
      /walkthrough: d2l_conv\.py has no line "K = \[\[1, -1\]\]"/,
    );
  });

  test('edges step: the photo is the packaged demo/images/coins.png', () => {
    assert.deepEqual([...DEMO_PHOTO], ['demo', 'images', 'coins.png']);
    assert.ok(existsSync(join(ROOT, ...DEMO_PHOTO)));
  });

  test('learn step: X=[6,8] K=[1,2] lr=3e-2 seed 0: loss 24.04 → 0.293 in 10 steps, K ≈ [0.93, −1.05] (as its text)', () => {
    const { setup, run } = bookRun({});
    assert.equal(setup.options.lr, 0.03);
    const losses = run.records.map((r) => r.loss);
    assert.equal(losses.length, 10);
    assert.ok(Math.abs(losses[0] - 24.04) < 0.01, `first loss ${losses[0]}`);
    assert.ok(Math.abs(losses[9] - 0.293) < 0.001, `last loss ${losses[9]}`);
    assert.ok(Math.abs(run.kernel[0][0] - 0.93) < 0.01 && Math.abs(run.kernel[0][1] + 1.05) < 0.01, `K ${run.kernel}`);
    const text = WALK.steps.find((s) => s.id === 'learn')!.description;
    assert.match(text, /\[0\.93, −1\.05\]/);
    assert.match(text, /from 24 to 0\.29/);
  });

  test('diverge step: X=[6,8] K=[1,2] no bias: λmax = 60, limit 1/30 < lr 0.04; the panel keeps lr and warns', () => {
    const input = aboveLimitInput();
    assert.deepEqual(input.X, edgeImage());
    assert.deepEqual(input.K, edgeKernel());
    assert.equal(input.lr, LR_ABOVE_LIMIT);
    const report = stabilityReport(edgeImage(), 1, 2, false, LR_ABOVE_LIMIT);
    assert.ok(Math.abs(report.lrMax - 1 / 30) < 1e-12, `lrMax ${report.lrMax}`);
    assert.ok(LR_ABOVE_LIMIT > report.lrMax);
    // Sent through the panel's input path: lr stays 0.04 (not the 0.9 × limit a plain K input gets).
    const state = learnInput(defaultLearnState(), input);
    assert.equal(state.settings.lr, LR_ABOVE_LIMIT);
    assert.equal(state.settings.stableStart, undefined);
    const setup = buildSetup(state.settings, null);
    assert.match(stabilityText(setup).warning ?? '', /lr 0\.04 is above the stability limit 0\.0333/);
  });

  test('diverge step: lr 0.04 seed 0: loss 24.04 → 6885 in 10 steps, each ratio → (1 − 0.04·60)² = 1.96', () => {
    const { run } = bookRun({ X: edgeImage(), K: edgeKernel(), lr: LR_ABOVE_LIMIT });
    const losses = run.records.map((r) => r.loss);
    assert.equal(losses.length, 10);
    for (let k = 1; k < losses.length; k++) assert.ok(losses[k] > losses[k - 1], `loss ${k + 1} grows`);
    assert.ok(Math.abs(losses[9] - 6885) < 1, `last loss ${losses[9]}`);
    assert.ok(Math.abs(losses[9] / losses[8] - 1.96) < 0.01, `ratio ${losses[9] / losses[8]}`);
    assert.match(WALK.steps.find((s) => s.id === 'diverge')!.description, /about 6900 in 10 steps/);
  });

  test('K=[3,3] on X=[6,8]: without lr the run starts at 0.9 × the limit; a sent lr 0.5 is kept, no stableStart', () => {
    const K = [
      [1, 2, 1],
      [0, 0, 0],
      [-1, -2, -1],
    ];
    const { lrMax } = stabilityReport(edgeImage(), 3, 3, false, 0.03);
    assert.ok(lrMax < 0.03, `this kernel's limit ${lrMax} is below the book's lr`);
    const plain = applyInput(defaultSettings(), { K });
    assert.equal(plain.lrAuto, true);
    const lr = buildSetup(plain, null).options.lr;
    assert.ok(Math.abs(lr - 0.9 * lrMax) < 1e-12, `lr ${lr}`);
    assert.match(plain.stableStart ?? '', /starts at 0\.9 × the limit/);
    const sent = applyInput(defaultSettings(), { K, lr: 0.5 });
    assert.equal(sent.lr, 0.5);
    assert.equal(sent.lrAuto, false);
    assert.equal(sent.stableStart, undefined);
  });

  test('channels step: d2l §7.4.1 X=[2,3,3] K=[1,2,2,2] groups=1: Y = [[56, 72], [104, 120]], 19 + 37 = 56', () => {
    const input = channelsInput();
    const X = input.X as Matrix[];
    const [K] = input.K as Matrix[][];
    assert.equal(input.groups, 1);
    assert.deepEqual(X, [
      [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8],
      ],
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
    ]);
    assert.deepEqual(corr2dMultiIn(X, K), [
      [56, 72],
      [104, 120],
    ]);
    assert.deepEqual(
      X.map((Xc, c) => corr2dMultiIn([Xc], [K[c]])[0][0]),
      [19, 37],
    );
    assert.match(input.source ?? '', /§7\.4\.1/);
  });
});
