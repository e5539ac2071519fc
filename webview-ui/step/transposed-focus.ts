// What the transposed mode highlights and says: the output cell pointed at or pinned (every product it receives, the
// input cells they come from), else the current step (the input cell that scatters and the output cells it writes).
// Pure (no DOM): the grids draw the marks, the label and arithmetic line show the text.
import { subscript } from '../../src/core/channels';
import { receivedBy } from '../../src/core/transposed-steps';
import type { Filters, Volume } from '../../src/core/volume';
import type { Cell, Mark } from '../shared/components/MatrixView';
import type { Arithmetic, Selection } from './model';
import { cellText, scatterStep, stepText, writtenBy, type TransposedPlan } from './transposed';

/** Marks per grid (X: one per input channel) and the text. */
export interface TransposedFocus {
  X: Array<Partial<Record<Mark, readonly Cell[]>>>;
  Y: Partial<Record<Mark, readonly Cell[]>>;
  label: string;
  arith: Arithmetic;
  /** The output cell pointed at or pinned, when there is one (the matrix view highlights its row). */
  cell?: Cell;
  /** The input cell the current step scatters (undefined on the bias step). */
  input?: Cell;
}

/** Inputs of `transposedFocus`. */
export interface TransposedFocusInput {
  plan: TransposedPlan;
  X: Volume;
  K: Filters;
  bias: number[] | undefined;
  index: number;
  hover: Selection | null;
  pinned: Selection | null;
}

/** The focus of the transposed mode (see the file comment). */
export function transposedFocus(f: TransposedFocusInput): TransposedFocus {
  const { plan } = f;
  const g = plan.geom;
  const read = new Set(plan.channels);
  const sel = f.hover ?? f.pinned;
  const pin: Cell[] = f.pinned ? [[f.pinned.i, f.pinned.j]] : [];
  const y = plan.multi.cOut === 1 ? 'Y' : `Y${subscript(plan.out)}`;
  if (sel) {
    const got = receivedBy(plan.multi, f.X, f.K, plan.out, sel.i, sel.j);
    const sources: Cell[] = [...new Map(got.map((p) => [p.i * g.inW + p.j, [p.i, p.j] as Cell])).values()];
    const onPinned = f.pinned !== null && (!f.hover || (f.hover.i === f.pinned.i && f.hover.j === f.pinned.j));
    const where = onPinned ? 'pinned — click it or press Enter again to unpin' : 'pointed at';
    return {
      X: f.X.map((_, c) => (read.has(c) ? { field: sources } : {})),
      Y: { hl: [[sel.i, sel.j]], pin },
      label: `${y}[${sel.i}, ${sel.j}] (${where}): ${got.length} product${got.length === 1 ? '' : 's'} from ${sources.length} input cell${sources.length === 1 ? '' : 's'}`,
      arith: cellText(f.X, f.K, plan, f.bias, sel.i, sel.j),
      cell: [sel.i, sel.j],
    };
  }
  const step = scatterStep(plan, f.index);
  const text = stepText(f.X, f.K, plan, f.bias, f.index);
  const at = step.phase === 'bias' ? g.inH * g.inW : step.i * g.inW + step.j;
  const future: Cell[] = [];
  for (let k = at + 1; k < g.inH * g.inW; k++) future.push([Math.floor(k / g.inW), k % g.inW]);
  const onX = step.phase === 'scatter' ? { hl: [[step.i, step.j]] as Cell[], future } : {};
  return {
    X: f.X.map((_, c) => (read.has(c) ? onX : { future })),
    Y: { hl: step.phase === 'scatter' ? writtenBy(plan, step.i, step.j) : [], pin },
    label: text.label,
    arith: text.arith,
    input: step.phase === 'scatter' ? [step.i, step.j] : undefined,
  };
}
