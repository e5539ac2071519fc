// Hover latency without VS Code: find the literal around the cursor, parse it, render the markdown (table, heat map
// PNG, command links). A 100×100 literal (one row per line) in the middle of a 10 000-line Python file; the cursor
// lands on random entries. Target: p95 below 5 ms. Run: node --import tsx bench/hover.bench.ts [iterations]

import { performance } from 'node:perf_hooks';
import { linesOf } from '../src/core/literal';
import { hoverAt } from '../src/extension/hover/pipeline';

/** The benchmark's numbers, in milliseconds. */
export interface HoverBench {
  iterations: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** CPU time of the process (user + system): unlike wall time, not inflated when other processes share the cores. */
  cpuMedianMs: number;
  cpuP95Ms: number;
  markdownChars: number;
}

/** A Python file of `lines` lines with a `size`×`size` literal in the middle; returns the text and its first line. */
export function benchDocument(lines = 10_000, size = 100): { text: string; firstLine: number } {
  const before = Math.floor((lines - size) / 2);
  const code = (k: number) =>
    k % 7 === 0 ? `def f${k}(x):  # helper [${k}]` : `    y${k} = np.dot(x, w[${k % 13}]) + b`;
  const rows = Array.from({ length: size }, (_, r) => {
    const values = Array.from({ length: size }, (_, c) => (((r * 31 + c * 17) % 23) - 11) / 4);
    return `${r === 0 ? 'X = np.array([' : '              '}[${values.join(', ')}]${r === size - 1 ? '], dtype=np.float32)' : ','}`;
  });
  const all = [
    ...Array.from({ length: before }, (_, k) => code(k)),
    ...rows,
    ...Array.from({ length: lines - before - size }, (_, k) => code(k + before + size)),
  ];
  return { text: all.join('\n'), firstLine: before };
}

/**
 * Runs `iterations` hovers (after a warm-up) at pseudo-random positions: inside the literal, or (`onCode`) on the
 * ordinary code around it, where the finder must give up quickly.
 */
export function runHoverBench(iterations = 500, onCode = false): HoverBench {
  const { text, firstLine } = benchDocument();
  const src = linesOf(text);
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const hoverOnce = () => {
    const line = onCode ? firstLine + 100 + (next() % 4000) : firstLine + (next() % 100);
    const character = onCode ? 4 + (next() % 20) : 16 + (next() % (src.lineAt(line).length - 20));
    const h = hoverAt(src, { line, character }, { syntax: 'python', maxElements: 10_000, uri: 'file:///bench.py' });
    if (onCode) return h?.markdown.length ?? 0;
    if (!h || !h.markdown.includes('matrix 100×100'))
      throw new Error(`bench: no 100×100 hover at ${line}:${character}`);
    return h.markdown.length;
  };
  for (let k = 0; k < 50; k++) hoverOnce();
  const times: number[] = [];
  const cpu: number[] = [];
  let markdownChars = 0;
  for (let k = 0; k < iterations; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    markdownChars = hoverOnce();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const q = quantiles(times);
  const qc = quantiles(cpu);
  return {
    iterations,
    medianMs: q(0.5),
    p95Ms: q(0.95),
    maxMs: q(1),
    cpuMedianMs: qc(0.5),
    cpuP95Ms: qc(0.95),
    markdownChars,
  };
}

function quantiles(values: number[]): (q: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  return (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const iterations = Number(process.argv[2] ?? 500);
const r = runHoverBench(iterations);
const code = runHoverBench(iterations, true);
const ms = (b: HoverBench) =>
  `median ${b.medianMs.toFixed(2)} ms, p95 ${b.p95Ms.toFixed(2)} ms, max ${b.maxMs.toFixed(2)} ms ` +
  `(CPU time: median ${b.cpuMedianMs.toFixed(2)} ms, p95 ${b.cpuP95Ms.toFixed(2)} ms)`;
console.log(
  `hover on a 100×100 literal in a 10 000-line file, find+parse+render, ${iterations} runs: ${ms(r)} (markdown ${r.markdownChars} characters)`,
);
console.log(`hover on ordinary code in the same file (no literal), ${iterations} runs: ${ms(code)}`);
if (r.p95Ms >= 5) process.exitCode = 1;
