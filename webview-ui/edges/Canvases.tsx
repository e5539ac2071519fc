// The edge panel's pictures: X as a grayscale canvas with the window being inspected, Y as a heat map with a marker on
// the inspected pixel, and the colour legend. Large images are resampled by the view for their canvas — X by area
// averaging, Y keeping in each screen pixel the value of largest magnitude — so no edge vanishes on screen.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { fmt } from '../shared/format';
import { drawHeat } from '../shared/heatmap';
import { downscaleArea, poolMaxAbs } from '../shared/image/pixels';
import type { Pooled } from '../../src/core/fast/pool';
import { displaySize, type DisplaySize } from './display';
import type { Plane } from './model';
import { colourAt } from './scale';
import { pixelAt } from './state';

const dpr = () => Math.min(2, Math.max(1, window.devicePixelRatio || 1));

function cssSize(d: DisplaySize) {
  return { width: `${d.cssW}px`, height: `${d.cssH}px` };
}

/** The window rows r..r+kh−1, columns c..c+kw−1 of X. */
export interface Window {
  r: number;
  c: number;
  kh: number;
  kw: number;
}

/** X as grayscale (values over [lo, hi] → black..white) with the inspected window outlined. */
export function GrayCanvas({
  plane,
  range,
  win,
  label,
  testid = 'input-canvas',
  maxCss,
}: {
  plane: Plane;
  range: [number, number];
  win?: Window;
  label: string;
  testid?: string;
  maxCss?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const d = displaySize(plane.w, plane.h, dpr(), maxCss);
  // Small images are drawn at a whole multiple of their pixels so the window outline stays thin and crisp.
  const backing = d.shrunk ? 1 : d.enlarged;
  const base = useMemo(() => grayImage(plane, d, range), [plane, d.backW, d.backH, range[0], range[1]]);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(base, 0, 0, canvas.width, canvas.height);
    if (win) outline(ctx, canvas, win, canvas.width / plane.w, canvas.height / plane.h);
  }, [base, win?.r, win?.c, win?.kh, win?.kw]);
  return (
    <canvas
      ref={ref}
      class="heat"
      role="img"
      aria-label={label}
      data-testid={testid}
      data-rows={plane.h}
      data-cols={plane.w}
      width={d.backW * backing}
      height={d.backH * backing}
      style={cssSize(d)}
    />
  );
}

function grayImage(plane: Plane, d: DisplaySize, [lo, hi]: [number, number]): HTMLCanvasElement {
  const data = d.shrunk ? downscaleArea(plane.data, plane.w, plane.h, d.backW, d.backH) : plane.data;
  const img = new ImageData(d.backW, d.backH);
  const span = hi > lo ? hi - lo : 1;
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    const v = Math.round(255 * Math.min(1, Math.max(0, (data[i] - lo) / span)));
    img.data[p] = img.data[p + 1] = img.data[p + 2] = v;
    img.data[p + 3] = 255;
  }
  const c = document.createElement('canvas');
  [c.width, c.height] = [d.backW, d.backH];
  c.getContext('2d')?.putImageData(img, 0, 0);
  return c;
}

/** The window's outline in canvas pixels (`sx`, `sy` canvas pixels per image pixel), kept inside the canvas. */
function outline(ctx: CanvasRenderingContext2D, canvas: HTMLCanvasElement, w: Window, sx: number, sy: number): void {
  const accent = getComputedStyle(document.body).getPropertyValue('--vscode-focusBorder').trim() || '#0090f1';
  const unit = Math.max(1, canvas.width / (canvas.clientWidth || canvas.width));
  const [x0, y0] = [w.c * sx, w.r * sy];
  const [x1, y1] = [Math.max(x0 + unit, (w.c + w.kw) * sx), Math.max(y0 + unit, (w.r + w.kh) * sy)];
  const inside = (a: number, b: number, c: number, e: number): [number, number, number, number] => {
    const [l, t] = [Math.max(unit / 2, a), Math.max(unit / 2, b)];
    return [l, t, Math.min(canvas.width - unit / 2, c) - l, Math.min(canvas.height - unit / 2, e) - t];
  };
  // A dark halo under the accent line keeps it visible on light and dark pixels alike.
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.65)';
  ctx.lineWidth = 3 * unit;
  ctx.strokeRect(...inside(x0 - unit / 2, y0 - unit / 2, x1 + unit / 2, y1 + unit / 2));
  ctx.strokeStyle = accent;
  ctx.lineWidth = unit;
  ctx.strokeRect(...inside(x0 - unit / 2, y0 - unit / 2, x1 + unit / 2, y1 + unit / 2));
  const pad = 6 * unit;
  ctx.setLineDash([2 * unit, 2 * unit]);
  ctx.strokeRect(...inside(x0 - pad, y0 - pad, x1 + pad, y1 + pad));
  ctx.setLineDash([]);
}

