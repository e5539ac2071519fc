// Code export: the NumPy/SciPy snippets RUN under Debian's numpy/scipy and must print the float64 reference (1e-9);
// the TensorFlow.js snippets RUN in Node on tfjs-core's cpu backend (float32 tolerance). PyTorch and TensorFlow cannot
// run here: their snippets are compared with hand-written expected text (test/unit/core-export-text.unit.test.ts).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { exportCode, exportReference, resolveSpec } from '../../src/core/export';
import { assertMatrixClose } from './helpers/assert';
import { python } from './helpers/python';
import { useCpuBackend } from './helpers/tf';
import { exportCases } from './helpers/export-cases';

before(useCpuBackend);

/**
 * Runs NumPy snippets, each as a whole script in a fresh namespace (`exec`), in ONE Python process (importing scipy
 * once per snippet file would dominate the test time), and returns each snippet's Y as nested lists.
 */
function runNumpy(codes: string[]): number[][][][] {
  const script =
    `import json, io, contextlib\nout = []\nfor code in json.loads(${JSON.stringify(JSON.stringify(codes))}):\n` +
    `    ns = {'__name__': '__main__'}\n` +
    `    with contextlib.redirect_stdout(io.StringIO()):\n` +
    `        exec(compile(code, 'export.py', 'exec'), ns)\n` +
    `    out.append(ns['Y'].tolist())\n` +
    `print(json.dumps(out))`;
  return JSON.parse(python(script));
}

/**
 * Runs a tfjs snippet as the body of a function given `tf` (the ES import line removed: Function bodies cannot
 * import) and returns Y's values. Y.print() goes to console.log, which is silenced meanwhile.
 */
function runTfjs(code: string): number[][][] {
  const body = code.replace("import * as tf from '@tensorflow/tfjs';\n", '');
  assert.ok(!/^import /m.test(body), 'only the tfjs import line is removed');
  const log = console.log;
  console.log = () => {};
  try {
    const Y = new Function('tf', `${body}\nreturn Y;`)(tf) as tf.Tensor;
    return Y.arraySync() as number[][][];
  } finally {
    console.log = log;
  }
}

describe('NumPy/SciPy export runs and prints the reference (1e-9)', () => {
  const cases = exportCases();
  let results: number[][][][] = [];
  before(() => {
    results = runNumpy(cases.map((c) => exportCode(c.spec, 'numpy')));
  });
  for (const [n, c] of cases.entries()) {
    test(c.title, () => {
      const want = exportReference(c.spec);
      assert.equal(results[n].length, want.length, 'c_out');
      want.forEach((M, o) => assertMatrixClose(results[n][o], M, 1e-9, `Y[${o}]`));
    });
  }
});

describe('TensorFlow.js export runs on tfjs-core (cpu) and prints the reference (float32, 1e-5)', () => {
  for (const c of exportCases()) {
    test(c.title, () => {
      const want = exportReference(c.spec);
      const n = tf.memory().numTensors;
      const got = tf.tidy(() => runTfjs(exportCode(c.spec, 'tfjs')));
      assert.equal(tf.memory().numTensors, n, 'the snippet run leaks no tensor (inside tidy)');
      assert.equal(got.length, want.length, 'c_out');
      want.forEach((M, o) => assertMatrixClose(got[o], M, 1e-5, `Y[${o}]`));
    });
  }
});

describe('resolveSpec: explicit numbers and errors', () => {
  test("'same' x=[2,5,6] k=3×3 stride 2 → pads top 1, bottom 1, left 0, right 1; output 3×3", () => {
    const r = resolveSpec(exportCases()[2].spec);
    assert.deepEqual(r.pads, { top: 1, bottom: 1, left: 0, right: 1 });
    assert.deepEqual([r.outH, r.outW, r.cOut], [3, 3, 2]);
  });
  test("transposed 'same' x=[1,3,3] k=4×1 stride 2 → crop 1/1 rows, output padding 1 column, output 6×6", () => {
    const r = resolveSpec(exportCases()[13].spec);
    assert.deepEqual(r.pads, { top: 1, bottom: 1, left: 0, right: 0 });
    assert.deepEqual(r.outputPadding, [0, 1]);
    assert.deepEqual([r.outH, r.outW], [6, 6]);
  });
  test('errors: output padding on a correlation, bias length, groups, unknown target', () => {
    const spec = exportCases()[0].spec;
    assert.throws(() => resolveSpec({ ...spec, outputPadding: 1 }), {
      message: 'export: output padding applies to the transposed convolution only',
    });
    assert.throws(() => resolveSpec({ ...spec, bias: [1, 2] }), {
      message: 'export: bias has 2 values, K has 1 output channels',
    });
    assert.throws(() => resolveSpec({ ...spec, groups: 2 }), { message: 'export: groups 2 does not divide c_out 1' });
    assert.throws(() => resolveSpec({ ...exportCases()[6].spec, groups: 1 }), {
      message: 'export: K has 2 input channels per group, X has 4 channels (groups 1)',
    });
    assert.throws(() => exportCode(spec, 'julia' as never), { message: 'export: unknown target julia' });
  });
});
