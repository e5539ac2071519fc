// Canvas drawing of the edge panel: the grayscale input, the output heat map and the colour legend.
import { fmt, h } from '../shared/dom';
import { drawHeat as drawHeatMap } from '../shared/heatmap';
import { colourAt, textOn } from './scale';

/** Largest CSS width of a photo canvas. */
const MAX_CSS_WIDTH = 440;

/**
 * A canvas of `w×h` pixels shown `scale` CSS pixels per pixel (see displayScale; pixelated), at most MAX_CSS_WIDTH
 * CSS pixels wide. `backing` multiplies the canvas's own pixels (the input draws its window outline in them, and a
 * 1-pixel line on a 10×10 canvas would be a tenth of the image wide).
 */
export function photoCanvas(
  w: number,
  h: number,
  label: string,
  testid: string,
  scale = 1,
  backing = 1,
): HTMLCanvasElement {
  const canvas = h_canvas(label, testid);
  canvas.width = w * backing;
  canvas.height = h * backing;
  // Input and output sit side by side with the kernel between them: each takes at most ~32 % of the panel.
  canvas.style.width = `min(${Math.min(w * scale, MAX_CSS_WIDTH)}px, 32vw)`;
  canvas.style.height = 'auto';
  return canvas;
}

function h_canvas(label: string, testid: string): HTMLCanvasElement {
  return h('canvas', { class: 'heat', role: 'img', 'aria-label': label, 'data-testid': testid });
}

/** Grayscale `[h·w]` in [0, 1] → RGBA pixels (kept, so the window outline can be redrawn over it cheaply). */
export function grayImageData(gray: Float32Array, w: number, h: number): ImageData {
  const img = new ImageData(w, h);
  for (let i = 0, p = 0; i < gray.length; i++, p += 4) {
    const v = Math.round(255 * gray[i]);
    img.data[p] = img.data[p + 1] = img.data[p + 2] = v;
    img.data[p + 3] = 255;
  }
  return img;
}

/** `base` on a canvas of its own size, kept per ImageData: the enlarged input is drawn from it on every hover. */
const sources = new WeakMap<ImageData, HTMLCanvasElement>();

function sourceOf(base: ImageData): HTMLCanvasElement {
  let c = sources.get(base);
  if (!c) {
    c = document.createElement('canvas');
    c.width = base.width;
    c.height = base.height;
    c.getContext('2d')?.putImageData(base, 0, 0);
    sources.set(base, c);
  }
  return c;
}

/**
 * Draws `base` (image pixels) and outlines the window rows r..r+kh−1, columns c..c+kw−1 (plus a wider frame to find
 * it). The canvas may hold a whole multiple of `base`'s pixels (an enlarged small image): the image is scaled
 * without smoothing and the window is drawn in the canvas's pixels, so its lines stay one CSS pixel thin.
 */
export function drawWithWindow(
  canvas: HTMLCanvasElement,
  base: ImageData,
  win?: { r: number; c: number; kh: number; kw: number },
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const f = canvas.width / base.width;
  if (f === 1) ctx.putImageData(base, 0, 0);
  else {
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(sourceOf(base), 0, 0, canvas.width, canvas.height);
  }
  if (!win) return;
  const accent = getComputedStyle(document.body).getPropertyValue('--vscode-focusBorder').trim() || '#0090f1';
  const unit = Math.max(1, canvas.width / (canvas.clientWidth || canvas.width));
  const [r, c, kh, kw] = [win.r * f, win.c * f, win.kh * f, win.kw * f];
  // Rectangles are kept inside the canvas: at the image's border a frame drawn outside it would lose its sides.
  const inside = (x0: number, y0: number, x1: number, y1: number): [number, number, number, number] => {
    const [a, b] = [Math.max(unit / 2, x0), Math.max(unit / 2, y0)];
    return [a, b, Math.min(canvas.width - unit / 2, x1) - a, Math.min(canvas.height - unit / 2, y1) - b];
  };
  // A dark halo under the accent line keeps it visible on light and dark pixels alike.
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.65)';
  ctx.lineWidth = 3 * unit;
  ctx.strokeRect(...inside(c - unit / 2, r - unit / 2, c + kw + unit / 2, r + kh + unit / 2));
  ctx.strokeStyle = accent;
  ctx.lineWidth = unit;
  ctx.strokeRect(...inside(c - unit / 2, r - unit / 2, c + kw + unit / 2, r + kh + unit / 2));
  const pad = 6 * unit;
  ctx.setLineDash([2 * unit, 2 * unit]);
  ctx.strokeRect(...inside(c - pad, r - pad, c + kw + pad, r + kh + pad));
  ctx.setLineDash([]);
}

/**
 * Marks output pixel (i, j) of an `h×w` output on `marker`, an element laid over the output canvas: centred on the
 * pixel, at least a few CSS pixels across however small one output pixel is drawn.
 */
export function placeMarker(marker: HTMLElement, i: number, j: number, h: number, w: number): void {
  Object.assign(marker.style, {
    left: `${((j + 0.5) / w) * 100}%`,
    top: `${((i + 0.5) / h) * 100}%`,
    width: `${100 / w}%`,
    height: `${100 / h}%`,
  });
  marker.hidden = false;
}

/** Paints output values `[h·w]` as a heat map with the symmetric scale [−m, m] (all white when m = 0). */
export function drawHeat(canvas: HTMLCanvasElement, values: Float32Array, w: number, h: number, m: number): void {
  drawHeatMap(canvas, values, h, w, { kind: 'diverging', lo: -m, hi: m });
}

/**
 * The legend: a colour bar from −m to +m with the numbers as text (`data-testid="legend"`); `text` (see legendText)
 * replaces the bar when there is no range to show (an all-zero output).
 */
export function legend(m: number, text: { lo: string; hi: string; note: string } | string): HTMLElement {
  if (typeof text === 'string')
    return h('div', { class: 'legend', 'data-testid': 'legend' }, h('span', { class: 'caption' }, text));
  const bar = h('canvas', { class: 'heat', 'aria-hidden': 'true' });
  bar.width = 160;
  bar.height = 1;
  bar.style.width = '160px';
  bar.style.height = '12px';
  const ctx = bar.getContext('2d');
  if (ctx) {
    for (let x = 0; x < 160; x++) {
      ctx.fillStyle = colourAt(x / 159);
      ctx.fillRect(x, 0, 1, 1);
    }
  }
  return h(
    'div',
    {
      class: 'legend',
      'data-testid': 'legend',
      'aria-label': `colour scale from ${text.lo} (blue) through 0 (white) to ${text.hi} (red)`,
    },
    h('span', {}, text.lo),
    bar,
    h('span', {}, text.hi),
    h(
      'span',
      {
        class: 'caption',
        title: `symmetric scale [−m, m], m = max |Y| = ${fmt(m)}: negative values are never clamped`,
      },
      text.note,
    ),
  );
}

/** Gives every coloured cell of a grid black or white text, whichever reads better on its colour. */
export function contrastCells(grid: HTMLElement, colourOf: (td: HTMLElement) => string | undefined): void {
  for (const td of grid.querySelectorAll<HTMLElement>('td')) {
    const bg = colourOf(td);
    td.style.color = bg ? textOn(bg) : '';
  }
}
