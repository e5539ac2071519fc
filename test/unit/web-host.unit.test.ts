// The web extension (issue 14, item 1): the host's web worker bundle builds for the browser platform with only
// `vscode` left outside it, a `node:*` import makes that build fail (so the build is the check), package.json has
// both entries and the capabilities vscode.dev asks for, the activation line names the host, base64 matches Node's
// Buffer, and the web-only .vsix variant of the end-to-end tier drops "main" and nothing else.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { webHostOptions } from '../../scripts/web-host.mjs';
import { bytesToBase64 } from '../../src/extension/base64';
import { activationLine, hostKind } from '../../src/extension/host';
import { mulberry32 } from '../../src/core/random';
import { vsixContents, webOnlyVsix } from '../helpers/web-vsix';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The web host bundle built in memory: its text and what it imports from outside. */
async function buildWebHost(): Promise<{ code: string; externals: string[]; inputs: string[] }> {
  const r = await esbuild.build({
    ...webHostOptions(root),
    absWorkingDir: root,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const out = Object.values(r.metafile.outputs)[0];
  return {
    code: r.outputFiles[0].text,
    externals: [...new Set(out.imports.filter((i) => i.external).map((i) => i.path))],
    inputs: Object.keys(r.metafile.inputs),
  };
}

describe('web worker bundle of the extension host (platform browser, cjs)', () => {
  test('builds; the only external import is vscode; no input is a Node built-in', async () => {
    const { code, externals, inputs } = await buildWebHost();
    assert.deepEqual(externals, ['vscode']);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    assert.deepEqual(
      inputs.filter((i) => builtins.has(i)),
      [],
    );
    assert.deepEqual([...new Set(code.match(/require\("[^"]*"\)/g))], ['require("vscode")']);
    assert.ok(!inputs.some((i) => i.includes('node_modules/pngjs/')), 'pngjs (zlib, Buffer) is not bundled');
    assert.ok(inputs.includes('src/extension/hover/heatmap.ts'), 'the heat map encoder is inside the bundle');
  });

  test('a node:crypto import fails the build (the check the build relies on)', async () => {
    const failed = await esbuild
      .build({
        ...webHostOptions(root),
        entryPoints: undefined,
        stdin: { contents: "import { randomBytes } from 'node:crypto'; randomBytes(1);", resolveDir: root },
        write: false,
        logLevel: 'silent',
      })
      .then(
        () => undefined,
        (e: esbuild.BuildFailure) => e.errors.map((m) => m.text).join('\n'),
      );
    assert.match(failed ?? 'built', /node:crypto/);
  });
});

describe('package.json: both entries, and the capabilities vscode.dev checks', () => {
  test('"main" is the Node bundle, "browser" the web worker bundle build.mjs writes', () => {
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.browser, `./${relative(root, webHostOptions(root).outfile)}`);
  });
  test('virtual workspaces and untrusted workspaces supported; no extensionKind forcing one host', () => {
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.extensionKind, undefined);
  });
  test('.vscodeignore keeps the web bundle in the .vsix', () => {
    const lines = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(lines.includes(`!${relative(root, webHostOptions(root).outfile)}`), lines.join(' | '));
  });
});

describe('activation line', () => {
  test('Node: "activated in the Node extension host (vscode.env.uiKind Desktop, process present)"', () => {
    assert.equal(hostKind(), 'Node');
    assert.equal(
      activationLine('Desktop'),
      'activated in the Node extension host (vscode.env.uiKind Desktop, process present)',
    );
  });
  test('a scope without process (a web worker): "web worker … no process"', () => {
    const worker = { self: {}, postMessage: () => undefined };
    assert.equal(hostKind(worker), 'web worker');
    assert.equal(
      activationLine('Web', worker),
      'activated in the web worker extension host (vscode.env.uiKind Web, no process)',
    );
  });
  test('a process without versions.node (a polyfill) is not Node', () => {
    assert.equal(hostKind({ process: { env: {} } }), 'web worker');
    assert.match(activationLine('Web', { process: {} }), /web worker .* process present/);
  });
});

describe('bytesToBase64 against Node Buffer', () => {
  const rand = mulberry32(14);
  for (const n of [0, 1, 2, 3, 16, 255, 0x8000 - 1, 0x8000, 0x8000 + 1, 100_003]) {
    test(`${n} random bytes (seed 14)`, () => {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
      assert.equal(bytesToBase64(bytes), Buffer.from(bytes).toString('base64'));
    });
  }
});

describe('webOnlyVsix: the package the end-to-end tier installs', () => {
  const xml =
    '<Properties><Property Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace,web" /></Properties>';
  const files = {
    'extension.vsixmanifest': strToU8(xml),
    'extension/package.json': strToU8(
      JSON.stringify({ name: 'x', main: './dist/extension.js', browser: './dist/web/extension.js' }),
    ),
    'extension/dist/extension.js': strToU8('node'),
    'extension/dist/web/extension.js': strToU8('web'),
  };
  test('drops "main", keeps "browser" and every file byte for byte; ExtensionKind becomes "web"', () => {
    const out = unzipSync(webOnlyVsix(zipSync(files)));
    assert.deepEqual(Object.keys(out).sort(), Object.keys(files).sort());
    assert.deepEqual(JSON.parse(strFromU8(out['extension/package.json'])), {
      name: 'x',
      browser: './dist/web/extension.js',
    });
    assert.equal(strFromU8(out['extension/dist/web/extension.js']), 'web');
    assert.equal(strFromU8(out['extension/dist/extension.js']), 'node');
    assert.match(strFromU8(out['extension.vsixmanifest']), /ExtensionKind" Value="web"/);
    assert.deepEqual(vsixContents(webOnlyVsix(zipSync(files))).manifest, {
      name: 'x',
      browser: './dist/web/extension.js',
    });
  });
  test('no "browser" entry: throws naming it', () => {
    const noBrowser = { ...files, 'extension/package.json': strToU8('{"main":"./dist/extension.js"}') };
    assert.throws(() => webOnlyVsix(zipSync(noBrowser)), /has no "browser" entry/);
  });
  test('"browser" names a file the package lacks: throws naming the path', () => {
    const { ['extension/dist/web/extension.js']: _gone, ...rest } = files;
    assert.throws(() => webOnlyVsix(zipSync(rest)), /\.\/dist\/web\/extension\.js is not in the package/);
  });
});
