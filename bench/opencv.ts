// Drives bench/opencv_baseline.py. Debian's python3-opencv is installed with apt when missing (pip cannot reach its
// registry here); when that fails too, the caller compares with the plain loop and says so.

import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PYTHONS = ['python3', '/usr/bin/python3'];

function pythonWithCv2(): string | undefined {
  return PYTHONS.find((py) => spawnSync(py, ['-c', 'import cv2'], { stdio: 'ignore' }).status === 0);
}

/** A python3 that imports cv2, installing python3-opencv with apt once if needed; undefined when impossible. */
export function findOpenCv(log: (s: string) => void): string | undefined {
  const found = pythonWithCv2();
  if (found) return found;
  log('OpenCV missing: apt-get install -y python3-opencv …');
  spawnSync('apt-get', ['install', '-y', 'python3-opencv'], { stdio: 'ignore', timeout: 300_000 });
  return pythonWithCv2();
}

/** Median ms of OpenCV filter2D (1 thread) per `[n, k]` case, keyed "n×k". */
export function opencvMedians(py: string, cases: [number, number][], budgetS = 1.5): Map<string, number> {
  const out = execFileSync(
    py,
    [join(dirname(fileURLToPath(import.meta.url)), 'opencv_baseline.py'), JSON.stringify(cases), String(budgetS)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const medians = new Map<string, number>();
  for (const line of out.trim().split('\n')) {
    const r = JSON.parse(line) as { n: number; k: number; median: number };
    medians.set(`${r.n}×${r.k}`, r.median);
  }
  return medians;
}
