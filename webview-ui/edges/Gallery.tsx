// The edge panel's colour channels (R, G, B beside the luma) and its feature-map gallery: several filters over the same
// photo at once, each map with its own diverging scale and legend, and its value at the inspected pixel — for a filter
// over R, G and B, each channel's share and the sum (d2l §7.4.1).
import { useMemo } from 'preact/hooks';
import type { Matrix } from '../../src/core/matrix';
import { useLatest } from '../shared/hooks';
import type { ViewContext } from '../shared/start';
import { GrayCanvas, HeatCanvas, Legend } from './Canvases';
import { legendText } from './display';
import { defaultGallery, filtersOf, valueText, type GalleryFilter } from './filters';
import { galleryMaps, type EdgesModel, type GalleryMap, type Input } from './model';
import type { EdgeState } from './state';
import { t } from '../shared/l10n';

/** Width of a gallery map or a colour channel on screen (CSS px). */
const SMALL = 220;

/** R, G and B of a colour photo, small, beside the luma X. */
export function ColourChannels({ input }: { input: Input }) {
  if (!input.rgb) return null;
  return (
    <div class="colour-channels" data-testid="colour-channels">
      {(['R', 'G', 'B'] as const).map((c, k) => (
        <figure key={c}>
          <figcaption>{c}</figcaption>
          <GrayCanvas
            plane={input.rgb![k]}
            range={[0, 1]}
            label={`channel ${c}`}
            testid={`channel-${c}`}
            maxCss={140}
          />
        </figure>
      ))}
    </div>
  );
}

/** The gallery: a toggle, the filters' maps, buttons that add the panel's kernel K in three ways, and a reset. */
export function Gallery(p: {
  ctx: ViewContext<EdgeState>;
  model: EdgesModel;
  input: Input | undefined;
  K: Matrix;
  inspect: [number, number];
  onPoint(i: number, j: number): void;
}) {
  const { store } = p.ctx;
  const s = store.state.value;
  const filters = s.gallery ?? defaultGallery();
  const request = useMemo(
    () => (s.galleryOn && p.input ? { input: p.input, filters } : undefined),
    [s.galleryOn, p.input, s.gallery],
  );
  const out = useLatest((r: { input: Input; filters: GalleryFilter[] }) => galleryMaps(p.model, r), request);
  const maps = out?.ok && out.request === request ? out.value : [];
  const set = (next: GalleryFilter[]) => store.set({ gallery: next.slice(0, 12) });
  const add = (how: 'luma' | 'each' | 'summed') =>
    set([...filters, ...filtersOf(p.K, how, `K ${p.K.length}×${p.K[0].length}`)]);
  const colour = Boolean(p.input?.rgb);
  return (
    <section class="gallery" data-testid="gallery">
      <h2>
        <label>
          <input
            type="checkbox"
            data-testid="gallery-on"
            checked={s.galleryOn}
            onChange={(e) => store.set({ galleryOn: e.currentTarget.checked })}
          />
          {t('Feature maps: several filters at once (the output channels of a layer, d2l §7.4.2)')}
        </label>
      </h2>
      {s.galleryOn && (
        <>
          <div class="toolbar">
            <button class="secondary" data-testid="gallery-add-luma" onClick={() => add('luma')}>
              Add K (on the luma)
            </button>
            <button class="secondary" data-testid="gallery-add-each" disabled={!colour} onClick={() => add('each')}>
              Add K on R, G and B (three maps)
            </button>
            <button class="secondary" data-testid="gallery-add-summed" disabled={!colour} onClick={() => add('summed')}>
              Add K on R + G + B (one 3-channel kernel)
            </button>
            <button class="secondary" data-testid="gallery-reset" onClick={() => store.set({ gallery: undefined })}>
              Default set
            </button>
          </div>
          <div class="gallery-maps">
            {maps.map((m, k) => (
              <MapView
                key={k}
                map={m}
                index={k}
                inspect={p.inspect}
                onPoint={p.onPoint}
                onRemove={() => set(filters.filter((_, q) => q !== k))}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

/** One map: its title, heat map, legend and value at the inspected pixel (clamped into this map). */
function MapView(p: {
  map: GalleryMap;
  index: number;
  inspect: [number, number];
  onPoint(i: number, j: number): void;
  onRemove(): void;
}) {
  const { map } = p;
  const title = (
    <figcaption>
      {map.filter.label}{' '}
      <button class="icon" title="Remove this map" aria-label={`Remove ${map.filter.label}`} onClick={p.onRemove}>
        <span class="codicon codicon-close" aria-hidden="true" />
      </button>
    </figcaption>
  );
  if ('error' in map) {
    return (
      <figure data-testid={`gallery-map-${p.index}`}>
        {title}
        <p class="warning">{map.error}</p>
      </figure>
    );
  }
  const { outH, outW } = map.geom;
  const i = Math.min(outH - 1, p.inspect[0]);
  const j = Math.min(outW - 1, p.inspect[1]);
  const parts = map.partsAt(i, j);
  const value = map.Y[i * outW + j];
  return (
    <figure data-testid={`gallery-map-${p.index}`}>
      {title}
      <HeatCanvas
        Y={map.Y}
        w={outW}
        h={outH}
        m={map.range.m}
        inspect={[i, j]}
        onPoint={p.onPoint}
        testid={`gallery-canvas-${p.index}`}
        markerTestid={`gallery-marker-${p.index}`}
        maxCss={SMALL}
      />
      <Legend m={map.range.m} text={legendText(map.range.m)} />
      <div
        class="mono caption"
        data-testid={`gallery-value-${p.index}`}
        data-row={i}
        data-col={j}
        data-value={String(value)}
      >
        {`[${i}, ${j}] = ${valueText(map.filter, parts)}`}
      </div>
    </figure>
  );
}
