// What a colour run shows as it goes (d2l §7.4.1: one output channel over several input channels): the learned
// kernel as one small grid per channel (R, G, B) beside the target's, each channel's distance to it, and the maps
// X (the channels as a colour picture), Ŷ = Σ_c corr2d(X_c, K_c) + b and Y.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { corr2dMultiReference } from '../../src/core/channels';
import type { Volume } from '../../src/core/volume';
import { MatrixView } from '../shared/components/MatrixView';
import { num5 } from '../shared/format';
import { colourDistances, type ColourSetup } from './colour';
import type { RunSnapshot } from './controller';
import { kernelText } from './format';
import { Figure, GreyCanvas } from './Panels';
import { drawChannels } from './photo';

/** Largest X side drawn as grids of numbers (the book's matrices); larger ones are pictures. */
const GRID_SIDE = 16;

function ChannelsCanvas({ X }: { X: Volume }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawChannels(ref.current, X);
  }, [X]);
  return <canvas ref={ref} class="photo" role="img" aria-label="X, its channels as one picture" data-testid="X-rgb" />;
}

export function ColourPanels({ setup, snap }: { setup: ColourSetup; snap: RunSnapshot<Volume> }) {
  const o = setup.options;
  const yhat = useMemo(
    () => corr2dMultiReference(o.X, [snap.kernel], { bias: [snap.bias] })[0],
    [snap.kernel, snap.bias, setup],
  );
  const far = colourDistances(setup, snap.kernel);
  const small = Math.max(o.X[0].length, o.X[0][0].length) <= GRID_SIDE;
  const bias = o.useBias || snap.bias !== 0 ? num5(snap.bias) : '0 (off)';
  return (
    <>
      <p class="caption" data-testid="colour-target">
        {`Target: ${setup.targetLabel}, one ${o.kH}×${o.kW} kernel per channel; K is [1, ${o.X.length}, ${o.kH}, ${o.kW}].`}
      </p>
      <div class="learn-panels channel-kernels">
        {setup.names.map((name, c) => (
          <Figure key={name} caption={`channel ${name}`}>
            <div class="kernel-pair">
              <div>
                <div class="caption">learned K</div>
                <MatrixView M={snap.kernel[c]} label={`learned kernel, ${name}`} testid={`K-ch${c}`} />
              </div>
              <div>
                <div class="caption">target</div>
                <MatrixView M={setup.target[c]} label={`target kernel, ${name}`} testid={`K-target-ch${c}`} />
              </div>
            </div>
            <div class="mono caption" data-testid={`kernel-diff-ch${c}`} data-value={String(far[c])}>
              {`max |K − target| ${num5(far[c])}`}
            </div>
          </Figure>
        ))}
        <Figure caption="bias b">
          <span class="mono" data-testid="bias">
            {bias}
          </span>
        </Figure>
      </div>
      <div class="learn-panels">
        {small ? (
          o.X.map((Xc, c) => (
            <Figure key={c} caption={`X, ${setup.names[c]}`}>
              <MatrixView M={Xc} label={`X, ${setup.names[c]}`} testid={`X-ch${c}`} />
            </Figure>
          ))
        ) : (
          <Figure caption={`X (${setup.names.join(', ')})`}>
            <ChannelsCanvas X={o.X} />
          </Figure>
        )}
        <Figure caption="Ŷ = Σ_c corr2d(X_c, K_c) + b">
          {small ? (
            <MatrixView M={yhat} label="prediction Ŷ" testid="Yhat" />
          ) : (
            <GreyCanvas M={yhat} label="prediction Ŷ" />
          )}
        </Figure>
        <Figure caption="Y = Σ_c corr2d(X_c, target_c)">
          {small ? <MatrixView M={o.Y} label="target Y" testid="Y" /> : <GreyCanvas M={o.Y} label="target Y" />}
        </Figure>
      </div>
    </>
  );
}

/** The final line of a colour run: the kernel per channel, the bias, and each channel's distance to the target. */
export function ColourFinal({ setup, snap }: { setup: ColourSetup; snap: RunSnapshot<Volume> }) {
  const ended = snap.status === 'finished' || snap.status === 'converged' || snap.status === 'diverged';
  if (!ended) return <div class="final caption">The final kernel appears here when the run ends.</div>;
  const far = colourDistances(setup, snap.kernel);
  return (
    <div class="final">
      final kernel:{' '}
      <strong data-testid="kernel-final" data-value={JSON.stringify(snap.kernel)}>
        {setup.names.map((n, c) => `${n} ${kernelText(snap.kernel[c])}`).join(' · ')}
      </strong>
      {setup.options.useBias ? `, bias ${num5(snap.bias)}` : ''}
      {` (max |K − target| ${setup.names.map((n, c) => `${n} ${num5(far[c])}`).join(', ')})`}
    </div>
  );
}
