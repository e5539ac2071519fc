// The "Detect Edges" panel (d2l §7.2.3 “Object Edge Detection in Images”): X ⋆ K = Y for the book's 6×8 image or any photo, with a kernel editor,
// a diverging heat map, a probe that shows one output pixel and the window it reads, and saved state.
import { edgeImage, edgeKernel } from '../../src/core/fixtures';
import { convGeometry, windowCells } from '../../src/core/geometry';
import { transpose, validateMatrix } from '../../src/core/matrix';
import type { PanelInput } from '../../src/protocol/messages';
import type { BackendChoice } from '../shared/backend';
import type { ForwardCorr } from '../shared/conv-path';
import { backendBadge } from '../shared/badge';
import { h, replace } from '../shared/dom';
import { errorBox, messageOf } from '../shared/errors';
import { MatrixGrid } from '../shared/grid';
import { post, saveState } from '../shared/host';
import { decodeImage, MAX_SIDE, type GrayImage } from './decode';
import { contrastCells, drawHeat, drawWithWindow, grayImageData, legend, photoCanvas, placeMarker } from './draw';
import { GRAY_FORMULA } from './gray';
import { CUSTOM, matchPreset, parseShape, PRESETS, presetKernel, resizeKernel, shapeText, SHAPES } from './presets';
import { colourAt, scalePosition, valueRange, type Range } from './scale';
import edgesCss from './edges.css';
import { displayScale, grayRange, ignoredSettings, isDecimal, legendText } from './display';
import { num, pixelAt, probeText, restoreState, transposeImage, type EdgeState, type Matrix } from './state';

/** What X is: a matrix shown as a grid (the book's image or one from a hover link), or a decoded photo. */
type Source =
  | { kind: 'matrix'; X: Matrix; custom: boolean; source?: string }
  | { kind: 'photo'; image: GrayImage; name: string; uri: string };

/** The current input as the computation sees it (after the transpose toggle). */
interface Input {
  w: number;
  h: number;
  data: Float32Array;
}

export class EdgesView {
  private K: Matrix = edgeKernel();
  private preset = 'edge-x';
  private transposed = false;
  private source: Source = textbook();
  private input: Input = matrixInput(edgeImage());
  /** X loaded on the convolution path, kept between kernel edits (only the kernel travels per edit). */
  private forward: ForwardCorr | undefined;
  private Y: Float32Array = new Float32Array(0);
  private outH = 0;
  private outW = 0;
  private range: Range = { min: 0, max: 0, m: 0 };
  private inspect: [number, number] = [0, 0];
  private dirty = false;
  private running = false;
  private baseImage: ImageData | undefined;

