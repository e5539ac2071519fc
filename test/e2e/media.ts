// Images of the real extension for the walkthrough and the README: a screenshot of the page, cut to a box (an editor
// group, the side bar), reduced to a 256-colour palette (gifenc's quantizer, fast-png's indexed PNG: screenshots of
// flat UI keep their look at a third of the size), and animated GIFs (gifenc). Where they are written: into the
// repository with CONV2D_MEDIA=write (`npm run media`), else into test-results/media/ (the end-to-end tier).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decode, encode } from 'fast-png';
import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import type { Locator, Page } from 'playwright-core';
import { resultsDir } from '../../scripts/harness/browser.mjs';
import { root } from '../../scripts/harness/server.mjs';

/** RGBA pixels, row-major, 4 bytes a pixel. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A box in CSS pixels of the page (the harness's browser has a device scale factor of 1). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** True when this run writes into the repository (`npm run media`), false in the end-to-end tier. */
export const writesRepository = process.env.CONV2D_MEDIA === 'write';

/**
 * The path an image `rel` (e.g. "media/walkthrough/step-dark.png") is written to: the repository path itself when
 * `writesRepository`, else the same path under test-results/media/.
 */
export function mediaPath(rel: string): string {
  return writesRepository ? join(root, rel) : join(resultsDir, 'media', rel);
}

/** A PNG (8 or 16 bits, gray, RGB or RGBA, any palette) as 8-bit RGBA. Throws for data that is not a PNG. */
export function rgbaOf(png: Uint8Array): Rgba {
  const d = decode(png);
  if (d.palette || d.depth !== 8 || (d.channels !== 3 && d.channels !== 4))
    throw new Error(`media: expected an 8-bit RGB(A) screenshot, got depth ${d.depth}, ${d.channels} channels`);
  const out = new Uint8Array(d.width * d.height * 4);
  for (let p = 0; p < d.width * d.height; p++) {
    for (let c = 0; c < 3; c++) out[4 * p + c] = d.data[d.channels * p + c];
    out[4 * p + 3] = d.channels === 4 ? d.data[4 * p + 3] : 255;
  }
  return { width: d.width, height: d.height, data: out };
}

/** The pixels of `img` inside `box` (rounded to whole pixels, clipped to the image). Throws for an empty box. */
export function crop(img: Rgba, box: Box): Rgba {
  const x0 = Math.max(0, Math.round(box.x));
  const y0 = Math.max(0, Math.round(box.y));
  const x1 = Math.min(img.width, Math.round(box.x + box.width));
  const y1 = Math.min(img.height, Math.round(box.y + box.height));
  if (x1 <= x0 || y1 <= y0)
    throw new Error(`media: crop box ${JSON.stringify(box)} is outside the ${img.width}×${img.height} image`);
  const out = new Uint8Array((x1 - x0) * (y1 - y0) * 4);
  for (let y = y0; y < y1; y++)
    out.set(img.data.subarray((y * img.width + x0) * 4, (y * img.width + x1) * 4), (y - y0) * (x1 - x0) * 4);
  return { width: x1 - x0, height: y1 - y0, data: out };
}

/** `img` as an indexed PNG of at most 256 colours (alpha dropped: screenshots are opaque). */
export function palettePng(img: Rgba): Uint8Array {
  const palette = quantize(img.data, 256) as Array<[number, number, number]>;
  const index = applyPalette(img.data, palette);
  return encode({ width: img.width, height: img.height, data: index, depth: 8, channels: 1, palette });
}

/**
 * An animated GIF of `frames` (all the same size), `delayMs` per frame, looping for ever. One palette for all the
 * frames, quantized from all of them, so colours do not shift from frame to frame. Throws for frames of other sizes.
 */
export function animatedGif(frames: Rgba[], delayMs: number): Uint8Array {
  const [first] = frames;
  if (!first) throw new Error('media: a GIF needs at least one frame');
  const all = new Uint8Array(frames.length * first.data.length);
  frames.forEach((f, k) => {
    if (f.width !== first.width || f.height !== first.height)
      throw new Error(`media: frame ${k} is ${f.width}×${f.height}, frame 0 is ${first.width}×${first.height}`);
    all.set(f.data, k * first.data.length);
  });
  const palette = quantize(all, 256);
  const gif = GIFEncoder();
  frames.forEach((f, k) =>
    gif.writeFrame(applyPalette(f.data, palette), f.width, f.height, {
      palette: k === 0 ? palette : undefined,
      delay: delayMs,
      repeat: 0,
    }),
  );
  gif.finish();
  return gif.bytes();
}

/** Writes `bytes` to mediaPath(rel), creating folders; returns the path. */
export function writeMedia(rel: string, bytes: Uint8Array): string {
  const path = mediaPath(rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

/** The page as RGBA pixels. */
export async function grab(page: Page): Promise<Rgba> {
  return rgbaOf(await page.screenshot());
}

/** The bounding box of `target`, or of several (their union); throws naming what is not on screen. */
export async function boxOf(...targets: Locator[]): Promise<Box> {
  const boxes: Box[] = [];
  for (const t of targets) {
    const b = await t.boundingBox();
    if (!b) throw new Error(`media: ${t} is not on screen`);
    boxes.push(b);
  }
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return {
    x,
    y,
    width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - y,
  };
}
