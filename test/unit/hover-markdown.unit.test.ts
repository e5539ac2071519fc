import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { corr2dReference } from '../../src/core/reference';
import { linesOf, parseLiteral, type NumericLiteral } from '../../src/core/literal';
import { heatMap, pixelSize } from '../../src/extension/hover/heatmap';
import { parseColour } from '../../src/core/colour-scale';
import { escapeMarkdown, legend, renderLiteral, table } from '../../src/extension/hover/markdown';
import {
  documentSyntax,
  HOVER_LANGUAGES,
  hoverAt,
  MATLAB_AS_OBJECTIVE_C,
  syntaxFor,
} from '../../src/extension/hover/pipeline';

const OPTS = { maxElements: 10_000 };

function parsed(text: string): NumericLiteral {
  const r = parseLiteral(text);
  assert.ok(r.ok);
  return r;
}

/** Command links of a markdown string: [title, command, decoded argument]. */
function links(markdown: string): [string, string, unknown][] {
  return [...markdown.matchAll(/\[([^\]]+)\]\(command:([\w.]+)\?([^)]*)\)/g)].map((m) => [
    m[1],
    m[2],
    JSON.parse(decodeURIComponent(m[3]))[0],
  ]);
}

function decodePng(markdown: string): PNG {
  const m = /!\[[^\]]*\]\(data:image\/png;base64,([A-Za-z0-9+/=]+)\)/.exec(markdown);
  assert.ok(m, 'no PNG data URI in the markdown');
  return PNG.sync.read(Buffer.from(m[1], 'base64'));
}