  private readonly kGrid = new MatrixGrid({
    label: 'Kernel K',
    testid: 'K',
    onEdit: (r, c, v) => this.editKernel(r, c, v),
  });
  /** Intensity range X's grid is coloured over: [0, 1] for an image, else X's own min..max (see grayRange). */
  private xRange: [number, number] = [0, 1];
  private readonly xGrid = new MatrixGrid({ label: 'Input X', testid: 'X', colour: (v) => grayColour(v, this.xRange) });
  private readonly yGrid = new MatrixGrid({
    label: 'Output Y',
    testid: 'Y',
    colour: (v) => colourAt(scalePosition(v, this.range.m)),
    onHover: (cell) => cell && this.setInspect(cell[0], cell[1]),
    onClick: (r, c) => this.setInspect(r, c),
  });
  private readonly el = {
    badge: h('span'),
    errors: h('div', { 'data-testid': 'errors' }),
    imageError: h('div'),
    computeError: h('div'),
    caption: h('p', { class: 'caption', 'data-testid': 'caption' }),
    inputNote: h('p', { class: 'caption', 'data-testid': 'input-note', hidden: '' }),
    xTitle: h('h2'),
    xBox: h('div'),
    yTitle: h('h2'),
    yBox: h('div'),
    marker: h('div', { class: 'pixel-marker', 'data-testid': 'output-marker', hidden: '' }),
    legend: h('div'),
    stats: h('div', { class: 'mono', 'data-testid': 'stats', role: 'status' }),
    timing: h('div', { class: 'caption', 'data-testid': 'timing' }),
    probe: h('div', { class: 'arith', 'data-testid': 'probe', 'aria-live': 'polite' }),
    preset: h('select', { 'data-testid': 'preset', 'aria-label': 'Kernel preset' }),
    shape: h('select', { 'data-testid': 'shape', 'aria-label': 'Kernel shape' }),
    transpose: h(
      'button',
      {
        class: 'secondary',
        'data-testid': 'transpose',
        'aria-pressed': 'false',
        title: 'Transpose X: the vertical edges become horizontal, and K = [1, −1] sees none',
      },
      'Transpose X',
    ),
    row: h('input', {
      type: 'number',
      min: 0,
      value: 0,
      'data-testid': 'inspect-row',
      'aria-label': 'Inspect output row',
    }),
    col: h('input', {
      type: 'number',
      min: 0,
      value: 0,
      'data-testid': 'inspect-col',
      'aria-label': 'Inspect output column',
    }),
    xCanvas: undefined as HTMLCanvasElement | undefined,
    yCanvas: undefined as HTMLCanvasElement | undefined,
  };

  /** Builds the page inside `root` and shows the first X: saved state, else the input, else the book's example. */
  async init(root: HTMLElement, args: { input: PanelInput; state: unknown; backend: BackendChoice }): Promise<void> {
    adoptCss(edgesCss);
    root.classList.add('edges');
    decimalOnly(this.kGrid.el);
    replace(this.el.badge, backendBadge(args.backend));
    this.forward = args.backend.forward();
    replace(root, ...this.layout());
    this.el.errors.append(this.el.imageError, this.el.computeError);
    const saved = restoreState(args.state);
    if (saved) await this.restore(saved);
    else {
      this.noteIgnored(args.input);
      if (args.input.K) this.useKernel(args.input.K);
      this.setSource(args.input.X ? matrixSource(args.input.X, args.input.source) : textbook());
    }
  }

  /** New matrices from a hover link: K sets the kernel, X replaces the input. */
  setInput(input: PanelInput): void {
    this.noteIgnored(input);
    if (input.K) this.useKernel(input.K);
    if (input.X) {
      replace(this.el.imageError); // a new X: an earlier failed load no longer concerns what is shown
      this.setSource(matrixSource(input.X, input.source));
    } else this.requestCompute();
  }

  /** Says which of the sender's settings (the sidebar's padding, stride, bias) this panel does not apply. */
  private noteIgnored(input: PanelInput): void {
    const note = ignoredSettings(input);
    this.el.inputNote.textContent = note ?? '';
    this.el.inputNote.hidden = note === undefined;
  }

  /** Loads a photo; a broken one leaves the current X and kernel in place and shows an error naming the file. */
  async loadImage(uri: string, name: string): Promise<boolean> {
    this.el.caption.textContent = `Loading ${name}…`;
    try {
      const image = await decodeImage(uri, name);
      replace(this.el.imageError);
      this.setSource({ kind: 'photo', image, name, uri });
      return true;
    } catch (e) {
      replace(this.el.imageError, errorBox(messageOf(e)));
      this.showCaption();
      return false;
    }
  }

  private async restore(s: EdgeState): Promise<void> {
    this.K = s.K;
    this.preset = s.preset;
    this.transposed = s.transposed;
    this.inspect = s.inspect;
    if (s.image && (await this.loadImage(s.image.uri, s.image.name))) return;
    if (s.image) {
      // The uri of a picked file only stays readable while its panel lives; after a reload ask the user again.
      replace(
        this.el.imageError,
        h(
          'div',
          { class: 'warning', role: 'status' },
          `${s.image.name} could not be reloaded; showing the book's 6×8 image. Use “Open image…” to load it again.`,
        ),
      );
    }
    this.setSource(s.X ? matrixSource(s.X, s.source) : textbook());
  }

