// Exported code that loads a photo as the panels read it: gray by ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B) of
// each pixel's STORED colour, in [0, 1] at the file's own bit depth, alpha not applied — then, as the panels do, an
// area-average shrink (Detect Edges above its size limit) or the centre square sampled to a small grid (Learn Kernel).
// Python reads files with Pillow, except 16-bit PNGs with colour or alpha, which Pillow reads at 8 bits (it keeps
// 16 bits only for grayscale): those go through OpenCV, which keeps all 16. JavaScript reads PNGs in Node with
// fast-png (the decoder the panels use); other formats in a browser, decoded as the panels decode them.

/** The photo as the panel decoded it: what the exported code opens and which reader keeps its precision. */
export interface ImageSource {
  /** The file as a program opens it: a path (or, for the browser code, a URL). */
  path: string;
  /** PNG and GIF are decoded by the panels in JavaScript; JPEG, BMP and WebP by the browser. */
  format: 'png' | 'gif' | 'jpeg' | 'bmp' | 'webp' | 'other';
  /** Bits per sample as the panel read them (1, 2, 4, 8 or 16). */
  bits: number;
  /** Channels as the panel read them: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA (palettes expand to 3 or 4). */
  channels: number;
}

/** Whether Pillow would lose precision: a 16-bit PNG with colour or alpha (Pillow keeps 16 bits for gray only). */
export function needsOpenCv(img: ImageSource): boolean {
  return img.bits > 8 && img.channels > 1;
}

/** Python lines that define `load_gray(path)` (numpy as np; Pillow or OpenCV imported by `pythonImports`). */
export function pythonLoader(img: ImageSource): string[] {
  const doc = [
    'def load_gray(path):',
    '    """X: [h, w] in [0, 1] as the panel reads the file: BT.601 luma 0.299 R + 0.587 G + 0.114 B of each pixel\'s',
    '    stored colour at the file\'s bit depth; alpha is not applied (transparent pixels keep their stored colour)."""',
  ];
  if (needsOpenCv(img)) {
    return [
      ...doc,
      '    # A 16-bit PNG with colour or alpha: Pillow would read it at 8 bits, OpenCV keeps all 16 (channels B, G, R, A).',
      '    a = cv2.imread(path, cv2.IMREAD_UNCHANGED)',
      '    if a is None:',
      "        raise FileNotFoundError(f'cannot read {path}')",
      '    a = a.astype(np.float64) / 65535',
      '    return a if a.ndim == 2 else 0.299 * a[..., 2] + 0.587 * a[..., 1] + 0.114 * a[..., 0]',
    ];
  }
  return [
    ...doc,
    '    img = Image.open(path)',
    "    if img.mode.startswith('I'):  # 16-bit grayscale PNG: Pillow keeps the 16-bit samples",
    '        return np.asarray(img, dtype=np.float64) / 65535',
    "    if img.mode in ('1', 'L', 'LA'):  # grayscale; Pillow scales 1-, 2- and 4-bit samples to 0 … 255",
    "        return np.asarray(img.convert('L'), dtype=np.float64) / 255",
    "    rgb = np.asarray(img.convert('RGB'), dtype=np.float64) / 255  # RGB, RGBA, palette: the stored colour",
    '    return 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]',
  ];
}

/** The import line of the Python reader. */
export function pythonImports(img: ImageSource): string[] {
  return needsOpenCv(img) ? ['import cv2  # OpenCV (Debian: python3-opencv)'] : ['from PIL import Image  # Pillow'];
}

/** Python lines defining `shrink_area(X, oh, ow)`: area averaging, partial pixels by their covered fraction. */
export function pythonShrink(): string[] {
  return [
    'def area_weights(n, m):',
    '    """(out, in, weight): the share of input pixel `in` (of n) in output pixel `out` (of m) when n pixels shrink to m',
    '    by area averaging (as OpenCV\'s INTER_AREA)."""',
    '    scale = n / m',
    '    triples = []',
    '    for o in range(m):',
    '        a, b = o * scale, (o + 1) * scale',
    '        for i in range(int(np.floor(a)), min(n, int(np.ceil(b)))):',
    '            cover = min(b, i + 1) - max(a, i)',
    '            if cover > 0:',
    '                triples.append((o, i, cover / scale))',
    '    return triples',
    '',
    'def shrink_area(X, oh, ow):',
    '    """X: [h, w] → [oh, ow]: each output pixel is the mean of the input area it covers."""',
    '    tmp = np.zeros((X.shape[0], ow))',
    '    for o, i, wt in area_weights(X.shape[1], ow):',
    '        tmp[:, o] += X[:, i] * wt',
    '    out = np.zeros((oh, ow))',
    '    for o, i, wt in area_weights(X.shape[0], oh):',
    '        out[o] += tmp[i] * wt',
    '    return out',
  ];
}

