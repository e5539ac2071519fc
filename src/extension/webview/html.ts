// One function builds every webview's HTML, so the CSP, the nonce and the asset URIs live in one place.
// User data (matrices from the user's source) never goes into this HTML: it travels by message.
import * as vscode from 'vscode';
import { contentSecurityPolicy, makeNonce } from './csp';
import type { ViewKind } from '../../protocol/messages';

/** The folders a webview may load from: our built bundles and the shared stylesheet, nothing else. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/**
 * The HTML of view `view`: its bundle `dist/webview/<view>.js` as an ES module (its imports of the chunks the views
 * share inherit the nonce), the shared stylesheet and the codicons.
 * The bundle builds the whole page; the body only holds a root element and a "loading" line for screen readers.
 */
export function buildWebviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  view: ViewKind,
  title: string,
): string {
  const nonce = makeNonce();
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'webview', 'assets', 'codicon.css')}">
<link rel="stylesheet" href="${asset('media', 'webview.css')}">
<link rel="stylesheet" href="${asset('dist', 'webview', `${view}.css`)}">
<title>${escapeHtml(title)}</title>
</head>
<body data-view="${view}">
<main id="root" aria-live="polite"><p class="loading">${escapeHtml(vscode.l10n.t('Loading {0}…', title))}</p></main>
<script type="module" nonce="${nonce}" src="${asset('dist', 'webview', `${view}.js`)}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