  private layout(): Node[] {
    const open = h(
      'button',
      { 'data-testid': 'open-image', onclick: () => post({ type: 'pickImage' }) },
      h('span', { class: 'codicon codicon-folder-opened', 'aria-hidden': 'true' }),
      ' Open image…',
    );
    const book = h(
      'button',
      {
        class: 'secondary',
        'data-testid': 'textbook',
        onclick: () => {
          replace(this.el.imageError);
          this.setSource(textbook());
        },
      },
      'Book example (6×8)',
    );
    this.el.transpose.addEventListener('click', () => this.toggleTranspose());
    for (const p of PRESETS) this.el.preset.append(h('option', { value: p.id }, p.label));
    this.el.preset.append(h('option', { value: CUSTOM }, 'Custom'));
    this.el.preset.addEventListener('change', () => this.choosePreset(this.el.preset.value));
    for (const s of SHAPES) this.el.shape.append(h('option', { value: s }, s));
    this.el.shape.addEventListener('change', () => this.chooseShape(this.el.shape.value));
    this.el.row.addEventListener('input', () =>
      this.setInspect(Number(this.el.row.value), Number(this.el.col.value), true),
    );
    for (const i of [this.el.row, this.el.col]) i.style.width = '5em';
    this.el.col.addEventListener('input', () =>
      this.setInspect(Number(this.el.row.value), Number(this.el.col.value), true),
    );
    // When the user is done typing (Enter, Tab away), the boxes show the pixel really inspected (−3 → 0).
    for (const i of [this.el.row, this.el.col]) i.addEventListener('change', () => this.setInspect(...this.inspect));
    return [
      h('div', { class: 'toolbar' }, h('h1', {}, 'Detect edges: Y = X ⋆ K'), this.el.badge),
      h(
        'div',
        { class: 'toolbar' },
        book,
        this.el.transpose,
        open,
        h('label', {}, 'Kernel ', this.el.preset),
        h('label', {}, 'Shape ', this.el.shape),
      ),
      this.el.errors,
      this.el.caption,
      this.el.inputNote,
      h(
        'div',
        { class: 'row' },
        h('section', {}, this.el.xTitle, this.el.xBox),
        h('section', {}, h('h2', {}, 'Kernel K (edit any cell)'), this.kGrid.el),
        h('section', {}, this.el.yTitle, this.el.yBox, this.el.legend),
      ),
      this.el.stats,
      h(
        'div',
        { class: 'toolbar' },
        'Inspect output pixel: ',
        h('label', {}, 'row', this.el.row),
        h('label', {}, 'column', this.el.col),
        h('span', { class: 'caption' }, '(or hover the output)'),
      ),
      this.el.probe,
      this.el.timing,
    ];
  }

  // ---- input ---------------------------------------------------------------------------------------------------

  private setSource(source: Source): void {
    this.source = source;
    this.input = this.currentInput();
    this.forward?.load({ data: this.input.data, h: this.input.h, w: this.input.w });
    this.showInput();
    this.showCaption();
    this.requestCompute();
  }

  private currentInput(): Input {
    const s = this.source;
    if (s.kind === 'matrix') return matrixInput(this.transposed ? transpose(s.X) : s.X);
    const { gray, w, h: hh } = s.image;
    return this.transposed ? { w: hh, h: w, data: transposeImage(gray, w, hh) } : { w, h: hh, data: gray };
  }

  private toggleTranspose(): void {
    this.transposed = !this.transposed;
    this.el.transpose.setAttribute('aria-pressed', String(this.transposed));
    this.setSource(this.source);
  }

