// The probe of the edge panel: the inspected output pixel typed into two boxes (or hovered, or clicked), its value and
// the input window it reads.
import { useEffect, useRef } from 'preact/hooks';
import type { Output } from './model';
import { probeText, type EdgeState } from './state';
import { inspected } from './Views';
import { t } from '../shared/l10n';

export function Probe(p: {
  s: EdgeState;
  out?: Output;
  hovered: [number, number] | null;
  onInspect(i: number, j: number): void;
}) {
  const [i, j] = inspected(p.out, p.s, p.hovered);
  const value = p.out ? p.out.Y[i * p.out.geom.outW + j] : undefined;
  const clamp = (v: number, n: number) => (Number.isFinite(v) ? Math.min(n - 1, Math.max(0, Math.floor(v))) : 0);
  const set = (r: number, c: number) => {
    if (p.out) p.onInspect(clamp(r, p.out.geom.outH), clamp(c, p.out.geom.outW));
  };
  return (
    <>
      <div class="toolbar">
        {t('Inspect output pixel:')}{' '}
        <InspectBox testid="inspect-row" label={t('row')} value={i} set={(n) => set(n, j)} />
        <InspectBox testid="inspect-col" label={t('column')} value={j} set={(n) => set(i, n)} />
        <span class="caption">{t('(or hover the output)')}</span>
      </div>
      <div
        class="arith"
        data-testid="probe"
        aria-live="polite"
        data-row={p.out ? i : undefined}
        data-col={p.out ? j : undefined}
        data-value={value === undefined ? undefined : String(value)}
      >
        {p.out && value !== undefined ? probeText(i, j, value, p.out.K.length, p.out.K[0].length) : ''}
      </div>
    </>
  );
}

/** A row or column box: the user's text stays while they type; leaving it shows the pixel really inspected (−3 → 0). */
function InspectBox(p: { testid: string; label: string; value: number; set(n: number): void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current && document.activeElement !== ref.current) ref.current.value = String(p.value);
  }, [p.value]);
  return (
    <label>
      {p.label}
      <input
        ref={ref}
        type="number"
        min={0}
        class="inspect"
        data-testid={p.testid}
        aria-label={t('Inspect output {0}', p.label)}
        defaultValue={String(p.value)}
        onInput={(e) => p.set(Number(e.currentTarget.value))}
        onChange={(e) => (e.currentTarget.value = String(p.value))}
      />
    </label>
  );
}
