// The Detect Edges gallery's maps (webview-ui/edges/model.ts galleryMap) on the fast path, against a float64 plain
// loop: a filter over R, G and B is the sum over channels of each channel's valid cross-correlation (d2l §7.4.1), and
// each channel's share at a pixel is what the probe shows.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FastCorr2d } from '../../src/core/fast';
import { mulberry32, randomMatrix } from '../../src/core/random';
import type { Matrix } from '../../src/core/matrix';
import { EdgesModel, galleryMaps, type Input, type Plane } from '../../webview-ui/edges/model';
import type { GalleryFilter } from '../../webview-ui/edges/filters';
import type { BackendChoice } from '../../webview-ui/shared/backend';
import { backendChoice } from '../../webview-ui/shared/conv-path';

const TOL = 1e-5;

/** What chooseBackend returns with software WebGL: forward passes on the fast engine's own path. */
function fastBackend(): BackendChoice {
  return backendChoice('cpu', 'test', { path: FastCorr2d.create().path, reason: 'test' });
}

/** Valid cross-correlation in float64 (d2l §7.2.1): X [h, w] row-major, K [kh, kw] → [h − kh + 1, w − kw + 1]. */
function corr64(x: Plane, K: Matrix): number[] {
  const [kh, kw] = [K.length, K[0].length];
  const out: number[] = [];
  for (let i = 0; i + kh <= x.h; i++)
    for (let j = 0; j + kw <= x.w; j++) {
      let s = 0;
      for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) s += x.data[(i + a) * x.w + j + b] * K[a][b];
      out.push(s);
    }
  return out;
}

function closeTo(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i] - expected[i]) <= TOL, `${what}[${i}] = ${actual[i]}, expected ${expected[i]}`);
}

describe('edges gallery maps on the fast path vs a float64 loop', () => {
  for (const [h, w, kh, kw] of [
    [7, 9, 3, 3],
    [33, 40, 3, 3],
    [12, 10, 2, 5],
  ]) {
    test(`x=[3,${h},${w}] k=[1,3,${kh},${kw}] (rgb, summed) and [${kh},${kw}] on the luma and on G; valid, tol ${TOL}`, async () => {
      const rand = mulberry32(h * 100 + w);
      const plane = (): Plane => ({ data: Float32Array.from({ length: h * w }, () => rand()), h, w });
      const rgb: [Plane, Plane, Plane] = [plane(), plane(), plane()];
      const input: Input = { plane: plane(), rgb };
      const K = [0, 1, 2].map(() => randomMatrix(rand, kh, kw, -1, 1));
      const filters: GalleryFilter[] = [
        { label: 'rgb', reads: 'rgb', K },
        { label: 'luma', reads: 'luma', K: [K[0]] },
        { label: 'G', reads: 'G', K: [K[1]] },
      ];
      const maps = await galleryMaps(new EdgesModel(fastBackend()), { input, filters });
      const [m0, m1, m2] = maps;
      assert.ok(!('error' in m0) && !('error' in m1) && !('error' in m2), JSON.stringify(maps));
      const parts = rgb.map((p, c) => corr64(p, K[c]));
      const outW = w - kw + 1;
      const shares = [0, 1, 2].map((c) =>
        Array.from({ length: parts[c].length }, (_, q) => m0.partsAt(Math.floor(q / outW), q % outW)[c]),
      );
      shares.forEach((s, c) => closeTo(s, parts[c], `rgb share ${c} (probe)`));
      closeTo(
        m0.Y,
        parts[0].map((v, i) => v + parts[1][i] + parts[2][i]),
        'rgb sum',
      );
      assert.deepEqual([m0.geom.outH, m0.geom.outW], [h - kh + 1, w - kw + 1]);
      closeTo(m1.Y, corr64(input.plane, K[0]), 'luma');
      closeTo(m2.Y, corr64(rgb[1], K[1]), 'G');
      const m = Math.max(...Array.from(m0.Y, Math.abs));
      assert.equal(m0.range.m, m, 'the symmetric scale is max |Y|');
    });
  }
  test('a colour filter on an input without colour says so, the other maps are still made', async () => {
    const input: Input = { plane: { data: new Float32Array(16).fill(1), h: 4, w: 4 } };
    const filters: GalleryFilter[] = [
      { label: 'R − G', reads: 'rgb', K: [[[1]], [[-1]], [[0]]] },
      { label: 'box', reads: 'luma', K: [[[1, 1]]] },
    ];
    const [bad, good] = await galleryMaps(new EdgesModel(fastBackend()), { input, filters });
    assert.ok('error' in bad && /R − G reads colour channels; this X has none/.test(bad.error), JSON.stringify(bad));
    assert.ok(!('error' in good));
    closeTo(good.Y, new Array(12).fill(2), 'box');
  });
});
