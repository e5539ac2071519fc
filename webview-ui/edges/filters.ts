// The feature-map gallery of the edge panel: several filters over the same photo at once, each map on its own scale
// (what a convolutional layer's output channels are, d2l §7.4.2). A filter reads the luma, one colour channel, or all
// three with a kernel per channel summed (a 3-channel kernel, §7.4.1). Pure: tested in Node.
import * as v from 'valibot';
import { MatrixSchema } from '../../src/protocol/messages';
import type { Matrix } from '../../src/core/matrix';
import { num } from '../shared/format';
import { presetKernel } from './presets';

/** What a filter reads: the gray luma, the R, G or B channel, or R, G and B with one kernel each, summed. */
export type Reads = 'luma' | 'R' | 'G' | 'B' | 'rgb';

/** One filter of the gallery. `K` has one kernel, or three (R, G, B) when it reads 'rgb'. */
export const GalleryFilterSchema = v.object({
  label: v.pipe(v.string(), v.maxLength(80)),
  reads: v.picklist(['luma', 'R', 'G', 'B', 'rgb']),
  K: v.pipe(v.array(MatrixSchema), v.minLength(1), v.maxLength(3)),
});
/** One filter of the gallery. */
export type GalleryFilter = v.InferOutput<typeof GalleryFilterSchema>;

/** The channel index of a single-channel read (luma has none). */
export const CHANNEL: Readonly<Record<'R' | 'G' | 'B', number>> = { R: 0, G: 1, B: 2 };

/**
 * The default gallery: Sobel x and y and the Laplacian on the luma, and a colour-opponent 1×1 kernel, R − G (a
 * 3-channel kernel [1, −1, 0]: positive where a pixel is redder than it is green).
 */
export function defaultGallery(): GalleryFilter[] {
  return [
    { label: 'Sobel x', reads: 'luma', K: [presetKernel('sobel-x')] },
    { label: 'Sobel y', reads: 'luma', K: [presetKernel('sobel-y')] },
    { label: 'Laplacian', reads: 'luma', K: [presetKernel('laplacian')] },
    { label: 'R − G (colour-opponent)', reads: 'rgb', K: [[[1]], [[-1]], [[0]]] },
  ];
}

/** The filters the kernel `K` makes: on the luma; on R, G and B each; or on R, G, B summed (the same kernel thrice). */
export function filtersOf(K: Matrix, how: 'luma' | 'each' | 'summed', label: string): GalleryFilter[] {
  const copy = () => K.map((row) => [...row]);
  if (how === 'luma') return [{ label, reads: 'luma', K: [copy()] }];
  if (how === 'summed') return [{ label: `${label}, R + G + B`, reads: 'rgb', K: [copy(), copy(), copy()] }];
  return (['R', 'G', 'B'] as const).map((c) => ({ label: `${label} on ${c}`, reads: c, K: [copy()] }));
}

/** The size of a filter's kernel `[kh, kw]` (every kernel of an rgb filter has the same one). */
export function kernelSize(f: GalleryFilter): [number, number] {
  return [f.K[0].length, f.K[0][0].length];
}

/**
 * What a map's value at a pixel is made of: "0.231" for one channel; "R 0.412 + G −0.181 + B 0 = 0.231" for a filter
 * over R, G and B (each channel's cross-correlation at the pixel, then their sum, d2l §7.4.1).
 */
export function valueText(f: GalleryFilter, parts: readonly number[]): string {
  const total = parts.reduce((a, b) => a + b, 0);
  if (f.reads !== 'rgb') return num(total);
  return `${(['R', 'G', 'B'] as const).map((c, k) => `${c} ${num(parts[k])}`).join(' + ')} = ${num(total)}`;
}
