// The Python reference used by other unit tests: Debian's numpy answers, and a failing script is reported with its error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { python } from './helpers/python';

test('python: numpy computes np.arange(6).reshape(2, 3).sum(axis=0) = [3, 5, 7]', () => {
  assert.equal(
    python('import numpy as np\nprint(np.arange(6).reshape(2, 3).sum(axis=0).tolist())').trim(),
    '[3, 5, 7]',
  );
});

test('python: a script that raises is an Error carrying its message', () => {
  assert.throws(() => python('raise ValueError("boom 42")'), /boom 42/);
});