  private showInput(): void {
    const { w, h: hh } = this.input;
    this.el.transpose.setAttribute('aria-pressed', String(this.transposed));
    this.el.transpose.classList.toggle('secondary', !this.transposed);
    this.el.xTitle.textContent = `Input X (${hh}×${w}${this.transposed ? ', transposed' : ''})`;
    if (this.source.kind === 'matrix') {
      this.el.xCanvas = undefined;
      this.xRange = grayRange(this.input.data);
      this.xGrid.set(toMatrix(this.input));
      contrastCells(this.xGrid.el, cellColour);
      replace(this.el.xBox, this.xGrid.el);
      return;
    }
    this.baseImage = grayImageData(this.input.data, w, hh);
    const f = displayScale(w, hh);
    this.el.xCanvas = photoCanvas(w, hh, `grayscale input ${this.source.name}`, 'input-canvas', f, f);
    drawWithWindow(this.el.xCanvas, this.baseImage);
    replace(this.el.xBox, this.el.xCanvas);
  }

  private showCaption(): void {
    const s = this.source;
    if (s.kind === 'matrix') {
      const [lo, hi] = this.xRange;
      const shades =
        lo === 0 && hi === 1
          ? 'Values are intensities (1 = white, 0 = black)'
          : `X is shaded over its own range (${num(lo)} = black, ${num(hi)} = white)`;
      this.el.caption.textContent = `${matrixLabel(s, this.transposed)}. ${shades}; Y is the cross-correlation (d2l §7.2), 'valid': Y is (h − kh + 1)×(w − kw + 1).`;
      return;
    }
    const { origW, origH, w, h: hh } = s.image;
    const f = displayScale(w, hh);
    const scaled =
      origW !== w || origH !== hh
        ? ` Downscaled from ${origW}×${origH} to ${w}×${hh} (larger side above ${MAX_SIDE} px).`
        : ` ${origW}×${origH} px, computed at full resolution${f > 1 ? ` (shown ×${f}, each pixel a square)` : ''}.`;
    this.el.caption.textContent = `${s.name}.${scaled} Grayscale: ${GRAY_FORMULA}. Y = X ⋆ K, 'valid' cross-correlation.`;
  }

  // ---- kernel ----------------------------------------------------------------------------------------------------

  private useKernel(K: Matrix): void {
    try {
      this.K = validateMatrix('edges', 'K', K).map((row) => [...row]);
      this.preset = matchPreset(this.K);
    } catch (e) {
      replace(this.el.computeError, errorBox(messageOf(e)));
    }
  }

  private choosePreset(id: string): void {
    if (id === CUSTOM) return;
    this.K = presetKernel(id);
    this.preset = id;
    this.requestCompute();
  }

  private chooseShape(text: string): void {
    const [rows, cols] = parseShape(text);
    this.K = resizeKernel(this.K, rows, cols);
    this.preset = matchPreset(this.K);
    this.requestCompute();
  }

  private editKernel(r: number, c: number, value: number): void {
    this.K[r][c] = value;
    this.preset = matchPreset(this.K);
    this.requestCompute();
  }

  private showKernel(): void {
    // 4 significant digits fit a cell ("0.1111" of the box blur, not a cut-off 0.11111111); K keeps full precision.
    this.kGrid.set(this.K.map((row) => row.map((v) => Number(v.toPrecision(4)))));
    this.el.preset.value = this.preset;
    const shape = shapeText(this.K);
    if (![...this.el.shape.options].some((o) => o.value === shape))
      this.el.shape.append(h('option', { value: shape }, shape));
    this.el.shape.value = shape;
  }

  // ---- output ----------------------------------------------------------------------------------------------------

  /** Recomputes after a change; edits arriving during a computation are folded into one more run. */
  private requestCompute(): void {
    this.showKernel();
    this.dirty = true;
    if (!this.running) void this.computeLoop();
  }

  private async computeLoop(): Promise<void> {
    this.running = true;
    try {
      while (this.dirty) {
        this.dirty = false;
        await this.computeOnce();
      }
    } finally {
      this.running = false;
    }
  }

