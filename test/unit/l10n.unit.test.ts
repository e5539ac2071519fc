// Simplified Chinese (issue 14 part 3): the manifest's %keys% resolve in English and zh-cn, the zh-cn bundle holds
// exactly the strings the source marks (host: vscode.l10n.t / @vscode/l10n; views: shared/l10n's t), translations keep
// their placeholders and use the book's terms, the init message carries the bundle, and the views' t() falls back
// to English.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as v from 'valibot';
import { InitMessageSchema, ToWebviewSchema } from '../../src/protocol/messages';
import { language, setL10n, t } from '../../webview-ui/shared/l10n';
import { hostStrings, root, viewStrings } from './helpers/l10n-strings';

const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, path), 'utf8'));
const manifest = json('package.json');
const nlsEn = json('package.nls.json') as Record<string, string>;
const nlsZh = json('package.nls.zh-cn.json') as Record<string, string>;
const bundle = json('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;

/** Every `%key%` string anywhere in package.json (titles, categories, descriptions, view names …). */
function manifestKeys(node: unknown, out = new Set<string>()): Set<string> {
  if (typeof node === 'string') {
    const m = /^%(.+)%$/.exec(node);
    if (m) out.add(m[1]);
  } else if (Array.isArray(node)) node.forEach((n) => manifestKeys(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((n) => manifestKeys(n, out));
  return out;
}

/** The `{0}`, `{1}` … of a message, sorted. */
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

describe('manifest: package.nls.json (English) and package.nls.zh-cn.json', () => {
  const keys = manifestKeys(manifest);

  test('package.json uses %keys% for every command title and category, the views and the settings', () => {
    const contributes = manifest.contributes as {
      commands: Array<{ command: string; title: string; category?: string }>;
      configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> };
      views: Record<string, Array<{ name: string }>>;
    };
    for (const c of contributes.commands) {
      assert.equal(c.title, `%command.${c.command}.title%`, `${c.command}: title is not %command.<id>.title%`);
      assert.equal(c.category, '%command.category%', `${c.command}: category`);
    }
    for (const [name, p] of Object.entries(contributes.configuration.properties))
      assert.equal(p.description ?? p.markdownDescription, `%configuration.${name}.description%`, name);
    for (const view of Object.values(contributes.views).flat()) assert.match(view.name, /^%.+%$/);
  });

  test(`every %key% of package.json (${keys.size}) is in both files, as a non-empty string`, () => {
    for (const [file, nls] of [
      ['package.nls.json', nlsEn],
      ['package.nls.zh-cn.json', nlsZh],
    ] as const) {
      const missing = [...keys].filter((k) => typeof nls[k] !== 'string' || nls[k] === '');
      assert.deepEqual(missing, [], `${file} lacks ${missing.join(', ')}`);
    }
  });

  test('both files hold no key package.json does not use', () => {
    for (const [file, nls] of [
      ['package.nls.json', nlsEn],
      ['package.nls.zh-cn.json', nlsZh],
    ] as const) {
      const dead = Object.keys(nls).filter((k) => !keys.has(k));
      assert.deepEqual(dead, [], `${file} has unused keys ${dead.join(', ')}`);
    }
  });

  test('the Chinese command titles use the book terms (互相关运算, 卷积核, 边缘检测)', () => {
    assert.equal(nlsZh['command.conv2d.stepCrossCorrelation.title'], '逐步演示互相关运算');
    assert.equal(nlsZh['command.conv2d.learnKernel.title'], '学习卷积核');
    assert.equal(nlsZh['command.conv2d.detectEdges.title'], '边缘检测');
  });
});

describe('l10n/bundle.l10n.zh-cn.json against the strings the source marks', async () => {
  const host = await hostStrings();
  const views = viewStrings();
  const marked = new Set([...host, ...views.strings]);

  test(`the source marks strings in the host (${host.size}) and in the views (${views.strings.size})`, () => {
    // Spot checks that the extraction sees both kinds of call (a silent extractor would pass the tests below).
    assert.ok(host.has('Step cross-correlation with this as X'), 'the hover link title (l10n.t in markdown.ts)');
    assert.ok(host.has('Detect Edges'), 'the panel title (vscode.l10n.t in panel.ts)');
    assert.ok(views.strings.has('Kernel K (edit any cell)'), "Detect Edges' heading (t in webview-ui)");
    assert.ok(views.strings.has('Loss per step'), "Learn Kernel's heading");
  });

  test('every t() of a view has a literal message (a computed one could never be translated)', () => {
    assert.deepEqual(views.unmarkable, []);
  });

  test('no dead keys: every key of the zh-cn bundle is a string the source marks', () => {
    const dead = Object.keys(bundle).filter((k) => !marked.has(k));
    assert.deepEqual(dead, []);
  });

  test('no missing keys: every marked string has a zh-cn translation', () => {
    const missing = [...marked].filter((k) => typeof bundle[k] !== 'string' || bundle[k] === '');
    assert.deepEqual(missing, []);
  });

  test('every translation keeps its message’s placeholders {0}, {1} …', () => {
    const wrong = Object.entries(bundle).filter(([k, zh]) => placeholders(k).join() !== placeholders(zh).join());
    assert.deepEqual(wrong, []);
  });

  test('translations carry no untranslated English sentence (each has Chinese characters or is a formula)', () => {
    const english = Object.entries(bundle).filter(
      ([, zh]) => !/[\u4e00-\u9fff]/.test(zh) && /[a-z]{4,} [a-z]{3,}/.test(zh),
    );
    assert.deepEqual(english, []);
  });
});

describe("translations use the book's terms (the Chinese TF2 port of d2l §5.1)", () => {
  // English term (as a word in the message) → the term of the Chinese book.
  const GLOSSARY: Array<[RegExp, string]> = [
    [/cross-correlation/i, '互相关运算'],
    [/transposed convolution/i, '转置卷积'],
    [/feature map/i, '特征图'],
    [/\bkernels?\b/i, '卷积核'],
    [/\bpadding\b/i, '填充'],
    [/\bstride\b/i, '步幅'],
    [/\bbias\b/i, '偏差'],
    [/\bchannels?\b/i, '通道'],
    [/\bloss\b/i, '损失'],
    [/\bedges?\b/i, '边缘'],
  ];
  // The book's own section title names the kernel array 核数组 (§5.1.4 "通过数据学习核数组"), quoted as published.
  const QUOTES_BOOK_TITLE = new Set([
    'Plain gradient descent on the summed squared error L = Σ(corr2d(X, K) + b − Y)², Y = corr2d(X, target) (Dive into Deep Learning §7.2.4 “Learning a Kernel”).',
  ]);
  for (const [term, zh] of GLOSSARY) {
    const uses = [...Object.entries(bundle), ...Object.entries(nlsZh).map(([k, s]) => [nlsEn[k], s] as const)].filter(
      ([en]) => term.test(en) && !QUOTES_BOOK_TITLE.has(en),
    );
    const word = term.source.replace(/\\b|s\?/g, '');
    test(`${word} → ${zh} (${uses.length} messages)`, () => {
      assert.ok(uses.length > 0, `no message uses ${term.source}`);
      const off = uses.filter(([, s]) => !s.includes(zh));
      assert.deepEqual(off, []);
    });
  }

  test('lr and learning rate → 学习率, Input/Output → 输入/输出', () => {
    assert.equal(bundle['lr'], '学习率');
    assert.match(bundle['Input X'], /^输入/);
    assert.match(bundle['Output Y'], /^输出/);
  });
});

describe('the views’ t(): bundle lookup, English as key and fallback', () => {
  test('before init: English, placeholders filled in order', () => {
    setL10n(undefined);
    assert.equal(language(), 'en');
    assert.equal(t('Kernel K'), 'Kernel K');
    assert.equal(t('Y: {0} · min {1} · max {2}', '4×7', -1, 1), 'Y: 4×7 · min -1 · max 1');
  });

  test('zh-cn bundle: the translation, with placeholders in its own order', () => {
    setL10n({ language: 'zh-cn', bundle });
    assert.equal(language(), 'zh-cn');
    assert.equal(t('Kernel K (edit any cell)'), '卷积核 K（可编辑任一单元格）');
    assert.equal(t('Output Y{0} (channel {1} of {2})', '₁', 1, 2), '输出 Y₁（第 1 个通道，共 2 个）');
  });

  test('a message the bundle lacks shows in English; a placeholder without an argument stays as written', () => {
    setL10n({ language: 'zh-cn', bundle });
    assert.equal(t('No such message {0} {1}', 'x'), 'No such message x {1}');
    assert.equal(t('{0} and {0}', 'a'), 'a and a');
    setL10n(undefined);
  });
});

describe('protocol: init carries the display language and its bundle, validated', () => {
  const init = { type: 'init', view: 'edges', backend: 'auto' } as const;

  test('init with l10n {language: zh-cn, bundle} passes; without l10n too (English)', () => {
    assert.ok(v.safeParse(ToWebviewSchema, { ...init, l10n: { language: 'zh-cn', bundle } }).success);
    assert.ok(v.safeParse(InitMessageSchema, init).success);
  });

  test('a bundle value that is not a string, a missing language, or a 2001-entry bundle is refused', () => {
    assert.equal(
      v.safeParse(InitMessageSchema, { ...init, l10n: { language: 'zh-cn', bundle: { a: 1 } } }).success,
      false,
    );
    assert.equal(v.safeParse(InitMessageSchema, { ...init, l10n: { bundle: {} } }).success, false);
    const huge = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`m${i}`, 'x']));
    assert.equal(v.safeParse(InitMessageSchema, { ...init, l10n: { language: 'zh-cn', bundle: huge } }).success, false);
  });
});
