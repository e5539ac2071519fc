// What the shared TensorView draws, apart from the DOM (webview-ui/shared/tensor.ts): NaN and ±∞ put back from the
// protocol's positions, the plane a slicer selects (cut from the whole array against numpy, or the one plane the host
// sent, stale when the slicer asks for another), the summary line; and the sidebar's saved state with the slicers'
// planes and an N-D literal at the cursor (a state saved before them still restores).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import type { Tensor } from '../../src/protocol/messages';
import { planeMatrix, shownPlane, summaryOf, summaryText, valuesOf } from '../../webview-ui/shared/tensor';
import { defaultState, SidebarStateSchema, sidebarInput } from '../../webview-ui/sidebar/state';
import { python } from './helpers/python';

const V: Tensor = { shape: [2, 3, 4], data: Array.from({ length: 24 }, (_, k) => k) };

describe('tensor view: values, planes, summary', () => {
  test('NaN and ±∞ come back where nonFinite says; the data itself carries 0 there', () => {
    const t: Tensor = { shape: [4], data: [1, 0, 0, 0], nonFinite: { nan: [1], posInf: [2], negInf: [3] } };
    assert.deepEqual(Array.from(valuesOf(t)), [1, NaN, Infinity, -Infinity]);
    assert.equal(summaryText(summaryOf(t, valuesOf(t))), 'min 1 · max 1 · mean 1 · 4 values (1 NaN, 1 +∞, 1 −∞)');
  });

  test('x=[2,3,4] default plane V[0, :, :] 3×4; index 1 on axis 0; rows over axis 2, cols over axis 1 → V[1].T (numpy)', () => {
    const values = valuesOf(V);
    const first = shownPlane(V, values, undefined);
    assert.deepEqual([first.rows, first.cols, first.stale], [3, 4, false]);
    assert.deepEqual(planeMatrix(first), [
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ]);
    const t = shownPlane(V, values, { rowAxis: 2, colAxis: 1, index: [1, 0, 0] });
    const numpy = JSON.parse(
      python('import json, numpy as np\nprint(json.dumps(np.arange(24.0).reshape(2, 3, 4)[1].T.tolist()))'),
    ) as number[][];
    assert.deepEqual(planeMatrix(t), numpy);
  });

  test('a sent plane is shown as sent; a slicer asking for another marks it stale until the host sends that one', () => {
    const big: Tensor = {
      shape: [3, 8, 8],
      data: [1, 2, 3, 4],
      plane: { rowAxis: 1, colAxis: 2, index: [0, 0, 0], step: 4, rows: 2, cols: 2 },
      summary: { count: 192, min: 0, max: 191, mean: 95.5, nan: 0, posInf: 0, negInf: 0 },
    };
    const values = valuesOf(big);
    const same = shownPlane(big, values, undefined);
    assert.deepEqual([same.rows, same.cols, same.step, same.stale], [2, 2, 4, false]);
    const other = shownPlane(big, values, { rowAxis: 1, colAxis: 2, index: [2, 0, 0] });
    assert.equal(other.stale, true);
    assert.deepEqual(other.sel.index, [0, 0, 0], 'the caption names the plane on screen');
    assert.equal(summaryText(summaryOf(big, values)), 'min 0 · max 191 · mean 95.5 · 192 values', "the host's summary");
  });

  test('a scalar shows one value; an empty array no plane', () => {
    const s = shownPlane({ shape: [], data: [7] }, Float64Array.of(7), undefined);
    assert.deepEqual(planeMatrix(s), [[7]]);
    const e = shownPlane({ shape: [0, 3], data: [] }, new Float64Array(0), undefined);
    assert.equal(e.rows, 0);
    assert.equal(summaryText(summaryOf({ shape: [0], data: [] }, new Float64Array(0))), 'no finite value · 0 values');
  });
});

describe('sidebar state: slicer planes and N-D literals', () => {
  test('a state saved before planes and tensors restores with planes {}; one with both round-trips', () => {
    const old = JSON.parse(JSON.stringify(defaultState())) as Record<string, unknown>;
    delete old.planes;
    const r = v.safeParse(SidebarStateSchema, old);
    assert.ok(r.success);
    assert.deepEqual(r.output.planes, {});
    const withBoth = {
      ...defaultState(),
      cursor: { matrix: [[1, 2]], label: 'a.py:1 2×1×2', tensor: { shape: [2, 1, 2], data: [1, 2, 3, 4] } },
      planes: { cursor: { rowAxis: 1, colAxis: 2, index: [1, 0, 0] } },
    };
    const back = v.safeParse(SidebarStateSchema, JSON.parse(JSON.stringify(withBoth)));
    assert.ok(back.success);
    assert.deepEqual(back.output, withBoth);
  });

  test('an input replaces X and K but keeps the cursor and the slicer planes', () => {
    const s = { ...defaultState(), planes: { cursor: { rowAxis: 1, colAxis: 2, index: [1, 0, 0] } } };
    const next = sidebarInput(s, { K: [[1, -1]] });
    assert.deepEqual(next.planes, s.planes);
    assert.deepEqual(next.K, [[1, -1]]);
  });
});
