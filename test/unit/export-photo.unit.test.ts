// "Copy as code" of Detect Edges on a photo: the exported NumPy/SciPy program and the TensorFlow.js program (Node,
// fast-png) READ the PNG files written here and must print the Y the panel computes — the panel's own pipeline run in
// Node: readPng → toGray (BT.601 of the stored colour at the file's bit depth) → area shrink → transpose → float64
// 'valid' cross-correlation. Tolerance 1e-6 (the panel's gray plane is float32). Every PNG storage the panel reads is
// a case: 8-bit gray/RGB/RGBA, 1/2/4-bit gray, 16-bit gray, 16-bit gray with a tRNS key, 16-bit RGB/RGBA and gray +
// alpha (OpenCV's path: Pillow reads those at 8 bits), palettes with transparency; plus two demo photos. The PyTorch
// and TensorFlow programs cannot run here: their text is compared with expected text (export-text.unit.test.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPhotoCode, type PhotoExportSpec } from '../../src/core/export';
import { fromFlat, transpose, type Matrix } from '../../src/core/matrix';
import { mulberry32, randomMatrix } from '../../src/core/random';
import { corr2dReference } from '../../src/core/reference';
import { readPng } from '../../webview-ui/shared/image/formats';
import { downscaleArea, toGray } from '../../webview-ui/shared/image/pixels';
import { storedAs } from '../../webview-ui/shared/image/stored';
import { writePng, type PngSpec } from '../helpers/png-writer';
import { assertMatrixClose } from './helpers/assert';
import { runPython, runTfjs } from './helpers/run-export';
import { useCpuBackend } from './helpers/tf';

const dir = mkdtempSync(join(tmpdir(), 'conv2d-export-photo-'));
after(() => rmSync(dir, { recursive: true, force: true }));
before(useCpuBackend);

const rand = mulberry32(77);
const samples = (n: number, max: number) => Array.from({ length: n }, () => Math.floor(rand() * (max + 1)));

/** A PNG of `w×h` pixels in `spec`'s storage with seeded random samples. */
function png(name: string, w: number, h: number, spec: Omit<PngSpec, 'width' | 'height' | 'samples'>): string {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[spec.colourType];
  const max = spec.colourType === 3 ? (spec.palette?.length ?? 1) - 1 : 2 ** spec.depth - 1;
  const path = join(dir, `${name}.png`);
  writeFileSync(path, writePng({ width: w, height: h, samples: samples(w * h * channels, max), ...spec }));
  return path;
}

const palette: Array<[number, number, number]> = [
  [10, 20, 30],
  [200, 100, 50],
  [255, 255, 255],
  [0, 128, 255],
];
const demo = (f: string) => join(import.meta.dirname, '..', '..', 'demo', 'images', f);

interface PhotoCase {
  title: string;
  path: string;
  K: Matrix;
  shrink?: [number, number];
  transpose?: boolean;
}

