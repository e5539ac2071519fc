// The package as the Marketplace sees it: the manifest's publish fields, the icon, the CHANGELOG, the README's images,
// and what `vsce ls` would pack (only what the installed extension reads, and the Marketplace's texts). The packed
// size (< 2 MB) is checked where the .vsix is packed with the production build: test/e2e/walkthrough.e2e.test.ts.
// Needs `npm run build` first (dist/ is what vsce lists).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'fast-png';

const ROOT = join(import.meta.dirname, '..', '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/**
 * The Marketplace's categories (code.visualstudio.com/api/references/extension-manifest, "categories"); vsce does
 * not check them, the Marketplace refuses others.
 */
const CATEGORIES = new Set([
  'Programming Languages',
  'Snippets',
  'Linters',
  'Themes',
  'Debuggers',
  'Formatters',
  'Keymaps',
  'SCM Providers',
  'Other',
  'Extension Packs',
  'Language Packs',
  'Data Science',
  'Machine Learning',
  'Visualization',
  'Notebooks',
  'Education',
  'Testing',
  'AI',
  'Chat',
]);

/** `vsce ls` with the flags `npm run package` uses: the files the .vsix would hold, one a line. */
function vsceList(): string[] {
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

describe('manifest publish fields', () => {
  test('publisher conv2d-lens, name conv2d-lens, version semver, MIT with a LICENSE file', () => {
    assert.equal(PKG.publisher, 'conv2d-lens');
    assert.equal(PKG.name, 'conv2d-lens');
    assert.match(PKG.version, /^\d+\.\d+\.\d+$/);
    assert.equal(PKG.license, 'MIT');
    assert.ok(existsSync(join(ROOT, 'LICENSE')));
    assert.ok(PKG.displayName && PKG.description.length <= 200, 'displayName, a description of at most 200 characters');
  });

  test('categories Education, Visualization, Machine Learning, all allowed by the Marketplace', () => {
    for (const c of ['Education', 'Visualization', 'Machine Learning']) assert.ok(PKG.categories.includes(c), c);
    for (const c of PKG.categories) assert.ok(CATEGORIES.has(c), `"${c}" is no Marketplace category`);
  });

  test('keywords: at most 30 (vsce refuses more), convolution terms among them, no duplicates', () => {
    const k: string[] = PKG.keywords;
    assert.ok(k.length > 0 && k.length <= 30, `${k.length} keywords`);
    assert.equal(new Set(k).size, k.length);
    for (const w of ['convolution', 'cross-correlation', 'kernel']) assert.ok(k.includes(w), w);
  });

  test('repository, bugs and homepage name the same GitHub repository, publisher/name', () => {
    const repo = `https://github.com/${PKG.publisher}/${PKG.name}`;
    assert.deepEqual(PKG.repository, { type: 'git', url: `${repo}.git` });
    assert.deepEqual(PKG.bugs, { url: `${repo}/issues` });
    assert.equal(PKG.homepage, `${repo}#readme`);
  });

  test('icon: media/icon.png, a 128×128 RGBA PNG; the banner colour is a #rrggbb', () => {
    assert.equal(PKG.icon, 'media/icon.png');
    const png = decode(readFileSync(join(ROOT, PKG.icon)));
    assert.deepEqual([png.width, png.height, png.channels], [128, 128, 4]);
    assert.match(PKG.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(PKG.galleryBanner.theme));
  });

  test('CHANGELOG.md has a section for the manifest version', () => {
    const log = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    assert.match(log, new RegExp(`^## \\[?${PKG.version.replace(/\./g, '\\.')}\\]?`, 'm'));
  });
});

describe('README for the Marketplace', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);

  test('keeps its first lines: the title and the two commands', () => {
    assert.deepEqual(readme.split('\n').slice(0, 5), [
      '# Conv2D Lens',
      '',
      '```sh',
      'npm ci && npm start',
      'npm ci && npm test',
    ]);
  });

  test('shows Step, Detect Edges, Learn Kernel, the hover and the sidebar in light and dark, and the Step GIF', () => {
    for (const view of ['step', 'edges', 'learn', 'hover', 'sidebar'])
      for (const theme of ['light', 'dark'])
        assert.ok(
          images.some((i) => i.endsWith(`/${view}-${theme}.png`)),
          `${view}-${theme}.png in ${images.join(', ')}`,
        );
    assert.ok(images.includes('docs/images/step.gif'));
  });

  test('every image is a relative path to a committed PNG or GIF (vsce rewrites it to the repository), GIF < 1 MB', () => {
    assert.ok(images.length >= 11);
    for (const i of images) {
      assert.doesNotMatch(i, /^(https?:|\/)/, `${i}: relative, so GitHub and the Marketplace both find it`);
      assert.match(i, /\.(png|gif)$/, `${i}: vsce refuses SVG images`);
      assert.ok(existsSync(join(ROOT, i)), `${i} exists`);
    }
    assert.ok(statSync(join(ROOT, 'docs', 'images', 'step.gif')).size < 1_000_000);
  });
});

describe('vsce ls: what the .vsix holds', () => {
  const files = vsceList();

  test('the host bundle, every webview bundle and stylesheet, the icon and the Marketplace texts', () => {
    for (const f of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist/extension.js',
      'media/icon.png',
      'media/icon.svg',
      'media/webview.css',
    ])
      assert.ok(files.includes(f), `${f} is packed`);
    for (const view of ['step', 'edges', 'learn', 'sidebar'])
      for (const ext of ['js', 'css']) assert.ok(files.includes(`dist/webview/${view}.${ext}`), `${view}.${ext}`);
  });

  test('what the walkthrough opens and shows: demo/d2l_conv.py, demo/images/coins.png, every step image', () => {
    assert.ok(files.includes('demo/d2l_conv.py'));
    assert.ok(files.includes('demo/images/coins.png'));
    for (const step of PKG.contributes.walkthroughs[0].steps)
      for (const path of Object.values(step.media.image as Record<string, string>))
        assert.ok(files.includes(path), `${path} is packed`);
  });

  test('no sources, tests, benchmarks, scripts, source maps, README screenshots or other demo files', () => {
    const allowed = [
      /^(package\.json|README\.md|CHANGELOG\.md|LICENSE)$/,
      /^dist\/(web\/)?extension\.js$/,
      /^package\.nls(\.[a-z-]+)?\.json$/,
      /^l10n\/bundle\.l10n\.[a-z-]+\.json$/,
      /^dist\/webview\/(chunks\/)?[\w-]+\.(js|css)$/,
      /^dist\/webview\/assets\/codicon\.(ttf|css)$/,
      /^media\/(icon\.(png|svg)|webview\.css|walkthrough\/[a-z]+-(light|dark)\.png)$/,
      /^demo\/(d2l_conv\.py|images\/coins\.png)$/,
    ];
    for (const f of files)
      assert.ok(
        allowed.some((re) => re.test(f)),
        `${f} should not be packed`,
      );
    for (const f of files) assert.doesNotMatch(f, /^(src|test|bench|scripts|docs|webview-ui|node_modules)\/|\.map$/);
  });
});
