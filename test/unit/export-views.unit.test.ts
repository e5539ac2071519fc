// Each view's "Copy as code" spec, built from its own state (webview-ui/<view>/export.ts), against the view's own
// numbers: the Step panel's Y from computeStep (tfjs cpu, what the panel draws), the sidebar's from tfjs corr2d, Detect
// Edges' from the float64 reference of the X it shows. The exported NumPy/SciPy programs RUN under Debian's numpy and
// scipy (1e-5: the panels compute in float32), the tfjs programs on tfjs-core's cpu backend. Also the export bar's
// pure helpers, the host's literal style per editor language, and the protocol's checks of the new messages.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { edgeImage, edgeKernel, fig51K, fig51X } from '../../src/core/fixtures';
import { transpose, type Matrix } from '../../src/core/matrix';
import { mulberry32, randomMatrix } from '../../src/core/random';
import { corr2dReference } from '../../src/core/reference';
import { corr2d } from '../../src/core/tfjs/tensor';
import { literalStyle } from '../../src/extension/export/style';
import { checkFromWebview, checkToWebview, MAX_LITERAL_VALUES } from '../../src/protocol/messages';
import { edgesExport, exportSpecOf as edgesSpecOf } from '../../webview-ui/edges/export';
import { EdgesModel, type Input } from '../../webview-ui/edges/model';
import { defaultEdgeState, type EdgeState } from '../../webview-ui/edges/state';
import type { BackendChoice } from '../../webview-ui/shared/backend';
import { storedAs } from '../../webview-ui/shared/image/stored';
import { flatten, literalLabel, outputLiteral, TARGETS } from '../../webview-ui/shared/export-source';
import { sidebarExport } from '../../webview-ui/sidebar/export';
import { defaultState as defaultSidebar, type SidebarState } from '../../webview-ui/sidebar/state';
import { computeStep } from '../../webview-ui/step/compute';
import { exportSpecOf as stepSpecOf, stepExport } from '../../webview-ui/step/export';
import { defaultStepState, type StepState } from '../../webview-ui/step/state';
import { exampleById } from '../../webview-ui/step/presets';
import { assertMatrixClose } from './helpers/assert';
import { runPython, runTfjs } from './helpers/run-export';
import { useCpuBackend } from './helpers/tf';

before(useCpuBackend);

const rand = mulberry32(12);
/** The Step state of a one-channel layer written in 2-D: X [h, w] → [1, h, w], K [kh, kw] → [1, 1, kh, kw], b → [b]. */
type Step2d = Omit<Partial<StepState>, 'X' | 'K' | 'bias'> & { X?: Matrix; K?: Matrix; bias?: number };
const step = ({ X, K, bias, ...rest }: Step2d): StepState => ({
  ...defaultStepState(),
  ...rest,
  ...(X ? { X: [X] } : {}),
  ...(K ? { K: [[K]] } : {}),
  ...(bias === undefined ? {} : { bias: [bias] }),
});
const stepCases: Array<{ title: string; s: StepState }> = [
  { title: "Fig. 7.2.1 x=[3,3] k=[2,2] s=1 p=valid (the panel's default)", s: step({}) },
  { title: 'Fig. 7.2.1 x=[3,3] k=[2,2] p=1 s=2 bias 1', s: step({ padding: 1, stride: 2, bias: 1 }) },
  {
    title: 'true convolution x=[6,7] k=[3,2] p=same s=2 d=1 bias -0.5 (odd padding bottom/right)',
    s: step({
      X: randomMatrix(rand, 6, 7),
      K: randomMatrix(rand, 3, 2),
      mode: 'convolution',
      padding: 'same',
      stride: 2,
      bias: -0.5,
    }),
  },
  {
    title: 'x=[7,7] k=[2,3] p=2 s=3 d=2, no bias',
    s: step({ X: randomMatrix(rand, 7, 7), K: randomMatrix(rand, 2, 3), padding: 2, stride: 3, dilation: 2 }),
  },
  {
    title: 'true convolution x=[5,5] k=[3,3] p=valid d=2',
    s: step({ X: randomMatrix(rand, 5, 5), K: randomMatrix(rand, 3, 3), mode: 'convolution', dilation: 2 }),
  },
];