describe('renderLiteral', () => {
  const md = renderLiteral(parsed('np.array([[0, 1, 2], [3, 4, 5]], dtype=np.float32)'), OPTS);
  test('command links come first, with { X } / { K } as the single argument', () => {
    assert.ok(md.startsWith('[Step cross-correlation with this as X](command:conv2d.stepCrossCorrelation?'));
    const M = [
      [0, 1, 2],
      [3, 4, 5],
    ];
    assert.deepEqual(links(md), [
      ['Step cross-correlation with this as X', 'conv2d.stepCrossCorrelation', { X: M }],
      ['Step cross-correlation with this as kernel K', 'conv2d.stepCrossCorrelation', { K: M }],
      ['Detect edges with this kernel', 'conv2d.detectEdges', { K: M }],
      ['Learn this kernel', 'conv2d.learnKernel', { K: M }],
    ]);
  });
  test('shape, wrapper and dtype; values as a Markdown table', () => {
    assert.match(md, /\*\*matrix 2×3\*\* · `np\.array` · dtype `np\.float32`/);
    assert.ok(md.includes('| **0** | │ | 0 | 1 | 2 |\n| **1** | │ | 3 | 4 | 5 |'), md);
  });
  test('heat map: a PNG of whole-pixel cells, sequential (viridis) without negatives', () => {
    const png = decodePng(md);
    assert.deepEqual([png.width, png.height], [63, 42]);
    const pixel = (x: number, y: number) => [
      ...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3),
    ];
    assert.deepEqual(pixel(0, 0), parseColour('#440154'));
    assert.deepEqual(pixel(62, 41), parseColour('#fde725'));
  });
  test('diverging scale centred on 0 with negatives: -1 blue, 0 white-ish, +1 red', () => {
    const png = decodePng(renderLiteral(parsed('[[-1, 0, 1]]'), OPTS));
    const px = (x: number) => [...png.data.subarray(x * 4, x * 4 + 3)];
    const [neg, zero, pos] = [px(0), px(Math.floor(png.width / 2)), px(png.width - 1)];
    assert.ok(neg[2] > neg[0] && pos[0] > pos[2], `blue ${neg}, red ${pos}`);
    assert.ok(Math.min(...zero) > 230, `zero is ${zero}`);
  });
  test('vector [1, -1] → links carry it as a 1×2 matrix', () => {
    const v = renderLiteral(parsed('[1, -1]'), OPTS);
    assert.match(v, /\*\*vector 2\*\* \(2 elements\)/);
    assert.deepEqual(links(v)[0][2], { X: [[1, -1]] });
  });
  test('3-D arrays: two slices shown; links step them as channels X, or as the kernels of one output channel', () => {
    const v = renderLiteral(parsed('[[[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 9], [9, 9]]]'), OPTS);
    assert.match(v, /\*\*3-D array 3×2×2\*\* \(3 slices of 2×2\)/);
    assert.ok(v.includes('slice 1:') && v.includes('… 1 more slices'));
    const values = [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
      [
        [9, 9],
        [9, 9],
      ],
    ];
    assert.deepEqual(
      links(v).map(([title, command, arg]) => [title.replace(/\\/g, ''), command, arg]),
      [
        ['Step cross-correlation with these channels as X', 'conv2d.stepCrossCorrelation', { X: values }],
        ['Step with these as the kernels K of one output channel', 'conv2d.stepCrossCorrelation', { K: values }],
      ],
    );
  });
  test('3-D array 3×3×4: a third link learns a kernel over these channels (Learn Kernel colour); 9×3×3 gets none', () => {
    const values = [0, 1, 2].map((c) => [0, 1, 2].map((r) => [0, 1, 2, 3].map((k) => c * 12 + r * 4 + k)));
    const v = renderLiteral(parsed(JSON.stringify(values)), OPTS);
    assert.deepEqual(
      links(v).map(([title, command, arg]) => [title.replace(/\\/g, ''), command, arg]),
      [
        ['Step cross-correlation with these channels as X', 'conv2d.stepCrossCorrelation', { X: values }],
        ['Step with these as the kernels K of one output channel', 'conv2d.stepCrossCorrelation', { K: values }],
        ['Learn a kernel over these channels (as X)', 'conv2d.learnKernel', { X: values }],
      ],
    );
    const nine = Array.from({ length: 9 }, () => values[0].map((row) => row.slice(0, 3)));
    const titles = links(renderLiteral(parsed(JSON.stringify(nine)), OPTS)).map(([t]) => t);
    assert.ok(!titles.some((t) => t.startsWith('Learn')), `no Learn link on 9 channels: ${titles.join(', ')}`);
  });
  test('problems: the message, escaped, and no links', () => {
    const ragged = renderLiteral(parseLiteral('[[2, 3, 4.0, 5], [2, 3, 41, 5, 4, 2, 2]]'), OPTS);
    assert.equal(ragged, '**Not a matrix**: ragged: row 0 has 4 elements, row 1 has 7');
    const nan = renderLiteral(parseLiteral('[[1, [a](command:x)], [2, 3]]'), OPTS);
    assert.ok(!nan.includes('](command:'), nan);
  });
  test('[[1, 1e400], [2, 3]] → "too large … beyond float64", no links, no table', () => {
    for (const text of ['[[1, 1e400], [2, 3]]', '[[1, -1e400], [2, 3]]']) {
      const md = renderLiteral(parseLiteral(text), OPTS);
      const entry = text.includes('-1e400') ? '\\-1e400' : '1e400';
      assert.equal(md, `**Not a matrix**: too large: "${entry}" at row 0, column 1 is beyond float64`);
      assert.equal(links(md).length, 0);
    }
  });
  test('hover on 1e400 inside code: the problem, not Infinity', () => {
    const h = hoverAt(
      linesOf('t = [[1e400, 1], [2, 3]]'),
      { line: 0, character: 7 },
      { syntax: 'nested', maxElements: 10_000 },
    );
    assert.ok(h);
    assert.ok(
      h.markdown.includes('too large') && !h.markdown.includes('Infinity') && !h.markdown.includes('](command:'),
      h.markdown,
    );
  });
  test('a matrix of zeros: the legend says "all zeros", not "0 … 0"', () => {
    const md = renderLiteral(parsed('[[0, 0], [0, 0]]'), OPTS);
    assert.ok(md.includes(')  \nall zeros\n\n|') && !md.includes('0 … 0'), md);
    assert.ok(md.indexOf('data:image/png') < md.indexOf('| **0** |'), 'the heat map comes before the table');
  });
  test('above conv2d.hover.maxElements: shape, and links that name the literal for each panel that takes it, no values', () => {
    const big = renderLiteral(parsed('[[1, 2, 3], [4, 5, 6]]'), {
      maxElements: 4,
      anchor: { uri: 'file:///a.py', line: 3, character: 4 },
    });
    assert.match(big, /\*\*matrix 2×3\*\*/);
    assert.match(big, /6 elements, more than `conv2d\.hover\.maxElements` \(4\)/);
    const at = { uri: 'file:///a.py', line: 3, character: 4 };
    assert.deepEqual(links(big), [
      [
        'Step cross\\-correlation with this as X',
        'conv2d.hover.openLiteral',
        { ...at, command: 'conv2d.stepCrossCorrelation', role: 'X' },
      ],
      [
        'Step cross\\-correlation with this as kernel K',
        'conv2d.hover.openLiteral',
        { ...at, command: 'conv2d.stepCrossCorrelation', role: 'K' },
      ],
      [
        'Detect edges with this kernel',
        'conv2d.hover.openLiteral',
        { ...at, command: 'conv2d.detectEdges', role: 'K' },
      ],
      ['Learn this kernel', 'conv2d.hover.openLiteral', { ...at, command: 'conv2d.learnKernel', role: 'K' }],
    ]);
    assert.ok(!big.includes('data:image'));
  });
});