/** Y as a heat map on the symmetric scale [−m, m], the inspected pixel marked; hovering reports the pixel shown. */
export function HeatCanvas(p: {
  Y: Float32Array;
  w: number;
  h: number;
  m: number;
  inspect: [number, number];
  onPoint(i: number, j: number): void;
  testid?: string;
  markerTestid?: string;
  maxCss?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const d = displaySize(p.w, p.h, dpr(), p.maxCss);
  // The previous pooling's arrays are refilled (only the newest result is read: drawn, then probed).
  const pooled = useRef<Pooled | undefined>(undefined);
  const shown = useMemo(() => {
    if (!d.shrunk) return undefined;
    return (pooled.current = poolMaxAbs(p.Y, p.w, p.h, d.backW, d.backH, pooled.current));
  }, [p.Y, d.backW, d.backH]);
  useEffect(() => {
    const canvas = ref.current;
    if (canvas) drawHeat(canvas, shown?.data ?? p.Y, d.backH, d.backW, { kind: 'diverging', lo: -p.m, hi: p.m });
  }, [shown, p.Y, p.m]);
  const [i, j] = p.inspect;
  const hover = (e: MouseEvent) => {
    const c = e.currentTarget as HTMLCanvasElement;
    // The CSS size can be fractional: the bounding box minus borders is exact, clientWidth is rounded.
    const r = c.getBoundingClientRect();
    const [y, x] = pixelAt(
      e.offsetX,
      e.offsetY,
      r.width - 2 * c.clientLeft,
      r.height - 2 * c.clientTop,
      d.backW,
      d.backH,
    );
    const k = shown ? shown.at[y * d.backW + x] : y * p.w + x;
    p.onPoint(Math.floor(k / p.w), k % p.w);
  };
  return (
    <div class="canvas-box">
      <canvas
        ref={ref}
        class="heat"
        role="img"
        aria-label={`output heat map, ${p.h}×${p.w}`}
        data-testid={p.testid ?? 'output-canvas'}
        data-rows={p.h}
        data-cols={p.w}
        width={d.backW}
        height={d.backH}
        style={cssSize(d)}
        onMouseMove={hover}
      />
      <div
        class="pixel-marker"
        data-testid={p.markerTestid ?? 'output-marker'}
        style={{
          left: `${((j + 0.5) / p.w) * 100}%`,
          top: `${((i + 0.5) / p.h) * 100}%`,
          width: `${100 / p.w}%`,
          height: `${100 / p.h}%`,
        }}
      />
    </div>
  );
}

/**
 * The legend: a colour bar from −m to +m with the numbers as text (`data-testid="legend"`); `text` (see legendText)
 * replaces the bar when there is no range to show (an all-zero output).
 */
export function Legend({ m, text }: { m: number; text: { lo: string; hi: string; note: string } | string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    for (let x = 0; x < 160; x++) {
      ctx.fillStyle = colourAt(x / 159);
      ctx.fillRect(x, 0, 1, 1);
    }
  }, [typeof text === 'string']);
  if (typeof text === 'string') {
    return (
      <div class="legend" data-testid="legend">
        <span class="caption">{text}</span>
      </div>
    );
  }
  return (
    <div
      class="legend"
      data-testid="legend"
      aria-label={`colour scale from ${text.lo} (blue) through 0 (white) to ${text.hi} (red)`}
    >
      <span>{text.lo}</span>
      <canvas ref={ref} class="heat legend-bar" width={160} height={1} aria-hidden="true" />
      <span>{text.hi}</span>
      <span
        class="caption"
        title={`symmetric scale [−m, m], m = max |Y| = ${fmt(m)}: negative values are never clamped`}
      >
        {text.note}
      </span>
    </div>
  );
}
