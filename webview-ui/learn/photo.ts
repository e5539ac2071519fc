// Photo mode's image handling: decode an image the host made readable (asWebviewUri), downscale it to a small grey
// square so a gradient step stays fast, and draw matrices (X, Y, Ŷ) back onto canvases.
import type { Matrix } from '../../src/core/matrix';
import type { Volume } from '../../src/core/volume';
import { loadImage } from '../shared/image/decode';
import { channelOf, toGray, type DecodedImage } from '../shared/image/pixels';
import { storedAs, type StoredAs } from '../shared/image/stored';

/** Side of the square the photo is downscaled to: a step on 128×128 takes milliseconds on any backend. */
export const PHOTO_SIZE = 128;

/**
 * Loads the image at `uri` (decoded at its own precision, gray by the shared rule) and returns
 * `X: [PHOTO_SIZE, PHOTO_SIZE]`: the centre square, nearest-neighbour resampled (smoothing would remove the fine
 * detail that makes the learning problem well conditioned), minus its mean. Centring removes the loss Hessian's huge
 * "brightness" eigenvalue, so the stable lr is ~5× larger and learning ~5× faster; Y is computed from the same
 * centred X, so the target is unchanged. A colour image also gives `rgb: [3, PHOTO_SIZE, PHOTO_SIZE]`, its R, G and B
 * sampled at the same points, each minus its own mean (their luma is then exactly X). `stored` says how the file
 * stores its pixels (for exported code). Throws "Could not decode …" or "photo: …" when it cannot be used.
 */
export async function loadPhoto(uri: string, name: string): Promise<{ X: Matrix; rgb?: Volume; stored: StoredAs }> {
  const img = await loadImage(uri, name);
  return { ...samplePhoto(img, name), stored: storedAs(img) };
}

/** The sampling of `loadPhoto` on a decoded image (pure: the unit tests run it on PNGs decoded in Node). */
export function samplePhoto(img: DecodedImage, name: string): { X: Matrix; rgb?: Volume } {
  const side = Math.min(img.w, img.h);
  if (side < 3) throw new Error(`photo: ${name} is ${img.h}×${img.w}, too small to learn a 3×3 kernel`);
  const [r0, c0] = [Math.floor((img.h - side) / 2), Math.floor((img.w - side) / 2)];
  const at = (k: number) => Math.min(side - 1, Math.floor(((k + 0.5) * side) / PHOTO_SIZE));
  const sample = (plane: Float32Array): Matrix =>
    centre(
      Array.from({ length: PHOTO_SIZE }, (_, r) =>
        Array.from({ length: PHOTO_SIZE }, (_, c) => plane[(r0 + at(r)) * img.w + c0 + at(c)]),
      ),
    );
  const rgb = img.channels >= 3 ? [0, 1, 2].map((c) => sample(channelOf(img, c))) : undefined;
  return { X: sample(toGray(img)), rgb };
}

/** `M − mean(M)`. */
export function centre(M: Matrix): Matrix {
  const n = M.length * M[0].length;
  const mean = M.reduce((s, row) => row.reduce((t, v) => t + v, s), 0) / n;
  return M.map((row) => row.map((v) => v - mean));
}

/**
 * Draws `M: [h, w]` onto `canvas` (resized to w×h) in grey, symmetric around 0 when M has both signs (mid-grey = 0,
 * so a feature map's positive and negative edges read as light and dark), else min → black, max → white.
 */
export function drawMatrix(canvas: HTMLCanvasElement, M: Matrix): void {
  const h = M.length;
  const w = M[0]?.length ?? 0;
  const ctx = sized(canvas, w, h);
  if (!ctx) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of M) for (const v of row) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const symmetric = lo < 0 && hi > 0;
  const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const img = ctx.createImageData(w, h);
  M.forEach((row, r) =>
    row.forEach((v, c) => {
      const t = !Number.isFinite(v) ? 0.5 : symmetric ? 0.5 + v / (2 * m) : hi > lo ? (v - lo) / (hi - lo) : 0.5;
      const g = Math.round(255 * Math.min(1, Math.max(0, t)));
      const i = (r * w + c) * 4;
      img.data.set([g, g, g, 255], i);
    }),
  );
  ctx.putImageData(img, 0, 0);
}

/**
 * Draws three channels `X: [3, h, w]` onto `canvas` (resized to w×h) as an RGB picture, all three on one range
 * (min → 0, max → 255 over every channel) so their balance — the colour — is kept; other channel counts draw their
 * mean in grey.
 */
export function drawChannels(canvas: HTMLCanvasElement, X: Volume): void {
  if (X.length !== 3) {
    drawMatrix(
      canvas,
      X[0].map((row, r) => row.map((_, c) => X.reduce((s, M) => s + M[r][c], 0) / X.length)),
    );
    return;
  }
  const h = X[0].length;
  const w = X[0][0]?.length ?? 0;
  const ctx = sized(canvas, w, h);
  if (!ctx) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (const M of X) for (const row of M) for (const v of row) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const span = hi > lo ? hi - lo : 1;
  const img = ctx.createImageData(w, h);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const i = (r * w + c) * 4;
      for (let k = 0; k < 3; k++) img.data[i + k] = Math.round((255 * (X[k][r][c] - lo)) / span);
      img.data[i + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** `canvas` resized to w×h and its 2-D context, or undefined when there is nothing to draw (w = 0, no context). */
function sized(canvas: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D | undefined {
  canvas.width = w;
  canvas.height = h;
  return (w > 0 && canvas.getContext('2d')) || undefined;
}
