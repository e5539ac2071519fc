// Loading an image in a webview: the bytes are fetched from the webview's resource origin (CSP connect-src) and
// decoded at the file's own precision. PNG and GIF in JavaScript (formats.ts); JPEG, BMP and WebP by the browser with
// `createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' })`, read back through WebGL when
// the image has transparency (a 2-D canvas stores premultiplied alpha and would lose transparent colours; MDN,
// "createImageBitmap" options; WebGL 1.0 spec §5.14.8 on ImageBitmap uploads).
import { messageOf } from '../format';
import { isGif, isPng, readGif, readPng } from './formats';
import { countTransparent, type DecodedImage } from './pixels';

/** Fetches and decodes the image at `uri`. Throws "Could not decode <name>: …" for a missing, broken or unreadable file. */
export async function loadImage(uri: string, name: string): Promise<DecodedImage> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    const res = await fetch(uri);
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw new Error(`Could not read ${name}: ${messageOf(e)}`);
  }
  try {
    if (isPng(bytes)) return readPng(bytes);
    if (isGif(bytes)) return readGif(bytes);
    return await browserDecode(bytes);
  } catch (e) {
    throw new Error(`Could not decode ${name}: ${messageOf(e)}`);
  }
}

async function browserDecode(bytes: Uint8Array<ArrayBuffer>): Promise<DecodedImage> {
  const bitmap = await createImageBitmap(new Blob([bytes]), {
    premultiplyAlpha: 'none',
    colorSpaceConversion: 'none',
  });
  try {
    const { width: w, height: h } = bitmap;
    if (!w || !h) throw new Error('the image has no pixels');
    const viaCanvas = canvasPixels(bitmap);
    const transparent = countTransparent(viaCanvas, 4, 255);
    const exact = transparent > 0 ? webglPixels(bitmap) : viaCanvas;
    return {
      w,
      h,
      channels: 4,
      samples: exact ?? viaCanvas,
      max: 255,
      format: `${kind(bytes)}, 8-bit RGBA as decoded by the browser`,
      transparent,
      caveat: exact
        ? undefined
        : 'this webview has no WebGL to read transparent pixels as stored: through a canvas their colour can be off by 1/255, and fully transparent ones read as black',
    };
  } finally {
    bitmap.close();
  }
}

function kind(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'JPEG';
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) return 'BMP';
  if (String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'WebP';
  return 'Image';
}

function canvasPixels(bitmap: ImageBitmap): Uint8ClampedArray {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2-D canvas context');
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
}

/** The bitmap's RGBA bytes as stored (unpremultiplied), through a WebGL2 texture; undefined without WebGL2. */
function webglPixels(bitmap: ImageBitmap): Uint8Array | undefined {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return undefined;
  try {
    const tex = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, tex);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
    const fb = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, tex, 0);
    if (gl.checkFramebufferStatus(gl.FRAMEBUFFER) !== gl.FRAMEBUFFER_COMPLETE) return undefined;
    const out = new Uint8Array(bitmap.width * bitmap.height * 4);
    gl.readPixels(0, 0, bitmap.width, bitmap.height, gl.RGBA, gl.UNSIGNED_BYTE, out);
    return out;
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