describe("Step panel export: NumPy/SciPy and tfjs programs print the panel's Y (computeStep, 1e-5)", () => {
  let runs: ReturnType<typeof runPython> = [];
  before(() => {
    runs = runPython(
      stepCases.map((c) => stepExport(c.s).code('numpy')),
      ['Y'],
    );
  });
  stepCases.forEach((c, n) => {
    test(`NumPy: ${c.title}`, () => {
      const panel = computeStep(c.s).Y;
      assert.ok(panel, 'the panel computes Y');
      assertMatrixClose((runs[n].values.Y as Matrix[])[0], panel, 1e-5, 'Y');
    });
    test(`tfjs: ${c.title}`, () => {
      const panel = computeStep(c.s).Y as Matrix;
      const r = runTfjs(stepExport(c.s).code('tfjs'), ['Y']);
      assertMatrixClose((r.values.Y as Matrix[])[0], panel, 1e-5, 'Y');
    });
  });
  test('spec of x=[3,3] k=[2,2] p=1 s=2 bias 1, convolution: X [1,3,3], K unflipped [1,1,2,2], bias [1]', () => {
    const s = step({ padding: 1, stride: 2, bias: 1, mode: 'convolution' });
    assert.deepEqual(stepSpecOf(s), {
      op: 'convolution',
      X: [fig51X()],
      K: [[fig51K()]],
      padding: 1,
      stride: 2,
      dilation: 1,
      groups: 1,
      bias: [1],
    });
    assert.equal(stepSpecOf(step({ padding: 0 })).padding, 'valid', "padding 0 is 'valid'");
  });
  test('literals X, K, Y (Y as the program prints it); a kernel that does not fit X: no code, Y says why', () => {
    const src = stepExport(step({ padding: 1, stride: 2, bias: 1 }));
    assert.deepEqual(
      src.literals.map((l) => l.label),
      ['X (3×3)', 'K (2×2)', 'Y (2×2)'],
    );
    // By hand: X zero-padded to 5×5, windows at rows/columns 0 and 2, + 1.
    assert.deepEqual(src.literals[2].values(), [
      [1, 9],
      [22, 44],
    ]);
    const bad = stepExport(step({ K: randomMatrix(rand, 5, 5) }));
    assert.throws(() => bad.code('numpy'), /^Error: Nothing to export: K \(5×5\) does not fit in X \(3×3\)/);
    assert.match(String(bad.literals[2].values()), /^Y has no cells with these settings: K \(5×5\) does not fit/);
  });
});

describe('Step panel export with channels: the program prints every output channel the panel computes (1e-5)', () => {
  const cases = ['d2l-742', 'depthwise', 'grouped'].map((id) => {
    const e = exampleById(id)!;
    return { id, s: { ...defaultStepState(), X: e.X(), K: e.K(), groups: e.groups, bias: e.K().map((_, o) => o - 1) } };
  });
  test('§7.4.2 (2 → 3), depthwise (groups 2), grouped (4 → 4, groups 2), bias o − 1: NumPy and tfjs', () => {
    const runs = runPython(
      cases.map((c) => stepExport(c.s).code('numpy')),
      ['Y'],
    );
    for (const [n, c] of cases.entries()) {
      const panel = computeStep(c.s).Yall;
      assert.ok(panel, `${c.id}: the panel computes Y`);
      const numpy = runs[n].values.Y as Matrix[];
      const tfjs = runTfjs(stepExport(c.s).code('tfjs'), ['Y']).values.Y as Matrix[];
      assert.equal(numpy.length, panel.length, `${c.id}: one map per output channel`);
      panel.forEach((Yo, o) => {
        assertMatrixClose(numpy[o], Yo, 1e-5, `${c.id} NumPy Y[${o}]`);
        assertMatrixClose(tfjs[o], Yo, 1e-5, `${c.id} tfjs Y[${o}]`);
      });
    }
    // §7.4.2 by hand: K, K+1, K+2 give [[56,72],[104,120]], [[76,100],[148,172]], [[96,128],[192,224]]; + b = o − 1.
    assert.deepEqual(stepExport(cases[0].s).literals[2].values(), [
      [
        [55, 71],
        [103, 119],
      ],
      [
        [76, 100],
        [148, 172],
      ],
      [
        [97, 129],
        [193, 225],
      ],
    ]);
    assert.deepEqual(
      stepExport(cases[0].s).literals.map((l) => l.label),
      ['X (2×3×3)', 'K (3×2×2×2)', 'Y (3×2×2)'],
    );
  });
});

