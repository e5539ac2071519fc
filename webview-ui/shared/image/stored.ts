// How a decoded image stores its pixels, as exported code needs to know it to read the file again at the same
// precision (src/core/export/image.ts picks Pillow or OpenCV, Node or the browser by it). Pure.
import type { ImageSource } from '../../../src/core/export';
import type { DecodedImage } from './pixels';

/** The file's format, bits per sample and channels as decoded (palettes count as the RGB(A) they expand to). */
export type StoredAs = Pick<ImageSource, 'format' | 'bits' | 'channels'>;

/** `img`'s storage: "PNG, 16-bit RGB" → png, 16 bits, 3 channels; browser-decoded formats are 8-bit RGBA. */
export function storedAs(img: Pick<DecodedImage, 'format' | 'max' | 'channels'>): StoredAs {
  const first = img.format.split(/[ ,]/)[0].toLowerCase();
  const format = (['png', 'gif', 'jpeg', 'bmp', 'webp'] as const).find((f) => f === first) ?? 'other';
  return { format, bits: Math.round(Math.log2(img.max + 1)), channels: img.channels };
}