describe("large literals stay far below VS Code's 100 000-character markdown limit", () => {
  const rows = Array.from(
    { length: 100 },
    (_, r) => `[${Array.from({ length: 100 }, (_, c) => ((r * 7 + c * 13) % 17) / 3 - 2.5).join(', ')}]`,
  );
  const text = `X = [${rows.join(',\n')}]`;
  const found = hoverAt(
    linesOf(text),
    { line: 50, character: 10 },
    { syntax: 'nested', maxElements: 10_000, uri: 'file:///x.py' },
  );
  test('100×100: table cut to 6×6 with ellipses, 64×64 heat map, links by position', () => {
    assert.ok(found);
    assert.ok(found.markdown.length < 30_000, `${found.markdown.length} characters`);
    assert.match(found.markdown, /\*\*matrix 100×100\*\*/);
    assert.ok(
      found.markdown.includes('| **5** | │ |') &&
        !found.markdown.includes('| **6** | │ |') &&
        found.markdown.includes('| … | │ |'),
    );
    const png = decodePng(found.markdown);
    assert.deepEqual([png.width, png.height], [64, 64]);
    assert.ok(links(found.markdown).every(([, command]) => command === 'conv2d.hover.openLiteral'));
  });
});

describe('helpers', () => {
  test('pixelSize: 2×3 → 63×42, 1×1 → 64×64, 100×50 → 32 wide, 64 high', () => {
    assert.deepEqual(pixelSize(2, 3), { width: 63, height: 42 });
    assert.deepEqual(pixelSize(1, 1), { width: 64, height: 64 });
    assert.deepEqual(pixelSize(100, 50), { width: 32, height: 64 });
  });
  test('heatMap paints NaN grey', () => {
    const h = heatMap([NaN, 1], 1, 2);
    const png = PNG.sync.read(Buffer.from(h.uri.split(',')[1], 'base64'));
    assert.deepEqual([...png.data.subarray(0, 3)], [128, 128, 128]);
  });
  test('table of 9×9 shows rows and columns 0..5 then …', () => {
    const t = table(
      Array.from({ length: 81 }, (_, k) => k),
      9,
      9,
    );
    assert.equal(t.split('\n')[0], '|  | │ | **0** | **1** | **2** | **3** | **4** | **5** | … |');
    assert.equal(t.split('\n')[2], '| **0** | │ | 0 | 1 | 2 | 3 | 4 | 5 | … |');
    assert.equal(t.split('\n')[8], '| … | │ | … | … | … | … | … | … | … |');
    assert.equal(t.split('\n').length, 2 + 6 + 1);
  });
  test('table 1×3 [0, 1, 2]: bold indices, a │ column between the row index and the values', () => {
    assert.deepEqual(table([0, 1, 2], 1, 3).split('\n'), [
      '|  | │ | **0** | **1** | **2** |',
      '| --: | :-: | --: | --: | --: |',
      '| **0** | │ | 0 | 1 | 2 |',
    ]);
  });
  test('escapeMarkdown neutralises links, images and HTML', () =>
    assert.equal(escapeMarkdown('![x](command:y) <b>'), '\\!\\[x\\]\\(command:y\\) \\<b\\>'));
  test('documentSyntax: *.m in Objective-C mode is MATLAB; other Objective-C files and unknown languages are not served', () => {
    const cases: [string, string, string | undefined][] = [
      ['objective-c', '/w/demo/scratch.m', 'matlab'],
      ['objective-c', 'C:\\w\\SCRATCH.M', 'matlab'],
      ['objective-c', '/w/src/view.mm', undefined],
      ['objective-c', '/w/src/view.h', undefined],
      ['objective-c', 'Untitled-1', undefined],
      ['matlab', '/w/a.m', 'matlab'],
      ['julia', '/w/a.jl', 'matlab'],
      ['python', '/w/a.m', 'python'],
      ['jsonc', '/w/settings.json', 'nested'],
      ['rust', '/w/a.rs', undefined],
    ];
    assert.deepEqual(
      cases.map(([languageId, fileName]) => documentSyntax({ languageId, fileName })),
      cases.map((c) => c[2]),
    );
  });
  test("MATLAB v = [1 -1]': the hover shows the column 2×1, says transposed, and links pass [[1], [-1]]", () => {
    const h = hoverAt(linesOf("v = [1 -1]';"), { line: 0, character: 6 }, { syntax: 'matlab', maxElements: 10_000 });
    assert.match(h?.markdown ?? '', /\*\*matrix 2×1\*\* · transposed \(`'`\)/);
    assert.deepEqual(links(h?.markdown ?? '')[0][2], { X: [[1], [-1]] });
  });
  test('links say where the matrices come from: "demo/a.py:2" for a literal, "…:3 corr2d(…)" for a call, parentheses in names encoded', () => {
    const py = ['import numpy as np', 'K = [[1, -1]]', 'corr2d(K, K)'].join('\n');
    const opts = { syntax: 'python' as const, maxElements: 10_000, label: 'demo/notes (1).py' };
    const literal = links(hoverAt(linesOf(py), { line: 1, character: 7 }, opts)?.markdown ?? '');
    assert.deepEqual(
      literal.map((l) => l[2]),
      [
        { X: [[1, -1]], source: 'demo/notes (1).py:2' },
        { K: [[1, -1]], source: 'demo/notes (1).py:2' },
        { K: [[1, -1]], source: 'demo/notes (1).py:2' },
        { K: [[1, -1]], source: 'demo/notes (1).py:2' },
      ],
    );
    const call = links(hoverAt(linesOf(py), { line: 2, character: 2 }, opts)?.markdown ?? '');
    assert.deepEqual(call[0][2], { X: [[1, -1]], K: [[1, -1]], source: 'demo/notes (1).py:3 corr2d(…)' });
  });
  test('every language the hover serves activates the extension (package.json onLanguage:…)', () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    const events = new Set<string>(manifest.activationEvents);
    for (const language of [...HOVER_LANGUAGES, MATLAB_AS_OBJECTIVE_C.language]) {
      assert.ok(events.has(`onLanguage:${language}`), `activationEvents lacks onLanguage:${language}`);
    }
  });
  test('legend: range for varied matrices; "all zeros" / "all entries 2" for constant ones', () => {
    assert.equal(legend({ scale: 'sequential', min: 0, max: 8 }), 'viridis, 0 … 8');
    assert.equal(legend({ scale: 'diverging', min: -1, max: 0.5 }), 'blue < 0 < red, -1 … 0.5');
    assert.equal(legend({ scale: 'sequential', min: 0, max: 0 }), 'all zeros');
    assert.equal(legend({ scale: 'sequential', min: 2, max: 2 }), 'all entries 2');
    assert.equal(legend({ scale: 'diverging', min: -0.5, max: -0.5 }), 'all entries -0.5');
  });
  test("syntaxFor: MATLAB rules for matlab, octave, julia; Python's comments for python; nested lists for the rest", () =>
    assert.deepEqual(['matlab', 'octave', 'julia', 'python', 'typescriptreact', 'jsonc'].map(syntaxFor), [
      'matlab',
      'matlab',
      'matlab',
      'python',
      'nested',
      'nested',
    ]));
});

