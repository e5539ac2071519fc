// Goal 1 (the picked path within 3× of OpenCV filter2D, 1 thread) and goal 7 (cost against n and k per path), Node.
// The browser numbers for the same path come from bench/browser.ts.

import { FastCorr2d, type Plane } from '../src/core/fast';
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

const NS = [256, 512, 1024, 2048, 4096];
const KS = [1, 3, 5, 7, 11, 15];

/** Goal 7: median ms over n × k for each path (plain and JS limited to sizes that finish quickly) and the winner. */
export function goal7(py: string | undefined): Table {
  const fast = FastCorr2d.create();
  const js = FastCorr2d.create('js');
  const cases = NS.flatMap((n) => KS.map((k) => [n, k] as [number, number]));
  const cv = py ? opencvMedians(py, cases, 0.4) : new Map<string, number>();
  const rows: string[][] = [];
  for (const n of NS) {
    const x = randomPlane(n, n, n);
    const cells: Record<string, string[]> = { wasm: [], sep: [], js: [], plain: [], cv: [], best: [] };
    for (const k of KS) {
      const K = randomPlane(k, k, k);
      const box: Plane = { data: new Float32Array(k * k).fill(1 / (k * k)), h: k, w: k };
      const budget = n >= 2048 ? 300 : 400;
      const t: Record<string, number | undefined> = {
        wasm: time(fastResident(fast, x, K), 3, budget, 50).median,
        sep: k >= 5 ? time(fastResident(fast, x, box), 3, budget, 50).median : undefined,
        js: n * n * k * k <= 2048 * 2048 * 49 ? time(fastOneShot(js, x, K), 2, budget, 20).median : undefined,
        plain: n * n * k * k <= 1024 * 1024 * 49 ? time(() => plainLoop(x, K), 2, budget, 20).median : undefined,
        cv: cv.get(`${n}×${k}`),
      };
      for (const p of ['wasm', 'sep', 'js', 'plain', 'cv']) cells[p].push(fmt(t[p]));
      const full = Object.entries(t).filter(([p, v]) => p !== 'sep' && v !== undefined) as [string, number][];
      cells.best.push(full.sort((a, b) => a[1] - b[1])[0][0]);
    }
    rows.push(
      [`${n}²`, 'wasm SIMD', ...cells.wasm],
      ['', 'wasm separable (box)', ...cells.sep],
      ['', 'JS fallback', ...cells.js],
      ['', 'plain loop', ...cells.plain],
      ['', 'OpenCV', ...cells.cv],
      ['', '*fastest (full-rank K)*', ...cells.best],
    );
  }
  return {
    title: 'Goal 7 — cost growth: median ms against image n² and kernel k×k, per path',
    head: ['n', 'path', ...KS.map((k) => `k=${k}`)],
    rows,
    notes: [
      '— = not run (too slow to repeat) or not applicable (separable needs k ≥ 5).',
      'The direct paths grow as n²·k²; the separable route as n²·2k; OpenCV switches to a DFT for large kernels.',
    ],
  };
}
