// The matrix view of the Step panel: W drawn as the sparse matrix it is (a table up to 32 a side, a canvas above),
// the row of the output cell in focus highlighted — pointing at a row marks that output cell's window on X, stepping
// moves the highlight — and the equation with its shapes. For the transposed convolution Wᵀ, the column of the input
// cell that scatters highlighted too.
import { useMemo } from 'preact/hooks';
import { heatScale } from '../shared/heatmap';
import { MatrixView, type Cell, type Mark } from '../shared/components/MatrixView';
import { TABLE_MAX } from '../shared/components/matrix-props';
import { fmt } from '../shared/format';
import { cellOfRow, emptyCells, rowEntries, type ShownMatrix } from './matrix';

/** The section: a checkbox that opens it, then W (or Wᵀ) with the equation. */
export function MatrixSection(p: {
  open: boolean;
  onOpen(on: boolean): void;
  /** The matrix, or why there is none (no output). */
  m: ShownMatrix | undefined;
  /** Highlighted row (the output cell in focus), or −1. */
  row: number;
  /** Highlighted columns (the transposed convolution's scattering input cell, one per channel block), or none. */
  cols: number[];
  onHoverRow(cell: [number, number] | null): void;
}) {
  return (
    <fieldset class="step-matrix">
      <legend>
        <label>
          <input
            type="checkbox"
            data-testid="matrix-toggle"
            checked={p.open}
            onChange={(e) => p.onOpen(e.currentTarget.checked)}
          />
          Matrix view: {p.m?.transposed ? 'Wᵀ · vec(X) = vec(Y)' : 'W · vec(X) = vec(Y)'}
        </label>
      </legend>
      {p.open && p.m && <MatrixBody {...p} m={p.m} />}
      {p.open && !p.m && <p class="caption">No output, so no matrix: see the error above.</p>}
    </fieldset>
  );
}

function MatrixBody(p: {
  m: ShownMatrix;
  row: number;
  cols: number[];
  onHoverRow(cell: [number, number] | null): void;
}) {
  const { m } = p;
  const small = m.rows <= TABLE_MAX && m.cols <= TABLE_MAX;
  const empty = useMemo(() => (small ? emptyCells(m) : []), [m, small]);
  const colour = useMemo(() => {
    if (small || !m.dense) return undefined;
    const has = new Set(m.entries.map(([r, c]) => r * m.cols + c));
    const heat = heatScale(m.entries.map((e) => e[2])).colour;
    const D = m.dense;
    return (r: number, c: number) => (has.has(r * m.cols + c) ? heat(D[r][c]) : undefined);
  }, [m, small]);
  const marks = useMemo(() => {
    const hl: Cell[] = [];
    if (p.row >= 0) for (let c = 0; c < m.cols; c++) hl.push([p.row, c]);
    for (const col of p.cols) for (let r = 0; r < m.rows; r++) hl.push([r, col]);
    const out: Partial<Record<Mark, readonly Cell[]>> = { hl };
    if (empty.length) out.empty = empty;
    return out;
  }, [m, p.row, p.cols, empty]);
  const name = m.transposed ? 'Wᵀ' : 'W';
  return (
    <div class="matrix-w">
      <p class="mono" data-testid="matrix-equation">
        {m.equation}
      </p>
      <p class="caption">{m.note}</p>
      <div
        data-testid="matrix-W"
        data-rows={m.rows}
        data-cols={m.cols}
        data-row={p.row}
        data-col={p.cols.length ? p.cols[0] : -1}
        data-transposed={String(m.transposed)}
      >
        {m.dense ? (
          <MatrixView
            M={m.dense}
            label={`${name}, ${m.rows}×${m.cols}: a row per output cell`}
            testid="W"
            marks={marks}
            cellColour={colour}
            onHover={(c) => p.onHoverRow(c ? cellOfRow(m, c[0]) : null)}
          />
        ) : (
          <p class="caption" data-testid="matrix-too-large">
            {`${name} is ${m.rows}×${m.cols} (${m.entries.length} entries): too large to draw. `}
            {p.row >= 0 &&
              `Row ${p.row}: ${rowEntries(m, p.row)
                .map(([c, v]) => `${fmt(v)} at column ${c}`)
                .join(', ')}.`}
          </p>
        )}
      </div>
      <p class="caption">
        {p.row >= 0 ? `Highlighted: row ${p.row}, output cell (${cellOfRow(m, p.row).join(', ')}). ` : ''}
        {p.cols.length ? `Highlighted: column ${p.cols.join(', ')}, the input cell that scatters. ` : ''}
        Point at a row to see its output cell and where it reads X.
      </p>
    </div>
  );
}