describe("Step panel export with the stacked layer: z = corr2d(Y, K2) printed after Y (computeStep's z)", () => {
  const stacked = step({ stack: true }); // Fig. 7.2.1 with K2 = [[1, 1], [1, 1]]: z = 19 + 25 + 37 + 43 = 124
  const wide = step({ stack: true, padding: 1, stride: 2, bias: 1, K2: randomMatrix(rand, 2, 1) });
  test('NumPy and tfjs: x=[3,3] k=[2,2] K2=[2,2] → z = [[124]]; x=[3,3] p=1 s=2 bias 1, K2 2×1 → z 1×2', () => {
    const runs = runPython(
      [stacked, wide].map((s) => stepExport(s).code('numpy')),
      ['Z'],
    );
    assert.deepEqual(runs[0].values.Z, [[124]]);
    for (const [n, s] of [stacked, wide].entries()) {
      const panel = computeStep(s).Z as Matrix;
      assertMatrixClose(runs[n].values.Z as Matrix, panel, 1e-5, 'NumPy z (the panel computes in float32)');
      assertMatrixClose(runTfjs(stepExport(s).code('tfjs'), ['Z']).values.Z as Matrix, panel, 1e-5, 'tfjs z');
    }
    assert.deepEqual(
      stepExport(wide).literals.map((l) => l.label),
      ['X (3×3)', 'K (2×2)', 'Y (2×2)', 'K2 (2×1)', 'z (1×2)'],
    );
  });
  test('PyTorch and TensorFlow: the appended block', () => {
    const tail = (target: 'pytorch' | 'tensorflow') =>
      stepExport(stacked).code(target).trimEnd().split('\n').slice(-5).join('\n');
    assert.equal(
      tail('pytorch'),
      [
        "# The stacked second layer (d2l §7.2.6): z = corr2d(Y, K2), 'valid', stride 1; K2: [kh, kw] = [2, 2].",
        'K2 = torch.tensor([[1, 1],',
        '                   [1, 1]], dtype=torch.float64)',
        'Z = F.conv2d(Y[None], K2[None, None])[0, 0]',
        'print(Z)',
      ].join('\n'),
    );
    assert.equal(
      tail('tensorflow'),
      [
        "# The stacked second layer (d2l §7.2.6): z = corr2d(Y, K2), 'valid', stride 1; K2: [kh, kw] = [2, 2].",
        'K2 = np.array([[1, 1],',
        '               [1, 1]], dtype=np.float64)',
        "Z = tf.nn.conv2d(Y[0][None, :, :, None], K2[:, :, None, None], strides=1, padding='VALID')[0, :, :, 0]",
        'print(Z)',
      ].join('\n'),
    );
  });
  test('a K2 larger than Y: the panel shows no z, the code has no second layer', () => {
    const s = step({ stack: true, K2: randomMatrix(rand, 3, 3) });
    assert.ok(!/K2/.test(stepExport(s).code('numpy')));
    assert.deepEqual(
      stepExport(s).literals.map((l) => l.name),
      ['X', 'K', 'Y'],
    );
  });
});

describe("sidebar export: the program prints the sidebar's Y = corr2d(X, K) + b (tfjs corr2d, 1e-5)", () => {
  const sb = (patch: Partial<SidebarState>): SidebarState => ({ ...defaultSidebar(), ...patch });
  const cases = [
    { title: 'x=[3,3] k=[2,2] defaults (no bias)', s: sb({}) },
    {
      title: 'x=[6,5] k=[3,3] p=same s=2 d=1 bias 2',
      s: sb({ X: randomMatrix(rand, 6, 5), K: randomMatrix(rand, 3, 3), padding: 'same', stride: 2, bias: 2 }),
    },
    { title: 'x=[8,8] k=[2,2] p=1 s=1 d=3', s: sb({ X: randomMatrix(rand, 8, 8), padding: 1, dilation: 3 }) },
  ];
  let runs: ReturnType<typeof runPython> = [];
  before(() => {
    runs = runPython(
      cases.map((c) => sidebarExport(c.s).code('numpy')),
      ['Y'],
    );
  });
  cases.forEach((c, n) =>
    test(c.title, () => {
      const { X, K, bias, padding, stride, dilation } = c.s;
      const panel = corr2d(X, K, { padding, stride, dilation }).map((row) => row.map((v) => v + bias));
      assertMatrixClose((runs[n].values.Y as Matrix[])[0], panel, 1e-5, 'Y');
      assert.equal(/\bb = /.test(sidebarExport(c.s).code('numpy')), bias !== 0, 'bias 0 writes no "+ b"');
    }),
  );
});

