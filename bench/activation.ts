// Goal 5: activation time with a stub `vscode` module, tfjs absent from the host bundle, webview bundle sizes. Builds
// production bundles like `npm run build:production` (same esbuild options) into a temporary folder, so dist/ of the
// shared checkout is left alone.

import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { webviewOptions } from '../scripts/webview-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A `vscode` stand-in: every property is a callable, constructible object returning another such object. */
function stub(): unknown {
  const handler: ProxyHandler<() => void> = {
    get: (_t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : proxy),
    apply: () => proxy,
    construct: () => proxy as object,
  };
  const proxy: unknown = new Proxy(function () {}, handler);
  // esbuild's CommonJS interop copies the module's own keys: list the namespaces the host touches at activation.
  const names = [
    'commands',
    'window',
    'workspace',
    'languages',
    'env',
    'extensions',
    'l10n',
    'Uri',
    'EventEmitter',
    'MarkdownString',
    'Hover',
    'Range',
    'Position',
    'Selection',
    'Disposable',
    'ViewColumn',
    'ThemeIcon',
    'ThemeColor',
    'StatusBarAlignment',
    'ConfigurationTarget',
    'ProgressLocation',
    'RelativePattern',
    'TreeItem',
    'FileType',
    'UIKind',
    'debug',
    'TextEditorRevealType',
  ];
  return Object.fromEntries(names.map((n) => [n, proxy]));
}

export interface ActivationResult {
  activateMs: number[];
  hasTfjs: boolean;
  hostKB: number;
  /** Per view: kB its page loads (entry + shared chunks). */
  webviewKB: Record<string, number>;
  /** kB of all webview scripts together (entries + chunks, each counted once). */
  totalWebviewKB: number;
  /** Script files that contain TensorFlow.js's kernel registry (1 when the views share one copy). */
  tfjsCopies: number;
}

export function activation(): ActivationResult {
  const dir = mkdtempSync(join(tmpdir(), 'conv2d-activation-'));
  try {
    buildSync({
      entryPoints: [join(root, 'src/extension/extension.ts')],
      outfile: join(dir, 'extension.js'),
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      legalComments: 'none',
      logLevel: 'silent',
    });
    const web = buildSync({
      ...webviewOptions(root, join(dir, 'webview')),
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const host = readFileSync(join(dir, 'extension.js'), 'utf8');
    // Per view: what its page loads (its entry and every chunk imported from it, transitively); and all files.
    const outs = web.metafile.outputs;
    const loaded = (file: string, seen = new Set<string>()): number => {
      if (seen.has(file)) return 0;
      seen.add(file);
      const imports = outs[file].imports.filter((i) => i.kind === 'import-statement');
      return outs[file].bytes + imports.reduce((s, i) => s + loaded(i.path, seen), 0);
    };
    const webviewKB: Record<string, number> = {};
    for (const [file, o] of Object.entries(outs))
      if (o.entryPoint) webviewKB[file.split('/').pop()!] = loaded(file) / 1000;
    const totalWebviewKB = Object.values(outs).reduce((s, o) => s + o.bytes, 0) / 1000;
    const tfjsCopies = Object.keys(outs).filter((f) =>
      /registerKernel\(|tfjs-core/.test(readFileSync(f, 'utf8')),
    ).length;
    const activateMs: number[] = [];
    const vscode = stub();
    const M = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
    const load = M._load;
    M._load = (req: string, ...rest: unknown[]) => (req === 'vscode' ? vscode : load(req, ...rest));
    try {
      const req = createRequire(join(dir, 'extension.js'));
      for (let r = 0; r < 5; r++) {
        const file = req.resolve(join(dir, 'extension.js'));
        delete req.cache[file];
        const t0 = performance.now();
        const ext = req(file) as { activate(ctx: unknown): unknown };
        const subscriptions: unknown[] = [];
        ext.activate({
          subscriptions,
          extensionUri: vscode,
          extensionPath: root,
          globalState: vscode,
          workspaceState: vscode,
          extension: vscode,
        });
        activateMs.push(performance.now() - t0);
      }
    } finally {
      M._load = load;
    }
    return {
      activateMs,
      hasTfjs: /registerKernel|Conv2DBackpropFilter|tfjs-core/.test(host),
      hostKB: host.length / 1000,
      webviewKB,
      totalWebviewKB,
      tfjsCopies,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
