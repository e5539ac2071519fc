// What the edge panel saves (VS Code keeps it across tab switches and reloads), what an input does to it, and the
// text helpers of its probe. Pure: no DOM, tested in Node. Saved state is validated on restore like any message.
import * as v from 'valibot';
import { MatrixSchema, ShownMatrixSchema, type PanelInput } from '../../src/protocol/messages';
import { edgeKernel } from '../../src/core/fixtures';
import { refusal } from '../../src/core/limits';
import { shapeOf, validateMatrix, type Matrix } from '../../src/core/matrix';
import { matrixOnly } from '../../src/core/volume';
import { num } from '../shared/format';
import { ignoredSettings } from './display';
import { matchPreset } from './presets';
import { GalleryFilterSchema } from './filters';

const Index = v.pipe(v.number(), v.integer(), v.minValue(0));

const Kernel = v.pipe(
  MatrixSchema,
  v.check((K) => {
    try {
      validateMatrix('edges', 'K', K);
      return refusal('edges-K', shapeOf(K)) === undefined;
    } catch {
      return false;
    }
  }, 'a kernel of up to 15×15 finite numbers'),
);

/** What X is: the book's 6×8 image, a matrix from the editor, or a photo (reloaded from its URI). */
export const SourceSchema = v.variant('kind', [
  v.object({ kind: v.literal('book') }),
  v.object({
    kind: v.literal('matrix'),
    X: ShownMatrixSchema,
    from: v.optional(v.pipe(v.string(), v.maxLength(500))),
  }),
  v.object({
    kind: v.literal('photo'),
    uri: v.pipe(v.string(), v.maxLength(4096)),
    name: v.pipe(v.string(), v.maxLength(1000)),
    /** The file as a program opens it (for "Copy as code"), when the host said. */
    path: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  }),
]);
/** What X is. */
export type Source = v.InferOutput<typeof SourceSchema>;

/** The panel's saved state. */
export const EdgeStateSchema = v.object({
  K: Kernel,
  preset: v.pipe(v.string(), v.maxLength(50)),
  /** Where K came from ("steps.py:4"), when an input named it. */
  kernelFrom: v.optional(v.pipe(v.string(), v.maxLength(500))),
  transposed: v.boolean(),
  source: SourceSchema,
  /** The sender's settings this panel does not apply (the sidebar's padding, stride, bias), as a sentence. */
  ignored: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  /** Set when the last input named only K and the photo shown stayed. */
  kept: v.optional(v.boolean()),
  inspect: v.tuple([Index, Index]),
  /** The feature-map gallery is shown. */
  galleryOn: v.optional(v.boolean(), false),
  /** The gallery's filters (undefined: the default set). */
  gallery: v.optional(v.pipe(v.array(GalleryFilterSchema), v.maxLength(12))),
});
/** The panel's saved state. */
export type EdgeState = v.InferOutput<typeof EdgeStateSchema>;

/** The book's example: X the 6×8 image, K = [1, −1] (d2l §7.2.3). */
export function defaultEdgeState(): EdgeState {
  return {
    K: edgeKernel(),
    preset: 'edge-x',
    transposed: false,
    source: { kind: 'book' },
    inspect: [0, 0],
    galleryOn: false,
  };
}

/**
 * The state for an input (a hover link, the sidebar's Edges button, the palette on a selection). The setup is replaced:
 * K is the input's (else [1, −1]), X the input's matrix (else the book's image), untransposed, probe at [0, 0] — except
 * that a photo the user opened stays when the input names only K (filtering it with that kernel is the point; the
 * caption says X was kept). Settings the panel does not apply are named. Throws for a kernel over 15×15 or a bad
 * matrix, naming it (the state stays as it was).
 */
export function applyInput(s: EdgeState, input: PanelInput): EdgeState {
  if (!input.X && !input.K) return s;
  const X = input.X && validateMatrix('edges', 'X', matrixOnly('edges', 'X', input.X, 'Detect Edges'));
  const Kin = input.K && validateMatrix('edges', 'K', matrixOnly('edges', 'K', input.K, 'Detect Edges'));
  if (Kin) {
    const why = refusal('edges-K', shapeOf(Kin));
    if (why) throw new Error(`edges: K is ${shapeOf(Kin).join('×')}; ${why}`);
  }
  const K = Kin ?? edgeKernel();
  const keepPhoto = !X && s.source.kind === 'photo';
  const source: Source = X ? { kind: 'matrix', X, from: input.source } : keepPhoto ? s.source : { kind: 'book' };
  return {
    K: K.map((row) => [...row]),
    preset: matchPreset(K),
    kernelFrom: Kin ? input.source : undefined,
    transposed: false,
    source,
    ignored: ignoredSettings(input),
    kept: keepPhoto || undefined,
    inspect: [0, 0],
    galleryOn: s.galleryOn,
    gallery: s.gallery,
  };
}

/**
 * The probe line for output pixel `(i, j)` of a 'valid' cross-correlation with a `kh×kw` kernel: its value and the
 * input window it reads, rows i..i+kh−1 and columns j..j+kw−1 (zero-based, inclusive), e.g.
 * "Y[2, 1] = 1 · window X[2..2, 1..2]".
 */
export function probeText(i: number, j: number, value: number, kh: number, kw: number): string {
  return `Y[${i}, ${j}] = ${num(value)} · window X[${i}..${i + kh - 1}, ${j}..${j + kw - 1}]`;
}

/**
 * Which cell of a `h×w` grid is under a pointer at (x, y) CSS pixels from the element's content box, when it is
 * displayed `cssW×cssH` CSS pixels: `[row, col] = [floor(y·h/cssH), floor(x·w/cssW)]`, clamped into the grid.
 */
export function pixelAt(x: number, y: number, cssW: number, cssH: number, w: number, h: number): [number, number] {
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(v)));
  return [clamp((y * h) / cssH, h), clamp((x * w) / cssW, w)];
}

/** Transposes a row-major `[h·w]` image into `[w·h]`. */
export function transposeImage(data: Float32Array, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) out[c * h + r] = data[r * w + c];
  return out;
}

/** Re-exported for the view: matrices are plain row-major arrays. */
export type { Matrix };
