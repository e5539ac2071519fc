// The Content-Security-Policy of every webview and its nonce, without `vscode` (the unit tier checks the string).
import { bytesToBase64 } from '../base64';

/**
 * A fresh nonce from a cryptographic source (base64, 128 bits) for the script-src of one page load. Web Crypto's
 * getRandomValues, not node:crypto: the host also runs as a web worker (vscode.dev), and Node 20 has it as a global.
 */
export function makeNonce(): string {
  return bytesToBase64(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * The Content-Security-Policy of every view: nothing by default, scripts only with this page's nonce, styles, fonts,
 * images and fetched bytes only from the webview's resource origin (images also from blob:/data:, which the views
 * create from canvases).
 * 'wasm-unsafe-eval' lets the fast cross-correlation compile its WebAssembly module (bytes inside our own nonce'd
 * bundle); it allows no JavaScript eval. No 'unsafe-eval' or 'unsafe-inline' (tfjs webgl and cpu need neither).
 * `worker-src blob:` lets Detect Edges split a large correlation over a Web Worker whose script is a blob: URL of the
 * bundle's own worker source (webviews cannot start workers from their resource origin).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} blob: data:`,
    // Photos are fetched as bytes and decoded in the page (a canvas read-back loses 16-bit and transparent pixels).
    `connect-src ${cspSource}`,
    `font-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}
