// Writes PNG files from raw samples, chunk by chunk as the PNG specification lays them out (signature, IHDR, PLTE,
// tRNS, IDAT with filter type 0 per row, IEND; W3C PNG 3rd edition §5 and §11): any colour type and bit depth,
// independent of the decoder under test. Used by the unit tests and by the end-to-end tests' image fixtures.
import { crc32, deflateSync } from 'node:zlib';

/** PNG colour types: 0 gray, 2 RGB, 3 indexed, 4 gray + alpha, 6 RGBA. */
export type ColourType = 0 | 2 | 3 | 4 | 6;

const CHANNELS: Record<ColourType, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** What to write: `samples` row-major, channels interleaved, each an integer below 2^depth (indices for type 3). */
export interface PngSpec {
  width: number;
  height: number;
  depth: 1 | 2 | 4 | 8 | 16;
  colourType: ColourType;
  samples: ArrayLike<number>;
  /** RGB triples of the palette (type 3). */
  palette?: Array<[number, number, number]>;
  /** tRNS: alpha per palette entry (type 3), or the transparent colour key (types 0 and 2, one value per channel). */
  transparency?: number[];
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Packs one row of samples at `depth` bits each (MSB first, PNG's order), big-endian for 16 bits. */
function packRow(samples: ArrayLike<number>, from: number, count: number, depth: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((count * depth) / 8));
  for (let i = 0; i < count; i++) {
    const v = samples[from + i];
    if (depth === 16) {
      out[2 * i] = v >> 8;
      out[2 * i + 1] = v & 0xff;
    } else if (depth === 8) out[i] = v;
    else {
      const bit = i * depth;
      out[bit >> 3] |= v << (8 - depth - (bit & 7));
    }
  }
  return out;
}

/** The bytes of a PNG file for `spec`. Throws when the sample count does not match the size and colour type. */
export function writePng(spec: PngSpec): Buffer {
  const n = CHANNELS[spec.colourType];
  const perRow = spec.width * n;
  if (spec.samples.length !== perRow * spec.height) {
    throw new Error(`writePng: ${spec.samples.length} samples for ${spec.width}×${spec.height}×${n}`);
  }
  return writePngRows(spec, (r) => packRow(spec.samples, r * perRow, perRow, spec.depth));
}

/**
 * A PNG whose rows come from `row(r)` already packed (for large images: a 8000×8000 gray scan is written from one
 * repeated row, not 64 million numbers). `spec` as for `writePng`, without samples.
 */
export function writePngRows(spec: Omit<PngSpec, 'samples'>, row: (r: number) => Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr.set([spec.depth, spec.colourType, 0, 0, 0], 8);
  const rows: Uint8Array[] = [];
  for (let r = 0; r < spec.height; r++) rows.push(Uint8Array.of(0), row(r));
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (spec.palette) parts.push(chunk('PLTE', Uint8Array.from(spec.palette.flat())));
  if (spec.transparency) {
    const t =
      spec.colourType === 3
        ? Uint8Array.from(spec.transparency)
        : packRow(spec.transparency, 0, spec.transparency.length, 16);
    parts.push(chunk('tRNS', t));
  }
  parts.push(chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', new Uint8Array(0)));
  return Buffer.concat(parts);
}