/** Python lines turning the gray `X` into Learn Kernel's `side`×`side` X: centre square, nearest samples, mean 0. */
export function pythonCentreSquare(side: number): string[] {
  return [
    `# The centre square, sampled at ${side}×${side} points (nearest pixel: smoothing would remove the detail that makes`,
    '# the kernel learnable), minus its mean (the loss is then far better conditioned).',
    's = min(X.shape)',
    'r0, c0 = (X.shape[0] - s) // 2, (X.shape[1] - s) // 2',
    `at = np.minimum(s - 1, np.floor((np.arange(${side}) + 0.5) * s / ${side}).astype(int))`,
    'X = X[r0 + at][:, c0 + at]',
    'X = X - X.mean()',
  ];
}

/** Whether the JavaScript code runs in Node (a PNG, read with fast-png) rather than in a browser. */
export function jsInNode(img: ImageSource): boolean {
  return img.format === 'png';
}

/** Import lines of the JavaScript reader (after tfjs's). */
export function jsImports(img: ImageSource): string[] {
  return jsInNode(img)
    ? ["import { readFileSync } from 'node:fs';", "import { convertIndexedToRgb, decode } from 'fast-png';"]
    : [];
}

/**
 * JavaScript lines defining `loadGray(path)` → `{ gray: Float32Array [h·w], h, w }` by the same rule: in Node for a
 * PNG (fast-png, every bit depth and palettes), else in a browser (createImageBitmap without premultiplied alpha or
 * colour conversion, as the panel decodes JPEG, BMP, WebP; 8 bits per sample).
 */
export function jsLoader(img: ImageSource): string[] {
  const luma = [
    '  const gray = new Float32Array(w * h);',
    '  for (let i = 0; i < w * h; i++) {',
    '    const p = i * n;',
    '    gray[i] = n <= 2 ? data[p] / max : (0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2]) / max;',
    '  }',
    '  return { gray, h, w };',
    '}',
  ];
  const doc = [
    "// X in [0, 1] as the panel reads the file: BT.601 luma 0.299 R + 0.587 G + 0.114 B of each pixel's stored",
    "// colour at the file's bit depth; alpha is not applied.",
  ];
  if (jsInNode(img)) {
    return [
      ...doc,
      'function loadGray(path) {',
      '  const png = decode(readFileSync(path));',
      '  const { width: w, height: h } = png;',
      '  // Palettes are looked up; 1-, 2- and 4-bit gray samples come packed, 8 per byte at 1 bit.',
      '  const [data, n, max] = png.palette',
      '    ? [convertIndexedToRgb(png), png.palette[0].length, 255]',
      '    : [png.depth < 8 ? unpack(png.data, w * png.channels, h, png.depth) : png.data, png.channels, 2 ** png.depth - 1];',
      ...luma,
      '',
      'function unpack(packed, perRow, rows, depth) {',
      '  const out = new Uint8Array(perRow * rows);',
      '  const rowBytes = Math.ceil((perRow * depth) / 8);',
      '  for (let r = 0; r < rows; r++) {',
      '    for (let i = 0; i < perRow; i++) {',
      '      const bit = i * depth;',
      '      out[r * perRow + i] = (packed[r * rowBytes + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);',
      '    }',
      '  }',
      '  return out;',
      '}',
    ];
  }
  return [
    ...doc,
    '// In a browser: `path` is a URL the page can fetch (serve the image beside the page).',
    'async function loadGray(path) {',
    '  const blob = await (await fetch(path)).blob();',
    "  const bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });",
    '  const [w, h, n, max] = [bitmap.width, bitmap.height, 4, 255];',
    "  const ctx = new OffscreenCanvas(w, h).getContext('2d');",
    '  ctx.drawImage(bitmap, 0, 0);',
    '  const { data } = ctx.getImageData(0, 0, w, h);',
    ...luma,
  ];
}

/** JavaScript lines defining `shrinkArea(gray, w, h, ow, oh)`: area averaging, as `pythonShrink`. */
export function jsShrink(): string[] {
  return [
    "// Area averaging (as OpenCV's INTER_AREA): each output pixel is the mean of the input area it covers.",
    'function areaWeights(n, m) {',
    '  const scale = n / m;',
    '  const triples = [];',
    '  for (let o = 0; o < m; o++) {',
    '    const [a, b] = [o * scale, (o + 1) * scale];',
    '    for (let i = Math.floor(a); i < Math.min(n, Math.ceil(b)); i++) {',
    '      const cover = Math.min(b, i + 1) - Math.max(a, i);',
    '      if (cover > 0) triples.push([o, i, cover / scale]);',
    '    }',
    '  }',
    '  return triples;',
    '}',
    'function shrinkArea(src, w, h, ow, oh) {',
    '  const [cols, tmp] = [areaWeights(w, ow), new Float64Array(h * ow)];',
    '  for (let r = 0; r < h; r++) for (const [o, i, wt] of cols) tmp[r * ow + o] += src[r * w + i] * wt;',
    '  const out = new Float32Array(ow * oh);',
    '  for (const [o, i, wt] of areaWeights(h, oh)) for (let c = 0; c < ow; c++) out[o * ow + c] += tmp[i * ow + c] * wt;',
    '  return out;',
    '}',
  ];
}

/** A Python string literal of `s` (single quotes, backslashes and quotes escaped). */
export function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** A JavaScript string literal of `s`. */
export function jsString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
