// The transposed mode's grids (d2l §14.10): X (no padding: here padding crops the output), the kernels in
// torch.nn.ConvTranspose2d's layout, Y as running sums shaded by the contributions each cell has received, and the
// overlap map with its legend (the checkerboard of Odena et al., Distill 2016).
import { subscript } from '../../src/core/channels';
import { formatShape, shapeOf, type Matrix } from '../../src/core/matrix';
import type { Filters } from '../../src/core/volume';
import { MatrixView, type Cell } from '../shared/components/MatrixView';
import { fmt } from '../shared/format';
import { Equals, Wiring } from './Grids';
import { overlapColour, overlapLegend, overlapSummary } from './overlap';
import type { ShownOutput, TransposedPlan } from './transposed';
import type { TransposedResult } from './transposed-compute';
import type { TransposedFocus } from './transposed-focus';
import { single, type StepState } from './state';

/** X ⋆ᵀ K = Y with the focus marked, and the overlap map. Y reports the cell pointed at and the cell clicked. */
export function TransposedGrids(p: {
  s: StepState;
  t: TransposedResult;
  plan: TransposedPlan;
  shown: ShownOutput;
  focus: TransposedFocus;
  onHover(c: Cell | null): void;
  onClick(i: number, j: number): void;
  onOut(o: number): void;
}) {
  const { s, t, plan, shown, focus } = p;
  const one = single(s);
  const g = plan.geom;
  const cOut = plan.multi.cOut;
  const ySub = cOut === 1 ? '' : subscript(plan.out);
  const max = Math.max(1, ...(t.overlap ?? shown.counts).flat());
  const shade = (r: number, c: number) => overlapColour(shown.counts[r][c], max);
  const cells = g.inH * g.inW;
  return (
    <div class="step-grids">
      <div class="step-card">
        <h2>{one ? 'Input X' : `Input X (${s.X.length} channels)`}</h2>
        <div class="channel-stack">
          {s.X.map((M, c) => (
            <figure key={c}>
              {s.X.length > 1 && <figcaption>channel {c}</figcaption>}
              <MatrixView
                M={M}
                label={s.X.length > 1 ? `Input X channel ${c}` : 'Input X'}
                testid={s.X.length > 1 ? `X-${c}` : 'X'}
                marks={focus.X[c]}
              />
            </figure>
          ))}
        </div>
        <p class="caption">
          {s.X.length > 1
            ? `${s.X.length}×${formatShape(shapeOf(s.X[0]))} (channels × rows × columns)`
            : formatShape(shapeOf(s.X[0]))}
          {', stepped cell by cell in reading order; each cell scatters x·K into Y'}
        </p>
      </div>
      <div class="step-pair">
        <span class="step-op star" aria-hidden="true" title="transposed convolution">
          ⋆ᵀ
        </span>
        <div class="step-card">
          <h2>{one ? 'Kernel K' : `Kernels K (${s.K.length}×${s.K[0].length}×${formatShape(shapeOf(s.K[0][0]))})`}</h2>
          {one ? (
            <MatrixView M={s.K[0][0]} label="Kernel K" testid="K" />
          ) : (
            <TransposedBank K={s.K} groups={s.groups} out={plan.out} onOut={p.onOut} />
          )}
          <p class="caption">
            {one
              ? `${formatShape(shapeOf(s.K[0][0]))}, not flipped (PyTorch's conv_transpose2d, d2l's trans_conv)`
              : 'a row per input channel, a column per output channel of its group (torch.nn.ConvTranspose2d weight [c_in, c_out/groups, kh, kw])'}
          </p>
        </div>
      </div>
      <div class="step-pair">
        <Equals />
        <div class="step-card">
          <h2>{cOut === 1 ? 'Output Y' : `Output Y${ySub} (channel ${plan.out} of ${cOut})`}</h2>
          {cOut > 1 && (
            <label>
              Output channel{' '}
              <select
                data-testid="out-channel"
                value={String(plan.out)}
                onChange={(e) => p.onOut(Number(e.currentTarget.value))}
              >
                {Array.from({ length: cOut }, (_, o) => (
                  <option key={o} value={String(o)}>
                    {`Y${subscript(o)}`}
                  </option>
                ))}
              </select>
            </label>
          )}
          <MatrixView
            M={shown.Y}
            label="Output Y (running sums)"
            testid="Y"
            marks={focus.Y}
            cellColour={shade}
            onHover={p.onHover}
            onClick={p.onClick}
          />
          <p class="caption" data-testid="y-caption" data-num-tensors={String(t.numTensors)} data-done={shown.done}>
            {`${formatShape([g.outH, g.outW])} = X ⋆ᵀ K${s.bias === undefined ? '' : cOut === 1 ? ` + ${fmt(s.bias[0])}` : ` + b${ySub}`}: `}
            {`running sums after ${shown.done} of ${cells} input cells (float64), shaded by contributions received. `}
            {cropText(plan)}
            TensorFlow.js conv2dTranspose gives the final Y within {fmt(t.refDiff ?? 0)}.
          </p>
        </div>
      </div>
      {t.overlap && <OverlapMap counts={t.overlap} plan={plan} />}
      {!one && <Wiring cIn={s.X.length} cOut={cOut} groups={s.groups} out={plan.out} onOut={p.onOut} />}
    </div>
  );
}

