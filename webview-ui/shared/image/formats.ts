// Decoders that read pixels exactly as the file stores them, in plain JavaScript (so Node tests run them too):
// PNG through fast-png — 1/2/4/8/16-bit gray, gray + alpha, RGB, RGBA, palette with tRNS transparency, interlaced —
// and GIF through omggif (first frame; a transparent pixel keeps its palette colour).
import { decode as decodePng, hasPngSignature } from 'fast-png';
import { GifReader } from 'omggif';
import { countTransparent, type DecodedImage } from './pixels';

/** True for bytes that start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return hasPngSignature(bytes);
}

/** True for bytes that start with "GIF87a" or "GIF89a". */
export function isGif(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 6)).match(/^GIF8[79]a$/) !== null;
}

const COLOUR_TYPES: Record<number, string> = { 1: 'grayscale', 2: 'grayscale + alpha', 3: 'RGB', 4: 'RGBA' };

/**
 * A PNG's pixels at its own precision: samples / (2^depth − 1). Palette images expand through the palette (and
 * tRNS alpha); a tRNS colour key on gray or RGB images becomes alpha. Throws "PNG: …" for a broken file.
 */
export function readPng(bytes: Uint8Array): DecodedImage {
  const png = decodePng(bytes);
  const { width: w, height: h, depth } = png;
  if (png.palette) return fromPalette(png.data, w, h, depth, png.palette);
  const n = png.channels as 1 | 2 | 3 | 4;
  const max = 2 ** depth - 1;
  const samples = depth < 8 ? unpack(png.data, w * n, h, depth) : png.data;
  const key = png.transparency; // tRNS for gray/RGB: one colour that is fully transparent
  const outN = (key && (n === 1 || n === 3) ? n + 1 : n) as 1 | 2 | 3 | 4;
  const data = new Float32Array(w * h * outN);
  for (let i = 0; i < w * h; i++) {
    let keyed = key !== undefined;
    for (let c = 0; c < n; c++) {
      const v = samples[i * n + c];
      data[i * outN + c] = v / max;
      if (key && key[c] !== v) keyed = false;
    }
    if (outN !== n) data[i * outN + n] = keyed ? 0 : 1;
  }
  return {
    w,
    h,
    channels: outN,
    data,
    format: `PNG, ${depth}-bit ${COLOUR_TYPES[n]}${outN !== n ? ' (tRNS colour key)' : ''}`,
    transparent: countTransparent(data, outN, 1),
  };
}

/** A palette image: fast-png gives the indices and the palette, with tRNS alpha appended to each entry when present. */
function fromPalette(idx: ArrayLike<number>, w: number, h: number, depth: number, palette: number[][]): DecodedImage {
  const indices = depth < 8 ? unpack(idx, w, h, depth) : idx;
  const withAlpha = palette.some((e) => e.length > 3);
  const n = withAlpha ? 4 : 3;
  const data = new Float32Array(w * h * n);
  for (let i = 0; i < w * h; i++) {
    const k = indices[i];
    const entry = palette[k];
    if (!entry) throw new Error(`PNG: pixel ${i} uses palette entry ${k}, but the palette has ${palette.length}`);
    for (let c = 0; c < 3; c++) data[i * n + c] = entry[c] / 255;
    if (withAlpha) data[i * n + 3] = (entry[3] ?? 255) / 255;
  }
  return {
    w,
    h,
    channels: n,
    data,
    format: `PNG, ${depth}-bit indexed (palette${withAlpha ? ' with tRNS alpha' : ''})`,
    transparent: countTransparent(data, n, 1),
  };
}

/** Sub-byte samples (1, 2 or 4 bits, rows padded to whole bytes as PNG stores them) → one sample per entry. */
function unpack(packed: ArrayLike<number>, perRow: number, rows: number, depth: number): Uint8Array {
  const out = new Uint8Array(perRow * rows);
  const rowBytes = Math.ceil((perRow * depth) / 8);
  const mask = (1 << depth) - 1;
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < perRow; i++) {
      const bit = i * depth;
      const byte = packed[r * rowBytes + (bit >> 3)];
      out[r * perRow + i] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

/**
 * A GIF's first frame as RGBA: palette colours / 255; the frame's transparent index gives alpha 0 while the pixel
 * keeps its palette colour (omggif leaves transparent pixels unwritten, so they are filled from the palette here).
 * Throws "GIF: …" for a broken file.
 */
export function readGif(bytes: Uint8Array): DecodedImage {
  let reader: GifReader;
  try {
    reader = new GifReader(bytes);
  } catch (e) {
    throw new Error(`GIF: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { width: w, height: h } = reader;
  const rgba = new Uint8Array(w * h * 4);
  reader.decodeAndBlitFrameRGBA(0, rgba);
  const info = reader.frameInfo(0);
  const t = info.transparent_index;
  const table = info.palette_offset;
  const data = new Float32Array(w * h * 4);
  let transparent = 0;
  for (let i = 0; i < w * h; i++) {
    const p = i * 4;
    // Unwritten pixels inside the frame are its transparent colour's; outside the frame there is no colour (black).
    const [r, c0] = [Math.floor(i / w), i % w];
    const inFrame = r >= info.y && r < info.y + info.height && c0 >= info.x && c0 < info.x + info.width;
    const keyed = rgba[p + 3] === 0 && inFrame && t !== null && table !== null;
    const fill = keyed ? [0, 1, 2].map((c) => bytes[table + 3 * t + c]) : undefined;
    for (let c = 0; c < 3; c++) data[p + c] = (fill ? fill[c] : rgba[p + c]) / 255;
    data[p + 3] = rgba[p + 3] / 255;
    if (rgba[p + 3] < 255) transparent++;
  }
  return {
    w,
    h,
    channels: 4,
    data,
    format: `GIF, indexed (palette${t !== null ? ', one transparent colour' : ''})`,
    transparent,
  };
}
