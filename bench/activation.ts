// Goal 5: activation time with a stub `vscode` module, tfjs absent from the host bundle, webview bundle sizes. Builds
// production bundles like `npm run build:production` (same esbuild options) into a temporary folder, so dist/ of the
// shared checkout is left alone.

import { buildSync } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

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
  ];
  return Object.fromEntries(names.map((n) => [n, proxy]));
}

export interface ActivationResult {
  activateMs: number[];
  hasTfjs: boolean;
  hostKB: number;
  webviewKB: Record<string, number>;
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
    const views = readdirSync(join(root, 'webview-ui'), { withFileTypes: true }).filter(
      (d) => d.isDirectory() && existsSync(join(root, 'webview-ui', d.name, 'main.ts')),
    );
    buildSync({
      entryPoints: views.map((d) => ({ in: join(root, 'webview-ui', d.name, 'main.ts'), out: d.name })),
      outdir: join(dir, 'webview'),
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      loader: { '.css': 'text' },
      legalComments: 'none',
      logLevel: 'silent',
    });
    const host = readFileSync(join(dir, 'extension.js'), 'utf8');
    const webviewKB: Record<string, number> = {};
    for (const f of readdirSync(join(dir, 'webview')).filter((f) => f.endsWith('.js'))) {
      webviewKB[f] = statSync(join(dir, 'webview', f)).size / 1000;
    }
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
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
