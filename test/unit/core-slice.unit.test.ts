// Planes of N-D arrays (src/core/slice.ts) against numpy's basic indexing run now (`a[1, :, ::2]`, `.T` when the rows
// run over a later axis), on seeded random shapes up to 5-D and selections; the selection repair of a saved or stale
// slicer; the thinning step under a value limit; and the summary (src/core/summary.ts) against a float64 loop written
// here and numpy's nanmin/nanmax over the finite values.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultSelection,
  extractPlane,
  fitSelection,
  planeLayout,
  planeText,
  sizeOf,
  stepWithin,
  stridesOf,
  type PlaneSelection,
} from '../../src/core/slice';
import { summarize } from '../../src/core/summary';
import { mulberry32 } from '../../src/core/random';
import { python } from './helpers/python';

interface Case {
  shape: number[];
  sel: PlaneSelection;
  step: number;
}

function randomCases(seed: number, n: number): Case[] {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  return Array.from({ length: n }, () => {
    const rank = int(2, 5);
    const shape = Array.from({ length: rank }, () => int(1, 5));
    const rowAxis = int(0, rank - 1);
    let colAxis = int(0, rank - 2);
    if (colAxis >= rowAxis) colAxis++;
    const index = shape.map((d, a) => (a === rowAxis || a === colAxis ? 0 : int(0, d - 1)));
    return { shape, sel: { rowAxis, colAxis, index }, step: int(1, 3) };
  });
}

describe('plane of an N-D array', () => {
  test('strides of [2,3,4] are [12,4,1]; default planes: [2,3,4] rows=1 cols=2, a vector one row, a scalar none', () => {
    assert.deepEqual(stridesOf([2, 3, 4]), [12, 4, 1]);
    assert.deepEqual(defaultSelection([2, 3, 4]), { rowAxis: 1, colAxis: 2, index: [0, 0, 0] });
    assert.deepEqual(defaultSelection([5]), { rowAxis: -1, colAxis: 0, index: [0] });
    assert.deepEqual(defaultSelection([]), { rowAxis: -1, colAxis: -1, index: [] });
    assert.deepEqual(extractPlane([1, 2, 3], [3], defaultSelection([3])), [[1, 2, 3]]);
    assert.deepEqual(extractPlane([7], [], defaultSelection([])), [[7]]);
  });

  test('60 random planes x up to 5-D, steps 1–3: values equal numpy a[i, ::s, j, ::s] (.T when rows > cols)', () => {
    const cases = randomCases(11, 60);
    const reference = JSON.parse(
      python(`
import json
import numpy as np
out = []
for c in json.loads(${JSON.stringify(JSON.stringify(cases))}):
    shape, sel, step = c['shape'], c['sel'], c['step']
    a = np.arange(int(np.prod(shape)), dtype=float).reshape(shape)
    idx = tuple(slice(None, None, step) if k in (sel['rowAxis'], sel['colAxis']) else i for k, i in enumerate(sel['index']))
    p = a[idx]
    out.append((p.T if sel['rowAxis'] > sel['colAxis'] else p).tolist())
print(json.dumps(out))
`),
    ) as number[][][];
    cases.forEach((c, k) => {
      const data = Array.from({ length: sizeOf(c.shape) }, (_, i) => i);
      assert.deepEqual(extractPlane(data, c.shape, c.sel, c.step), reference[k], JSON.stringify(c));
    });
  });

  test('planeText: K[1, :, :], K[:, 0, ::4].T, a 2-D array drawn as it is is just K, its transpose K.T', () => {
    assert.equal(planeText('K', [2, 3, 4], { rowAxis: 1, colAxis: 2, index: [1, 0, 0] }), 'K[1, :, :]');
    assert.equal(planeText('K', [5, 6, 7], { rowAxis: 2, colAxis: 0, index: [0, 0, 0] }, 4), 'K[::4, 0, ::4].T');
    assert.equal(planeText('K', [3, 3], { rowAxis: 0, colAxis: 1, index: [0, 0] }), 'K');
    assert.equal(planeText('K', [3, 3], { rowAxis: 1, colAxis: 0, index: [0, 0] }), 'K[:, :].T');
    assert.equal(planeText('v', [9], { rowAxis: -1, colAxis: 0, index: [0] }), 'v');
  });

  test('bad selections are named: an axis out of range, both axes equal, an index past the end, a bad step', () => {
    const shape = [2, 3, 4];
    assert.throws(() => planeLayout(shape, { rowAxis: 3, colAxis: 1, index: [0, 0, 0] }), /row axis 3 is not an axis/);
    assert.throws(() => planeLayout(shape, { rowAxis: 1, colAxis: 1, index: [0, 0, 0] }), /both run over axis 1/);
    assert.throws(
      () => planeLayout(shape, { rowAxis: 1, colAxis: 2, index: [2, 0, 0] }),
      /index 2 on axis 0 is outside 0 … 1/,
    );
    assert.throws(() => planeLayout(shape, { rowAxis: 1, colAxis: 2, index: [0, 0] }), /2 indices for a 3-D array/);
    assert.throws(() => planeLayout(shape, defaultSelection(shape), 0), /step must be a whole number ≥ 1/);
    assert.throws(
      () => extractPlane([1, 2], shape, defaultSelection(shape)),
      /2 values for shape 2×3×4 \(24 expected\)/,
    );
  });

  test('fitSelection repairs a stale slicer: another rank → default; equal axes → default axes; indices clamped', () => {
    const shape = [2, 3, 4];
    assert.deepEqual(fitSelection(shape, undefined), defaultSelection(shape));
    assert.deepEqual(fitSelection(shape, { rowAxis: 0, colAxis: 1, index: [0, 0] }), defaultSelection(shape));
    assert.deepEqual(fitSelection(shape, { rowAxis: 2, colAxis: 2, index: [1, 0, 0] }), {
      rowAxis: 1,
      colAxis: 2,
      index: [1, 0, 0],
    });
    assert.deepEqual(fitSelection(shape, { rowAxis: 2, colAxis: 0, index: [5, 9, 3] }), {
      rowAxis: 2,
      colAxis: 0,
      index: [0, 2, 0],
    });
  });

  test('stepWithin: 4000×4000 under 1 000 000 → 4 (1000×1000); 100×100 under 1000 → 4; fits → 1; odd sides', () => {
    assert.equal(stepWithin(4000, 4000, 1_000_000), 4);
    assert.equal(stepWithin(100, 100, 1000), 4);
    assert.equal(stepWithin(30, 30, 900), 1);
    for (const [h, w, limit] of [
      [4001, 3, 1000],
      [1, 5_000_000, 1_000_000],
      [999, 1001, 12345],
      [7, 7, 1],
    ]) {
      const s = stepWithin(h, w, limit);
      assert.ok(Math.ceil(h / s) * Math.ceil(w / s) <= limit, `${h}×${w} step ${s} fits ${limit}`);
      assert.ok(s === 1 || Math.ceil(h / (s - 1)) * Math.ceil(w / (s - 1)) > limit, `${h}×${w}: ${s} is the smallest`);
    }
  });
});

