// Runs exported programs: Python ones in ONE Debian python3 process (each in a fresh namespace, its printout
// captured), JavaScript ones as a function body given tfjs (and, for programs that read PNGs in Node, fs and
// fast-png), so the tests compare what the programs compute with the panels' numbers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { convertIndexedToRgb, decode } from 'fast-png';
import { python } from './python';

/** What a program left in its namespace (arrays as nested lists, numbers as numbers) and what it printed. */
export interface RunResult {
  values: Record<string, unknown>;
  printed: string;
}

/**
 * Runs each Python program and returns `names` from its namespace (`np.asarray(v).tolist()`; torch/TF tensors are
 * not expected: only NumPy programs run here) with its printout. One process for all (importing scipy per program
 * would dominate the time). Throws with the failing program's error.
 */
export function runPython(codes: string[], names: string[]): RunResult[] {
  const script = [
    'import json, io, contextlib, traceback',
    'import numpy as np',
    'out = []',
    `for code in json.loads(${JSON.stringify(JSON.stringify(codes))}):`,
    "    ns = {'__name__': '__main__'}",
    '    buf = io.StringIO()',
    '    with contextlib.redirect_stdout(buf):',
    "        exec(compile(code, 'export.py', 'exec'), ns)",
    `    out.append({'values': {n: np.asarray(ns[n]).tolist() for n in ${JSON.stringify(names)} if n in ns}, 'printed': buf.getvalue()})`,
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(python(script));
}

const IMPORTS: Record<string, string> = {
  "import * as tf from '@tensorflow/tfjs';": 'tf',
  "import { readFileSync } from 'node:fs';": 'readFileSync',
  "import { convertIndexedToRgb, decode } from 'fast-png';": 'convertIndexedToRgb, decode',
};

/**
 * Runs a tfjs program (an ES module of the imports above) on tfjs-core's current backend, inside `tf.tidy`, and returns
 * the values of `names` (tensors as nested arrays) and what it printed (console.log, silenced meanwhile). Throws for
 * an import it does not know.
 */
export function runTfjs(code: string, names: string[]): RunResult {
  let body = code;
  for (const line of Object.keys(IMPORTS)) body = body.replace(`${line}\n`, '');
  assert.ok(!/^import /m.test(body), `only known imports are removed: ${body.match(/^import .*/m)?.[0]}`);
  const printed: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => void printed.push(a.map(String).join(' '));
  try {
    const values = tf.tidy(() => {
      const f = new Function(
        'tf',
        'readFileSync',
        'convertIndexedToRgb',
        'decode',
        `${body}\nreturn { ${names.join(', ')} };`,
      );
      const got = f(tf, readFileSync, convertIndexedToRgb, decode) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(got).map(([k, v]) => [k, v instanceof tf.Tensor ? v.arraySync() : v]),
      ) as unknown as tf.TensorContainer;
    }) as unknown as Record<string, unknown>;
    return { values, printed: printed.join('\n') };
  } finally {
    console.log = log;
  }
}
