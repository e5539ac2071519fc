// Styles of the step panel only (the shared look is media/webview.css). Adopted as a constructed stylesheet: the
// CSP allows no inline <style>, and CSSOM from our own nonce'd script is not subject to style-src.

const CSS = `
.step-grids { display: flex; flex-wrap: wrap; gap: 28px; align-items: flex-start; margin: 8px 0; }
.step-card h2 { margin-top: 4px; }
.step-card .caption { max-width: 22em; }
.step-grids[hidden], .step-card[hidden] { display: none; }
.step-op { align-self: center; font-size: 2em; line-height: 1; min-width: 1em; text-align: center; color: var(--vscode-descriptionForeground); }
/* ⋆ (U+22C6) and ∗ are drawn small in most fonts: scale them to match the "=". */
.step-op.star { font-size: 3.2em; }
/* Each operator travels with the grid after it: a narrow panel wraps "⋆ K" and "= Y" as units, so no operator is
   left at the far end of a row. */
.step-pair { display: flex; gap: 28px; align-items: flex-start; }
.grid td.pad { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); border-style: dashed; }
.grid td.future { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); opacity: 0.45; }
.grid td.hl.future { opacity: 1; }
.step-arith { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: baseline; margin: 8px 0; }
.step-arith .arith { font-size: calc(var(--vscode-editor-font-size) * 1.15); }
.step-label { color: var(--vscode-descriptionForeground); min-width: 12em; }
.step-formula { margin: 4px 0; white-space: pre-wrap; }
.step-invalid { margin: 2px 0 6px; color: var(--vscode-errorForeground); }
.step-invalid[hidden] { display: none; }
.step-player input[type='range'] { width: min(20em, 60vw); }
.step-player button { min-width: 2.4em; }
.step-toolbar input[type='number'] { width: 4em; }
.step-toolbar .bias { width: 5em; }
.step-header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 12px; }
fieldset.step-stack { border: 1px solid var(--vscode-panel-border, #8884); margin: 12px 0; padding: 4px 12px 10px; }
fieldset.step-stack legend { padding: 0 4px; }
`;

/** Adds the panel's stylesheet to the document (once). */
export function adoptStepStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
