// The entry of a fast-path Web Worker (bundled by scripts/build-wasm.mjs into ./generated/worker-source.ts, which a
// page turns into a blob: URL — VS Code webviews load workers only from blob: or data: URLs, and need
// `worker-src blob:` in their CSP). It answers FastRequests with its own wasm engine (./worker-protocol.ts).

import { FastWorkerState, type FastRequest, type FastReply } from './worker-protocol';

interface WorkerScope {
  onmessage: ((e: { data: FastRequest }) => void) | null;
  postMessage(message: FastReply, transfer: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const state = new FastWorkerState();
scope.onmessage = (e) => {
  const { reply, transfer } = state.handle(e.data);
  scope.postMessage(reply, transfer);
};
