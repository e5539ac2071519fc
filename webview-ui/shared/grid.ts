// A matrix shown as a grid of numbers: values are text in the DOM (screen readers and tests read them), cells can
// be highlighted (the window on X, the output cell on Y, a receptive field), hovered, clicked and edited.
import { fmt, h } from './dom';

/** Options of a grid. `testid` names the grid for tests: cells get `data-testid="<testid>-r-c"`. */
export interface GridOptions {
  label: string;
  testid: string;
  /** Background colour of a value (e.g. a diverging scale); text colour is chosen for contrast by CSS. */
  colour?: (x: number) => string;
  /** Cells become inputs; `onEdit` gets the parsed value (invalid text is marked and not sent). */
  onEdit?: (r: number, c: number, value: number) => void;
  onHover?: (cell: [number, number] | null) => void;
  onClick?: (r: number, c: number) => void;
}

/** A matrix grid element with highlight and update methods. */
export class MatrixGrid {
  readonly el: HTMLTableElement;
  private cells: HTMLTableCellElement[][] = [];

  constructor(private readonly opts: GridOptions) {
    this.el = h('table', { class: 'grid', role: 'grid', 'aria-label': opts.label, 'data-testid': opts.testid });
    this.el.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** Shows matrix `M: [rows, cols]`, rebuilding cells only when the shape changes. */
  set(M: number[][]): void {
    const rows = M.length;
    const cols = M[0]?.length ?? 0;
    if (this.cells.length !== rows || (this.cells[0]?.length ?? 0) !== cols) this.build(rows, cols);
    M.forEach((row, r) => row.forEach((x, c) => this.setCell(this.cells[r][c], x)));
  }

  /** Adds class `cls` to exactly the given cells (removing it from all others). */
  highlight(cells: Iterable<readonly [number, number]>, cls = 'hl'): void {
    for (const row of this.cells) for (const td of row) td.classList.remove(cls);
    for (const [r, c] of cells) this.cells[r]?.[c]?.classList.add(cls);
  }

  private build(rows: number, cols: number): void {
    this.cells = [];
    const body = h('tbody');
    for (let r = 0; r < rows; r++) {
      const tr = h('tr', { role: 'row' });
      const row: HTMLTableCellElement[] = [];
      for (let c = 0; c < cols; c++) {
        const td = this.makeCell(r, c);
        row.push(td);
        tr.append(td);
      }
      this.cells.push(row);
      body.append(tr);
    }
    this.el.replaceChildren(body);
  }

  private makeCell(r: number, c: number): HTMLTableCellElement {
    const interactive = Boolean(this.opts.onClick || this.opts.onHover);
    const td = h('td', {
      role: 'gridcell',
      'data-testid': `${this.opts.testid}-${r}-${c}`,
      'data-r': r,
      'data-c': c,
      tabindex: interactive && !this.opts.onEdit ? (r === 0 && c === 0 ? 0 : -1) : undefined,
      onmouseenter: () => this.opts.onHover?.([r, c]),
      onmouseleave: () => this.opts.onHover?.(null),
      onfocus: () => {
        this.makeTabStop(td);
        this.opts.onHover?.([r, c]);
      },
      // Focus counts as pointing at the cell, so losing it must end that too (else the view stays on the cell).
      // Moving with the arrow keys blurs the old cell before focusing the new one: the new cell wins.
      onblur: () => this.opts.onHover?.(null),
      onclick: () => this.opts.onClick?.(r, c),
    });
    if (this.opts.onEdit) td.append(this.makeInput(r, c));
    return td;
  }

  private makeInput(r: number, c: number): HTMLInputElement {
    const input = h('input', {
      type: 'text',
      inputmode: 'decimal',
      'aria-label': `${this.opts.label} row ${r + 1} column ${c + 1}`,
    });
    input.addEventListener('input', () => {
      const text = input.value.trim().replace('−', '-');
      const value = Number(text);
      const ok = text !== '' && Number.isFinite(value);
      input.classList.toggle('invalid', !ok);
      input.title = ok ? '' : `“${input.value}” is not a number`;
      if (ok) this.opts.onEdit?.(r, c, value);
    });
    return input;
  }

  private setCell(td: HTMLTableCellElement, x: number): void {
    const text = fmt(x);
    const input = td.querySelector('input');
    if (input) {
      if (document.activeElement !== input) input.value = String(x);
    } else if (td.textContent !== text) td.textContent = text;
    td.title = String(x);
    if (this.opts.colour) td.style.setProperty('--cell-bg', this.opts.colour(x));
  }

  /**
   * Roving tab stop: exactly one cell of the grid is in the Tab order, the one focused last (by keyboard or mouse),
   * so Tab leaves the grid instead of stopping at a second cell.
   */
  private makeTabStop(td: HTMLTableCellElement): void {
    for (const row of this.cells) for (const cell of row) if (cell !== td && cell.tabIndex === 0) cell.tabIndex = -1;
    td.tabIndex = 0;
  }

  // Arrow keys move between cells; Enter/Space act like a click (keyboard operable, like a spreadsheet).
  private onKey(e: KeyboardEvent): void {
    const td = (e.target as HTMLElement).closest('td');
    if (!td || this.opts.onEdit) return;
    const r = Number(td.dataset.r);
    const c = Number(td.dataset.c);
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    if (moves[e.key]) {
      const next = this.cells[r + moves[e.key][0]]?.[c + moves[e.key][1]];
      next?.focus();
      e.preventDefault();
    } else if (e.key === 'Enter' || e.key === ' ') {
      this.opts.onClick?.(r, c);
      e.preventDefault();
    }
  }
}