describe('hover over corr2d(X, K)', () => {
  const text = [
    'X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])',
    'K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])',
    'corr2d(X, K)',
    'corr2d(K, X)',
  ].join('\n');
  test('shows the result of corr2dReference: [[19, 25], [37, 43]] (d2l Fig. 5.1)', () => {
    const h = hoverAt(linesOf(text), { line: 2, character: 2 }, { syntax: 'nested', maxElements: 10_000 });
    assert.ok(h);
    const Y = corr2dReference(
      [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8],
      ],
      [
        [0, 1],
        [2, 3],
      ],
    );
    assert.deepEqual(Y, [
      [19, 25],
      [37, 43],
    ]);
    assert.ok(h.markdown.includes('| **0** | │ | 19 | 25 |\n| **1** | │ | 37 | 43 |'), h.markdown);
    assert.match(h.markdown, /X 3×3 ⋆ K 2×2 → \*\*Y 2×2\*\*/);
    assert.deepEqual(links(h.markdown)[0].slice(1), [
      'conv2d.stepCrossCorrelation',
      {
        X: [
          [0, 1, 2],
          [3, 4, 5],
          [6, 7, 8],
        ],
        K: [
          [0, 1],
          [2, 3],
        ],
      },
    ]);
  });
  test('d2l line 43: corr2d(tf.transpose(tf.constant(X, ...)), tf.constant(K, ...)) → no hover, not a syntax message', () => {
    const py = [
      'X = [[1, 1, 0], [1, 1, 0]]',
      'K = [[1, -1]]',
      'print(corr2d(tf.transpose(tf.constant(X, dtype=tf.float32)), tf.constant(K, dtype=tf.float32)))',
    ];
    for (const needle of ['corr2d', 'transpose', 'constant(X', 'constant(K']) {
      const pos = { line: 2, character: py[2].indexOf(needle) + 2 };
      assert.equal(hoverAt(linesOf(py.join('\n')), pos, { syntax: 'nested', maxElements: 10_000 }), undefined, needle);
    }
  });
  test('corr2d(X + 1, K) and corr2d([[1, 2]] [0], K): expressions → no hover; corr2d([[1, 2]], K) still computes', () => {
    const py = ['K = [[1, -1]]', 'corr2d(X + 1, K)', 'corr2d([[1, 2]] [0], K)', 'corr2d([[1, 2]], K)'].join('\n');
    assert.equal(hoverAt(linesOf(py), { line: 1, character: 2 }, { syntax: 'nested', maxElements: 10_000 }), undefined);
    assert.equal(hoverAt(linesOf(py), { line: 2, character: 2 }, { syntax: 'nested', maxElements: 10_000 }), undefined);
    assert.match(
      hoverAt(linesOf(py), { line: 3, character: 2 }, { syntax: 'nested', maxElements: 10_000 })?.markdown ?? '',
      /\*\*Y 1×1\*\*/,
    );
  });
  test('corr2d(X, K, padding=1): Y 4×4 = corr2dReference with padding 1; the Step link carries the padding', () => {
    const py = text.replace('corr2d(X, K)', 'corr2d(X, K, padding=1)');
    const h = hoverAt(linesOf(py), { line: 2, character: 2 }, { syntax: 'nested', maxElements: 10_000 });
    assert.ok(h);
    const Y = corr2dReference(
      [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8],
      ],
      [
        [0, 1],
        [2, 3],
      ],
      { padding: 1 },
    );
    assert.deepEqual([Y.length, Y[0].length, Y[0][0], Y[3][3]], [4, 4, 0, 0]);
    assert.match(h.markdown, /X 3×3 ⋆ K 2×2 \(padding=1\) → \*\*Y 4×4\*\*/);
    assert.ok(h.markdown.includes(`| **1** | │ | ${Y[1].join(' | ')} |`), h.markdown);
    assert.deepEqual(links(h.markdown)[0][2], {
      X: [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8],
      ],
      K: [
        [0, 1],
        [2, 3],
      ],
      padding: 1,
    });
  });
  test("tf.nn.conv2d(X, K, strides=[1, 2, 2, 1], padding='SAME'): stride 2 and 'same' from TensorFlow's spelling", () => {
    const py = text.replace('corr2d(X, K)', "tf.nn.conv2d(X, K, strides=[1, 2, 2, 1], padding='SAME')");
    const h = hoverAt(linesOf(py), { line: 2, character: 8 }, { syntax: 'nested', maxElements: 10_000 });
    const Y = corr2dReference(
      [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8],
      ],
      [
        [0, 1],
        [2, 3],
      ],
      { padding: 'same', stride: 2 },
    );
    assert.match(h?.markdown ?? '', /\(padding=same, stride=2\) → \*\*Y 2×2\*\*/);
    assert.ok(h?.markdown.includes(`| **0** | │ | ${Y[0].join(' | ')} |`), h?.markdown);
  });
  test('corr2d(X, K, bias=b, dilation=2): the bias is named as not applied; the dilation is', () => {
    const py = [
      'X = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]',
      'K = [[1, -1]]',
      'corr2d(X, K, bias=b, dilation=2)',
    ].join('\n');
    const h = hoverAt(linesOf(py), { line: 2, character: 2 }, { syntax: 'nested', maxElements: 10_000 });
    assert.match(h?.markdown ?? '', /Not applied: `bias=b`: Y below is computed without it/);
    assert.match(h?.markdown ?? '', /\(dilation=2\) → \*\*Y 3×2\*\*/);
    assert.ok(h?.markdown.includes('| **0** | │ | -2 | -2 |'), h?.markdown);
  });
  test("a kernel larger than the input → the reference's message, no throw", () => {
    const h = hoverAt(linesOf(text), { line: 3, character: 2 }, { syntax: 'nested', maxElements: 10_000 });
    assert.ok(h);
    assert.match(h.markdown, /larger/);
  });
});

