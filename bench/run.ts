// `npm run bench`: one table per goal of issue 7 (median, p95 where asked, baseline, ratio, goal, PASS/MISS), printed
// and written to bench/last-run.md. Sections run one after another in this process and one Chromium page, so the
// contenders of a table are measured side by side. A section that fails prints its error and the run goes on.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useCpuBackend } from '../test/unit/helpers/tf';
import { activation } from './activation';
import { photo, photoRgb, withBenchPage } from './browser';
import { GOAL1_CASES, goal1 } from './convolution';
import { GRID_CASES, GRID_NS, gridTable } from './grid';
import { baselineWasmUrls, galleryTable, learnTable, multiTable } from './fast-tables';
import type { MultiResult } from './page/multi';
import type { LearnBench } from './page/learn-multi';
import type { GalleryBench } from './page/gallery';
import type { GridCell } from './page/grid';
import { bookSteps, photoStepsPerS, tensorCount, randomPlane } from './learning';
import { fmt, markdown, verdict, type Table, type Timing } from './lib';
import { findOpenCv, opencvMedians } from './opencv';

const here = dirname(fileURLToPath(import.meta.url));
/** Issue 11's bench line (`--only rgb` runs it alone). */
const GALLERY = '1 MP RGB × four 3×3×3 filters';
const tables: Table[] = [];
const show = (t: Table) => {
  tables.push(t);
  console.log(markdown(t));
};
/** `npm run bench -- --only grid,multi` runs only the sections whose names contain one of these words. */
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? process.argv[i + 1].toLowerCase().split(',') : undefined;
})();
const want = (name: string) => !only || name === 'Chromium' || only.some((w) => name.toLowerCase().includes(w));
const section = async (name: string, f: () => Promise<void> | void) => {
  if (!want(name)) return;
  try {
    await f();
  } catch (e) {
    show({
      title: `${name} — did not run`,
      head: ['error'],
      rows: [[String(e instanceof Error ? e.message : e).split('\n')[0]]],
    });
  }
};

interface BrowserConv {
  path: string;
  webgl: boolean;
  results: Record<string, { fast: Timing; oneShot: Timing; webgl?: Timing }>;
}
interface BrowserFrame {
  fastFrame: Timing;
  computeOnly: Timing;
  drawOnly: Timing;
  webglFrame?: Timing;
  path: string;
}
interface BrowserLearn {
  webglStepsPerS?: number;
  fastStepsPerS: number;
}
type BrowserTex = Record<string, { before: number; during: number; after: number }>;