describe('summary of values', () => {
  test('1000 seeded values with NaN, ±∞: count, min, max of the finite ones; mean against a float64 loop and numpy', () => {
    const rand = mulberry32(5);
    const data = Array.from({ length: 1000 }, (_, k) =>
      k % 97 === 0 ? NaN : k % 89 === 0 ? Infinity : k % 83 === 0 ? -Infinity : (rand() - 0.5) * 1e3,
    );
    const s = summarize(data);
    const finite = data.filter(Number.isFinite);
    let sum = 0;
    for (const v of finite) sum += v;
    assert.deepEqual(
      [s.count, s.min, s.max, s.nan, s.posInf, s.negInf],
      [
        finite.length,
        Math.min(...finite),
        Math.max(...finite),
        data.filter(Number.isNaN).length,
        data.filter((v) => v === Infinity).length,
        data.filter((v) => v === -Infinity).length,
      ],
    );
    assert.ok(Math.abs((s.mean ?? NaN) - sum / finite.length) < 1e-12);
    const numpy = JSON.parse(
      python(
        `import json, numpy as np\na = np.array(json.loads('${JSON.stringify(finite)}'))\nprint(json.dumps(float(a.mean())))`,
      ),
    ) as number;
    assert.ok(Math.abs((s.mean ?? NaN) - numpy) <= 1e-9 * Math.abs(numpy));
  });

  test('no finite value: count 0 and no min, max or mean; empty data likewise', () => {
    assert.deepEqual(summarize([NaN, Infinity]), { count: 0, nan: 1, posInf: 1, negInf: 0 });
    assert.deepEqual(summarize([]), { count: 0, nan: 0, posInf: 0, negInf: 0 });
  });
});