describe('hover links: only the panels that take a matrix of this shape are offered (no link leads to a refusal)', () => {
  const square = (n: number) =>
    `[${Array.from({ length: n }, (_, r) => `[${Array.from({ length: n }, (_, c) => (r + c) % 3).join(', ')}]`).join(', ')}]`;
  const offered = (n: number) =>
    links(
      renderLiteral(parsed(square(n)), { maxElements: 1e6, anchor: { uri: 'file:///a.py', line: 0, character: 0 } }),
    ).map(([title]) => title.replace(/\\/g, ''));
  const step = ['Step cross-correlation with this as X', 'Step cross-correlation with this as kernel K'];
  test('3×3 (a Prewitt kernel): Step (X, K), edges with this kernel, learn it', () =>
    assert.deepEqual(offered(3), [...step, 'Detect edges with this kernel', 'Learn this kernel']));
  test('7×7: no "Learn" (it learns kernels that fit its 6×8 image)', () =>
    assert.deepEqual(offered(7), [...step, 'Detect edges with this kernel']));
  test('16×16: no kernel link for Detect Edges (kernels up to 15×15)', () => assert.deepEqual(offered(16), step));
  test('40×40: Step (up to 128×128) and Detect Edges with it as an image', () =>
    assert.deepEqual(offered(40), [...step, 'Detect edges in this matrix (as an image)']));
  test('200×200: only Detect Edges as an image (the finding: the only link opened a panel that refused)', () =>
    assert.deepEqual(offered(200), ['Detect edges in this matrix (as an image)']));
});

