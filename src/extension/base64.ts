// Bytes → base64 without Node's Buffer: the extension host also runs as a web worker (vscode.dev), where only the web
// platform's globals exist. btoa is one of them in both hosts (WHATWG HTML "Base64 utility methods"; Node ≥ 16).

/** Characters per btoa call: String.fromCharCode(...chunk) spreads the chunk as arguments, which engines cap. */
const CHUNK = 0x8000;

/** The standard base64 (RFC 4648 §4, with padding) of `bytes`. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}