async function main(): Promise<void> {
  await useCpuBackend();
  const py = findOpenCv((s) => console.log(s));
  console.log(
    `# npm run bench — ${new Date().toISOString()}, ${cpus().length} cores, Node ${process.version}, OpenCV ${py ? 'found' : 'MISSING'}\n`,
  );

  let conv: BrowserConv | undefined,
    frame: BrowserFrame | undefined,
    learn: BrowserLearn | undefined,
    tex: BrowserTex | undefined,
    grid: GridCell[] | undefined,
    multiR: MultiResult | undefined,
    learnR: LearnBench | undefined,
    galleryR: GalleryBench | undefined;
  // OpenCV is timed right before and right after the browser on each row of the grid (one n), and each cell keeps the
  // faster of its two medians: the machine is shared and its speed drifts over minutes, so a baseline timed minutes
  // apart from the fast path (under a different load) would flatter one side or the other.
  const cvBefore = new Map<string, number>();
  const cvAfter = new Map<string, number>();
  await section('Chromium', () =>
    withBenchPage(async (page) => {
      page.setDefaultTimeout(600_000);
      if (want('Fast path 2 grid')) {
        grid = [];
        for (const n of GRID_NS) {
          const cases = GRID_CASES.filter(([m]) => m === n);
          if (py) for (const [key, ms] of opencvMedians(py, cases, 0.4)) cvBefore.set(key, ms);
          grid.push(...((await page.evaluate(`bench.grid(${JSON.stringify(cases)}, 400, 1)`)) as GridCell[]));
          if (py) for (const [key, ms] of opencvMedians(py, cases, 0.4)) cvAfter.set(key, ms);
        }
      }
      if (want('Goal 1')) conv = (await page.evaluate(`bench.conv(${JSON.stringify(GOAL1_CASES)})`)) as BrowserConv;
      if (want('Goal 2 frame'))
        frame = (await page.evaluate(`bench.frame(${JSON.stringify(photo(1024))}, 1024)`)) as BrowserFrame;
      if (want('Goal 3'))
        learn = (await page.evaluate(`bench.learn(${JSON.stringify(photo(512))}, 512)`)) as BrowserLearn;
      if (want('Goal 6')) tex = (await page.evaluate('bench.textures()')) as BrowserTex;
      if (want('Fast path 4 learning')) {
        await page.evaluate('bench.webgl(0)');
        learnR = (await page.evaluate(
          `bench.learnBench(${JSON.stringify(photoRgb(512, 'chelsea.png'))}, 512)`,
        )) as LearnBench;
      }
      if (want('Fast path 3 multi'))
        multiR = (await page.evaluate(`bench.multi(1024, ${JSON.stringify(baselineWasmUrls())})`)) as MultiResult;
      if (want(GALLERY))
        galleryR = (await page.evaluate(
          `bench.gallery(${JSON.stringify(photoRgb(1000, 'chelsea.png'))}, 1000, ${JSON.stringify(baselineWasmUrls())})`,
        )) as GalleryBench;
    }),
  );

  await section('Goal 1', () => {
    const picked = new Map(Object.entries(conv?.results ?? {}).map(([k, v]) => [k, v.fast.median]));
    const t = goal1(py, picked);
    if (conv) {
      t.rows.splice(
        2,
        0,
        [
          'fast path in Chromium, one-shot incl. copy in',
          ...GOAL1_CASES.flatMap(([n, k]) => [fmt(conv!.results[`${n}×${k}`].oneShot.median), '']),
        ],
        [
          'tfjs webgl in Chromium (SwiftShader, WEBGL_CONV_IM2COL off)',
          ...GOAL1_CASES.flatMap(([n, k]) => [fmt(conv!.results[`${n}×${k}`].webgl?.median), '']),
        ],
      );
    }
    show(t);
  });

  await section('Goal 2 frame', () => {
    if (!frame) throw new Error('no browser results');
    const f = frame;
    const row = (name: string, t: Timing | undefined, judged = false) => [
      name,
      fmt(t?.median),
      fmt(t?.p95),
      judged ? verdict((t?.p95 ?? Infinity) <= 16) : '',
    ];
    show({
      title:
        'Goal 2 — interactive frame: edit one 3×3 kernel cell on a 1024×1024 photo → correlate + heat map (ms, Chromium)',
      head: ['path', 'median', 'p95', 'goal p95 ≤ 16 ms'],
      rows: [
        row('baseline: tfjs webgl (SwiftShader) + drawHeat, the panels before the fast path', f.webglFrame),
        row(
          `**panels now: fast ${f.path}, image resident + drawHeat (webview-ui/shared/heatmap.ts, palette draw)**`,
          f.fastFrame,
          true,
        ),
        row('  of which correlate only', f.computeOnly),
        row('  of which drawHeat only (incl. the min/max pass)', f.drawOnly),
      ],
    });
  });

  await section('Goal 3', () => {
    const book = bookSteps();
    const x = randomPlane(512, 512, 5);
    const s = photoStepsPerS(x);
    show({
      title: 'Goal 3 — Learn Kernel speed',
      head: ['case', 'value', 'goal', 'verdict'],
      rows: [
        [
          'book: 10 steps, K 1×2 on X 6×8, tfjs cpu (Node), median ms',
          fmt(book.median),
          '< 50 ms',
          verdict(book.median < 50),
        ],
        ['3×3 on 512²: KernelLearner tfjs cpu (Node), steps/s', fmt(s.tfjsCpu), '≥ 200', verdict(s.tfjsCpu >= 200)],
        [
          '3×3 on 512²: KernelLearner tfjs webgl (Chromium), steps/s',
          fmt(learn?.webglStepsPerS),
          '≥ 200',
          verdict((learn?.webglStepsPerS ?? 0) >= 200),
        ],
        [
          '3×3 on 512²: fast path dL/dK = 2·corr2d(X, Ŷ−Y) (Node), steps/s',
          fmt(s.fast),
          '≥ 200',
          verdict(s.fast >= 200),
        ],
        [
          '3×3 on 512²: fast path (Chromium), steps/s',
          fmt(learn?.fastStepsPerS),
          '≥ 200',
          verdict((learn?.fastStepsPerS ?? 0) >= 200),
        ],
      ],
    });
  });

  await section('Goal 4', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'hover.bench.ts'), '500'], {
      encoding: 'utf8',
    });
    const m = /median ([\d.]+) ms, p95 ([\d.]+) ms/.exec(r.stdout);
    if (!m) throw new Error(`bench/hover.bench.ts printed no timing: ${r.stdout}${r.stderr}`.slice(0, 300));
    show({
      title: 'Goal 4 — hover on a 100×100 literal in a 10 000-line file (bench/hover.bench.ts)',
      head: ['median ms', 'p95 ms', 'goal', 'verdict'],
      rows: [[m[1], m[2], 'p95 ≤ 5 ms', verdict(Number(m[2]) <= 5)]],
    });
  });

  await section('Goal 5', () => {
    const a = activation();
    const med = [...a.activateMs].sort((p, q) => p - q)[2];
    show({
      title: 'Goal 5 — activation and bundle sizes (production build, minified)',
      head: ['what', 'value', 'goal', 'verdict'],
      rows: [
        [
          'activate() incl. require of the host bundle, stub vscode, median of 5 (ms)',
          fmt(med),
          '≤ 50 ms',
          verdict(med <= 50),
        ],
        [
          'host bundle contains TensorFlow.js code (registerKernel, Conv2DBackpropFilter, tfjs-core)',
          a.hasTfjs ? 'yes' : 'no',
          'no',
          verdict(!a.hasTfjs),
        ],
        ...Object.entries(a.webviewKB).map(([f, kb]) => [
          `webview ${f}: kB its page loads (entry + shared chunks)`,
          fmt(kb),
          '≤ 700 kB',
          verdict(kb <= 700),
        ]),
        [
          'all webview scripts together (4 entries + shared chunks; before splitting: 1711 kB, four copies of tfjs)',
          `${fmt(a.totalWebviewKB)} kB`,
          'one copy of tfjs',
          verdict(a.tfjsCopies === 1),
        ],
      ],
    });
  });

  await section('Goal 6', () => {
    const c = tensorCount();
    const rows = [
      [
        'numTensors before / after 100 / after 10 000 steps / after dispose (tfjs cpu)',
        `${c.before} / ${c.at100} / ${c.at10000} / ${c.after}`,
        'flat',
        verdict(c.at100 === c.at10000 && c.after === c.before),
      ],
    ];
    for (const [label, v] of Object.entries(tex ?? {})) {
      rows.push([
        `WebGL bytes before / during / after dispose, 2048² conv, ${label}`,
        `${fmt(v.before / 1e6)} / ${fmt(v.during / 1e6)} / ${fmt(v.after / 1e6)} MB`,
        'after ≤ before',
        verdict(v.after <= v.before),
      ]);
    }
    show({ title: 'Goal 6 — memory', head: ['what', 'value', 'goal', 'verdict'], rows });
  });

  await section('Fast path 3 multi', () => {
    if (!multiR) throw new Error('no browser results');
    show(multiTable(multiR, 1024));
  });

  await section(GALLERY, () => {
    if (!galleryR) throw new Error('no browser results');
    show(galleryTable(galleryR));
  });

  await section('Fast path 4 learning', () => {
    if (!learnR) throw new Error('no browser results');
    show(learnTable(learnR, 512));
  });

  await section('Fast path 2 grid', () => {
    if (!grid) throw new Error('no browser results');
    if (!py) throw new Error('OpenCV is missing: the grid has no baseline');
    const cv = new Map(
      GRID_CASES.map(([n, k]) => {
        const key = `${n}×${k}`;
        return [key, Math.min(cvBefore.get(key) ?? Infinity, cvAfter.get(key) ?? Infinity)] as [string, number];
      }),
    );
    show(gridTable(grid, cv, 1));
  });

  const md = [
    '# Benchmark — last run',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString()} (${cpus().length} cores). Medians of repeated runs on a shared machine.`,
    '',
    ...tables.map(markdown),
  ].join('\n');
  if (only) {
    console.log('--only: bench/last-run.md left as it was (it holds whole runs)');
    return;
  }
  writeFileSync(join(here, 'last-run.md'), md);
  console.log('written: bench/last-run.md');
}

void main();
