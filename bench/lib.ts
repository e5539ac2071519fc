// Timing and table helpers shared by the benchmark sections. Medians (and p95 where a goal asks) of repeated runs,
// because this machine is shared and noisy; every section runs its contenders side by side in the same process.

// No Node imports: the Chromium half (bench/page) uses these helpers too; `performance` is global in both.

/** Times of one contender, in milliseconds. */
export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

/** Quantile of sorted `times` (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Summary of raw times. */
export function summarise(times: number[]): Timing {
  const s = [...times].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), runs: s.length };
}

/**
 * Runs `fn` once to warm up, then at least `minRuns` times and until `budgetMs` is spent (at most `maxRuns`).
 */
export function time(fn: () => unknown, minRuns = 5, budgetMs = 1500, maxRuns = 200): Timing {
  fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return summarise(times);
}

/**
 * `time` for calls shorter than the clock's resolution (Chromium coarsens `performance.now()` to 100 µs on a page
 * that is not cross-origin isolated): each sample runs `fn` as many times as fill about `sampleMs`, and records the
 * mean per call. Medians over samples as in `time`.
 */
export function timeBatched(fn: () => unknown, budgetMs = 400, sampleMs = 4, minSamples = 5): Timing {
  fn();
  const t0 = performance.now();
  let calls = 0;
  while (performance.now() - t0 < sampleMs || calls < 1) {
    fn();
    calls++;
  }
  let per = Math.max(1, Math.round((calls * sampleMs) / Math.max(performance.now() - t0, 1e-3)));
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 200 && (times.length < minSamples || performance.now() - start < budgetMs)) {
    const s = performance.now();
    for (let i = 0; i < per; i++) fn();
    const took = performance.now() - s;
    // A sample shorter than half its target is under the clock's resolution (it once read 0 ms): call more, retry.
    if (took < sampleMs / 2) {
      per *= 2;
      continue;
    }
    times.push(took / per);
  }
  return summarise(times);
}

/** A number for a table: 3 significant digits, no exponent below 1e6. */
export function fmt(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 100) return v.toFixed(0);
  return Number(v.toPrecision(3)).toString();
}

/** A titled Markdown table. */
export interface Table {
  title: string;
  head: string[];
  rows: string[][];
  notes?: string[];
}

/** Markdown text of a table (also what the console shows). */
export function markdown(t: Table): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `### ${t.title}`,
    '',
    line(t.head),
    line(t.head.map(() => '---')),
    ...t.rows.map(line),
    '',
    ...(t.notes ?? []).map((n) => `${n}  `),
    '',
  ].join('\n');
}

/** "PASS" when the goal holds, else "MISS". */
export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
