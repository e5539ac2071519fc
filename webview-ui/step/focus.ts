// What the step panel highlights and says for the cell in focus: the hovered cell, else the pinned one, else the
// current step's. Pure (no DOM): the grids draw the marks, the label and arithmetic line show the text.
import type { Cell, Mark } from '../shared/components/MatrixView';
import type { Matrix } from '../../src/core/matrix';
import { subscript } from '../../src/core/channels';
import type { Volume } from '../../src/core/volume';
import type { Geometry } from '../../src/core/geometry';
import {
  cellArithmetic,
  channelsRead,
  fieldsOf,
  stackArithmetic,
  stepArithmetic,
  windowTaps,
  type Arithmetic,
  type Plan,
  type Selection,
} from './model';
import { cellAt } from './stepper';

/** Marks per grid (X: one per input channel) and the text: the label and the arithmetic. */
export interface Focus {
  X: Array<Partial<Record<Mark, readonly Cell[]>>>;
  Y: Partial<Record<Mark, readonly Cell[]>>;
  Z: Partial<Record<Mark, readonly Cell[]>>;
  label: string;
  arith: Arithmetic;
}

/** Inputs of `focusOf`: the plan and results, the step shown, and the pointer's and the pin's selections. */
export interface FocusInput {
  plan: Plan;
  X: Volume;
  Y: Matrix;
  bias: number[] | undefined;
  g2?: Geometry;
  Z?: Matrix;
  K2: Matrix;
  index: number;
  count: number;
  hover: Selection | null;
  pinned: Selection | null;
  /** Zero-padding cells of the padded X grid (always marked). */
  pad: readonly Cell[];
}

function oneOut(f: FocusInput): boolean {
  return f.plan.multi.cOut === 1;
}

/** Whether two selections are the same cell of the same layer. */
export function sameCell(a: Selection, b: Selection): boolean {
  return a.layer === b.layer && a.i === b.i && a.j === b.j;
}

/** The focus of the panel (see the file comment). A Z selection without a stacked layer falls back to the step. */
export function focusOf(f: FocusInput): Focus {
  const g = f.plan.geom;
  const step = cellAt(f.index, g.outW, f.plan.withBias);
  const onStep = !f.hover && !f.pinned;
  const wanted: Selection = f.hover ?? f.pinned ?? { layer: 'Y', i: step.i, j: step.j };
  const sel = wanted.layer === 'Y' || (f.g2 && f.Z) ? wanted : { layer: 'Y' as const, i: step.i, j: step.j };
  const fields = fieldsOf(sel, g, f.g2);
  const future: Cell[] = [];
  if (onStep) {
    const at = step.i * g.outW + step.j;
    for (let k = at + 1; k < g.outH * g.outW; k++) future.push([Math.floor(k / g.outW), k % g.outW]);
  }
  const pin = (layer: 'Y' | 'Z'): Cell[] => (f.pinned?.layer === layer ? [[f.pinned.i, f.pinned.j]] : []);
  // The window sits on every input channel the shown output channel reads (its group's, d2l §7.4).
  const read = new Set(channelsRead(f.plan));
  const onX = { hl: sel.layer === 'Y' ? windowTaps(g, sel.i, sel.j) : [], field: sel.layer === 'Z' ? fields.X : [] };
  const focus: Focus = {
    X: f.X.map((_, c) => (read.has(c) ? { pad: f.pad, ...onX } : { pad: f.pad })),
    Y: { future, hl: sel.layer === 'Y' ? [[sel.i, sel.j]] : [], field: fields.Y, pin: pin('Y') },
    Z: { hl: sel.layer === 'Z' ? [[sel.i, sel.j]] : [], pin: pin('Z') },
    label: '',
    arith: { line: '', detail: [] },
  };
  // Enter on a focused cell pins the cell it points at: that reads as pinned, not as pointed at.
  const onPinned = f.pinned !== null && (!f.hover || sameCell(f.hover, f.pinned));
  const where = onPinned ? 'pinned — click it or press Enter again to unpin' : f.hover ? 'pointed at' : '';
  if (sel.layer === 'Z' && f.Z) {
    focus.label = `z[${sel.i}, ${sel.j}] (${where}): receptive field ${fields.Y.length} cells of Y, ${fields.X.length} of X`;
    focus.arith = { line: stackArithmetic(f.Y, f.K2, sel.i, sel.j), detail: [] };
  } else if (onStep) {
    const phase = step.phase === 'bias' ? ' — add the bias b' : '';
    const y = oneOut(f) ? 'Y' : `Y${subscript(f.plan.out)}`;
    focus.label = `Step ${f.index + 1} of ${f.count}: ${y}[${step.i}, ${step.j}]${phase}`;
    focus.arith = stepArithmetic(f.X, f.plan, step, f.bias);
  } else {
    focus.label = `${oneOut(f) ? 'Y' : `Y${subscript(f.plan.out)}`}[${sel.i}, ${sel.j}] (${where})`;
    focus.arith = cellArithmetic(f.X, f.plan, sel.i, sel.j, f.bias);
  }
  return focus;
}
