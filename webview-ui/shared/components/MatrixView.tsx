// A matrix on screen. Up to TABLE_MAX cells a side it is a table of numbers (screen readers and tests read the text,
// cells can be marked, pointed at, clicked, edited); above, a canvas where each cell is a coloured square and the
// marks are drawn over it (thousands of table cells would make the page sluggish). Both report the same events.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { contrastText } from '../../../src/core/colour-scale';
import { fmt } from '../format';
import { CanvasMatrix } from './CanvasMatrix';
import { ARROWS, TABLE_MAX, type Cell, type Mark, type MatrixViewProps } from './matrix-props';

export type { Cell, Mark, MatrixViewProps } from './matrix-props';

/** The matrix as a table (small) or a canvas (large). */
export function MatrixView(p: MatrixViewProps) {
  const big = p.canvas || p.M.length > TABLE_MAX || (p.M[0]?.length ?? 0) > TABLE_MAX;
  return big && !p.edit ? <CanvasMatrix {...p} /> : <TableMatrix {...p} />;
}

function markMap(marks: MatrixViewProps['marks']): Map<number, string> {
  const out = new Map<number, string>();
  for (const [cls, cells] of Object.entries(marks ?? {}) as [Mark, readonly Cell[]][]) {
    for (const [r, c] of cells) {
      const k = r * 65536 + c;
      out.set(k, out.has(k) ? `${out.get(k)} ${cls}` : cls);
    }
  }
  return out;
}

function TableMatrix(p: MatrixViewProps) {
  const rows = p.M.length;
  const cols = p.M[0]?.length ?? 0;
  const marks = useMemo(() => markMap(p.marks), [p.marks]);
  // Roving tab stop: one cell of the grid is in the Tab order, the one focused last.
  const [stop, setStop] = useState<[number, number]>([0, 0]);
  const interactive = Boolean(p.onClick || p.onHover) && !p.edit;
  const ref = useRef<HTMLTableElement>(null);

  function onKey(e: KeyboardEvent): void {
    const td = (e.target as HTMLElement).closest('td');
    if (!td || p.edit) return;
    const r = Number(td.dataset.r);
    const c = Number(td.dataset.c);
    const move = ARROWS[e.key];
    if (move) {
      ref.current?.querySelector<HTMLElement>(`td[data-r="${r + move[0]}"][data-c="${c + move[1]}"]`)?.focus();
      e.preventDefault();
    } else if (e.key === 'Enter' || e.key === ' ') {
      p.onClick?.(r, c);
      e.preventDefault();
    }
  }

  return (
    <table class="grid" role="grid" aria-label={p.label} data-testid={p.testid} ref={ref} onKeyDown={onKey}>
      <tbody>
        {Array.from({ length: rows }, (_, r) => (
          <tr role="row" key={r}>
            {Array.from({ length: cols }, (_, c) => {
              const x = p.M[r][c];
              const bg = p.cellColour ? p.cellColour(r, c) : p.colour?.(x);
              const cls = [marks.get(r * 65536 + c), bg?.startsWith('rgb(') ? 'coloured' : undefined].filter(Boolean);
              return (
                <td
                  key={c}
                  role="gridcell"
                  data-testid={`${p.testid}-${r}-${c}`}
                  data-r={r}
                  data-c={c}
                  class={cls.length ? cls.join(' ') : undefined}
                  title={String(x)}
                  style={bg ? { '--cell-bg': bg, color: contrastText(bg) } : undefined}
                  tabIndex={interactive ? (stop[0] === r && stop[1] === c ? 0 : -1) : undefined}
                  onMouseEnter={p.onHover && (() => p.onHover?.([r, c]))}
                  onMouseLeave={p.onHover && (() => p.onHover?.(null))}
                  onFocus={
                    interactive
                      ? () => {
                          setStop([r, c]);
                          p.onHover?.([r, c]);
                        }
                      : undefined
                  }
                  // Focus counts as pointing at the cell, so losing it ends that too; moving with the arrow keys
                  // blurs the old cell before focusing the new one: the new cell wins.
                  onBlur={interactive ? () => p.onHover?.(null) : undefined}
                  onClick={p.onClick && (() => p.onClick?.(r, c))}
                >
                  {p.edit ? (
                    <EditCell x={x} label={`${p.label} row ${r + 1} column ${c + 1}`} edit={p.edit} r={r} c={c} />
                  ) : (
                    fmt(p.display ? p.display(x) : x)
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EditCell({
  x,
  label,
  edit,
  r,
  c,
}: {
  x: number;
  label: string;
  edit: NonNullable<MatrixViewProps['edit']>;
  r: number;
  c: number;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  // The value from outside replaces the text unless the user is typing in this cell.
  useEffect(() => {
    const el = ref.current;
    if (el && document.activeElement !== el) {
      el.value = String(Number(x.toPrecision(4)));
      setProblem(undefined);
    }
  }, [x]);
  return (
    <input
      ref={ref}
      type="text"
      inputMode="decimal"
      aria-label={label}
      aria-invalid={problem ? 'true' : 'false'}
      class={problem ? 'invalid' : undefined}
      title={problem ?? ''}
      defaultValue={String(Number(x.toPrecision(4)))}
      onInput={(e) => {
        const r0 = edit.parse((e.currentTarget as HTMLInputElement).value);
        setProblem(r0.ok ? undefined : r0.message);
        if (r0.ok) edit.onEdit(r, c, r0.value);
      }}
    />
  );
}
