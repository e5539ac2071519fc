// Files the findings test (findings.e2e.test.ts) opens, written into the demo workspace before code-server starts
// (a file written during a run can be missing from Quick Open's list) and removed after: a Python file of calls and
// literals, and PNGs of the pixel formats and sizes the findings were about. Expected values are computed here from
// what is written, independently of the product's decoders.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePng, writePngRows } from '../helpers/png-writer';

const DEMO = join(import.meta.dirname, '..', '..', 'demo');

/** The scratch Python file (workspace-relative path) and its lines. */
export const PY = 'findings-scratch.py';

const ramp = (h: number, w: number, f: (r: number, c: number) => number) =>
  Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => f(r, c)));
const literal = (M: number[][]) => `[${M.map((row) => `[${row.join(', ')}]`).join(',\n     ')}]`;

/** X and K of the calls, and the calls in the order the test visits them (each one line). */
export const X = ramp(5, 5, (r, c) => (r * 5 + c) % 7);
export const K = [
  [1, 0],
  [2, -1],
];
export const CALLS = {
  sameStride2: "A = corr2d(X, K, padding='same', strides=2)",
  plain: 'B = corr2d(X, K)',
  padding1: 'C = corr2d(X, K, padding=1)',
  dilation2: 'D = corr2d(X, K, dilation=2)',
  sameAfterDilation: "E = corr2d(X, K, padding='same', strides=2)",
} as const;

/** A 200×200 literal (past the Step panel's 128×128), a 128×128 one, and the Prewitt x kernel. */
export const BIG = ramp(200, 200, (r, c) => ((r * 3 + c * 7) % 11) / 10);
export const STEP_MAX = ramp(128, 128, (r, c) => (r + 2 * c) % 5);
export const PREWITT = [
  [-1, 0, 1],
  [-1, 0, 1],
  [-1, 0, 1],
];

/** The text of the scratch Python file; the test finds lines in it by their text. */
export const PY_TEXT = [
  '# Scratch file of test/e2e/findings.e2e.test.ts (deleted after the run).',
  `X = ${literal(X)}`,
  `K = ${literal(K)}`,
  ...Object.values(CALLS),
  `BIG = ${literal(BIG)}`,
  `STEP_MAX = ${literal(STEP_MAX)}`,
  `PREWITT = ${literal(PREWITT)}`,
  '',
].join('\n');

/** Scratch images (workspace-relative paths) with what their pixels must read as. */
export const IMAGES = {
  /** 16-bit gray, 5×5: the issue's three samples at row 1, columns 1–3; the rest 0x8000. */
  gray16: 'images/scratch-gray16.png',
  /** 8-bit palette with tRNS, 3×3: a fully transparent WHITE entry in the middle, black around it. */
  paletteAlpha: 'images/scratch-palette-alpha.png',
  /** 8-bit gray + alpha, 3×3: gray 200 at alpha 37 in the middle (a premultiplied read-back was 1/255 off). */
  grayAlpha: 'images/scratch-gray-alpha.png',
  /** 1×1 gray: no 1×2 kernel fits it. */
  onePixel: 'images/scratch-1x1.png',
  /** 4096×4096 white with a one-pixel black column at 2049: computed at full size, shown pooled. */
  line4096: 'images/scratch-line-4096.png',
  /** 8000×8000 white with a one-pixel black column at 4000: scaled down to 4096 (area average). */
  line8000: 'images/scratch-line-8000.png',
} as const;

/** The issue's 16-bit samples and the intensities they must read as (v / 65535). */
export const GRAY16 = { samples: [0x1234, 0xff00, 0x00ff], expected: [0.071107, 0.996109, 0.003891] };

/** A gray PNG of `w×h`, all white but a one-pixel black column at `col` (every row the same). */
function linePng(w: number, h: number, col: number): Buffer {
  const row = new Uint8Array(w).fill(255);
  row[col] = 0;
  return writePngRows({ width: w, height: h, depth: 8, colourType: 0 }, () => row);
}

/** Writes every scratch file; returns a function that removes them. */
export function writeFixtures(): () => void {
  mkdirSync(join(DEMO, 'images'), { recursive: true });
  const files: Array<[string, Buffer | string]> = [
    [PY, PY_TEXT],
    [
      IMAGES.gray16,
      writePng({
        width: 5,
        height: 5,
        depth: 16,
        colourType: 0,
        samples: ramp(5, 5, (r, c) => (r === 1 && c >= 1 && c <= 3 ? GRAY16.samples[c - 1] : 0x8000)).flat(),
      }),
    ],
    [
      IMAGES.paletteAlpha,
      writePng({
        width: 3,
        height: 3,
        depth: 8,
        colourType: 3,
        samples: [1, 1, 1, 1, 0, 1, 1, 1, 1],
        palette: [
          [255, 255, 255],
          [0, 0, 0],
        ],
        transparency: [0, 255],
      }),
    ],
    [
      IMAGES.grayAlpha,
      writePng({
        width: 3,
        height: 3,
        depth: 8,
        colourType: 4,
        samples: ramp(3, 3, (r, c) => (r === 1 && c === 1 ? 200 : 10))
          .flat()
          .flatMap((g, i) => [g, i === 4 ? 37 : 255]),
      }),
    ],
    [IMAGES.onePixel, writePng({ width: 1, height: 1, depth: 8, colourType: 0, samples: [128] })],
    [IMAGES.line4096, linePng(4096, 4096, 2049)],
    [IMAGES.line8000, linePng(8000, 8000, 4000)],
  ];
  for (const [path, data] of files) writeFileSync(join(DEMO, path), data);
  return () => files.forEach(([path]) => rmSync(join(DEMO, path), { force: true }));
}
