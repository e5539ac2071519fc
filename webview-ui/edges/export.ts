// What Detect Edges exports: Y = X ⋆ K ('valid') on what the panel computes — the book's image or a matrix (with the
// Transpose X toggle applied) as the core's ExportSpec, or a photo as a program that reads the file again by the
// panel's gray rule and shrinks/transposes it as the panel did. Pure.
import {
  exportCode,
  exportPhotoCode,
  specFrom2d,
  type ExportSpec,
  type ExportTarget,
  type PhotoExportSpec,
} from '../../src/core/export';
import { fromFlat } from '../../src/core/matrix';
import { explain } from '../shared/explain';
import { literalLabel, outputLiteral, type ExportSource, type LiteralChoice } from '../shared/export-source';
import type { Input, Output } from './model';
import type { EdgeState } from './state';

/** The panel's computation as an export: a matrix layer, or a photo program; a sentence when there is none yet. */
export type EdgesExport = { kind: 'matrix'; spec: ExportSpec } | { kind: 'photo'; spec: PhotoExportSpec } | string;

/**
 * The export of state `s` with its input (`model.inputOf(s)`): a matrix X (book, editor; transposed when toggled)
 * → `specFrom2d('correlation', X, K)`; a photo → `PhotoExportSpec` with the file's path and storage, the shrink the
 * panel applied above its size limit, and the transpose. A sentence while the photo decodes, or when the panel does
 * not know the photo's file (a state saved before paths were kept: open the image again).
 */
export function exportSpecOf(s: EdgeState, input: Input | undefined): EdgesExport {
  if (!input) return 'Nothing to export yet: the photo is still loading';
  if (input.matrix) return { kind: 'matrix', spec: specFrom2d('correlation', input.matrix, s.K) };
  const photo = input.photo;
  const path = s.source.kind === 'photo' ? s.source.path : undefined;
  if (!photo || !path) {
    return 'The panel does not know where this photo is stored: use “Open image…” to open it again, then export';
  }
  const scaled = photo.gray.w !== photo.origW || photo.gray.h !== photo.origH;
  return {
    kind: 'photo',
    spec: {
      image: { path, ...photo.stored },
      K: s.K,
      ...(scaled ? { shrink: [photo.gray.h, photo.gray.w] as [number, number] } : {}),
      ...(s.transposed ? { transpose: true } : {}),
    },
  };
}

/** The code of an export for `target`; throws the panel's own explanation when K does not fit X. */
export function edgesCode(e: EdgesExport, target: ExportTarget): string {
  if (typeof e === 'string') throw new Error(e);
  try {
    return e.kind === 'photo' ? exportPhotoCode(e.spec, target) : exportCode(e.spec, target);
  } catch (err) {
    throw new Error(`Nothing to export: ${explain(err, 'edges')}`);
  }
}

/** "Copy as code" and "Insert as literal" of Detect Edges: X and Y as shown (a photo's planes when small), K. */
export function edgesExport(s: EdgeState, input: Input | undefined, out: Output | undefined): ExportSource {
  const e = exportSpecOf(s, input);
  const name = input?.photo ? input.photo.name : 'X';
  const plane = (what: string, p: { data: Float32Array; h: number; w: number } | undefined): LiteralChoice => ({
    name: what,
    label: p ? `${what} (${p.h}×${p.w})` : what,
    values: () => (p ? fromFlat(p.data, p.h, p.w) : `${what} is not computed yet`),
  });
  const literals: LiteralChoice[] =
    typeof e !== 'string' && e.kind === 'matrix'
      ? [
          { name: 'X', label: literalLabel('X', e.spec.X[0]), values: () => e.spec.X[0] },
          { name: 'K', label: literalLabel('K', s.K), values: () => s.K },
          outputLiteral(e.spec, 'edges'),
        ]
      : [
          plane('X', input?.plane),
          { name: 'K', label: literalLabel('K', s.K), values: () => s.K },
          plane('Y', out && { data: out.Y, h: out.geom.outH, w: out.geom.outW }),
        ];
  return {
    what: `Y = X ⋆ K of Detect Edges (${name})`,
    code: (target) => edgesCode(e, target),
    literals,
  };
}
