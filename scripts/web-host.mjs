// esbuild options of the extension host's web worker bundle (package.json "browser"), shared by scripts/build.mjs and
// the unit test that builds it in memory (test/unit/web-host.unit.test.ts).
import { join } from 'node:path';

/**
 * The web extension host runs extensions as web workers: CommonJS with `vscode` provided by the host, no Node
 * built-ins (https://code.visualstudio.com/api/extension-guides/web-extensions). With platform 'browser' esbuild
 * refuses to bundle a `node:*` import instead of leaving it to fail at run time, so the build itself is the check.
 * `mainFields` puts a package's browser build first, as the guide's webpack configuration does.
 */
export function webHostOptions(root) {
  return {
    bundle: true,
    entryPoints: [join(root, 'src/extension/extension.ts')],
    outfile: join(root, 'dist/web/extension.js'),
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    external: ['vscode'],
  };
}
