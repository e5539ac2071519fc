// Photo mode's image handling: decode an image the host made readable (asWebviewUri), downscale it to a small grey
// square so a gradient step stays fast, and draw matrices (X, Y, Ŷ) back onto canvases.
import type { Matrix } from '../../src/core/matrix';

/** Side of the square the photo is downscaled to: a step on 128×128 takes milliseconds on any backend. */
export const PHOTO_SIZE = 128;

function loadImg(uri: string, crossOrigin: boolean): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    if (crossOrigin) img.crossOrigin = 'anonymous';
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`photo: could not load the image (${uri.split('/').pop()})`));
    img.src = uri;
  });
}

/**
 * Loads the image at `uri` and returns `X: [PHOTO_SIZE, PHOTO_SIZE]`: the centre square, nearest-neighbour
 * downscaled (smoothing would remove the fine detail that makes the learning problem well conditioned), grey
 * (Rec. 601 luma) in [0, 1], minus its mean. Centring removes the loss Hessian's huge "brightness" eigenvalue, so the
 * stable lr is ~5× larger and learning ~5× faster; Y is computed from the same centred X, so the target is unchanged.
 * Throws "photo: …" when the image cannot be loaded or read.
 */
export async function loadPhoto(uri: string): Promise<Matrix> {
  // The resource server answers CORS requests; if it does not, a plain load still shows the image, but reading its
  // pixels then throws (a tainted canvas), which is reported below.
  const img = await loadImg(uri, true).catch(() => loadImg(uri, false));
  const side = Math.min(img.naturalWidth, img.naturalHeight);
  if (side < 3)
    throw new Error(`photo: the image is ${img.naturalWidth}×${img.naturalHeight}, too small to learn a 3×3 kernel`);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = PHOTO_SIZE;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('photo: no 2-D canvas context');
  ctx.imageSmoothingEnabled = false;
  const sx = (img.naturalWidth - side) / 2;
  const sy = (img.naturalHeight - side) / 2;
  ctx.drawImage(img, sx, sy, side, side, 0, 0, PHOTO_SIZE, PHOTO_SIZE);
  let data: Uint8ClampedArray;
  try {
    data = ctx.getImageData(0, 0, PHOTO_SIZE, PHOTO_SIZE).data;
  } catch (e) {
    throw new Error(`photo: the image's pixels cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  return centre(greyMatrix(data, PHOTO_SIZE, PHOTO_SIZE));
}

/** RGBA bytes `[h·w·4]` → grey `[h, w]` in [0, 1] (Rec. 601 luma weights). */
export function greyMatrix(rgba: ArrayLike<number>, h: number, w: number): Matrix {
  return Array.from({ length: h }, (_, r) =>
    Array.from({ length: w }, (_, c) => {
      const i = (r * w + c) * 4;
      return (0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]) / 255;
    }),
  );
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
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx || w === 0) return;
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
