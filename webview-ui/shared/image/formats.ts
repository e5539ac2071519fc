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
  const samples = depth < 8 ? unpack(png.data, w * n, h, depth) : (png.data as Uint8Array | Uint16Array);
  const key = png.transparency; // tRNS for gray/RGB: one colour that is fully transparent
  if (!key || (n !== 1 && n !== 3)) {
    return {
      w,
      h,
      channels: n,
      samples,
      max,
      format: `PNG, ${depth}-bit ${COLOUR_TYPES[n]}`,
      transparent: countTransparent(samples, n, max),
    };
  }
  // The colour key becomes an alpha channel: max where the pixel differs from the key, 0 where it equals it.
  const outN = (n + 1) as 2 | 4;
  const out = depth === 16 ? new Uint16Array(w * h * outN) : new Uint8Array(w * h * outN);
  for (let i = 0; i < w * h; i++) {
    let keyed = true;
    for (let c = 0; c < n; c++) {
      const v = samples[i * n + c];
      out[i * outN + c] = v;
      if (key[c] !== v) keyed = false;
    }
    out[i * outN + n] = keyed ? 0 : max;
  }
  return {
    w,
    h,
    channels: outN,
    samples: out,
    max,
    format: `PNG, ${depth}-bit ${COLOUR_TYPES[n]} (tRNS colour key)`,
    transparent: countTransparent(out, outN, max),
  };
}

/** A palette image: fast-png gives the indices and the palette, with tRNS alpha appended to each entry when present. */
function fromPalette(idx: ArrayLike<number>, w: number, h: number, depth: number, palette: number[][]): DecodedImage {
  const indices = depth < 8 ? unpack(idx, w, h, depth) : idx;
  const withAlpha = palette.some((e) => e.length > 3);
  const n = withAlpha ? 4 : 3;
  const samples = new Uint8Array(w * h * n);
  for (let i = 0; i < w * h; i++) {
    const k = indices[i];
    const entry = palette[k];
    if (!entry) throw new Error(`PNG: pixel ${i} uses palette entry ${k}, but the palette has ${palette.length}`);
    for (let c = 0; c < 3; c++) samples[i * n + c] = entry[c];
    if (withAlpha) samples[i * n + 3] = entry[3] ?? 255;
  }
  return {
    w,
    h,
    channels: n,
    samples,
    max: 255,
    format: `PNG, ${depth}-bit indexed (palette${withAlpha ? ' with tRNS alpha' : ''})`,
    transparent: countTransparent(samples, n, 255),
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
  let transparent = 0;
  for (let i = 0; i < w * h; i++) {
    const p = i * 4;
    if (rgba[p + 3] === 255) continue;
    transparent++;
    // Unwritten pixels inside the frame are its transparent colour's; outside the frame there is no colour (black).
    const [r, c] = [Math.floor(i / w), i % w];
    const inFrame = r >= info.y && r < info.y + info.height && c >= info.x && c < info.x + info.width;
    if (inFrame && t !== null && table !== null) for (let k = 0; k < 3; k++) rgba[p + k] = bytes[table + 3 * t + k];
  }
  return {
    w,
    h,
    channels: 4,
    samples: rgba,
    max: 255,
    format: `GIF, indexed (palette${t !== null ? ', one transparent colour' : ''})`,
    transparent,
  };
}
