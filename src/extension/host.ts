// Which extension host runs this code, for the first line of the log: VS Code runs an extension with a "browser"
// entry and no "main" in its web worker host (vscode.dev, github.dev, any browser-hosted VS Code), where `process`
// and the rest of Node do not exist (https://code.visualstudio.com/api/extension-guides/web-extensions). Pure (no
// vscode): the unit tier checks it in Node.

/** What the global scope says about the host: Node when `process.versions.node` is there, else a web worker. */
export function hostKind(scope: object = globalThis): 'Node' | 'web worker' {
  const proc = (scope as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string' ? 'Node' : 'web worker';
}

/**
 * The activation line of the log, e.g. "activated in the web worker extension host (vscode.env.uiKind Web, no
 * process)". `uiKind` is the name of vscode.env.uiKind ('Desktop' or 'Web'); `scope` the global scope to inspect.
 */
export function activationLine(uiKind: string, scope: object = globalThis): string {
  const proc = 'process' in scope ? 'process present' : 'no process';
  return `activated in the ${hostKind(scope)} extension host (vscode.env.uiKind ${uiKind}, ${proc})`;
}