const sobel = [
  [-1, 0, 1],
  [-2, 0, 2],
  [-1, 0, 1],
];
const cases: PhotoCase[] = [
  { title: '8-bit gray 9×7, K=[1,-1]', path: png('g8', 9, 7, { depth: 8, colourType: 0 }), K: [[1, -1]] },
  { title: '8-bit RGB 8×6, Sobel x 3×3', path: png('rgb8', 8, 6, { depth: 8, colourType: 2 }), K: sobel },
  {
    title: '8-bit RGBA 7×5 (alpha not applied), random 2×3, transposed',
    path: png('rgba8', 7, 5, { depth: 8, colourType: 6 }),
    K: randomMatrix(rand, 2, 3),
    transpose: true,
  },
  { title: '1-bit gray 10×4, K=[1,-1]', path: png('g1', 10, 4, { depth: 1, colourType: 0 }), K: [[1, -1]] },
  { title: '2-bit gray 6×6, Sobel x', path: png('g2', 6, 6, { depth: 2, colourType: 0 }), K: sobel },
  { title: '4-bit gray 5×9, K=[[1],[-1]]', path: png('g4', 5, 9, { depth: 4, colourType: 0 }), K: [[1], [-1]] },
  {
    title: '16-bit gray 7×7, random 3×3',
    path: png('g16', 7, 7, { depth: 16, colourType: 0 }),
    K: randomMatrix(rand, 3, 3),
  },
  {
    title: '16-bit gray with a tRNS colour key 6×5, K=[1,-1]',
    path: png('g16t', 6, 5, { depth: 16, colourType: 0, transparency: [1000] }),
    K: [[1, -1]],
  },
  { title: '16-bit RGB 6×5 (OpenCV), Sobel x', path: png('rgb16', 6, 5, { depth: 16, colourType: 2 }), K: sobel },
  {
    title: '16-bit RGBA 5×6 (OpenCV), random 2×2, transposed',
    path: png('rgba16', 5, 6, { depth: 16, colourType: 6 }),
    K: randomMatrix(rand, 2, 2),
    transpose: true,
  },
  {
    title: '16-bit gray + alpha 6×4 (OpenCV), K=[1,-1]',
    path: png('la16', 6, 4, { depth: 16, colourType: 4 }),
    K: [[1, -1]],
  },
  { title: '8-bit gray + alpha 6×4, K=[1,-1]', path: png('la8', 6, 4, { depth: 8, colourType: 4 }), K: [[1, -1]] },
  {
    title: 'palette with tRNS 8×8 (transparent entries keep their colour), Sobel x',
    path: png('pal', 8, 8, { depth: 8, colourType: 3, palette, transparency: [0, 128] }),
    K: sobel,
  },
  {
    title: '2-bit palette 9×3, K=[1,-1]',
    path: png('pal2', 9, 3, { depth: 2, colourType: 3, palette }),
    K: [[1, -1]],
  },
  {
    title: 'area shrink 13×11 → 6×5 (as above 4096 px), then transposed, Sobel x',
    path: png('shrink', 13, 11, { depth: 8, colourType: 2 }),
    K: sobel,
    shrink: [5, 6],
    transpose: true,
  },
  { title: 'demo coins.png 384×303 8-bit gray, Sobel x', path: demo('coins.png'), K: sobel },
  { title: 'demo chelsea.png 451×300 RGB, K=[1,-1]', path: demo('chelsea.png'), K: [[1, -1]] },
];

/** The spec the panel builds for a case (storage from its own decoder). */
function specOf(c: PhotoCase): PhotoExportSpec {
  const img = readPng(readFileSync(c.path));
  return {
    image: { path: c.path, ...storedAs(img) },
    K: c.K,
    ...(c.shrink ? { shrink: c.shrink } : {}),
    ...(c.transpose ? { transpose: true } : {}),
  };
}

/** The panel's Y for a case: its decoder, gray rule, area shrink and transpose, then the float64 reference. */
function panelY(c: PhotoCase): Matrix {
  const img = readPng(readFileSync(c.path));
  let [data, w, h] = [toGray(img), img.w, img.h];
  if (c.shrink) [data, w, h] = [downscaleArea(data, w, h, c.shrink[1], c.shrink[0]), c.shrink[1], c.shrink[0]];
  const X = fromFlat(data, h, w);
  return corr2dReference(c.transpose ? transpose(X) : X, c.K);
}

describe("Detect Edges photo export: NumPy/SciPy program reads the PNG and prints the panel's Y (1e-6)", () => {
  let runs: ReturnType<typeof runPython> = [];
  before(() => {
    runs = runPython(
      cases.map((c) => exportPhotoCode(specOf(c), 'numpy')),
      ['Y'],
    );
  });
  cases.forEach((c, n) =>
    test(c.title, () => {
      const want = panelY(c);
      assertMatrixClose(runs[n].values.Y as Matrix, want, 1e-6, 'Y');
      const stats = runs[n].printed.split('\n')[0];
      assert.match(stats, new RegExp(`^\\(${want.length}, ${want[0].length}\\) `), 'first line: shape, min, max');
    }),
  );
  test('the reader: OpenCV exactly for 16-bit PNGs with colour or alpha, Pillow otherwise', () => {
    const readers = cases.map((c) => /import cv2/.test(exportPhotoCode(specOf(c), 'numpy')));
    assert.deepEqual(
      cases.filter((_, i) => readers[i]).map((c) => c.title.split(' (')[0]),
      [
        '16-bit gray with a tRNS colour key 6×5, K=[1,-1]',
        '16-bit RGB 6×5',
        '16-bit RGBA 5×6',
        '16-bit gray + alpha 6×4',
      ],
    );
  });
});

describe("Detect Edges photo export: TensorFlow.js program (Node, fast-png) prints the panel's Y (float32, 1e-5)", () => {
  for (const c of cases) {
    test(c.title, () => {
      const r = runTfjs(exportPhotoCode(specOf(c), 'tfjs'), ['Y']);
      assertMatrixClose(r.values.Y as Matrix, panelY(c), 1e-5, 'Y');
    });
  }
});