describe('hover: values as the dtype stores them (the finding: uint8 hovered −1 and −8)', () => {
  const hover = (text: string) => renderLiteral(parseLiteral(text, 'python'), { maxElements: 10_000 });
  test('np.array([0, 4, -1, 6, 8, -8], dtype=np.uint8): not storable, −1 named with the range, no links to panels', () => {
    const md = hover('np.array([0, 4, -1, 6, 8, -8], dtype=np.uint8)');
    assert.match(md, /\*\*Not storable as written\*\*/);
    assert.match(md.replace(/\\/g, ''), /"-1" at element 2 is outside uint8 \(0 … 255\)/);
    assert.match(md, /OverflowError/);
    assert.deepEqual(links(md), []);
  });
  test('np.array([[1.7, -2.5]], dtype=np.int8): the stored [1, −2] in the table, and a note saying why', () => {
    const md = hover('np.array([[1.7, -2.5]], dtype=np.int8)');
    assert.match(md, /\*dtype int8: 1\\\.7 → 1, \\-2\\\.5 → \\-2/);
    assert.match(md, /\| \*\*0\*\* \| │ \| 1 \| -2 \|/);
  });
  test('a 4-D kernel bank [2, 3, 2, 2]: shape first, its first matrices labelled [i][j]', () => {
    const bank = JSON.stringify(
      Array.from({ length: 2 }, (_, o) =>
        Array.from({ length: 3 }, (_, c) => [
          [o, c],
          [c, o],
        ]),
      ),
    );
    const md = hover(bank);
    assert.match(md, /\*\*4-D array 2×3×2×2\*\* \(2×3 matrices of 2×2\)/);
    assert.match(md, /\[0\]\[0\]:/);
    assert.match(md, /… 4 more matrices/);
  });
  test('a 4-D weight: read as PyTorch [out, in, kh, kw], links to convert it, and what a plain reshape would apply', () => {
    const literal = '[[[[1., 2.], [3., 4.]]], [[[5., 6.], [7., 8.]]]]';
    const anchor = { uri: 'file:///w.py', line: 0, character: 3 };
    const md = renderLiteral(parseLiteral(literal, 'python'), { maxElements: 10_000, anchor });
    assert.match(md, /As a PyTorch weight \[out, in, kh, kw\]: 2 output channels, 1 input channel, 2×2 kernels\./);
    const convert = [...md.matchAll(/\(command:conv2d\.convertLayout\?([^)]*)\)/g)].map(
      (m) => JSON.parse(decodeURIComponent(m[1]))[0],
    );
    assert.deepEqual(convert, [
      { ...anchor, to: 'tensorflow' },
      { ...anchor, to: 'pytorch' },
    ]);
    // The issue's classic mistake: reshaping [1…8] into [2, 2, 1, 2] makes [[1,3],[5,7]] output channel 0's kernel.
    assert.match(
      md.replace(/\\/g, ''),
      /plain reshape into \[kh, kw, in, out\] would apply \[\[1,3\],\[5,7\]\] as the first kernel instead of \[\[1,2\],\[3,4\]\]/,
    );
    assert.equal(/convertLayout/.test(hover(literal)), false, 'no anchor (no document): no convert links');
  });
  test('a summarised numpy printout is named as such, never shown as six values', () => {
    const md = hover('[   0    1    2 ... 4997 4998 4999]');
    assert.match(md, /\*\*Values left out of the printout\*\*/);
    assert.ok(!md.includes('data:image'), 'no heat map of six values');
  });
});

describe('hover over a transposed call (d2l §14.10)', () => {
  const src = [
    'X = [[0, 1], [2, 3]]',
    'K = [[0, 1], [2, 3]]',
    'Y = conv_transpose2d(X, K, stride=2, output_padding=1)',
  ].join('\n');
  test('conv_transpose2d(X, K, stride=2, output_padding=1): the link opens Step Transposed Convolution with the mode and output padding', () => {
    const h = hoverAt(
      linesOf(src),
      { line: 2, character: 8 },
      { syntax: 'nested', maxElements: 10_000, label: 'a.py' },
    );
    assert.ok(h);
    const [step] = links(h.markdown);
    assert.equal(step[0], 'Step this transposed convolution');
    assert.equal(step[1], 'conv2d.stepTransposedConvolution');
    const X = [
      [0, 1],
      [2, 3],
    ];
    assert.deepEqual(step[2], {
      X,
      K: X,
      stride: 2,
      outputPadding: 1,
      mode: 'transposed',
      source: 'a.py:3 conv_transpose2d(…)',
    });
  });
});
