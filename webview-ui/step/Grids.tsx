// The step panel's grids — X (zero padding written in, every channel), the kernels as slid, Y — the wiring of the
// channels, and the stacked second layer.
import { subscript } from '../../src/core/channels';
import { formatShape, shapeOf, type Matrix } from '../../src/core/matrix';
import type { Filters } from '../../src/core/volume';
import type { Geometry } from '../../src/core/geometry';
import { ErrorBox } from '../shared/components/ErrorBox';
import { MatrixView, type Cell } from '../shared/components/MatrixView';
import { fmt } from '../shared/format';
import type { StepResult } from './compute';
import type { Focus } from './focus';
import { single, type StepState } from './state';
import { t } from '../shared/l10n';

/** The padded channels of X and their zero-padding cells. */
export interface ShownX {
  M: Matrix[];
  pad: readonly Cell[];
}

/**
 * X ⋆ K = Y with the focus marked: one channel as three grids (d2l §7.2); several as a stack of X's channels, the
 * bank of kernels (a row per output channel, the shown one outlined and clickable) and the output channel shown, with
 * a picker (d2l §7.4). Y reports the cell pointed at and the cell clicked.
 */
export function Grids(p: {
  s: StepState;
  r: StepResult;
  focus: Focus | undefined;
  shownX: ShownX;
  onHover(c: Cell | null): void;
  onClick(i: number, j: number): void;
  onOut(o: number): void;
}) {
  const { s, r, focus, shownX } = p;
  const conv = s.mode === 'convolution';
  const one = single(s);
  const applied = r.plan ? r.plan.applied : s.K;
  const out = r.plan?.out ?? s.out;
  const ySub = one ? '' : subscript(out);
  const bias = s.bias === undefined ? '' : ` + ${one ? fmt(s.bias[0]) : `b${ySub}`}`;
  return (
    <div class="step-grids">
      <div class="step-card">
        <h2>{one ? t('Input X') : t('Input X ({0} channels)', s.X.length)}</h2>
        <div class="channel-stack">
          {shownX.M.map((M, c) => (
            <figure key={c}>
              {!one && <figcaption>channel {c}</figcaption>}
              <MatrixView
                M={M}
                label={one ? 'Input X' : `Input X channel ${c}`}
                testid={one ? 'X' : `X-${c}`}
                marks={focus?.X[c]}
              />
            </figure>
          ))}
        </div>
        <p class="caption">
          {one
            ? formatShape(shapeOf(s.X[0]))
            : `${s.X.length}×${formatShape(shapeOf(s.X[0]))} (channels × rows × columns)`}
          {r.plan && shownX.pad.length > 0 && `, shown with ${padText(r.plan.geom)} of zero padding (dashed)`}
        </p>
      </div>
      <div class="step-pair">
        <span class="step-op star" aria-hidden="true" title={conv ? 'true convolution' : 'cross-correlation'}>
          {conv ? '∗' : '⋆'}
        </span>
        <div class="step-card">
          <h2>{`${one ? 'Kernel K' : `Kernels K (${s.K.length}×${s.K[0].length}×${formatShape(shapeOf(s.K[0][0]))})`}${conv ? ', flipped' : ''}`}</h2>
          {one ? (
            <MatrixView M={applied[0][0]} label="Kernel K" testid="K" />
          ) : (
            <Bank K={applied} out={out} groups={s.groups} onOut={p.onOut} />
          )}
          <p class="caption">
            {one
              ? formatShape(shapeOf(s.K[0][0]))
              : 'a row per output channel, a column per input channel of its group'}
            {conv
              ? ` — true convolution slides K flipped top-bottom and left-right${one ? `; K as given: ${matrixText(s.K[0][0])}` : ''}`
              : ' — cross-correlation slides K as given'}
          </p>
        </div>
      </div>
      <div class="step-pair">
        <Equals />
        {r.Y && r.plan && (
          <div class="step-card">
            <h2>{one ? t('Output Y') : t('Output Y{0} (channel {1} of {2})', ySub, out, s.K.length)}</h2>
            {!one && s.K.length > 1 && (
              <label>
                Output channel{' '}
                <select
                  data-testid="out-channel"
                  value={String(out)}
                  onChange={(e) => p.onOut(Number(e.currentTarget.value))}
                >
                  {s.K.map((_, o) => (
                    <option key={o} value={String(o)}>
                      {`Y${subscript(o)}`}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <MatrixView M={r.Y} label="Output Y" testid="Y" marks={focus?.Y} onHover={p.onHover} onClick={p.onClick} />
            <p class="caption" data-testid="y-caption" data-num-tensors={String(r.numTensors)}>
              {`${formatShape([r.plan.geom.outH, r.plan.geom.outW])} = X ${conv ? '∗' : '⋆'} K${bias}, `}
              computed by TensorFlow.js conv2d; max |difference| to the float64 loop: {fmt(r.refDiff ?? 0)}
            </p>
          </div>
        )}
      </div>
      {!one && <Wiring cIn={s.X.length} cOut={s.K.length} groups={s.groups} out={out} onOut={p.onOut} />}
    </div>
  );
}

/** The kernels as a table: a row per output channel (the shown one outlined; click a row to show it), a column per input channel of its group. */
function Bank({ K, out, groups, onOut }: { K: Filters; out: number; groups: number; onOut(o: number): void }) {
  const per = K.length / groups;
  return (
    <table class="kernel-bank" data-testid="K">
      <tbody>
        {K.map((row, o) => (
          <tr
            key={o}
            class={o === out ? 'selected' : undefined}
            onClick={() => onOut(o)}
            title={`show output channel ${o}`}
          >
            <th scope="row">{`out ${o}`}</th>
            {row.map((M, c) => (
              <td key={c}>
                <span class="caption">{`in ${Math.floor(o / per) * row.length + c}`}</span>
                <MatrixView M={M} label={`Kernel for output ${o}, input ${c}`} testid={`K-${o}-${c}`} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Which input channels feed which output channel (torch.nn.Conv2d's groups): input channels on the left, output
 * channels on the right, a line per kernel; the lines of the shown output channel are drawn strong.
 */
export function Wiring({
  cIn,
  cOut,
  groups,
  out,
  onOut,
}: {
  cIn: number;
  cOut: number;
  groups: number;
  out: number;
  onOut(o: number): void;
}) {
  const rowH = 26;
  const height = Math.max(cIn, cOut) * rowH + 8;
  const y = (k: number, n: number) => 4 + ((k + 0.5) * (height - 8)) / n;
  const perIn = cIn / groups;
  const perOut = cOut / groups;
  const wires: Array<[number, number]> = [];
  for (let o = 0; o < cOut; o++) {
    const g = Math.floor(o / perOut);
    for (let c = g * perIn; c < (g + 1) * perIn; c++) wires.push([c, o]);
  }
  return (
    <figure class="wiring">
      <figcaption>
        {groups === 1
          ? 'Every input channel feeds every output channel'
          : `${groups} groups: each output channel reads ${perIn} of ${cIn} input channels`}
      </figcaption>
      <svg
        data-testid="wiring"
        width={200}
        height={height}
        role="img"
        aria-label={`wiring of ${cIn} input and ${cOut} output channels, groups ${groups}`}
      >
        {wires.map(([c, o]) => (
          <line
            key={`${c}-${o}`}
            data-testid={`wire-${c}-${o}`}
            class={o === out ? 'wire on' : 'wire'}
            x1={40}
            y1={y(c, cIn)}
            x2={160}
            y2={y(o, cOut)}
          />
        ))}
        {Array.from({ length: cIn }, (_, c) => (
          <text key={`x${c}`} x={4} y={y(c, cIn) + 4}>{`x${subscript(c)}`}</text>
        ))}
        {Array.from({ length: cOut }, (_, o) => (
          <text key={`y${o}`} x={168} y={y(o, cOut) + 4} class={o === out ? 'on' : undefined} onClick={() => onOut(o)}>
            {`y${subscript(o)}`}
          </text>
        ))}
      </svg>
    </figure>
  );
}

/** The stacked second layer: its kernel, z, and the receptive-field note. */
export function Stack(p: {
  s: StepState;
  Y?: Matrix;
  Z?: Matrix;
  g2?: Geometry;
  error?: string;
  marks?: Focus['Z'];
  onStack(on: boolean): void;
  onHover(c: readonly [number, number] | null): void;
  onClick(i: number, j: number): void;
}) {
  return (
    <fieldset class="step-stack">
      <legend>
        <label>
          <input
            type="checkbox"
            data-testid="stack"
            checked={p.s.stack}
            onChange={(e) => p.onStack(e.currentTarget.checked)}
          />
          Stack a second layer on Y (feature map → z)
        </label>
      </legend>
      {p.error && <ErrorBox message={p.error} />}
      {p.s.stack && p.Y && (
        <div class="step-grids">
          <div class="step-card">
            <h2>{t('Kernel of layer 2')}</h2>
            <MatrixView M={p.s.K2} label="Kernel of the second layer" testid="K2" />
            <p class="caption">slid over Y (valid, stride 1)</p>
          </div>
          {p.Z && (
            <div class="step-card">
              <h2>{t('Output z')}</h2>
              <MatrixView
                M={p.Z}
                label="Output z of the second layer"
                testid="Z"
                marks={p.marks}
                onHover={p.onHover}
                onClick={p.onClick}
              />
              <p class="caption">{`${formatShape(shapeOf(p.Z))} = Y ⋆ K₂, computed by TensorFlow.js conv2d`}</p>
            </div>
          )}
        </div>
      )}
      <p class="caption">
        Receptive field (d2l §7.2.6): every cell of X and Y that an output cell depends on. Point at or click a cell of
        Y or z to see it on every layer.
      </p>
    </fieldset>
  );
}

function padText(g: Geometry): string {
  const sides = [g.padTop, g.padBottom, g.padLeft, g.padRight];
  return sides.every((p) => p === sides[0])
    ? `${sides[0]} row/column`
    : `${g.padTop}/${g.padBottom} rows, ${g.padLeft}/${g.padRight} columns`;
}

function matrixText(M: Matrix): string {
  return `[${M.map((row) => `[${row.map(fmt).join(', ')}]`).join(', ')}]`;
}

/** The "=" between the operands and the output Y of the equation the grids spell out. */
export function Equals() {
  return (
    <span class="step-op" aria-hidden="true">
      =
    </span>
  );
}