  private async computeOnce(): Promise<void> {
    const forward = this.forward;
    if (!forward) return;
    const t0 = performance.now();
    const [kh, kw] = [this.K.length, this.K[0].length];
    try {
      const outH = this.input.h - kh + 1;
      const outW = this.input.w - kw + 1;
      // A kernel edit keeps the output size: write into the same buffer instead of allocating 4 MB per frame.
      const out = outH > 0 && outW > 0 && this.Y.length === outH * outW ? this.Y : undefined;
      this.Y = await forward.corr({ data: Float32Array.from(this.K.flat()), h: kh, w: kw }, out);
      [this.outH, this.outW] = [outH, outW];
      this.range = valueRange(this.Y);
      replace(this.el.computeError);
    } catch (e) {
      replace(this.el.computeError, errorBox(messageOf(e)));
      this.el.stats.textContent = 'Y: — (no output for this kernel)';
      return;
    }
    const t1 = performance.now();
    this.showOutput();
    this.el.timing.textContent = `corr2d ${(t1 - t0).toFixed(1)} ms on ${forward.choice.path}, drawing ${(performance.now() - t1).toFixed(1)} ms`;
    this.save();
  }

  private showOutput(): void {
    const { min, max, m } = this.range;
    this.el.yTitle.textContent = `Output Y (${this.outH}×${this.outW})`;
    this.el.stats.textContent = `Y: ${this.outH}×${this.outW} · min ${num(min)} · max ${num(max)}`;
    replace(this.el.legend, legend(m, legendText(m)));
    if (this.source.kind === 'matrix') {
      this.el.yCanvas = undefined;
      this.yGrid.set(toMatrix({ w: this.outW, h: this.outH, data: this.Y }));
      contrastCells(this.yGrid.el, cellColour);
      replace(this.el.yBox, this.yGrid.el);
    } else {
      // Y at X's enlargement: an output pixel is as large on screen as an input pixel.
      const f = displayScale(this.input.w, this.input.h);
      let canvas = this.el.yCanvas;
      if (!canvas || canvas.width !== this.outW || canvas.height !== this.outH || canvas.dataset.scale !== String(f)) {
        canvas = photoCanvas(this.outW, this.outH, 'output heat map', 'output-canvas', f);
        canvas.dataset.scale = String(f);
        canvas.addEventListener('mousemove', (e) => this.hoverCanvas(e));
        replace(this.el.yBox, h('div', { class: 'canvas-box' }, canvas, this.el.marker));
        this.el.yCanvas = canvas;
      }
      drawHeat(canvas, this.Y, this.outW, this.outH, m);
    }
    this.setInspect(...this.inspect);
  }

  /** Output pixel under the pointer: `[row, col] = [floor(offsetY·h/cssH), floor(offsetX·w/cssW)]` (see pixelAt). */
  private hoverCanvas(e: MouseEvent): void {
    const c = e.currentTarget as HTMLCanvasElement;
    // The CSS size can be fractional (a vw width): clientWidth rounds it, the bounding box minus borders does not.
    const r = c.getBoundingClientRect();
    this.setInspect(
      ...pixelAt(e.offsetX, e.offsetY, r.width - 2 * c.clientLeft, r.height - 2 * c.clientTop, c.width, c.height),
    );
  }

  /** Shows output pixel (i, j) in the probe and outlines its window on X; out-of-range indices are clamped. */
  private setInspect(i: number, j: number, typed = false): void {
    if (!this.outH || !this.outW) return;
    const clamp = (v: number, n: number) => (Number.isFinite(v) ? Math.min(n - 1, Math.max(0, Math.floor(v))) : 0);
    i = clamp(i, this.outH);
    j = clamp(j, this.outW);
    this.inspect = [i, j];
    // While the user types in the inputs, leave their text alone (a half-typed number must not be rewritten).
    if (!typed) {
      this.el.row.value = String(i);
      this.el.col.value = String(j);
    }
    const value = this.Y[i * this.outW + j];
    const [kh, kw] = [this.K.length, this.K[0].length];
    this.el.probe.textContent = probeText(i, j, value, kh, kw);
    Object.assign(this.el.probe.dataset, { row: String(i), col: String(j), value: String(value) });
    if (this.source.kind === 'matrix') {
      const g = convGeometry({ inH: this.input.h, inW: this.input.w, kH: kh, kW: kw });
      this.xGrid.highlight(windowCells(g, i, j).map(([r, c]) => [r, c] as const));
      this.yGrid.highlight([[i, j]]);
    } else if (this.el.xCanvas && this.baseImage) {
      drawWithWindow(this.el.xCanvas, this.baseImage, { r: i, c: j, kh, kw });
      placeMarker(this.el.marker, i, j, this.outH, this.outW);
    }
    this.save();
  }

