// The step panel's grids — X (zero padding written in), the kernel as slid, Y — and the stacked second layer.
import { formatShape, shapeOf, type Matrix } from '../../src/core/matrix';
import type { Geometry } from '../../src/core/geometry';
import { ErrorBox } from '../shared/components/ErrorBox';
import { MatrixView, type Cell } from '../shared/components/MatrixView';
import { fmt } from '../shared/format';
import type { StepResult } from './compute';
import type { Focus } from './focus';
import type { StepState } from './state';

/** X ⋆ K = Y as three grids with the focus marked; Y reports the cell pointed at and the cell clicked. */
export function Grids(p: {
  s: StepState;
  r: StepResult;
  focus: Focus | undefined;
  shownX: { M: Matrix; pad: readonly Cell[] };
  onHover(c: Cell | null): void;
  onClick(i: number, j: number): void;
}) {
  const { s, r, focus, shownX } = p;
  const conv = s.mode === 'convolution';
  return (
    <div class="step-grids">
      <div class="step-card">
        <h2>Input X</h2>
        <MatrixView M={shownX.M} label="Input X" testid="X" marks={focus?.X} />
        <p class="caption">
          {formatShape(shapeOf(s.X))}
          {r.plan && shownX.pad.length > 0 && `, shown with ${padText(r.plan.geom)} of zero padding (dashed)`}
        </p>
      </div>
      <div class="step-pair">
        <span class="step-op star" aria-hidden="true" title={conv ? 'true convolution' : 'cross-correlation'}>
          {conv ? '∗' : '⋆'}
        </span>
        <div class="step-card">
          <h2>{conv ? 'Kernel K, flipped' : 'Kernel K'}</h2>
          <MatrixView M={r.plan ? r.plan.applied : s.K} label="Kernel K" testid="K" />
          <p class="caption">
            {formatShape(shapeOf(s.K))}
            {conv
              ? ` — true convolution slides K flipped top-bottom and left-right; K as given: ${matrixText(s.K)}`
              : ' — cross-correlation slides K as given'}
          </p>
        </div>
      </div>
      <div class="step-pair">
        <span class="step-op" aria-hidden="true">
          =
        </span>
        {r.Y && r.plan && (
          <div class="step-card">
            <h2>Output Y</h2>
            <MatrixView M={r.Y} label="Output Y" testid="Y" marks={focus?.Y} onHover={p.onHover} onClick={p.onClick} />
            <p class="caption" data-testid="y-caption" data-num-tensors={String(r.numTensors)}>
              {`${formatShape([r.plan.geom.outH, r.plan.geom.outW])} = X ${conv ? '∗' : '⋆'} K${s.bias !== undefined ? ` + ${fmt(s.bias)}` : ''}, `}
              computed by TensorFlow.js conv2d; max |difference| to the float64 loop: {fmt(r.refDiff ?? 0)}
            </p>
          </div>
        )}
      </div>
    </div>
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
            <h2>Kernel of layer 2</h2>
            <MatrixView M={p.s.K2} label="Kernel of the second layer" testid="K2" />
            <p class="caption">slid over Y (valid, stride 1)</p>
          </div>
          {p.Z && (
            <div class="step-card">
              <h2>Output z</h2>
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
