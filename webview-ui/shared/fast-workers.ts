// The fast path's Web Workers as a webview may start them: from a blob: URL of the bundled worker script (webviews
// cannot load a worker from their resource origin; the CSP allows `worker-src blob:`). Each worker holds its own
// wasm engine and a copy of the image (no SharedArrayBuffer: webviews are not cross-origin isolated,
// microsoft/vscode#137884).
import { ParallelCorr2d, type FastCorr2d, type WorkerLike } from '../../src/core/fast';
import { FAST_WORKER_SOURCE } from '../../src/core/fast/generated/worker-source';

let url: string | undefined;

/**
 * `engine` plus one worker per core beyond the page's own (at most `max`), or undefined where no worker starts (no
 * Worker, one core, or `new Worker` refused). A worker that fails later (its error event) leaves ParallelCorr2d on
 * the page's engine alone.
 */
export function splitOverWorkers(engine: FastCorr2d, max = 1): ParallelCorr2d | undefined {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  const count = Math.min(max, cores - 1);
  if (typeof Worker === 'undefined' || count < 1) return undefined;
  try {
    url ??= URL.createObjectURL(new Blob([FAST_WORKER_SOURCE], { type: 'text/javascript' }));
    const workers = Array.from({ length: count }, () => new Worker(url as string) as unknown as WorkerLike);
    return new ParallelCorr2d(engine, workers);
  } catch {
    return undefined;
  }
}