/** What the padding and output padding do to the full result, in words (empty without either). */
function cropText(plan: TransposedPlan): string {
  const g = plan.geom;
  const fullH = (g.inH - 1) * g.strideH + g.effKH;
  const fullW = (g.inW - 1) * g.strideW + g.effKW;
  const pads = [g.padTop, g.padBottom, g.padLeft, g.padRight];
  const crop = pads.some((x) => x > 0)
    ? pads.every((x) => x === pads[0])
      ? `Padding ${pads[0]} crops ${pads[0]} row/column from each side of the ${fullH}×${fullW} full result`
      : `Padding crops ${g.padTop}/${g.padBottom} rows and ${g.padLeft}/${g.padRight} columns from the ${fullH}×${fullW} full result`
    : '';
  const extra =
    g.outputPadH + g.outputPadW > 0
      ? `output padding adds ${g.outputPadH} row(s) at the bottom and ${g.outputPadW} column(s) at the right`
      : '';
  const both = [crop, extra].filter((x) => x !== '');
  if (both.length === 0) return '';
  const text = both.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}. `;
}

/** The overlap map: how many input cells write each output cell, coloured as Y is shaded, with the legend. */
function OverlapMap({ counts, plan }: { counts: Matrix; plan: TransposedPlan }) {
  const legend = overlapLegend(counts);
  const max = Math.max(1, ...counts.flat());
  return (
    <div class="step-card overlap-card">
      <h2>Overlap: contributions per output cell</h2>
      <MatrixView
        M={counts}
        label="Overlap count per output cell"
        testid="overlap"
        cellColour={(r, c) => overlapColour(counts[r][c], max)}
      />
      <ul class="overlap-legend" data-testid="overlap-legend" aria-label="legend of the contribution counts">
        {legend.map((e) => (
          <li key={e.count} data-testid={`overlap-legend-${e.count}`}>
            <span class="swatch" style={e.colour ? { background: e.colour } : undefined} aria-hidden="true" />
            {`${e.count} (${e.cells} cell${e.cells === 1 ? '' : 's'})`}
          </li>
        ))}
      </ul>
      <p class="caption" data-testid="overlap-summary">
        {overlapSummary(plan.geom)}
      </p>
    </div>
  );
}

/**
 * The kernels of a transposed convolution as a table: a row per input channel, a column per output channel of its
 * group (torch.nn.ConvTranspose2d's weight [c_in, c_out/groups, kh, kw]); the kernels of the shown output channel are
 * outlined, and a click on a kernel shows its output channel.
 */
function TransposedBank({
  K,
  groups,
  out,
  onOut,
}: {
  K: Filters;
  groups: number;
  out: number;
  onOut(o: number): void;
}) {
  const perIn = K.length / groups;
  const perOut = K[0].length;
  return (
    <table class="kernel-bank" data-testid="K">
      <tbody>
        {K.map((row, c) => (
          <tr key={c}>
            <th scope="row">{`in ${c}`}</th>
            {row.map((M, q) => {
              const o = Math.floor(c / perIn) * perOut + q;
              return (
                <td
                  key={q}
                  class={o === out ? 'selected' : undefined}
                  onClick={() => onOut(o)}
                  title={`show output channel ${o}`}
                >
                  <span class="caption">{`out ${o}`}</span>
                  <MatrixView M={M} label={`Kernel from input ${c} to output ${o}`} testid={`K-${c}-${q}`} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
