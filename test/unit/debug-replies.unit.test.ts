// What the debug feature reads besides arrays: the user's text ("K", "buf as 3x3"), the dialect of each debug type,
// adapters' answers as they quote them (js-debug picks a quote the text lacks; Python's repr; unquoted), the three
// `C2L|…` answers and their failures, adapters' error messages (a debugpy traceback, js-debug's "Uncaught …"), and
// the protocol's new messages (tensor, debugTensor, debugAction) refusing what they must.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dialectOf, inferredShape, readRequest } from '../../src/extension/debug/dialect';
import { adapterMessage } from '../../src/extension/debug/pull';
import {
  DebugReadError,
  readDescribe,
  readNumber,
  readSummary,
  readValues,
  unquote,
} from '../../src/extension/debug/reply';
import { typedDtype } from '../../src/extension/debug/js';
import { checkFromWebview, checkToWebview, MAX_TENSOR_VALUES } from '../../src/protocol/messages';
import { jsDebugQuote } from './helpers/js-repl';
import { python } from './helpers/python';

describe('debug: what the user typed', () => {
  test('"K", "model.conv1.weight", "weights[0]" are expressions; "buf as 3x3", "as [2, 3, 3]", "as (9,)", "as 2×2" give shapes', () => {
    assert.deepEqual(readRequest('  K '), { expression: 'K' });
    assert.deepEqual(readRequest('model.conv1.weight'), { expression: 'model.conv1.weight' });
    assert.deepEqual(readRequest('weights[0]'), { expression: 'weights[0]' });
    assert.deepEqual(readRequest('buf as 3x3'), { expression: 'buf', shape: [3, 3] });
    assert.deepEqual(readRequest('w.data as [2, 3, 3]'), { expression: 'w.data', shape: [2, 3, 3] });
    assert.deepEqual(readRequest('v as (9,)'), { expression: 'v', shape: [9] });
    assert.deepEqual(readRequest('k as 2×2'), { expression: 'k', shape: [2, 2] });
    assert.deepEqual(readRequest('alias'), { expression: 'alias' }, 'a name with "as" inside is no shape');
  });

  test('empty text, two lines and a zero dimension are refused by name', () => {
    assert.throws(() => readRequest('  '), /no expression/);
    assert.throws(() => readRequest('a\nb'), /spans several lines/);
    assert.throws(() => readRequest('K as 0x3'), /shape 0x3: every dimension must be at least 1/);
  });

  test('inferred shapes: 9 → 3×3, 16 → 4×4, 12 → [12], 1 → [1]', () => {
    assert.deepEqual([9, 16, 12, 1].map(inferredShape), [[3, 3], [4, 4], [12], [1]]);
  });

  test('dialects: js-debug types → js, debugpy/python → python, anything else → printed', () => {
    for (const t of ['pwa-node', 'node', 'pwa-chrome', 'pwa-msedge', 'pwa-extensionHost', 'node-terminal']) {
      assert.equal(dialectOf(t), 'js', t);
    }
    assert.deepEqual(['debugpy', 'python'].map(dialectOf), ['python', 'python']);
    assert.deepEqual(['cppdbg', 'lldb', 'julia', 'go'].map(dialectOf), ['printed', 'printed', 'printed', 'printed']);
  });

  test('TypedArray dtypes: Float32Array float32, Uint8ClampedArray uint8 (clamped), BigUint64Array uint64', () => {
    assert.deepEqual(
      ['Float32Array', 'Float64Array', 'Int16Array', 'Uint8ClampedArray', 'BigUint64Array', 'Other'].map(typedDtype),
      ['float32', 'float64', 'int16', 'uint8 (clamped)', 'uint64', 'Other'],
    );
  });
});

describe('debug: answers as adapters quote them', () => {
  test("js-debug's quoting (' unless the text holds one, then \", then `) comes off; so does Python repr made now", () => {
    for (const text of ['C2L|3|1,2,3', "it's", 'say "hi" it\'s', 'back\\slash']) {
      assert.equal(unquote(jsDebugQuote(text)), text, text);
    }
    const reprs = JSON.parse(
      python(`import json\nprint(json.dumps([repr(s) for s in ['C2L|2|1.5,nan', "it's", 'a\\\\b', 'x\\ny']]))`),
    ) as string[];
    assert.deepEqual(reprs.map(unquote), ['C2L|2|1.5,nan', "it's", 'a\\b', 'x\ny']);
    assert.equal(unquote('[[1. 0.]]'), '[[1. 0.]]', 'an unquoted answer stays');
  });

  test('describe: kinds, dtype, shape, problem, strides; other/number carry a type name; junk is refused', () => {
    assert.deepEqual(readDescribe("'C2L|ndarray|float32|2,3|'"), {
      kind: 'ndarray',
      dtype: 'float32',
      storage: [2, 3],
      shape: [2, 3],
    });
    assert.deepEqual(readDescribe('C2L|list||2,2|ragged: [1] has 1 entries where [0] has 2'), {
      kind: 'list',
      storage: [2, 2],
      shape: [2, 2],
      problem: 'ragged: [1] has 1 entries where [0] has 2',
    });
    assert.deepEqual(readDescribe('C2L|data|float64|3,2||0;1,3').layout, { offset: 0, strides: [1, 3] });
    assert.deepEqual(readDescribe('C2L|other|Map||'), { kind: 'other', storage: [], shape: [], typeName: 'Map' });
    assert.throws(() => readDescribe("'hello'"), /describe: unexpected answer from the debugger: hello/);
    assert.throws(() => readDescribe('C2L|weird|x|1|'), /unknown kind "weird"/);
    assert.throws(() => readDescribe('C2L|typed|Float32Array|-1|'), /"-1" is not a dimension/);
  });

  test('summary: finite stats, counts; no finite value gives no min/max/mean', () => {
    assert.deepEqual(readSummary('C2L|3|-2|4|1.1666666666666667|1|1|1'), {
      count: 3,
      min: -2,
      max: 4,
      mean: 1.1666666666666667,
      nan: 1,
      posInf: 1,
      negInf: 1,
    });
    assert.deepEqual(readSummary('C2L|0||||2|0|0'), { count: 0, nan: 2, posInf: 0, negInf: 0 });
  });

  test('values: JS and Python spellings of NaN and ±∞; fewer than asked is fine, more or a cut text is not', () => {
    assert.deepEqual(['NaN', 'nan', 'Infinity', '-inf', '1e-300', '-0.5'].map(readNumber), [
      NaN,
      NaN,
      Infinity,
      -Infinity,
      1e-300,
      -0.5,
    ]);
    assert.deepEqual(readValues('C2L|2|1,2', 5), [1, 2], 'the expression stopped at its budget');
    assert.throws(() => readValues('C2L|3|1,2,3', 2), /asked for 2, the debugger sent 3: the answer was cut short/);
    assert.throws(() => readValues('C2L|3|1,2...,3', 3), /cut short/);
    assert.throws(() => readValues('C2L|0|', 4), /cut short/);
    assert.throws(
      () => readValues('C2L|2|1,x', 2),
      (e: unknown) => e instanceof DebugReadError && e.kind === 'failed',
    );
  });

  test('adapters\' errors: a debugpy traceback gives its last line, js-debug\'s "Uncaught X" its first', () => {
    const traceback =
      'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nNameError: name \'K\' is not defined\n';
    assert.equal(adapterMessage(new Error(traceback)), "NameError: name 'K' is not defined");
    assert.equal(
      adapterMessage(new Error('Uncaught ReferenceError: K is not defined\n    at <anonymous>:1:1')),
      'ReferenceError: K is not defined',
    );
  });
});