describe('Detect Edges export: the X the panel shows (book, transposed, matrix) or its photo file', () => {
  const fake = { forward: () => ({ load() {}, corr: async () => new Float32Array() }) };
  const model = new EdgesModel(fake as unknown as BackendChoice);
  const edges = (patch: Partial<EdgeState>): EdgeState => ({ ...defaultEdgeState(), ...patch });
  const X = randomMatrix(rand, 5, 7);
  const cases: Array<{ title: string; s: EdgeState; X: Matrix }> = [
    { title: "the book's 6×8 image, K=[1,-1]", s: edges({}), X: edgeImage() },
    { title: 'the book transposed (8×6), K=[1,-1]', s: edges({ transposed: true }), X: transpose(edgeImage()) },
    {
      title: 'a 5×7 matrix from the editor, Sobel x',
      s: edges({
        source: { kind: 'matrix', X },
        K: [
          [-1, 0, 1],
          [-2, 0, 2],
          [-1, 0, 1],
        ],
      }),
      X,
    },
  ];
  let runs: ReturnType<typeof runPython> = [];
  before(() => {
    runs = runPython(
      cases.map((c) => edgesExport(c.s, model.inputOf(c.s), undefined).code('numpy')),
      ['Y'],
    );
  });
  cases.forEach((c, n) =>
    test(c.title, () => {
      assertMatrixClose((runs[n].values.Y as Matrix[])[0], corr2dReference(c.X, c.s.K), 1e-9, 'Y');
    }),
  );
  const photoInput = (w: number, h: number, origW: number, origH: number): Input => ({
    plane: { data: new Float32Array(w * h), w, h },
    photo: {
      uri: 'webview-uri',
      name: 'scan.png',
      gray: { data: new Float32Array(w * h), w, h },
      origW,
      origH,
      format: 'PNG, 16-bit RGB',
      transparent: 0,
      stored: { format: 'png', bits: 16, channels: 3 },
    },
  });
  test('a 8000×6000 photo shrunk to 4096×3072, transposed: the file, its storage, the shrink and the transpose', () => {
    const s = edges({
      source: { kind: 'photo', uri: 'webview-uri', name: 'scan.png', path: '/home/u/scan.png' },
      transposed: true,
    });
    assert.deepEqual(edgesSpecOf(s, photoInput(4096, 3072, 8000, 6000)), {
      kind: 'photo',
      spec: {
        image: { path: '/home/u/scan.png', format: 'png', bits: 16, channels: 3 },
        K: edgeKernel(),
        shrink: [3072, 4096],
        transpose: true,
      },
    });
  });
  test('a photo at full size has no shrink; without its path, or still loading, export says what to do', () => {
    const s = edges({ source: { kind: 'photo', uri: 'webview-uri', name: 'scan.png', path: '/p/scan.png' } });
    const e = edgesSpecOf(s, photoInput(300, 200, 300, 200));
    assert.ok(typeof e !== 'string' && e.kind === 'photo' && e.spec.shrink === undefined && !e.spec.transpose);
    const noPath = edges({ source: { kind: 'photo', uri: 'webview-uri', name: 'scan.png' } });
    assert.match(String(edgesSpecOf(noPath, photoInput(3, 3, 3, 3))), /“Open image…” to open it again/);
    assert.equal(edgesSpecOf(s, undefined), 'Nothing to export yet: the photo is still loading');
    assert.throws(() => edgesExport(noPath, photoInput(3, 3, 3, 3), undefined).code('pytorch'), /Open image/);
  });
});

describe('storedAs: how a decoded image stores its pixels, for the reader exported code picks', () => {
  test('PNG 16-bit RGB; GIF; browser-decoded JPEG and an unknown kind as 8-bit RGBA', () => {
    assert.deepEqual(storedAs({ format: 'PNG, 16-bit RGB', max: 65535, channels: 3 }), {
      format: 'png',
      bits: 16,
      channels: 3,
    });
    assert.deepEqual(storedAs({ format: 'PNG, 2-bit grayscale', max: 3, channels: 1 }), {
      format: 'png',
      bits: 2,
      channels: 1,
    });
    assert.deepEqual(storedAs({ format: 'GIF, indexed (palette)', max: 255, channels: 4 }), {
      format: 'gif',
      bits: 8,
      channels: 4,
    });
    assert.deepEqual(storedAs({ format: 'JPEG, 8-bit RGBA as decoded by the browser', max: 255, channels: 4 }), {
      format: 'jpeg',
      bits: 8,
      channels: 4,
    });
    assert.equal(
      storedAs({ format: 'Image, 8-bit RGBA as decoded by the browser', max: 255, channels: 4 }).format,
      'other',
    );
  });
});

