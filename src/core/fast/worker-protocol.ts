// The messages between a page and the fast path's Web Workers (./parallel.ts ↔ ./worker.ts). No SharedArrayBuffer:
// VS Code webviews are not cross-origin isolated (microsoft/vscode#137884: isolation only with the `--enable-coi` /
// `?vscode-coi` launch options, which an extension cannot set), so each worker keeps its own copy of the image and
// bands of the result come back as transferred ArrayBuffers.

import { FastCorr2d } from './engine';
import type { Plane } from './plane';

/**
 * Page → worker. `id` pairs a reply with its request. A 'corr' carries the buffer its band is written into (`rows·ow`
 * values); the worker sends it back, so bands travel as transfers without allocating per call (a new multi-megabyte
 * array per call costs Chromium more than the correlation: external-memory GCs).
 */
export type FastRequest =
  | { type: 'load'; id: number; data: Float32Array; h: number; w: number }
  | { type: 'corr'; id: number; k: Float32Array; kh: number; kw: number; row0: number; rows: number; y: Float32Array };

/** Worker → page: the output rows `[row0, row0 + rows)` of a 'corr' (row-major, `rows × ow`), or an error. */
export type FastReply =
  | { id: number; type: 'loaded'; engine: string }
  | { id: number; type: 'band'; y: Float32Array }
  | { id: number; type: 'error'; message: string };

/** The part of a Worker (or a MessagePort) the page side uses; the core has no DOM typings. */
export interface WorkerLike {
  postMessage(message: FastRequest, transfer?: ArrayBuffer[]): void;
  onmessage: ((event: { data: FastReply }) => void) | null;
  /** A Worker's error event: its script failed to load (e.g. a CSP without `worker-src blob:`) or threw. */
  onerror?: ((event: unknown) => void) | null;
}

/**
 * The worker side: answers one request with its own engine. 'load' keeps the image; 'corr' correlates the input rows
 * `[row0, row0 + rows + kh − 1)` with K, i.e. output rows `[row0, row0 + rows)` of the valid cross-correlation.
 */
export class FastWorkerState {
  private image: Plane | undefined;
  constructor(private readonly engine: FastCorr2d = FastCorr2d.create()) {}

  handle(req: FastRequest): { reply: FastReply; transfer: ArrayBuffer[] } {
    try {
      if (req.type === 'load') {
        this.image = { data: req.data, h: req.h, w: req.w };
        this.engine.load(this.image);
        return { reply: { id: req.id, type: 'loaded', engine: this.engine.variant ?? 'js' }, transfer: [] };
      }
      if (!this.image) throw new Error('corr2dFast worker: no image loaded');
      const y = this.engine.corrRows({ data: req.k, h: req.kh, w: req.kw }, req.row0, req.rows, req.y);
      return { reply: { id: req.id, type: 'band', y }, transfer: [y.buffer as ArrayBuffer] };
    } catch (e) {
      return {
        reply: { id: req.id, type: 'error', message: e instanceof Error ? e.message : String(e) },
        transfer: [],
      };
    }
  }
}
