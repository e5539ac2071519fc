// The loss curve, drawn with uPlot (its stylesheet is bundled into learn.css, which the page links). Colours come
// from the theme's variables, read again when the theme changes.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Step numbers are whole: the x axis ticks at these increments only (never at 1.5 or 2.5). */
export const STEP_INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000];

function themeVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** A loss-per-step chart; `set` redraws it, `setLog` switches the y axis between linear and logarithmic. */
export class LossChart {
  private plot: uPlot | null = null;
  private data: [number[], number[]] = [[], []];
  private log: boolean;

  /** A chart inside `el` (the component's element). */
  constructor(
    readonly el: HTMLElement,
    log: boolean,
  ) {
    this.log = log;
    new ResizeObserver(() => this.plot?.setSize(this.size())).observe(this.el);
    // VS Code swaps the body's theme class on a theme change: rebuild with the new colours.
    new MutationObserver(() => this.rebuild()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  /** Shows losses per step (`steps[i]` ↦ `losses[i]`); on a log axis, values ≤ 0 are left out (log undefined). */
  set(steps: number[], losses: number[]): void {
    this.data = [steps, losses.map((l) => (this.log && !(l > 0) ? null : l)) as number[]];
    if (!this.plot) this.rebuild();
    else this.plot.setData(this.data);
  }

  /** Switches the y axis between linear and log; the data stays. */
  setLog(log: boolean): void {
    if (log === this.log) return;
    this.log = log;
    this.rebuild();
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(240, Math.min(this.el.clientWidth || 480, 720)), height: 220 };
  }

  private rebuild(): void {
    if (!this.el.isConnected && this.plot) return;
    this.plot?.destroy();
    const fg = themeVar('--vscode-foreground', '#888');
    const grid = themeVar('--vscode-panel-border', 'rgba(128,128,128,0.3)');
    const line = themeVar('--vscode-charts-blue', '#3794ff');
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const opts: uPlot.Options = {
      ...this.size(),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { distr: this.log ? 3 : 1, log: 10 } },
      axes: [
        {
          ...axis,
          label: 'step',
          incrs: STEP_INCREMENTS,
          // uPlot draws ticks on the canvas: the labels are also kept on the element for screen readers and tests.
          values: (_u, vals) => {
            const labels = vals.map((v) => String(v));
            this.el.dataset.stepTicks = labels.join(' ');
            return labels;
          },
        },
        { ...axis, label: this.log ? 'loss (log scale)' : 'loss', size: 70, values: (_u, vals) => vals.map(tickText) },
      ],
      series: [
        { label: 'step' },
        {
          label: 'loss',
          stroke: line,
          width: 2,
          points: { show: (u: uPlot) => u.data[0].length <= 60, size: 5, fill: line },
        },
      ],
    };
    this.plot = new uPlot(opts, this.data, this.el);
  }
}

function tickText(v: number | null): string {
  if (v === null) return '';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e4 || a < 1e-2) ? v.toExponential(0) : String(Number(v.toPrecision(3)));
}
