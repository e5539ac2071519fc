// Reading arrays out of a paused JavaScript program: the expressions of src/extension/debug/js.ts run in a Node vm
// context answering as js-debug's 'repl' context does (helpers/js-repl.ts) on real TypedArrays, nested arrays (rows may
// be TypedArrays), scijs-style strided views, onnxruntime-style {data, dims} and real tfjs tensors (cpu backend).
// Values are compared one by one with the arrays themselves, summaries with src/core/summary.ts on the same values,
// planes with src/core/slice.ts; the limit with the count of values the expressions asked for.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { pullTensor, withTimeout, type Pulled } from '../../src/extension/debug/pull';
import { DebugReadError } from '../../src/extension/debug/reply';
import { extractPlane, sizeOf } from '../../src/core/slice';
import { summarize } from '../../src/core/summary';
import { mulberry32 } from '../../src/core/random';
import { jsRepl } from './helpers/js-repl';

const LIMIT = 1_000_000;

/** The values a pulled tensor holds, NaN and ±∞ put back where `nonFinite` says. */
function valuesOf(p: Pulled): number[] {
  const out = [...p.tensor.data];
  const nf = p.tensor.nonFinite;
  nf?.nan.forEach((k) => (out[k] = NaN));
  nf?.posInf.forEach((k) => (out[k] = Infinity));
  nf?.negInf.forEach((k) => (out[k] = -Infinity));
  return out;
}

function pull(
  values: Record<string, unknown>,
  expression: string,
  opts: Partial<Parameters<typeof pullTensor>[3]> = {},
) {
  const repl = jsRepl(values);
  return { repl, result: pullTensor(repl.evaluate, 'js', expression, { maxElements: LIMIT, ...opts }) };
}

/** The furthest position any values expression of a log may read (the `k < b` bound of its loop). */
function furthestAsked(log: readonly string[]): number {
  return Math.max(0, ...log.map((e) => Number(/for \(let k = \d+; k < (\d+);/.exec(e)?.[1] ?? 0)));
}

function randomValues(seed: number, n: number): number[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => (rand() - 0.5) * 10 ** Math.floor(rand() * 8 - 4));
}

describe('debug (JavaScript): TypedArrays', () => {
  test('Float32Array of 9: shape 3×3 inferred, float32 values exactly, summary of the 9', async () => {
    const K = Float32Array.from(randomValues(1, 9));
    const p = await pull({ K }, 'K').result;
    assert.deepEqual(p.tensor.shape, [3, 3]);
    assert.equal(p.tensor.dtype, 'float32');
    assert.deepEqual(p.tensor.data, Array.from(K));
    assert.deepEqual(p.tensor.summary, summarize(K));
    assert.match(p.notes.join('\n'), /shape 3×3 inferred \(a square of 9 values\)/);
  });

  test('Float64Array of 12 as asked: "K as 2x2x3" gives [2,2,3]; 12 values not a square: a row [12] otherwise', async () => {
    const K = Float64Array.from(randomValues(2, 12));
    const asked = await pull({ K }, 'K', { shape: [2, 2, 3] }).result;
    assert.deepEqual(asked.tensor.shape, [2, 2, 3]);
    assert.deepEqual(asked.tensor.data, Array.from(K));
    const inferred = await pull({ K }, 'K').result;
    assert.deepEqual(inferred.tensor.shape, [12]);
    assert.match(inferred.notes.join(), /12 values, not a square/);
  });

  test('a shape of the wrong size is refused, naming both sizes: K as 4x4 for 9 values', async () => {
    const K = new Float32Array(9);
    await assert.rejects(pull({ K }, 'K', { shape: [4, 4] }).result, /K as 4×4: that shape holds 16 values, K has 9/);
  });

  test('Int8Array, Uint8ClampedArray, BigInt64Array: dtypes int8, uint8 (clamped), int64; values as numbers', async () => {
    const cases: Array<[ArrayLike<number | bigint>, string, number[]]> = [
      [Int8Array.from([-128, -1, 0, 127]), 'int8', [-128, -1, 0, 127]],
      [Uint8ClampedArray.from([0, 255, 3, 4]), 'uint8 (clamped)', [0, 255, 3, 4]],
      [BigInt64Array.from([-5n, 0n, 7n, 9n]), 'int64', [-5, 0, 7, 9]],
    ];
    for (const [K, dtype, values] of cases) {
      const p = await pull({ K }, 'K').result;
      assert.equal(p.tensor.dtype, dtype);
      assert.deepEqual(p.tensor.shape, [2, 2]);
      assert.deepEqual(p.tensor.data, values);
    }
  });

  test('NaN, +∞ and −∞ in a Float32Array: sent as 0 with their positions; the summary counts them apart', async () => {
    const K = Float32Array.from([1, NaN, -2, Infinity, 0.5, -Infinity, NaN, 3, 4]);
    const p = await pull({ K }, 'K').result;
    assert.deepEqual(p.tensor.nonFinite, { nan: [1, 6], posInf: [3], negInf: [5] });
    assert.deepEqual(p.tensor.data, [1, 0, -2, 0, 0.5, 0, 0, 3, 4]);
    assert.deepEqual(valuesOf(p), Array.from(K));
    assert.deepEqual(p.tensor.summary, { count: 5, min: -2, max: 4, mean: 6.5 / 5, nan: 2, posInf: 1, negInf: 1 });
  });
});

