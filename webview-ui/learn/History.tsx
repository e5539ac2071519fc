// A run's history: the loss curve (every step) and the table of the last steps — the step, the kernel after it (or,
// with channels, how far each channel is from the target), the bias and the loss before it.
import { useEffect, useRef } from 'preact/hooks';
import type { LearnRecord } from '../../src/core/learner-base';
import { num5 } from '../shared/format';
import { LossChart } from './chart';
import { lossText } from './controller';
import { t } from '../shared/l10n';

/** Rows the table shows: the last ones (the chart has every step). */
export const RECORDS_SHOWN = 200;

export function Chart({ records, log }: { records: ReadonlyArray<LearnRecord<unknown>>; log: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<LossChart | undefined>(undefined);
  useEffect(() => {
    if (!ref.current) return;
    chart.current ??= new LossChart(ref.current, log);
    chart.current.setLog(log);
    chart.current.set(
      records.map((r) => r.step),
      records.map((r) => r.loss),
    );
  }, [records, log]);
  return <div ref={ref} class="loss-chart" data-testid="chart" role="img" aria-label={t('loss per step')} />;
}

/** The table of the last `RECORDS_SHOWN` records; `kernel` heads and fills the kernel column. */
export function Records<P>(p: {
  records: ReadonlyArray<LearnRecord<P>>;
  kernel: { head: string; text(K: P): string };
}) {
  const { records } = p;
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (wrap.current) wrap.current.scrollTop = wrap.current.scrollHeight;
  }, [records.length]);
  if (records.length === 0) return <div class="records-wrap" ref={wrap} />;
  const shown = records.slice(-RECORDS_SHOWN);
  return (
    <>
      {shown.length < records.length && (
        <p class="caption" data-testid="records-note">
          {`The last ${shown.length} of ${records.length} steps; the chart above shows every one.`}
        </p>
      )}
      <div class="records-wrap" ref={wrap}>
        <table class="records" data-testid="records">
          <thead>
            <tr>
              <th scope="col">step</th>
              <th scope="col">{p.kernel.head}</th>
              <th scope="col">bias</th>
              <th scope="col">loss (before the step)</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.step}>
                <td>{r.step}</td>
                <td>{p.kernel.text(r.kernel)}</td>
                <td>{num5(r.bias)}</td>
                <td data-testid={`loss-${r.step}`} data-value={String(r.loss)} title={String(r.loss)}>
                  {lossText(r.loss)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