describe('protocol: tensors and the debug messages', () => {
  const tensor = { shape: [2, 2], dtype: 'float32', data: [1, 0, 0, 1] };
  test('a cursor message with a 2×2×2 tensor, a debugTensor with a plane and a summary, a debugAction pass', () => {
    const cursor = {
      type: 'cursorMatrix',
      matrix: [
        [1, 2],
        [3, 4],
      ],
      label: 'a.py:1 2×2×2',
      tensor: { shape: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8] },
    };
    assert.ok(checkToWebview(cursor).ok);
    const debug = {
      type: 'debugTensor',
      expression: 'big as 4000x4000',
      label: 'app.js:3 main (pwa-node)',
      status: 'ready',
      pinned: true,
      tensor: {
        shape: [4, 4],
        data: [1, 2, 3, 4],
        plane: { rowAxis: 0, colAxis: 1, index: [0, 0], step: 2, rows: 2, cols: 2 },
        summary: { count: 16, min: 0, max: 15, mean: 7.5, nan: 0, posInf: 0, negInf: 0 },
        nonFinite: { nan: [1], posInf: [], negInf: [] },
      },
    };
    assert.ok(checkToWebview(debug).ok, JSON.stringify(checkToWebview(debug)));
    assert.ok(checkToWebview({ type: 'debugClear' }).ok);
    assert.ok(checkFromWebview({ type: 'debugAction', action: 'pin' }).ok);
    assert.ok(
      checkFromWebview({ type: 'debugAction', action: 'plane', plane: { rowAxis: 2, colAxis: 0, index: [1, 0, 0] } })
        .ok,
    );
  });

  test('a loading debugTensor with a preview (shape 4000×4000, float32, summary of 16 000 000) passes; a preview without a summary or with rank 9 is refused', () => {
    const summary = { count: 16_000_000, min: -3999, max: 3999, mean: 0, nan: 0, posInf: 0, negInf: 0 };
    const loading = (preview: unknown) => ({
      type: 'debugTensor',
      expression: 'big as 4000x4000',
      label: 'kernel.js:9 (pwa-node)',
      status: 'loading',
      progress: 0,
      pinned: false,
      preview,
    });
    const ok = checkToWebview(loading({ shape: [4000, 4000], dtype: 'float32', summary }));
    assert.ok(ok.ok, JSON.stringify(ok));
    assert.ok(!checkToWebview(loading({ shape: [4000, 4000] })).ok, 'no summary');
    assert.ok(!checkToWebview(loading({ shape: [1, 1, 1, 1, 1, 1, 1, 1, 1], summary })).ok, 'rank 9');
  });

  test('refused: data not matching the shape (or the plane), NaN in data, an unknown status or action, rank 9', () => {
    const bad = (m: unknown) => {
      const r = checkToWebview(m);
      assert.ok(!r.ok, JSON.stringify(m).slice(0, 80));
      return r.error;
    };
    const debug = (t: unknown) => ({
      type: 'debugTensor',
      expression: 'K',
      label: '',
      status: 'ready',
      pinned: false,
      tensor: t,
    });
    assert.match(bad(debug({ ...tensor, data: [1, 2, 3] })), /as many values as the shape/);
    assert.match(
      bad(debug({ ...tensor, plane: { rowAxis: 0, colAxis: 1, index: [0, 0], step: 1, rows: 1, cols: 1 } })),
      /as many values as the shape \(or the plane\)/,
    );
    bad(debug({ ...tensor, data: [1, NaN, 0, 1] }));
    bad({ ...debug(tensor), status: 'running' });
    bad(debug({ shape: [1, 1, 1, 1, 1, 1, 1, 1, 1], data: [0] }));
    assert.ok(!checkFromWebview({ type: 'debugAction', action: 'resume' }).ok);
    assert.equal(MAX_TENSOR_VALUES, 4_194_304);
  });
});