describe('debug (JavaScript): nested arrays and data objects', () => {
  test('nested x=[2,3,4] of random doubles: shape, values in reading order, summary', async () => {
    const flat = randomValues(3, 24);
    const X = [0, 1].map((i) => [0, 1, 2].map((j) => flat.slice(i * 12 + j * 4, i * 12 + j * 4 + 4)));
    const p = await pull({ X }, 'X').result;
    assert.deepEqual(p.tensor.shape, [2, 3, 4]);
    assert.equal(p.tensor.dtype, undefined);
    assert.deepEqual(p.tensor.data, flat);
    assert.deepEqual(p.tensor.summary, summarize(flat));
  });

  test('rows as Float32Arrays: [[Float32Array(3)] × 2] reads as 2×3 float32 values; booleans as 0/1', async () => {
    const rows = [Float32Array.from([0.1, 0.2, 0.3]), Float32Array.from([1, 2, 3])];
    const p = await pull({ rows }, 'rows').result;
    assert.deepEqual(p.tensor.shape, [2, 3]);
    assert.deepEqual(p.tensor.data, [...rows[0], ...rows[1]]);
    const b = await pull({ b: [[true, false]] }, 'b').result;
    assert.deepEqual(b.tensor.data, [1, 0]);
  });

  test('ragged [[1, 2, 3], [4, 5]]: "ragged: [1] has 2 entries where [0] has 3"; a string entry and null named by index', async () => {
    await assert.rejects(
      pull(
        {
          R: [
            [1, 2, 3],
            [4, 5],
          ],
        },
        'R',
      ).result,
      (e: unknown) =>
        e instanceof DebugReadError &&
        e.kind === 'not-numeric' &&
        e.message === 'R: not a numeric array: ragged: [1] has 2 entries where [0] has 3',
    );
    await assert.rejects(pull({ S: [[1, 'a']] }, 'S').result, /S: not a numeric array: entry \[0\]\[1\] is a string/);
    await assert.rejects(pull({ N: [[1], [null]] }, 'N').result, /entry \[1\]\[0\] is null/);
    await assert.rejects(
      pull({ D: [[[1, 2]], [[3], [4]]] }, 'D').result,
      /ragged: \[1\] has 2 entries where \[0\] has 1/,
    );
  });

  test('scijs-style strided view {data, shape [3,2], stride [1,3], offset 0} (a transpose): [[0,3],[1,4],[2,5]]', async () => {
    const T = { data: Float64Array.from([0, 1, 2, 3, 4, 5]), shape: [3, 2], stride: [1, 3], offset: 0 };
    const p = await pull({ T }, 'T').result;
    assert.deepEqual(p.tensor.shape, [3, 2]);
    assert.deepEqual(p.tensor.data, [0, 3, 1, 4, 2, 5]);
    assert.equal(p.tensor.dtype, 'float64');
    const R = { data: Float64Array.from([9, 9, 0, 1, 2, 3]), shape: [2, 2], stride: [-2, 1], offset: 4 };
    assert.deepEqual((await pull({ R }, 'R').result).tensor.data, [2, 3, 0, 1]);
  });

  test('onnxruntime-style {data: Float32Array(8), dims: [2,2,2], type: "float32"}; a data/shape size mismatch is named', async () => {
    const O = { data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), dims: [2, 2, 2], type: 'float32' };
    const p = await pull({ O }, 'O').result;
    assert.deepEqual([p.tensor.shape, p.tensor.dtype, p.tensor.data], [[2, 2, 2], 'float32', [1, 2, 3, 4, 5, 6, 7, 8]]);
    const bad = { data: new Float32Array(5), shape: [2, 3] };
    await assert.rejects(pull({ bad }, 'bad').result, /its data holds 5 values, its shape 2x3 needs 6/);
  });

  test('not arrays: a Map, a string, a number, undefined — named, not parsed as six values', async () => {
    await assert.rejects(pull({ m: new Map() }, 'm').result, /m is a Map, not an array of numbers/);
    await assert.rejects(pull({ s: 'abc' }, 's').result, /s is a String, not an array of numbers/);
    await assert.rejects(pull({ n: 3 }, 'n').result, /n is a single number, not an array of numbers/);
    await assert.rejects(pull({ u: undefined }, 'u').result, /u is a undefined, not an array of numbers/);
  });

  test('an expression that throws: "K: the debugger could not evaluate it: ReferenceError: nope is not defined"', async () => {
    await assert.rejects(
      pull({}, 'nope').result,
      (e: unknown) =>
        e instanceof DebugReadError &&
        e.kind === 'failed' &&
        e.message === 'nope: the debugger could not evaluate it: ReferenceError: nope is not defined',
    );
  });
});

