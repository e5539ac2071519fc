// The canvas form of MatrixView for large matrices: one coloured square per cell (the shared heat scale, or the
// caller's colours), marks drawn over it as runs of cells, the cell under the pointer (or the keyboard's cell) read
// out as text. The base image is drawn once per matrix; a change of marks only repaints the overlay.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { heatDomain, parseColour } from '../../../src/core/colour-scale';
import { rgbaPixel } from '../../../src/core/fast/heat';
import type { Matrix } from '../../../src/core/matrix';
import { fmt } from '../format';
import { heatScale } from '../heatmap';
import { ARROWS, type Cell, type Mark, type MatrixViewProps } from './matrix-props';

/** Largest CSS size of the drawn matrix; cells are whole pixels, at least 1. */
const MAX_CSS = 512;

/** How each mark is painted: a fill over the cell and an outline. */
const STYLE: Record<Mark, { fill?: string; stroke?: string; dash?: number[] }> = {
  future: { fill: 'rgba(128, 128, 128, 0.55)' },
  pad: { fill: 'rgba(128, 128, 128, 0.35)', stroke: 'rgba(128, 128, 128, 0.9)', dash: [2, 2] },
  field: { fill: 'rgba(177, 128, 215, 0.35)', stroke: 'rgb(177, 128, 215)' },
  hl: { fill: 'rgba(234, 92, 0, 0.35)', stroke: 'accent' },
  pin: { stroke: 'accent', dash: [3, 2] },
  // A sparse matrix's missing entries are left uncoloured by its caller's `cellColour`: nothing to draw over them.
  empty: {},
};
const ORDER: Mark[] = ['future', 'pad', 'field', 'hl', 'pin'];

/** Cells of one row merged into runs `[r, c0, c1)` so thousands of marked cells cost a few rectangles. */
export function cellRuns(cells: readonly Cell[]): Array<[number, number, number]> {
  const sorted = [...cells].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const runs: Array<[number, number, number]> = [];
  for (const [r, c] of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] === r && last[2] === c) last[2] = c + 1;
    else if (!(last && last[0] === r && c < last[2])) runs.push([r, c, c + 1]);
  }
  return runs;
}

/**
 * The matrix as one pixel per cell: the caller's colour of each cell (transparent where it gives none), else the
 * caller's colour of each value, else the heat scale of its values.
 */
function baseImage(
  M: Matrix,
  colour: ((x: number) => string) | undefined,
  cellColour: MatrixViewProps['cellColour'],
): ImageData {
  const rows = M.length;
  const cols = M[0]?.length ?? 0;
  const img = new ImageData(Math.max(cols, 1), Math.max(rows, 1));
  const px = new Uint32Array(img.data.buffer);
  if (cellColour) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const css = cellColour(r, c);
        if (css) px[r * cols + c] = rgbaPixel(...parseColour(css));
      }
    }
    return img;
  }
  const cache = new Map<number, number>();
  const scale = colour ?? heatScale(M.flat()).colour;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = M[r][c];
      let p = cache.get(x);
      if (p === undefined) {
        p = rgbaPixel(...parseColour(scale(x)));
        cache.set(x, p);
      }
      px[r * cols + c] = p;
    }
  }
  return img;
}

export function CanvasMatrix(p: MatrixViewProps) {
  const rows = p.M.length;
  const cols = p.M[0]?.length ?? 0;
  const cell = Math.max(1, Math.floor(MAX_CSS / Math.max(rows, cols, 1)));
  const ref = useRef<HTMLCanvasElement>(null);
  const [at, setAt] = useState<Cell | null>(null);
  const [keyCell, setKeyCell] = useState<Cell>([0, 0]);
  const base = useMemo(() => {
    const c = document.createElement('canvas');
    const img = baseImage(p.M, p.colour, p.cellColour);
    c.width = img.width;
    c.height = img.height;
    c.getContext('2d')?.putImageData(img, 0, 0);
    return c;
  }, [p.M, p.colour, p.cellColour]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(base, 0, 0, cols * cell, rows * cell);
    const accent = getComputedStyle(document.body).getPropertyValue('--vscode-focusBorder').trim() || '#0090f1';
    for (const mark of ORDER) {
      const cells = p.marks?.[mark];
      if (!cells?.length) continue;
      const s = STYLE[mark];
      for (const [r, c0, c1] of cellRuns(cells)) {
        if (s.fill) {
          ctx.fillStyle = s.fill;
          ctx.fillRect(c0 * cell, r * cell, (c1 - c0) * cell, cell);
        }
      }
      if (s.stroke && cell >= 3) {
        ctx.strokeStyle = s.stroke === 'accent' ? accent : s.stroke;
        ctx.lineWidth = 1;
        ctx.setLineDash(s.dash ?? []);
        for (const [r, c] of cells) ctx.strokeRect(c * cell + 0.5, r * cell + 0.5, cell - 1, cell - 1);
        ctx.setLineDash([]);
      }
    }
  }, [base, p.marks, cell]);

  const point = (cellNow: Cell | null) => {
    setAt(cellNow);
    p.onHover?.(cellNow);
  };
  const fromEvent = (e: MouseEvent): Cell => {
    const box = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const r = Math.min(rows - 1, Math.max(0, Math.floor(((e.clientY - box.top) / box.height) * rows)));
    const c = Math.min(cols - 1, Math.max(0, Math.floor(((e.clientX - box.left) / box.width) * cols)));
    return [r, c];
  };
  const onKey = (e: KeyboardEvent) => {
    const m = ARROWS[e.key];
    if (m) {
      const next: Cell = [
        Math.min(rows - 1, Math.max(0, keyCell[0] + m[0])),
        Math.min(cols - 1, Math.max(0, keyCell[1] + m[1])),
      ];
      setKeyCell(next);
      point(next);
      e.preventDefault();
    } else if (e.key === 'Enter' || e.key === ' ') {
      p.onClick?.(keyCell[0], keyCell[1]);
      e.preventDefault();
    }
  };
  const shown = at ?? null;
  return (
    <div class="canvas-matrix" data-testid={p.testid} data-rows={rows} data-cols={cols} data-cell={cell}>
      <canvas
        ref={ref}
        class="heat"
        width={cols * cell}
        height={rows * cell}
        role="img"
        tabIndex={p.onHover || p.onClick ? 0 : undefined}
        aria-label={`${p.label}, ${rows}×${cols}: point at a cell, or use the arrow keys, to read it`}
        data-testid={`${p.testid}-canvas`}
        onMouseMove={(e) => {
          const c = fromEvent(e);
          if (!shown || c[0] !== shown[0] || c[1] !== shown[1]) point(c);
        }}
        onMouseLeave={() => point(null)}
        onClick={(e) => {
          const [r, c] = fromEvent(e);
          p.onClick?.(r, c);
        }}
        onFocus={() => point(keyCell)}
        onBlur={() => point(null)}
        onKeyDown={onKey}
      />
      <div class="caption mono" data-testid={`${p.testid}-readout`} aria-live="polite">
        {shown
          ? `[${shown[0]}, ${shown[1]}] = ${fmt(p.M[shown[0]][shown[1]])}`
          : `${rows}×${cols}, ${cell} px per cell${domainText(p.M)}: point at a cell to read it`}
      </div>
    </div>
  );
}

function domainText(M: Matrix): string {
  const d = heatDomain(M.flat());
  return `, values ${fmt(d.min)} … ${fmt(d.max)}`;
}
