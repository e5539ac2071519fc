// The "Detect Edges" panel (d2l §7.2.3 "Object Edge Detection in Images"): X ⋆ K = Y for the book's 6×8 image, a
// matrix from the editor or any photo, with a kernel editor, a diverging heat map, a probe that shows one output pixel
// and the window it reads. Small matrices are grids of numbers; photos and large matrices are canvases.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Badge } from '../shared/components/Badge';
import { MaybeError } from '../shared/components/ErrorBox';
import { ExportBar } from '../shared/components/ExportBar';
import { decimalCell } from '../shared/components/fields';
import { MatrixView } from '../shared/components/MatrixView';
import { explain } from '../shared/explain';
import { num } from '../shared/format';
import { useLatest } from '../shared/hooks';
import type { ViewContext } from '../shared/start';
import { captionOf } from './display';
import { edgesExport } from './export';
import type { EdgesModel, Input } from './model';
import { Probe } from './Probe';
import { matchPreset } from './presets';
import type { EdgeState } from './state';
import { Toolbar } from './Toolbar';
import { inspected as inspectedAt, XView, YView } from './Views';
import { Gallery } from './Gallery';
import { t } from '../shared/l10n';

export function EdgesApp({ ctx, model }: { ctx: ViewContext<EdgeState>; model: EdgesModel }) {
  const { store } = ctx;
  const s = store.state.value;
  const decoded = model.decoded.value;
  // A saved photo is decoded again after a reload; if that fails the panel shows the book's image and says why.
  useEffect(() => {
    const src = s.source;
    if (src.kind !== 'photo' || model.photo(src.uri)) return;
    model.open(src.uri, src.name).catch(() => {
      model.notice.value = {
        kind: 'warning',
        text: t(
          "{0} could not be reloaded; showing the book's 6×8 image. Use “Open image…” to load it again.",
          src.name,
        ),
      };
      store.set({ source: { kind: 'book' }, inspect: [0, 0] });
    });
  }, [s.source]);
  const input = useMemo(() => model.inputOf(s), [s.source, s.transposed, decoded]);
  const request = useMemo(() => (input ? { input, K: s.K } : undefined), [input, s.K]);
  const out = useLatest((r: { input: Input; K: EdgeState['K'] }) => model.compute(r), request);
  // The pixel under the pointer inspects until the user types or clicks another, or X changes (not saved).
  const [hovered, setHovered] = useState<[number, number] | null>(null);
  useEffect(() => setHovered(null), [input]);
  const result = out?.ok ? out.value : undefined;
  const failure = out && !out.ok && out.request === request ? explain(out.error, 'edges') : undefined;
  const shown = failure ? undefined : result;

  return (
    <div class="edges">
      <div class="toolbar">
        <h1>{t('Detect edges: Y = X ⋆ K')}</h1>
        <Badge choice={ctx.backend} />
      </div>
      <Toolbar s={s} ctx={ctx} model={model} />
      {model.notice.value &&
        (model.notice.value.kind === 'error' ? (
          <MaybeError message={model.notice.value.text} />
        ) : (
          <div class="warning" role="status">
            {model.notice.value.text}
          </div>
        ))}
      <MaybeError message={ctx.inputError.value} />
      <MaybeError message={failure} />
      <p class="caption" data-testid="caption">
        {model.loading.value ? t('Loading {0}…', model.loading.value) : input ? captionOf(s, input) : ''}
      </p>
      <p class="caption" data-testid="input-note" hidden={!s.ignored}>
        {s.ignored}
      </p>
      <div class="row">
        <section>{input && <XView input={input} s={s} out={shown} hovered={hovered} />}</section>
        <section>
          <h2>{t('Kernel K (edit any cell)')}</h2>
          <MatrixView
            M={s.K}
            label={t('Kernel K')}
            testid="K"
            edit={{
              parse: decimalCell,
              onEdit: (r, c, v) =>
                store.update((x) => {
                  const K = x.K.map((row) => [...row]);
                  K[r][c] = v;
                  return { ...x, K, preset: matchPreset(K), kernelFrom: undefined };
                }),
            }}
          />
        </section>
        <section>{shown && <YView out={shown} s={s} hovered={hovered} onHover={setHovered} ctx={ctx} />}</section>
      </div>
      <div class="mono" data-testid="stats" role="status">
        {shown
          ? t(
              'Y: {0} · min {1} · max {2}',
              `${shown.geom.outH}×${shown.geom.outW}`,
              num(shown.range.min),
              num(shown.range.max),
            )
          : t('Y: — (no output for this kernel)')}
      </div>
      <Gallery
        ctx={ctx}
        model={model}
        input={input}
        K={s.K}
        inspect={inspectedAt(shown, s, hovered)}
        onPoint={(i, j) => setHovered([i, j])}
      />
      <Probe
        s={s}
        out={shown}
        hovered={hovered}
        onInspect={(i, j) => {
          setHovered(null);
          store.set({ inspect: [i, j] });
        }}
      />
      <div class="caption" data-testid="timing">
        {shown &&
          (shown.threads > 1
            ? t(
                'corr2d {0} ms on {1}, split over {3} threads ({2} output pixels, computed at full resolution)',
                shown.ms.toFixed(1),
                ctx.backend.conv.path,
                shown.geom.outH * shown.geom.outW,
                shown.threads,
              )
            : t(
                'corr2d {0} ms on {1} ({2} output pixels, computed at full resolution)',
                shown.ms.toFixed(1),
                ctx.backend.conv.path,
                shown.geom.outH * shown.geom.outW,
              ))}
      </div>
      <ExportBar source={edgesExport(s, input, shown)} />
    </div>
  );
}