describe('debug (JavaScript): tfjs tensors', () => {
  before(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  test('tf.tensor x=[2,3,2,2] float32 and int32 [3,3]: shape, dtype and dataSync values', async () => {
    const values = randomValues(5, 24);
    const W = tf.tensor(values, [2, 3, 2, 2]);
    const p = await pull({ W }, 'W').result;
    assert.deepEqual([p.tensor.shape, p.tensor.dtype], [[2, 3, 2, 2], 'float32']);
    assert.deepEqual(p.tensor.data, Array.from(Float32Array.from(values)));
    const I = tf.tensor2d(
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
      [3, 3],
      'int32',
    );
    const q = await pull({ I }, 'I').result;
    assert.deepEqual([q.tensor.dtype, q.tensor.data], ['int32', [1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    W.dispose();
    I.dispose();
  });

  test('a disposed tensor and a string tensor are refused by name', async () => {
    const D = tf.tensor1d([1, 2]);
    D.dispose();
    await assert.rejects(pull({ D }, 'D').result, /D: not a numeric array: the tensor is disposed/);
    const S = tf.tensor1d(['a', 'b'], 'string');
    await assert.rejects(pull({ S }, 'S').result, /S: a tfjs tensor of dtype string, not real numbers/);
  });
});

describe('debug (JavaScript): chunks, the limit, cancellation', () => {
  test('50 values in chunks of 7: 1 describe + 1 summary + 8 value requests, values unchanged, progress to 50', async () => {
    const K = Float64Array.from(randomValues(6, 50));
    const seen: number[] = [];
    const { repl, result } = pull({ K }, 'K', { chunk: 7, progress: (done) => seen.push(done) });
    const p = await result;
    assert.equal(p.requests, 2 + Math.ceil(50 / 7));
    assert.equal(repl.log.length, p.requests);
    assert.deepEqual(p.tensor.data, Array.from(K));
    assert.deepEqual(seen, [0, 7, 14, 21, 28, 35, 42, 49, 50]);
  });

  test('x=[3,4,5] over a limit of 12 with plane rows=axis 2, cols=axis 0 at index 1 on axis 1: K[:, 1, :].T, 15 → every 2nd', async () => {
    const flat = randomValues(7, 60);
    const K = Float64Array.from(flat);
    const sel = { rowAxis: 2, colAxis: 0, index: [0, 1, 0] };
    const { repl, result } = pull({ K }, 'K', { shape: [3, 4, 5], maxElements: 12, plane: sel });
    const p = await result;
    assert.deepEqual(p.tensor.plane, { ...sel, step: 2, rows: 3, cols: 2 });
    const want = extractPlane(flat, [3, 4, 5], sel, 2);
    assert.deepEqual(p.tensor.data, want.flat());
    assert.ok(furthestAsked(repl.log) <= 6, 'positions of the 3×2 plane only');
    assert.deepEqual(p.tensor.summary, summarize(flat), 'the summary is of all 60 values');
    assert.match(
      p.notes.join(),
      /60 values, more than conv2d\.debug\.maxElements \(12\): showing K\[::2, 1, ::2\]\.T \(3×2, every 2nd row and column\)/,
    );
  });

  test('Float32Array 4000×4000 (16 000 000 values), limit 1 000 000: shape and summary of all, 1 000 000 values pulled (K[::4, ::4])', async () => {
    const n = 4000;
    const K = new Float32Array(n * n);
    const rand = mulberry32(8);
    for (let k = 0; k < K.length; k++) K[k] = rand() * 2 - 1;
    K[12345] = NaN;
    const repl = jsRepl({ K });
    const answers: number[] = [];
    const evaluate = async (e: string) => {
      const a = await repl.evaluate(e);
      answers.push(a.length);
      return a;
    };
    const p = await pullTensor(evaluate, 'js', 'K', { maxElements: LIMIT, shape: [n, n] });
    assert.deepEqual(p.tensor.shape, [n, n]);
    assert.deepEqual(p.tensor.summary, summarize(K));
    assert.equal(p.pulled, 1_000_000);
    assert.ok(furthestAsked(repl.log) <= 1_000_000, 'no position past the 1000×1000 plane is asked for');
    assert.ok(Math.max(...answers) < 100_000, `answers fit js-debug's 100 000-character repl budget`);
    assert.ok(p.requests < 2 + 1_000_000 / 3000, `${p.requests} requests: thousands of values each`);
    assert.deepEqual(p.tensor.plane, { rowAxis: 0, colAxis: 1, index: [0, 0], step: 4, rows: 1000, cols: 1000 });
    for (const [r, c] of [
      [0, 0],
      [999, 999],
      [123, 456],
      [500, 1],
    ]) {
      assert.equal(p.tensor.data[r * 1000 + c], K[r * 4 * n + c * 4], `plane cell ${r},${c}`);
    }
    assert.ok(
      repl.log.every((e) => e.length < 4000),
      'every expression is short: no value travels inside one',
    );
  });

  test('cancelled after two chunks: rejects as cancelled, no request after', async () => {
    const K = new Float64Array(100);
    let chunks = 0;
    const { repl, result } = pull({ K }, 'K', {
      chunk: 10,
      progress: (done) => (chunks = done / 10),
      cancelled: () => chunks >= 2,
    });
    await assert.rejects(result, (e: unknown) => e instanceof DebugReadError && e.kind === 'cancelled');
    assert.equal(repl.log.length, 4, 'describe, summary, two chunks');
  });

  test('shape, dtype and summary are reported before any value is asked for (a 100-value Float32Array in chunks of 10)', async () => {
    const K = Float32Array.from(randomValues(9, 100));
    const events: string[] = [];
    const repl = jsRepl({ K });
    const evaluate = async (e: string) => {
      events.push(/for \(let k =/.test(e) ? 'values' : 'other');
      return repl.evaluate(e);
    };
    await pullTensor(evaluate, 'js', 'K', {
      maxElements: LIMIT,
      chunk: 10,
      described: (p) => events.push(`described ${p.shape.join('×')} ${p.dtype} ${p.summary.count}`),
    });
    assert.deepEqual(events.slice(0, 4), ['other', 'other', 'described 10×10 float32 100', 'values']);
  });

  test('an adapter that does not answer within the limit: "K: the debugger did not answer within 0.05 s" (timeout)', async () => {
    const never = withTimeout(() => new Promise<string>(() => undefined), 50);
    await assert.rejects(
      pullTensor(never, 'js', 'K', { maxElements: LIMIT }),
      (e: unknown) =>
        e instanceof DebugReadError &&
        e.kind === 'timeout' &&
        /^K: the debugger did not answer within 0\.05 s; the program may be busy/.test(e.message),
    );
  });

  test('sizes: 0-element Float32Array gives shape [0] and an empty summary', async () => {
    const p = await pull({ E: new Float32Array(0) }, 'E').result;
    assert.deepEqual(p.tensor.shape, [0]);
    assert.deepEqual(p.tensor.data, []);
    assert.equal(sizeOf(p.tensor.shape), 0);
    assert.deepEqual(p.tensor.summary, { count: 0, nan: 0, posInf: 0, negInf: 0 });
  });
});
