// Decoding an image in the browser: an <img> (the CSP allows images from the webview's resource origin, and VS Code's
// resource service worker answers with `Access-Control-Allow-Origin: *`, so a CORS request keeps the canvas
// readable), drawn onto a canvas, read back with getImageData, converted to grayscale.
import { messageOf } from '../shared/errors';
import { fitSize, rgbaToGray } from './gray';

/** A decoded grayscale image: `gray: [h·w]` in [0, 1]; `origW×origH` is the file's size before any downscaling. */
export interface GrayImage {
  gray: Float32Array;
  w: number;
  h: number;
  origW: number;
  origH: number;
}

/** Largest side processed; bigger photos are scaled down (the caption says so). */
export const MAX_SIDE = 1024;

/**
 * Loads and decodes the image at `uri` and converts it to grayscale (see `rgbaToGray`), downscaled to fit
 * `MAX_SIDE`. Throws "Could not decode <name>: …" for a broken, missing or unreadable image.
 */
export async function decodeImage(uri: string, name: string): Promise<GrayImage> {
  const img = new Image();
  img.crossOrigin = 'anonymous';
  img.decoding = 'async';
  img.src = uri;
  try {
    await img.decode();
  } catch (e) {
    throw new Error(`Could not decode ${name}: ${messageOf(e)}`);
  }
  if (!img.naturalWidth || !img.naturalHeight) throw new Error(`Could not decode ${name}: the image has no pixels`);
  const fit = fitSize(img.naturalWidth, img.naturalHeight, MAX_SIDE);
  const canvas = document.createElement('canvas');
  canvas.width = fit.w;
  canvas.height = fit.h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error(`Could not decode ${name}: no 2-D canvas context`);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(img, 0, 0, fit.w, fit.h);
  let data: ImageData;
  try {
    data = ctx.getImageData(0, 0, fit.w, fit.h);
  } catch (e) {
    throw new Error(`Could not decode ${name}: its pixels cannot be read (${messageOf(e)})`);
  }
  return {
    gray: rgbaToGray(data.data, fit.w, fit.h),
    w: fit.w,
    h: fit.h,
    origW: img.naturalWidth,
    origH: img.naturalHeight,
  };
}