  private save(): void {
    const s = this.source;
    const state: EdgeState = {
      K: this.K,
      preset: this.preset,
      transposed: this.transposed,
      inspect: this.inspect,
      ...(s.kind === 'photo' ? { image: { uri: s.uri, name: s.name } } : s.custom ? { X: s.X, source: s.source } : {}),
    };
    saveState(state);
  }
}

function textbook(): Source {
  return { kind: 'matrix', X: edgeImage(), custom: false };
}

/** The caption's first sentence; the book's image says rows once transposed. `source` is the raw link text. */
function matrixLabel(s: { custom: boolean; source?: string }, transposed: boolean): string {
  if (s.custom) return s.source ? `X from ${s.source}` : 'X from the editor';
  return transposed
    ? "The book's 6×8 image transposed to 8×6 (d2l §7.2.3 “Object Edge Detection in Images”): white rows 0–1 and 6–7, a black stripe in rows 2–5"
    : "The book's 6×8 image (d2l §7.2.3 “Object Edge Detection in Images”): white columns 0–1 and 6–7, a black stripe in columns 2–5";
}

function matrixSource(X: Matrix, source: string | undefined): Source {
  validateMatrix('edges', 'X', X);
  // States saved by older builds stored the caption ("X from …") as the source: keep only the source itself.
  return { kind: 'matrix', X, custom: true, source: source?.replace(/^(X from )+/, '') };
}

function matrixInput(X: Matrix): Input {
  return { h: X.length, w: X[0].length, data: Float32Array.from(X.flat()) };
}

function toMatrix({ w, h: hh, data }: Input): Matrix {
  return Array.from({ length: hh }, (_, r) => Array.from(data.subarray(r * w, (r + 1) * w)));
}

/** Gray for value `v` over `[lo, hi]` (lo black, hi white; the middle gray when lo = hi). */
function grayColour(v: number, [lo, hi]: [number, number]): string {
  if (!Number.isFinite(v)) return 'transparent';
  const t = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
  const b = Math.round(255 * t);
  return `rgb(${b}, ${b}, ${b})`;
}

/** The cell's colour, and marks it "coloured" so the window highlight keeps it (outline only, see edges.css). */
function cellColour(td: HTMLElement): string | undefined {
  const bg = td.style.getPropertyValue('--cell-bg');
  const coloured = bg.startsWith('rgb(');
  td.classList.toggle('coloured', coloured);
  return coloured ? bg : undefined;
}

/** Adds a stylesheet given as text (constructed CSSStyleSheet: allowed by the CSP, unlike inline <style>). */
function adoptCss(text: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/**
 * Makes the kernel's cell inputs accept decimal numbers only: a capture listener on the table sees each edit before
 * the cell's own listener and stops texts such as "0x10" (which `Number` reads as 16), marking them invalid.
 */
function decimalOnly(grid: HTMLElement): void {
  grid.addEventListener(
    'input',
    (e) => {
      const input = e.target as HTMLInputElement;
      if (input.tagName !== 'INPUT' || isDecimal(input.value)) return;
      e.stopPropagation();
      input.classList.add('invalid');
      input.title = `“${input.value}” is not a decimal number`;
    },
    true,
  );
}
