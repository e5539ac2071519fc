// What a matrix view takes (MatrixView and its canvas form), in a module of its own so both import it without a cycle.
import type { Matrix } from '../../../src/core/matrix';
import type { Check } from './fields';

/** A cell `[row, column]`. */
export type Cell = readonly [number, number];

/**
 * How a set of cells is marked: the window (hl), zero padding (pad), a receptive field, a pinned cell, later steps, and
 * cells a sparse matrix has no entry at (empty: drawn faint so the structure shows).
 */
export type Mark = 'hl' | 'pad' | 'field' | 'pin' | 'future' | 'empty';

/** The cell step of each arrow key (both forms of a matrix are keyboard operable, like a spreadsheet). */
export const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** Cells per side above which a matrix is drawn on a canvas. */
export const TABLE_MAX = 32;

/** Props of a matrix view. `testid` names the grid: table cells get `data-testid="<testid>-r-c"`. */
export interface MatrixViewProps {
  M: Matrix;
  label: string;
  testid: string;
  marks?: Partial<Record<Mark, readonly Cell[]>>;
  /** Background colour of a value (a heat scale); text colour is chosen for contrast. */
  colour?: (x: number) => string;
  /**
   * Background colour of a cell by its place instead of its value (e.g. how many contributions it received); undefined
   * leaves the cell uncoloured. Takes precedence over `colour`. An "rgb(r, g, b)" or "#rrggbb" string.
   */
  cellColour?: (r: number, c: number) => string | undefined;
  onHover?: (cell: Cell | null) => void;
  onClick?: (r: number, c: number) => void;
  /** Editable cells: each text is read with `parse` (invalid text is marked and not sent). Tables only. */
  edit?: { parse: (text: string) => Check<number>; onEdit: (r: number, c: number, v: number) => void };
  /** Show cell values rounded for display (the value itself stays in the title). */
  display?: (x: number) => number;
  /** Force the canvas (large matrices always use it). */
  canvas?: boolean;
}
