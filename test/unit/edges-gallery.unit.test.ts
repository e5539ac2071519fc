// The edge panel's feature-map gallery, the pure part: the default filters, K added three ways, and the value text
// that shows each colour channel's share of a summed map (d2l §7.4.1).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { defaultGallery, filtersOf, GalleryFilterSchema, kernelSize, valueText } from '../../webview-ui/edges/filters';

describe('edge gallery filters', () => {
  test('the default set: Sobel x, Sobel y, Laplacian on the luma and R − G over the three channels, all valid', () => {
    const set = defaultGallery();
    assert.deepEqual(
      set.map((f) => [f.label, f.reads]),
      [
        ['Sobel x', 'luma'],
        ['Sobel y', 'luma'],
        ['Laplacian', 'luma'],
        ['R − G (colour-opponent)', 'rgb'],
      ],
    );
    assert.deepEqual(set[0].K[0], [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ]);
    for (const f of set) assert.ok(v.safeParse(GalleryFilterSchema, f).success, f.label);
  });

  test('K added on the luma, on each of R, G, B, and as one 3-channel kernel; copies, not the panel’s array', () => {
    const K = [[1, -1]];
    assert.deepEqual(filtersOf(K, 'luma', 'K'), [{ label: 'K', reads: 'luma', K: [[[1, -1]]] }]);
    assert.deepEqual(
      filtersOf(K, 'each', 'K').map((f) => f.reads),
      ['R', 'G', 'B'],
    );
    const summed = filtersOf(K, 'summed', 'K');
    assert.equal(summed.length, 1);
    assert.equal(summed[0].K.length, 3);
    K[0][0] = 9;
    assert.equal(summed[0].K[0][0][0], 1, 'changing the panel kernel later leaves the gallery filter alone');
    assert.deepEqual(kernelSize(summed[0]), [1, 2]);
  });

  test('value text: one number for a single channel; R + G + B = total for a summed filter', () => {
    assert.equal(valueText(defaultGallery()[0], [0.25]), '0.25');
    assert.equal(valueText(defaultGallery()[3], [0.5, -0.25, 0]), 'R 0.5 + G −0.25 + B 0 = 0.25');
  });

  test('the schema refuses a filter with no kernel or four kernels, and an unknown channel', () => {
    assert.equal(v.safeParse(GalleryFilterSchema, { label: 'x', reads: 'rgb', K: [] }).success, false);
    assert.equal(
      v.safeParse(GalleryFilterSchema, { label: 'x', reads: 'rgb', K: [[[1]], [[1]], [[1]], [[1]]] }).success,
      false,
    );
    assert.equal(v.safeParse(GalleryFilterSchema, { label: 'x', reads: 'A', K: [[[1]]] }).success, false);
  });
});
