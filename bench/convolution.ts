// Goal 1 (the picked path within 3× of OpenCV filter2D, 1 thread) in Node beside the browser numbers of the same path
// (bench/browser.ts). The n × k grid is bench/grid.ts, measured in Chromium.

import { FastCorr2d } from '../src/core/fast';
import { fmt, time, verdict, type Table, type Timing } from './lib';
import { fastOneShot, fastResident, plainLoop, randomPlane, tfjsRunner } from './contenders';
import { opencvMedians } from './opencv';

export const GOAL1_CASES: [number, number][] = [
  [1024, 3],
  [4096, 3],
  [1024, 11],
];

/** Goal 1 in Node: every contender at the three sizes; ratio = median / OpenCV's median. */
export function goal1(py: string | undefined, browserFast: Map<string, number>): Table {
  const fast = FastCorr2d.create();
  const cv = py ? opencvMedians(py, GOAL1_CASES, 2) : new Map<string, number>();
  const rows: string[][] = [];
  const per: Record<string, Map<string, Timing>> = {};
  const add = (name: string, key: string, t: Timing) => (per[name] ??= new Map()).set(key, t);
  for (const [n, k] of GOAL1_CASES) {
    const key = `${n}×${k}`;
    const x = randomPlane(n, n, n);
    const K = randomPlane(k, k, k);
    const big = n >= 4096;
    add('fast path, wasm SIMD, image resident (Node)', key, time(fastResident(fast, x, K), 15, 2000));
    add('fast path, wasm SIMD, one-shot incl. copy in (Node)', key, time(fastOneShot(fast, x, K), 15, 1500));
    add('fast path, JS fallback (Node)', key, time(fastOneShot(FastCorr2d.create('js'), x, K), 5, 1500));
    add(
      'plain JS loop over a Float32Array',
      key,
      time(() => plainLoop(x, K), big ? 3 : 5, big ? 500 : 1500),
    );
    const tf = tfjsRunner(x, K);
    add('tfjs cpu (Node)', key, time(tf.run, 3, big ? 100 : 1000));
    tf.dispose();
  }
  const base = (key: string) => cv.get(key) ?? per['plain JS loop over a Float32Array'].get(key)?.median;
  const ratio = (v: number | undefined, key: string) => (v === undefined ? undefined : v / (base(key) ?? NaN));
  const line = (name: string, medians: (number | undefined)[]) => [
    name,
    ...GOAL1_CASES.flatMap(([n, k], c) => [fmt(medians[c]), `${fmt(ratio(medians[c], `${n}×${k}`))}×`]),
  ];
  rows.push(
    line(
      py ? 'OpenCV filter2D, 1 thread (baseline)' : 'OpenCV unavailable: plain loop is the baseline',
      GOAL1_CASES.map(([n, k]) => base(`${n}×${k}`)),
    ),
  );
  const picked = GOAL1_CASES.map(([n, k]) => browserFast.get(`${n}×${k}`));
  if (picked.some((v) => v !== undefined))
    rows.push(line('**picked path in Chromium: wasm SIMD, image resident**', picked));
  for (const [name, m] of Object.entries(per))
    rows.push(
      line(
        name,
        GOAL1_CASES.map(([n, k]) => m.get(`${n}×${k}`)?.median),
      ),
    );
  const judged = GOAL1_CASES.map(([n, k], c) => {
    const key = `${n}×${k}`;
    const v = picked[c] ?? per['fast path, wasm SIMD, image resident (Node)'].get(key)?.median;
    return ratio(v, key) ?? Infinity;
  });
  rows.push(['goal: picked path ≤ 3× baseline', ...judged.flatMap((r) => [verdict(r <= 3), `${fmt(r)}×`])]);
  return {
    title: 'Goal 1 — valid cross-correlation, single channel float32, result read back (median ms, ratio to baseline)',
    head: ['path', ...GOAL1_CASES.flatMap(([n, k]) => [`${n}²×${k}×${k} ms`, 'ratio'])],
    rows,
    notes: ['Random kernels (full rank: no separable shortcut). tfjs webgl rows are in the browser table.'],
  };
}