describe('export bar helpers', () => {
  test('TARGETS in the order the language choice lists them', () => {
    assert.deepEqual(
      TARGETS.map((t) => `${t.id}:${t.label}`),
      ['numpy:NumPy/SciPy', 'pytorch:PyTorch', 'tensorflow:TensorFlow/Keras', 'tfjs:TensorFlow.js'],
    );
  });
  test('flatten [2,3] and [2,1,2] row-major; over the limit names the size', () => {
    assert.deepEqual(
      flatten('K', [
        [1, 2, 3],
        [4, 5, 6],
      ]),
      { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] },
    );
    assert.deepEqual(flatten('X', [[[1, 2]], [[3, 4]]]), { shape: [2, 1, 2], data: [1, 2, 3, 4] });
    const big = Array.from({ length: 513 }, () => new Array(512).fill(0));
    assert.throws(() => flatten('X', big), {
      message: `X is 513×512 (262656 values); Insert as literal takes up to ${MAX_LITERAL_VALUES} values`,
    });
  });
  test('literalLabel and outputLiteral: Y (2×2) of Fig. 7.2.1; a geometry without output says why', () => {
    assert.equal(literalLabel('K', fig51K()), 'K (2×2)');
    const y = outputLiteral({ op: 'correlation', X: [fig51X()], K: [[fig51K()]] }, 'step');
    assert.equal(y.label, 'Y (2×2)');
    assert.deepEqual(y.values(), [
      [19, 25],
      [37, 43],
    ]);
    const none = outputLiteral({ op: 'correlation', X: [fig51X()], K: [[edgeImage()]] }, 'sidebar');
    assert.equal(none.label, 'Y');
    assert.match(String(none.values()), /^Y has no cells with these settings: K \(6×8\) does not fit in X \(3×3\)/);
  });
});

describe("Insert as literal: the syntax of the editor's language", () => {
  test('python: np.array when the file imports numpy as np, else lists', () => {
    assert.deepEqual(literalStyle('python', 'import numpy as np\nX = ', 2), { style: 'numpy', label: 'np.array' });
    assert.deepEqual(literalStyle('python', 'import torch\n# import numpy as np', 2), {
      style: 'python',
      label: 'Python list',
    });
  });
  test('JS/TS/JSON arrays; MATLAB and Octave matrices; Julia vectors and matrices, not 3-D; others lists', () => {
    for (const id of ['javascript', 'typescript', 'typescriptreact', 'json', 'jsonc']) {
      assert.equal((literalStyle(id, '', 2) as { style: string }).style, 'js', id);
    }
    assert.equal((literalStyle('matlab', '', 4) as { style: string }).style, 'matlab');
    assert.equal((literalStyle('octave', '', 2) as { style: string }).style, 'matlab');
    assert.deepEqual(literalStyle('julia', '', 1), { style: 'js', label: 'Julia vector' });
    assert.deepEqual(literalStyle('julia', '', 2), { style: 'matlab', label: 'Julia matrix' });
    assert.equal(
      literalStyle('julia', '', 3),
      'Julia: Insert as literal writes vectors and matrices, and this array is 3-D',
    );
    assert.deepEqual(literalStyle('markdown', '', 2), { style: 'python', label: 'nested lists' });
  });
});

describe('protocol: exportCode, insertLiteral and exportResult are checked on receipt', () => {
  const code = { type: 'exportCode', target: 'numpy', destination: 'clipboard', code: 'print(1)\n', what: 'Y' };
  test('a valid exportCode passes; an unknown target or destination is refused, naming the field', () => {
    assert.ok(checkFromWebview(code).ok);
    const bad = checkFromWebview({ ...code, target: 'julia' });
    assert.ok(!bad.ok && /at target/.test(bad.error), JSON.stringify(bad));
    assert.ok(!checkFromWebview({ ...code, destination: 'printer' }).ok);
    assert.ok(!checkFromWebview({ ...code, code: '' }).ok, 'empty code');
  });
  test('insertLiteral: shape [2,2] with 4 values passes; 3 values, rank 5, NaN are refused', () => {
    const m = { type: 'insertLiteral', name: 'K', shape: [2, 2], data: [1, 2, 3, 4] };
    assert.ok(checkFromWebview(m).ok);
    const short = checkFromWebview({ ...m, data: [1, 2, 3] });
    assert.ok(!short.ok && /shape\[0\] × shape\[1\]/.test(short.error), JSON.stringify(short));
    assert.ok(!checkFromWebview({ ...m, shape: [1, 1, 1, 2, 2] }).ok, 'rank 5');
    assert.ok(!checkFromWebview({ ...m, data: [1, 2, 3, NaN] }).ok, 'NaN');
  });
  test('exportResult reaches a view', () => {
    assert.ok(checkToWebview({ type: 'exportResult', ok: true, text: 'copied' }).ok);
    assert.ok(!checkToWebview({ type: 'exportResult', ok: 'yes', text: 'copied' }).ok);
  });
});
